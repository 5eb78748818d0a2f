"""What the timeline shows, worked out once, with no Qt: every painter draws this.

The window, the presenter's strip, the handout and every export turn the same
snapshot of what is shown into the same scene of arrays, rectangles and
strings; the painters in ``qt`` only paint it.  Nothing here imports Qt.
"""
