"""All events of the timeline in one pyqtgraph item, drawn from numpy arrays.

One item for every lane and every event (not one QGraphicsItem per event,
which crawls past ~100k).  Each frame slices the visible events with binary
searches, then draws each style group with one batched QPainter call.  When
the view holds more events than pixels can show, it draws per-lane density
strips and count badges from prefix sums instead, which costs the same at ten
events or ten million.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap

from ...core.index import APPROXIMATE, UNCERTAIN
from ...scene import date_ticks
from ...scene.draw_set import DrawSet
from ..theme import PlotColours
from . import primitives, review_badges, sprites
from .frame import BAND, BAR, DETAIL_LIMIT, POINT, Frame, shape_kinds
from .paint_guard import guarded_paint

_DENSITY_PX = 3.0
_BADGE_PX = 90.0
_GLYPH_LIMIT = 400


class EventsItem(pg.GraphicsObject):
    def __init__(self, colours: PlotColours) -> None:
        super().__init__()
        self._data: DrawSet | None = None
        self._colours = colours
        self._lane_colours: list[QColor] = []
        self._selected = -1
        self._frame: Frame | None = None
        self._frame_key: tuple[float, ...] | None = None
        self._sprites: dict[tuple[int, int, int, float], QPixmap] = {}
        self._badge_font = QFont()
        self._badge_font.setPointSizeF(self._badge_font.pointSizeF() * 0.85)
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    # ------------------------------------------------------------ inputs

    def set_data(self, data: DrawSet) -> None:
        self.prepareGeometryChange()
        self._data = data
        self._frame_key = None
        self.update()

    def draw_set(self) -> DrawSet | None:
        return self._data

    def set_colours(self, colours: PlotColours, lane_colours: list[QColor]) -> None:
        self._colours = colours
        self._lane_colours = lane_colours
        self._sprites.clear()
        self.update()

    def set_selected(self, position: int) -> None:
        self._selected = position
        self.update()

    # ------------------------------------------------------------ geometry

    def boundingRect(self) -> QRectF:
        """The visible view: drawing is in pixels, so it covers whatever is on screen."""
        box = self.getViewBox()
        if box is None:
            return QRectF()
        return QRectF(box.viewRect())

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()
        super().viewRangeChanged()

    def frame(self) -> Frame | None:
        """The frame for the current view, computed once per view change."""
        box = self.getViewBox()
        data = self._data
        if box is None or data is None:
            return None
        view = self.getViewWidget()
        if view is None:
            return None
        transform = self.deviceTransform(view.viewportTransform())
        (x0, x1), _ = box.viewRange()
        rect = box.mapRectToDevice(box.boundingRect())
        if rect is None:
            return None
        key = (transform.m11(), transform.m22(), transform.m31(), transform.m32(), x0, x1,
               rect.left(), rect.top(), rect.right(), rect.bottom(), float(id(data)))
        if key != self._frame_key or self._frame is None:
            self._frame = self._compute_frame(data, transform.m11(), transform.m31(),
                                              transform.m22(), transform.m32(), x0, x1,
                                              (rect.left(), rect.top(), rect.right(),
                                               rect.bottom()))
            self._frame_key = key
        return self._frame

    def _compute_frame(self, data: DrawSet, sx: float, dx: float, sy: float, dy: float,
                       x0: float, x1: float, plot: tuple[float, float, float, float]) -> Frame:
        row_px = abs(sy)
        marker = float(min(16.0, max(8.0, row_px * 0.5)))
        width = max(plot[2] - plot[0], 1.0)
        dense = data.count_between(x0, x1) > min(DETAIL_LIMIT, width * 2)
        if dense:
            return Frame("density", x0, x1, sx, dx, sy, dy, plot, marker)
        which = data.visible(x0, x1)
        start, end = data.start[which], data.end[which]
        kind = shape_kinds(data.precision[which], start, end)
        xs, xe = start * sx + dx, end * sx + dx
        # Zoomed in until a day is wider than the marker, a one-day meeting is drawn
        # across its day: a dot in the middle of a wide day hides when it happened.
        kind[(kind == POINT) & (np.abs(xe - xs) > marker)] = BAR
        cy = data.y[which] * sy + dy
        half = np.full(len(which), marker / 2)
        half[kind == BAR] = marker * 0.36
        half[kind == BAND] = min(row_px * 0.4, 18.0)
        centre = (xs + xe) / 2
        left = np.where(kind == POINT, centre - marker / 2, xs)
        right = np.where(kind == POINT, centre + marker / 2,
                         np.where(kind == BAR, np.maximum(xe, xs + marker), xe))
        return Frame("detail", x0, x1, sx, dx, sy, dy, plot, marker, which, kind, left,
                     cy - half, right, cy + half, cy)

    # ------------------------------------------------------------ painting

    @guarded_paint
    def paint(self, painter: QPainter, *args: Any) -> None:
        frame = self.frame()
        data = self._data
        if frame is None or data is None:
            return
        painter.save()
        painter.resetTransform()
        self._paint_lanes(painter, frame, data)
        if frame.mode == "density":
            self._paint_density(painter, frame, data)
        else:
            self._paint_detail(painter, frame, data)
        painter.restore()

    def _lane_colour(self, lane: int) -> QColor:
        if lane < len(self._lane_colours):
            return self._lane_colours[lane]
        return self._colours.lane(lane)

    def _paint_lanes(self, painter: QPainter, frame: Frame, data: DrawSet) -> None:
        layout = data.layout
        if data.lanes == 0:
            return
        top = layout.lane_top * frame.sy + frame.dy - 0.25 * abs(frame.sy)
        bottom = (layout.lane_top + layout.lane_rows) * frame.sy + frame.dy \
            + 0.25 * abs(frame.sy)
        self._paint_grid(painter, frame)
        shaded = np.arange(data.lanes) % 2 == 0
        n = int(shaded.sum())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colours.lane_shade)
        primitives.draw_rects(painter, np.full(n, frame.plot[0]), top[shaded],
                              np.full(n, frame.plot[2]), bottom[shaded])

    def _paint_grid(self, painter: QPainter, frame: Frame) -> None:
        """Vertical lines at the labelled calendar ticks, in one opaque batch.

        pyqtgraph's own grid draws every tick level translucent across the whole
        plot, which cost more than all events together; this draws major ticks only.
        """
        left, top, right, bottom = frame.plot
        plan = date_ticks.plan(frame.x0, frame.x1, right - left)
        ticks = np.asarray(date_ticks.values(frame.x0, frame.x1, plan.major), np.float64)
        if len(ticks) == 0:
            return
        x = np.round(ticks * frame.sx + frame.dx) + 0.5
        painter.setPen(QPen(self._colours.grid_solid, 1))
        primitives.draw_lines(painter, x, np.full(len(x), top), x, np.full(len(x), bottom))

    def _paint_detail(self, painter: QPainter, frame: Frame, data: DrawSet) -> None:
        colours = self._colours
        status = data.status[frame.which]
        lane = data.lane[frame.which]
        flags = data.flags[frame.which]
        fuzzy = (flags & (APPROXIMATE | UNCERTAIN)) != 0
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        dpr = self._device_ratio(painter)
        for code in (BAND, BAR):
            sel = frame.kind == code
            if not sel.any():
                continue
            halo = sel & fuzzy
            if halo.any():
                painter.setPen(Qt.PenStyle.NoPen)
                for k in _distinct(lane[halo]):
                    glow = QColor(self._lane_colour(k))
                    glow.setAlpha(45)
                    painter.setBrush(glow)
                    m = halo & (lane == k)
                    primitives.draw_rects(painter, frame.left[m] - 5, frame.top[m] - 3,
                                          frame.right[m] + 5, frame.bottom[m] + 3)
            alpha = 70 if code == BAND else 235
            for k in _distinct(lane[sel]):
                colour = self._lane_colour(k)
                for s in range(4):
                    m = sel & (lane == k) & (status == s)
                    if not m.any():
                        continue
                    pen = sprites.outline_pen(colour, s, 1.6 if code == BAND else 1.4)
                    if code == BAND and s != sprites.PLANNED:
                        pen.setColor(_with_alpha(colour, 150))
                    painter.setPen(pen)
                    painter.setBrush(sprites.fill_brush(colour, s, colours.muted, alpha))
                    primitives.draw_rects(painter, frame.left[m], frame.top[m],
                                          frame.right[m], frame.bottom[m])
        points = frame.kind == POINT
        if points.any():
            halo = points & fuzzy
            for k in _distinct(lane[halo]):
                m = halo & (lane == k)
                sprite = self._sprite(-1, k, frame.marker, dpr)
                primitives.draw_sprites(painter, (frame.left[m] + frame.right[m]) / 2,
                                        frame.cy[m], sprite)
            for k in _distinct(lane[points]):
                for s in range(4):
                    m = points & (lane == k) & (status == s)
                    if m.any():
                        sprite = self._sprite(s, k, frame.marker, dpr)
                        primitives.draw_sprites(painter, (frame.left[m] + frame.right[m]) / 2,
                                                frame.cy[m], sprite)
        struck = (status == sprites.CANCELLED) & (frame.kind != POINT)
        if struck.any():
            painter.setPen(QPen(colours.foreground, 1.5))
            primitives.draw_lines(painter, frame.left[struck] - 2, frame.cy[struck],
                                  frame.right[struck] + 2, frame.cy[struck])
        self._paint_glyphs(painter, frame, flags)
        self._paint_review(painter, frame, data, dpr)
        self._paint_selection(painter, frame, data)

    def _paint_review(self, painter: QPainter, frame: Frame, data: DrawSet, dpr: float) -> None:
        """One badge per flagged event at its top-left corner, one batched call per flag."""
        if len(data.review) != len(data) or len(frame.which) == 0:
            return
        codes = data.review[frame.which]
        size = max(9.0, min(13.0, frame.marker * 0.8))
        for code in (review_badges.CHECKED, review_badges.NEEDS_WORK, review_badges.DISPUTED):
            m = codes == code
            if m.any():
                sprite = self._sprite(-10 - code, 0, size, dpr)
                primitives.draw_sprites(painter, frame.left[m] + 1, frame.top[m] + 1, sprite)

    def _paint_glyphs(self, painter: QPainter, frame: Frame, flags: np.ndarray) -> None:
        marked = np.flatnonzero((flags & (APPROXIMATE | UNCERTAIN)) != 0)
        if len(marked) == 0 or len(marked) > _GLYPH_LIMIT:
            return
        painter.setPen(self._colours.foreground)
        painter.setFont(self._badge_font)
        for i in marked.tolist():
            glyph = ("~" if flags[i] & APPROXIMATE else "") + ("?" if flags[i] & UNCERTAIN else "")
            painter.drawText(QPointF(frame.right[i] - 2, frame.top[i] - 1), glyph)

    def _paint_selection(self, painter: QPainter, frame: Frame, data: DrawSet) -> None:
        if self._selected < 0 or len(frame.which) == 0:
            return
        hits = np.flatnonzero(data.position[frame.which] == self._selected)
        if len(hits) == 0:
            return
        i = int(hits[0])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(QPointF(frame.left[i], frame.top[i]),
                      QPointF(frame.right[i], frame.bottom[i])).adjusted(-5, -5, 5, 5)
        glow = QColor(self._colours.accent)
        glow.setAlpha(60)
        painter.setPen(QPen(glow, 8))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(QPen(self._colours.accent, 2.5))
        painter.drawRoundedRect(rect, 6, 6)

    def _paint_density(self, painter: QPainter, frame: Frame, data: DrawSet) -> None:
        left, _, right, _ = frame.plot
        x_at = (np.array([left, right]) - frame.dx) / frame.sx
        bins = max(1, int((right - left) / _DENSITY_PX))
        edges = np.linspace(x_at[0], x_at[1], bins + 1)
        counts = data.density.counts(edges)
        px = np.linspace(left, right, bins + 1)
        layout = data.layout
        tops = layout.lane_top * frame.sy + frame.dy
        bottoms = (layout.lane_top + layout.lane_rows) * frame.sy + frame.dy
        strength = _DENSITY_STRENGTH[density_levels(counts)]
        # Colours are blended with the lane background in numpy and drawn opaque, one
        # image per lane: blending thousands of translucent rectangles costs 30+ ms.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        for k in range(data.lanes):
            base = self._colours.lane_shade if k % 2 == 0 else self._colours.background
            image = _strip(strength[k], self._lane_colour(k), base)
            painter.drawImage(QRectF(px[0], tops[k] + 2, px[-1] - px[0],
                                     bottoms[k] - tops[k] - 4), image)
        self._paint_badges(painter, frame, data, tops, bottoms)

    def _paint_badges(self, painter: QPainter, frame: Frame, data: DrawSet,
                      tops: np.ndarray, bottoms: np.ndarray) -> None:
        left, _, right, _ = frame.plot
        bins = max(1, int((right - left) / _BADGE_PX))
        px = np.linspace(left, right, bins + 1)
        counts = data.density.counts((px - frame.dx) / frame.sx)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._badge_font)
        metrics = painter.fontMetrics()
        fill = _with_alpha(self._colours.background, 225)
        for k, b in zip(*np.nonzero(counts), strict=True):
            text = _compact(int(counts[k, b]))
            w = metrics.horizontalAdvance(text) + 10
            h = metrics.height() + 2
            cx = (px[b] + px[b + 1]) / 2
            cy = (tops[k] + bottoms[k]) / 2
            rect = QRectF(cx - w / 2, cy - h / 2, w, h)
            painter.setPen(QPen(self._lane_colour(int(k)), 1.2))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, h / 2, h / 2)
            painter.setPen(self._colours.foreground)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    # ------------------------------------------------------------ helpers

    def _device_ratio(self, painter: QPainter) -> float:
        device = painter.device()
        return float(device.devicePixelRatioF()) if device is not None else 1.0

    def _sprite(self, status: int, lane: int, size: float, dpr: float) -> QPixmap:
        key = (status, lane, round(size * 4), dpr)
        sprite = self._sprites.get(key)
        if sprite is None:
            colour = self._lane_colour(lane)
            if status <= -10:
                sprite = review_badges.badge_sprite(-10 - status, size, dpr)
            elif status < 0:
                sprite = sprites.halo_sprite(size, colour, dpr)
            else:
                sprite = sprites.marker_sprite(size, status, colour, self._colours.muted, dpr)
            self._sprites[key] = sprite
        return sprite


_DENSITY_STRENGTH = np.array([0.0, 0.22, 0.42, 0.65, 0.9])
"""Tint of a density cell by level: empty, then four steps up to the busiest."""


def density_levels(counts: np.ndarray) -> np.ndarray:
    """Level 0 (empty) to 4 (the busiest cell) of each count, on a log scale.

    Clipped, because numpy's and math's ``log1p`` may differ in the last bit:
    the busiest cell came out as level 5 for a peak of 2, 47, 73…, an index
    error inside paint() that Qt turned into a crash.
    """
    peak = max(int(counts.max()) if counts.size else 0, 1)
    level = np.ceil(np.log1p(counts) / np.log1p(peak) * 4).astype(np.int64)
    return np.clip(level, 0, 4)


def _strip(strength: np.ndarray, colour: QColor, base: QColor) -> QImage:
    """A one-pixel-high opaque image: each column ``base`` tinted towards ``colour``."""
    fg = np.array([colour.blue(), colour.green(), colour.red()], np.float64)
    bg = np.array([base.blue(), base.green(), base.red()], np.float64)
    pixels = np.empty((1, len(strength), 4), np.uint8)
    pixels[0, :, :3] = (bg + (fg - bg) * strength[:, None]).round()
    pixels[0, :, 3] = 255
    image = QImage(pixels.data, len(strength), 1, len(strength) * 4,
                   QImage.Format.Format_ARGB32)
    return image.copy()


def _with_alpha(colour: QColor, alpha: int) -> QColor:
    out = QColor(colour)
    out.setAlpha(alpha)
    return out


def _compact(count: int) -> str:
    if count < 1000:
        return str(count)
    if count < 1_000_000:
        return f"{count / 1000:.1f}k".replace(".0k", "k")
    return f"{count / 1_000_000:.1f}M".replace(".0M", "M")


__all__ = ["EventsItem"]


def _distinct(values: np.ndarray) -> list[int]:
    """``np.unique(values).tolist()``, without the plain form's lazy import of
    ``numpy.ma`` (≈8 ms) in the middle of the first paint."""
    return np.unique(values, return_index=True)[0].tolist()  # type: ignore[no-any-return]
