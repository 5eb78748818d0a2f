"""The pure core: model, dates, formats, index, knowledge date, review.

Nothing in this package may import Qt (PySide6, shiboken6, pyqtgraph) or the
``summit_timeline.qt`` layer, so that files can be validated, converted and
exported by scripts and tests on machines with no display.
"""
