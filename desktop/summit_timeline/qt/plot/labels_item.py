"""Event titles beside their markers, laid out so that no two ever overlap.

The layout runs per frame on the events the events item drew (capped, most
important first), and its rectangles are kept so tests and hit-testing can
check what the user actually sees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from ...core.model import STATUSES
from ..theme import PlotColours
from . import label_layout, sprites
from .events_item import EventsItem

_CANDIDATES: Final = 250
_MAX_WIDTH: Final = 280.0
_PAD: Final = 6.0
"""Horizontal padding around a label's text."""
_MIN_TITLE_PX: Final = 30.0
"""Least room for an abbreviated title beside its status suffix ("Put… (planned)")."""


class LabelsItem(pg.GraphicsObject):
    def __init__(self, events: EventsItem, title_of: Callable[[int], str],
                 colours: PlotColours) -> None:
        super().__init__()
        self._events = events
        self._title_of = title_of
        self._colours = colours
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self._texts: dict[tuple[int, int], tuple[str, float]] = {}
        self._rects: list[QRectF] = []
        self._shown: list[int] = []
        self._drawn: list[str] = []

    def set_colours(self, colours: PlotColours) -> None:
        self._colours = colours
        self.update()

    def reset(self) -> None:
        """Forget cached texts (a new timeline, or new statuses after a knowledge change)."""
        self._texts.clear()
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
            if len(self._texts) > 50_000:
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

    def paint(self, painter: QPainter, *args: Any) -> None:
        self._rects, self._shown, self._drawn = [], [], []
        frame = self._events.frame()
        data = self._events.draw_set()
        if frame is None or data is None or frame.mode != "detail" or len(frame.which) == 0:
            return
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
        placed = label_layout.place(
            frame.left[candidates], frame.right[candidates], frame.cy[candidates], widths,
            height, priority, (frame.plot[0] + 2, frame.plot[1] + 2, frame.plot[2] - 2,
                               frame.plot[3] - 2), frame.shapes()[candidates], narrowest)
        painter.save()
        painter.resetTransform()
        painter.setFont(self._font)
        back = QColor(self._colours.background)
        back.setAlpha(200)
        for j, got, rect_values in zip(placed.which.tolist(), placed.widths.tolist(),
                                       placed.rects.tolist(), strict=True):
            rect = QRectF(rect_values[0], rect_values[1], rect_values[2] - rect_values[0],
                          rect_values[3] - rect_values[1])
            i = int(candidates[j])
            painter.fillRect(rect, back)
            colour = self._colours.foreground if status[i] != sprites.CANCELLED \
                else self._colours.muted
            painter.setPen(colour)
            font = self._font
            if status[i] == sprites.CANCELLED:
                font = QFont(self._font)
                font.setStrikeOut(True)
            painter.setFont(font)
            title, suffix = texts[j][0], texts[j][1]
            text = title + suffix if got >= widths[j] - 0.5 \
                else self.fitted_text(title, suffix, got)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            self._rects.append(rect)
            self._drawn.append(text)
            self._shown.append(int(positions[i]))
        painter.restore()
