"""The timeline drawn with plain QPainter calls: lanes, events, labels, date axis.

The window's pyqtgraph items draw in device pixels through a live view box
and cache sprites as pixmaps, which would turn markers into bitmaps in SVG
and PDF.  This painter needs no widget, no view box and no display: give it
any QPainter (an image, an SVG generator, a PDF page, a widget) and a
rectangle, and everything is vector shapes and real text.  Sizes derive from
``unit`` (the label text height in pixels of that surface), so one layout
serves a 1280×720 projector, a 4K slide and an A4 page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from ...core import dates
from ...core.dates import Precision
from ...scene import date_ticks
from ...scene.snapshot import TimelineData
from ..plot import sprites
from .label_rows import pack_rows
from .look import Look, sans_font

LABEL_LIMIT = 3000
"""Above this many events in view, labels are left out (they could not be read anyway)."""
MAX_ROWS = 14
_LANE_GAP = 0.45
"""Space between lanes, in row heights."""
ROW_HEIGHT = 2.2
"""Largest row height, in label heights: extra room goes to the lanes, not into rows."""
GROWTH = (1.3, 1.15)
"""Larger label sizes tried first when the rows fit the height at that size."""
MIN_LABEL = 3.0
"""Narrowest room, in label heights, worth an ellipsised label."""


@dataclass(frozen=True)
class Placed:
    """One event as drawn: where its shape and label went, for tests and hit-testing."""

    position: int
    shape: QRectF
    label: QRectF | None
    point: bool


class TimelinePainter:
    """Draws a ``TimelineData`` into a rectangle of any paint device."""

    def __init__(self, data: TimelineData, look: Look) -> None:
        self.data = data
        self.look = look
        self.placed: list[Placed] = []
        """What the last ``paint`` drew, in painter coordinates."""

    def paint(self, painter: QPainter, rect: QRectF, x_range: tuple[float, float], unit: float,
              *, highlight: int = -1, lane_titles: bool = True, axis: bool = True,
              fill: bool = True, grow: bool = True) -> float:
        """Draw the shown events of ``x_range`` (day numbers, [start, end)) into ``rect``.

        ``highlight`` is an event position to ring and label in bold; the other
        labels are muted then, so the eye finds the current event first.  With
        ``fill`` the lanes share the whole height of ``rect`` (rows keep a capped
        height and sit in the middle of their lane); without it lanes shrink to
        their rows.  With ``grow`` labels get up to 30 % larger when the rows
        still fit.  Labels always stay inside the plot: they go to the side of
        their mark with room, or are shortened with an ellipsis.  Returns the
        bottom of what was drawn.
        """
        painter.save()
        painter.setClipRect(rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        lo, hi = x_range
        if not hi > lo:
            hi = lo + 1.0
        title_font = sans_font(unit, bold=True)
        lanes = self.data.lanes
        tracks = self.data.index.tracks
        title_w = 0.0
        if lane_titles and lanes:
            metrics = QFontMetricsF(title_font)
            title_w = min(max(metrics.horizontalAdvance(tracks[k].title) for k in lanes)
                          + unit * 1.6, rect.width() * 0.22)
        axis_h = unit * 2.3 if axis else 0.0
        plot = QRectF(rect.left() + title_w, rect.top(), rect.width() - title_w,
                      rect.height() - axis_h)
        sx = plot.width() / (hi - lo)
        ticks = date_ticks.plan(lo, hi, plot.width() * 13.0 / max(unit, 1.0))
        day = self.data.knowledge_day
        band = unit * 1.5 if day is not None and lo <= day + 1 <= hi else 0.0
        lanes_rect = plot.adjusted(0, band, 0, 0)
        layout = None
        for factor in (*(GROWTH if grow else ()), 1.0):
            size = unit * factor
            layout = self._layout(lanes_rect, lo, hi, sx, size, sans_font(size), highlight, fill)
            if layout.rows * size * ROW_HEIGHT <= lanes_rect.height():
                break
        assert layout is not None
        plot.setBottom(layout.bottom)
        self._paint_lanes(painter, rect, plot, layout, title_font, lane_titles, unit)
        self._paint_grid(painter, plot, lo, sx, ticks)
        self._paint_knowledge(painter, plot, lo, hi, sx, unit)
        self._paint_events(painter, layout, layout.unit, highlight)
        if axis:
            self._paint_axis(painter, plot, lo, hi, sx, unit, ticks)
        painter.restore()
        return plot.bottom() + axis_h

    # ------------------------------------------------------------ layout

    def _layout(self, plot: QRectF, lo: float, hi: float, sx: float, unit: float,
                font: QFont, highlight: int, fill: bool) -> _Layout:
        data = self.data
        known = data.known
        which = np.flatnonzero(data.shown & (known.end > lo) & (known.start < hi))
        which = which[np.lexsort((which, known.end[which], known.start[which]))]
        labelled = len(which) <= LABEL_LIMIT
        metrics = QFontMetricsF(font)
        bold = QFontMetricsF(sans_font(unit, bold=True))
        marker = unit * 1.15
        gap = unit * 0.45
        per_lane: dict[int, list[_Item]] = {k: [] for k in data.lanes}
        for pos in which.tolist():
            lane = int(data.index.lane[pos])
            if lane not in per_lane:
                continue
            x0 = plot.left() + (known.start[pos] - lo) * sx
            x1 = plot.left() + (known.end[pos] - lo) * sx
            point = (known.end[pos] - known.start[pos] <= 1.0) or (x1 - x0 < marker)
            if point:
                cx = (x0 + x1) / 2
                x0, x1 = cx - marker / 2, cx + marker / 2
            item = _Item(pos, float(x0), float(x1), point)
            if labelled:
                _place_label(item, data.event(pos).title,
                             bold if pos == highlight else metrics, plot, gap, unit)
            per_lane[lane].append(item)
        rows_of: dict[int, int] = {}
        for lane, items in per_lane.items():
            items.sort(key=lambda it: it.span()[0])
            spans = [it.span() for it in items]
            rows, fits = pack_rows([s[0] for s in spans], [s[1] for s in spans], MAX_ROWS,
                                   gap=unit * 0.6)
            for it, row, fit in zip(items, rows, fits, strict=True):
                it.row = row
                if not fit:
                    it.label_left = it.label_right = None
            rows_of[lane] = max(rows, default=0) + 1
        total_rows = sum(rows_of.values()) + _LANE_GAP * max(len(rows_of) - 1, 0)
        row_h = min(unit * ROW_HEIGHT, plot.height() / max(total_rows, 1.0))
        spare = max(plot.height() - row_h * total_rows, 0.0)
        share = spare / max(len(data.lanes), 1)
        if not fill:
            share = min(share, row_h * 1.5)
        lane_boxes: dict[int, QRectF] = {}
        top = plot.top()
        for lane in data.lanes:
            rows = rows_of.get(lane, 1)
            height = rows * row_h + share
            lane_boxes[lane] = QRectF(plot.left(), top, plot.width(), height)
            pad = share / 2
            for it in per_lane.get(lane, []):
                it.cy = top + pad + (it.row + 0.5) * row_h
            top += height + row_h * _LANE_GAP
        bottom = top - row_h * _LANE_GAP if lane_boxes else plot.bottom()
        return _Layout(per_lane, lane_boxes, row_h, marker, bottom, unit, total_rows)

    # ------------------------------------------------------------ painting

    def _paint_grid(self, painter: QPainter, plot: QRectF, lo: float, sx: float,
                    ticks: date_ticks.TickPlan) -> None:
        painter.setPen(QPen(self.look.grid, max(1.0, plot.height() / 600)))
        for value in date_ticks.values(lo, lo + plot.width() / sx, ticks.major):
            x = plot.left() + (value - lo) * sx
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))

    def _paint_lanes(self, painter: QPainter, rect: QRectF, plot: QRectF, layout: _Layout,
                     font: QFont, lane_titles: bool, unit: float) -> None:
        tracks = self.data.index.tracks
        for n, (lane, box) in enumerate(layout.lane_boxes.items()):
            colour = self.look.lane(lane, tracks[lane].colour)
            if n % 2 == 0:
                painter.fillRect(QRectF(rect.left(), box.top(), rect.width(), box.height()),
                                 self.look.lane_shade)
            if lane_titles:
                painter.fillRect(QRectF(rect.left(), box.top(), unit * 0.35, box.height()),
                                 colour)
                painter.setFont(font)
                painter.setPen(self.look.text)
                title_rect = QRectF(rect.left() + unit * 0.8, box.top(),
                                    plot.left() - rect.left() - unit * 1.0, box.height())
                text = QFontMetricsF(font).elidedText(tracks[lane].title,
                                                      Qt.TextElideMode.ElideRight,
                                                      title_rect.width())
                painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter
                                 | Qt.AlignmentFlag.AlignLeft, text)

    def _paint_knowledge(self, painter: QPainter, plot: QRectF, lo: float, hi: float,
                         sx: float, unit: float) -> None:
        day = self.data.knowledge_day
        if day is None or not lo <= day + 1 <= hi:
            return
        x = plot.left() + (day + 1 - lo) * sx
        pen = QPen(self.look.marker, max(1.0, unit * 0.12), Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        text = f"known on {dates.format_day(day)}"
        small = sans_font(unit * 0.85)
        metrics = QFontMetricsF(small)
        painter.setFont(small)
        width = metrics.horizontalAdvance(text)
        left = x - width - unit * 0.3 if x + width + unit > plot.right() else x + unit * 0.3
        left = max(left, plot.left())
        painter.setPen(self.look.marker)
        painter.drawText(QPointF(left, plot.top() + metrics.ascent()), text)

    def _paint_events(self, painter: QPainter, layout: _Layout, unit: float,
                      highlight: int) -> None:
        data = self.data
        look = self.look
        tracks = data.index.tracks
        marker = min(layout.marker, layout.row_h * 0.78)
        label_px = min(unit, layout.row_h * 0.72)
        plain = sans_font(label_px)
        bold = sans_font(label_px, bold=True)
        muted = QColor(look.text if highlight < 0 else look.muted)
        self.placed = []
        current: tuple[_Item, QColor] | None = None
        for lane, items in layout.items.items():
            colour = look.lane(lane, tracks[lane].colour)
            for it in items:
                status = int(data.known.status[it.position])
                half = marker / 2 if it.point else min(marker * 0.42, layout.row_h * 0.4)
                shape = QRectF(it.x0, it.cy - half, it.x1 - it.x0, 2 * half)
                fuzzy = int(data.known.precision[it.position]) < Precision.DAY
                self._paint_shape(painter, shape, status, colour, it.point, fuzzy, unit)
                label = None
                if it.label_left is not None and it.label_right is not None:
                    label = QRectF(it.label_left, it.cy - layout.row_h / 2,
                                   it.label_right - it.label_left, layout.row_h)
                    is_current = it.position == highlight
                    font = bold if is_current else plain
                    metrics = QFontMetricsF(font)
                    painter.setFont(font)
                    painter.setPen(look.text if is_current else muted)
                    baseline = it.cy + (metrics.ascent() - metrics.descent()) / 2
                    painter.drawText(QPointF(it.label_left, baseline), it.text)
                if it.position == highlight:
                    current = (it, colour)
                self.placed.append(Placed(it.position, shape, label, it.point))
        if current is not None:
            it, _ = current
            half = marker / 2 + unit * 0.35
            ring = QRectF(it.x0 - unit * 0.35, it.cy - half, it.x1 - it.x0 + unit * 0.7, 2 * half)
            glow = QColor(look.accent)
            glow.setAlpha(70)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(glow, unit * 0.5))
            painter.drawRoundedRect(ring, half, half)
            painter.setPen(QPen(look.accent, max(1.5, unit * 0.16)))
            painter.drawRoundedRect(ring, half, half)

    def _paint_shape(self, painter: QPainter, shape: QRectF, status: int, colour: QColor,
                     point: bool, fuzzy: bool, unit: float) -> None:
        """Status never by colour alone: filled held, dashed hollow planned, half postponed."""
        width = max(1.0, unit * 0.13)
        muted = self.look.muted
        painter.setPen(sprites.outline_pen(colour, status, width))
        if point:
            inner = shape.adjusted(width / 2, width / 2, -width / 2, -width / 2)
            if status == sprites.POSTPONED:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(inner)
                painter.setBrush(colour)
                painter.drawPie(inner, 90 * 16, 180 * 16)
            elif status == sprites.CANCELLED:
                painter.setPen(QPen(muted, width))
                painter.setBrush(muted)
                painter.drawEllipse(inner)
            else:
                painter.setBrush(sprites.fill_brush(colour, status, muted))
                painter.drawEllipse(inner)
        else:
            painter.setBrush(sprites.fill_brush(colour, status, muted, 90 if fuzzy else 230))
            painter.drawRoundedRect(shape, width * 2, width * 2)
        if status == sprites.CANCELLED:
            painter.setPen(QPen(self.look.text, width))
            y = shape.center().y()
            painter.drawLine(QPointF(shape.left() - width * 2, y),
                             QPointF(shape.right() + width * 2, y))

    def _paint_axis(self, painter: QPainter, plot: QRectF, lo: float, hi: float, sx: float,
                    unit: float, ticks: date_ticks.TickPlan) -> None:
        look = self.look
        y = plot.bottom()
        painter.setPen(QPen(look.muted, max(1.0, unit * 0.08)))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        if ticks.minor is not None:
            for value in date_ticks.values(lo, hi, ticks.minor):
                x = plot.left() + (value - lo) * sx
                painter.drawLine(QPointF(x, y), QPointF(x, y + unit * 0.3))
        values = date_ticks.values(lo, hi, ticks.major)
        font = sans_font(unit * 0.92)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        right_edge = -math.inf
        for value, text in zip(values, date_ticks.labels(values, ticks.major), strict=True):
            x = plot.left() + (value - lo) * sx
            painter.setPen(QPen(look.muted, max(1.0, unit * 0.08)))
            painter.drawLine(QPointF(x, y), QPointF(x, y + unit * 0.55))
            width = metrics.horizontalAdvance(text)
            if x + 3 < right_edge or x + unit * 0.25 + width > plot.right():
                continue
            painter.setPen(look.text)
            painter.drawText(QPointF(x + unit * 0.25, y + unit * 0.55 + metrics.ascent()), text)
            right_edge = x + width + unit * 0.8

    def paint_legend(self, painter: QPainter, origin: QPointF, unit: float) -> float:
        """A one-line key to the shapes, left to right from ``origin``; returns its width."""
        entries = (("held", sprites.HELD, True, False), ("planned", sprites.PLANNED, True, False),
                   ("postponed", sprites.POSTPONED, True, False),
                   ("cancelled", sprites.CANCELLED, True, False),
                   ("over several days", sprites.HELD, False, False),
                   ("known only to the month", sprites.HELD, False, True))
        font = sans_font(unit * 0.9)
        metrics = QFontMetricsF(font)
        tracks = self.data.index.tracks
        colour = self.look.lane(0, tracks[0].colour if tracks else None)
        x = origin.x()
        size = unit * 1.1
        for text, status, point, fuzzy in entries:
            width = size if point else size * 2.2
            height = size if point else size * 0.8
            shape = QRectF(x, origin.y() - height / 2, width, height)
            self._paint_shape(painter, shape, status, colour, point, fuzzy, unit)
            painter.setFont(font)
            painter.setPen(self.look.text)
            x += width + unit * (0.7 if status == sprites.CANCELLED else 0.4)
            painter.drawText(QPointF(x, origin.y() + metrics.ascent() / 2 - unit * 0.1), text)
            x += metrics.horizontalAdvance(text) + unit * 1.6
        return x - origin.x()


class _Item:
    """One event's geometry while laying out; mutable because rows come later."""

    __slots__ = ("cy", "label_left", "label_right", "point", "position", "row", "text", "x0",
                 "x1")

    def __init__(self, position: int, x0: float, x1: float, point: bool) -> None:
        self.position = position
        self.x0 = x0
        self.x1 = x1
        self.point = point
        self.label_left: float | None = None
        self.label_right: float | None = None
        self.text = ""
        """The label as drawn: the title, or the title shortened with an ellipsis."""
        self.row = 0
        self.cy = 0.0

    def span(self) -> tuple[float, float]:
        if self.label_left is None or self.label_right is None:
            return self.x0, self.x1
        return min(self.x0, self.label_left), max(self.x1, self.label_right)


