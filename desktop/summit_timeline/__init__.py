"""Summit Timeline: an offline viewer for timelines of leaders' meetings."""

__version__ = "0.1.0"
