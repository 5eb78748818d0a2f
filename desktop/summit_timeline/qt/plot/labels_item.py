"""Event titles beside their markers, laid out so that no two ever overlap.

The layout runs on the events the events item drew (capped, most important
first) once per frame, that is once per view change: a repaint of the same
view (hover, selection) reuses it.  Its rectangles are kept so tests and
hit-testing can check what the user actually sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from ...core.model import STATUSES
from ...scene import label_layout
from ...scene.draw_set import DrawSet
from ..theme import PlotColours
from . import sprites
from .events_item import EventsItem
from .frame import Frame
from .paint_guard import guarded_paint

_CANDIDATES: Final = 250
_MAX_WIDTH: Final = 420.0
"""Longest label before its title is abbreviated, even with room to spare."""
_PAD: Final = 6.0
"""Horizontal padding around a label's text."""
_MIN_TITLE_PX: Final = 30.0
"""Least room for an abbreviated title beside its status suffix ("Put… (planned)")."""
_CACHE_LIMIT: Final = 50_000


@dataclass(frozen=True, eq=False)
class _Layout:
    """The labels of one frame, ready to draw: computed once per view, not per paint."""

    frame: Frame
    """The frame (and so the view) this layout is for; kept to compare by identity."""
    data: DrawSet
    rects: list[QRectF]
    texts: list[str]
    positions: list[int]
    cancelled: list[bool]