@dataclass
class _Layout:
    items: dict[int, list[_Item]]
    lane_boxes: dict[int, QRectF]
    row_h: float
    marker: float
    bottom: float
    """Where the last lane ends; the axis goes right below it."""
    unit: float
    """Label height the layout was made for."""
    rows: float
    """Rows of all lanes plus the gaps between lanes, in row heights."""


def _place_label(item: _Item, title: str, metrics: QFontMetricsF, plot: QRectF, gap: float,
                 unit: float) -> None:
    """Put the label right of its mark, else left, else shortened on the roomier side.

    The label never leaves ``plot``: a page or a slide cannot scroll, and a
    clipped "BRICS summit in" reads as a different event.  With no useful room
    on either side the event keeps no label.
    """
    width = metrics.horizontalAdvance(title)
    room_right = plot.right() - (item.x1 + gap)
    room_left = (item.x0 - gap) - plot.left()
    text = title
    if width <= room_right:
        on_right = True
    elif width <= room_left:
        on_right = False
    else:
        on_right = room_right >= room_left
        room = max(room_right, room_left)
        if room < unit * MIN_LABEL:
            return
        text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)
        if not text or text == "…":
            return
        width = min(metrics.horizontalAdvance(text), room)
    if on_right:
        item.label_left, item.label_right = item.x1 + gap, item.x1 + gap + width
    else:
        item.label_left, item.label_right = item.x0 - gap - width, item.x0 - gap
    item.text = text
