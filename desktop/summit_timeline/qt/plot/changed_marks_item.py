"""A ring around each event that changed between two knowledge dates.

Self-contained on purpose: it reads the positions from ``ViewState.changed_marks``
and where each event was drawn from the events item's current frame, and
paints nothing else, so the ring can move to another painter without touching
how events are drawn.  Only events drawn one by one get a ring; in the
density view there is nothing to put it around.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ..state import ViewState
from .events_item import EventsItem
from .paint_guard import guarded_paint

LIGHT_COLOUR = QColor("#C2185B")
DARK_COLOUR = QColor("#FF80BF")


class ChangedMarksItem(pg.GraphicsObject):
    def __init__(self, state: ViewState, events: EventsItem) -> None:
        super().__init__()
        self._state = state
        self._events = events
        self.colour = QColor(LIGHT_COLOUR)
        self.setZValue(15)  # above events, below labels
        for signal in (state.sigChangedMarksChanged, state.sigShownChanged,
                       state.sigTimelineChanged, state.sigKnowledgeChanged):
            signal.connect(self.update)

    def set_dark(self, dark: bool) -> None:
        self.colour = QColor(DARK_COLOUR if dark else LIGHT_COLOUR)
        self.update()

    def boundingRect(self) -> QRectF:
        box = self.getViewBox()
        return QRectF() if box is None else QRectF(box.viewRect())

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()
        super().viewRangeChanged()

    def marked_rects(self) -> list[QRectF]:
        """Where the rings go now, in device pixels (one per marked event in view)."""
        marks = self._state.changed_marks
        frame, data = self._events.frame(), self._events.draw_set()
        if len(marks) == 0 or frame is None or data is None or frame.mode != "detail" \
                or len(frame.which) == 0:
            return []
        hits = np.flatnonzero(np.isin(data.position[frame.which], marks))
        return [QRectF(QPointF(frame.left[i], frame.top[i]),
                       QPointF(frame.right[i], frame.bottom[i])).adjusted(-3, -3, 3, 3)
                for i in hits.tolist()]

    @guarded_paint
    def paint(self, painter: QPainter, *args: Any) -> None:
        rects = self.marked_rects()
        if not rects:
            return
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Solid: a dashed outline already means "planned".
        painter.setPen(QPen(self.colour, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRoundedRect(rect, 4, 4)
        painter.restore()

    def mouseClickEvent(self, ev: Any) -> None:
        ev.ignore()  # clicks go to the view box, which selects the event under the ring