class LabelsItem(pg.GraphicsObject):
    def __init__(self, events: EventsItem, title_of: Callable[[int], str],
                 colours: PlotColours) -> None:
        super().__init__()
        self._events = events
        self._title_of = title_of
        self._colours = colours
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self._strike = QFont(self._font)
        self._strike.setStrikeOut(True)
        self._texts: dict[tuple[int, int], tuple[str, str, float, float]] = {}
        self._fitted: dict[tuple[str, str, float], str] = {}
        self._layout: _Layout | None = None
        self._rects: list[QRectF] = []
        self._shown: list[int] = []
        self._drawn: list[str] = []

    def set_colours(self, colours: PlotColours) -> None:
        self._colours = colours
        self.update()

    def reset(self) -> None:
        """Forget cached texts (a new timeline, or new statuses after a knowledge change)."""
        self._texts.clear()
        self._fitted.clear()
        self._layout = None
        self.update()

    def label_rects(self) -> list[QRectF]:
        """Rectangles of the labels drawn in the last frame, in device pixels."""
        return list(self._rects)

    def labelled_positions(self) -> list[int]:
        """Event positions whose label was drawn in the last frame."""
        return list(self._shown)

    def boundingRect(self) -> QRectF:
        box = self.getViewBox()
        return QRectF() if box is None else QRectF(box.viewRect())

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()
        super().viewRangeChanged()

    def _text(self, position: int, status: int) -> tuple[str, str, float, float]:
        """(title, status suffix, full width, narrowest width) of an event's label.

        The suffix (" (planned)", " (cancelled)"…) is kept apart from the title
        because it is the one part that must survive abbreviation: a planned
        meeting that loses "(planned)" reads as one that happened.
        """
        key = (position, status)
        cached = self._texts.get(key)
        if cached is None:
            title = self._title_of(position)
            suffix = f" ({STATUSES[status]})" if status != sprites.HELD else ""
            suffix_px = self._metrics.horizontalAdvance(suffix)
            title = self._metrics.elidedText(title, Qt.TextElideMode.ElideRight,
                                             _MAX_WIDTH - suffix_px)
            full = self._metrics.horizontalAdvance(title + suffix) + _PAD
            narrowest = min(full, max(label_layout.MIN_WIDTH, suffix_px + _MIN_TITLE_PX + _PAD))
            cached = (title, suffix, full, narrowest)
            if len(self._texts) > _CACHE_LIMIT:
                self._texts.clear()
            self._texts[key] = cached
        return cached

    def fitted_text(self, title: str, suffix: str, width: float) -> str:
        """The label in ``width`` pixels: the title abbreviated, the status suffix whole."""
        room = width - _PAD - self._metrics.horizontalAdvance(suffix)
        if self._metrics.horizontalAdvance(title) <= room:
            return title + suffix
        short = self._metrics.elidedText(title, Qt.TextElideMode.ElideRight, max(room, 0.0))
        return (short or "…") + suffix

    def label_texts(self) -> list[str]:
        """The texts drawn in the last frame, as laid out (abbreviated ones included)."""
        return list(self._drawn)

    def _fitted_text(self, title: str, suffix: str, width: float) -> str:
        key = (title, suffix, width)
        text = self._fitted.get(key)
        if text is None:
            if len(self._fitted) > _CACHE_LIMIT:
                self._fitted.clear()
            text = self._fitted[key] = self.fitted_text(title, suffix, width)
        return text

    def _current_layout(self) -> _Layout | None:
        frame = self._events.frame()
        data = self._events.draw_set()
        if frame is None or data is None or frame.mode != "detail" or len(frame.which) == 0:
            return None
        cached = self._layout
        if cached is not None and cached.frame is frame and cached.data is data:
            return cached
        self._layout = self._lay_out(frame, data)
        return self._layout

    def _lay_out(self, frame: Frame, data: DrawSet) -> _Layout:
        which = frame.which
        importance = data.importance[which].astype(np.float64)
        candidates = np.arange(len(which))
        if len(candidates) > _CANDIDATES:
            candidates = np.argsort(-importance, kind="stable")[:_CANDIDATES]
        status = data.status[which]
        positions = data.position[which]
        texts = [self._text(int(positions[i]), int(status[i])) for i in candidates.tolist()]
        widths = np.array([t[2] for t in texts], np.float64)
        narrowest = np.array([t[3] for t in texts], np.float64)
        height = self._metrics.height() + 2
        # Earlier events win ties, so reading left to right the first label is kept.
        priority = importance[candidates] - np.linspace(0, 0.5, len(candidates))
        shapes = np.column_stack((frame.left[candidates], frame.top[candidates],
                                  frame.right[candidates], frame.bottom[candidates]))
        placed = label_layout.place(
            frame.left[candidates], frame.right[candidates], frame.cy[candidates], widths,
            height, priority, (frame.plot[0] + 2, frame.plot[1] + 2, frame.plot[2] - 2,
                               frame.plot[3] - 2), shapes, narrowest)
        chosen = candidates[placed.which]
        rects = [QRectF(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in placed.rects.tolist()]
        drawn = []
        for j, got in zip(placed.which.tolist(), placed.widths.tolist(), strict=True):
            title, suffix = texts[j][0], texts[j][1]
            drawn.append(title + suffix if got >= widths[j] - 0.5
                         else self._fitted_text(title, suffix, got))
        return _Layout(frame, data, rects, drawn, positions[chosen].tolist(),
                       (status[chosen] == sprites.CANCELLED).tolist())

    @guarded_paint
    def paint(self, painter: QPainter, *args: Any) -> None:
        layout = self._current_layout()
        if layout is None:
            self._rects, self._shown, self._drawn = [], [], []
            return
        self._rects, self._shown, self._drawn = layout.rects, layout.positions, layout.texts
        painter.save()
        painter.resetTransform()
        back = QColor(self._colours.background)
        back.setAlpha(200)
        centre = Qt.AlignmentFlag.AlignCenter
        plain = (self._colours.foreground, self._font)
        struck = (self._colours.muted, self._strike)
        for rect, text, cancelled in zip(layout.rects, layout.texts, layout.cancelled,
                                         strict=True):
            painter.fillRect(rect, back)
            pen, font = struck if cancelled else plain
            painter.setPen(pen)
            painter.setFont(font)
            painter.drawText(rect, centre, text)
        painter.restore()
