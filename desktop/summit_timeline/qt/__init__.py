"""Everything that imports PySide6 or pyqtgraph; ``core`` never imports this package."""
