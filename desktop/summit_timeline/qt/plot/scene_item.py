"""The window's painter: the whole scene in one pyqtgraph item, in batched calls.

One item for every lane and every event (not one QGraphicsItem per event,
which crawls past ~100k).  It paints the scene the view hands it and decides
nothing about shapes, labels or colours: each run of one style and one lane
is one ``drawRects`` or one ``drawPixmapFragments`` call, filled by numpy,
so no Python loop runs over the events.  Point markers are small pixmaps made
by the same code that draws them as vectors in exports, cached per style.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPen,
    QPixmap,
    QRegion,
    QStaticText,
)

from ...scene.palette import Rgba
from ...scene.scene import Label, Scene
from ...scene.style import POINT, STYLES
from ...scene.text import PAD
from ..paint import shapes
from ..paint.rings import paint_rings
from ..paint.shapes import qcolor, with_alpha
from . import primitives, review_badges
from .paint_guard import guarded_paint

_TEXT_CACHE: Final = 5000
_PIXMAP_LIMIT: Final = 8192
"""Widest region kept as a pixmap, in device pixels."""
_CLIP_MARGIN: Final = 16.0
"""How far past the drawing's edges a clipped band still runs, so its cut end is unseen."""


class SceneItem(pg.GraphicsObject):
    def __init__(self, source: Callable[[], Scene | None], font: QFont) -> None:
        super().__init__()
        self._source = source
        self._font = QFont(font)
        self._struck = QFont(font)
        self._struck.setStrikeOut(True)
        self._sprites: dict[tuple[object, ...], QPixmap] = {}
        self._brushes: dict[tuple[object, ...], QBrush] = {}
        self._texts: dict[tuple[str, bool], QStaticText] = {}
        self._seen: Scene | None = None
        """The region painted last; seen twice in a row, it is worth a pixmap."""
        self._cached: tuple[Scene, float, QPixmap] | None = None
        """A region's events and labels as pixels, for the device ratio they were made at."""
        self._ascent = 0.0
        self.painted: Scene | None = None
        """The scene of the last paint: what is on screen now."""
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.set_font(font)

    def set_font(self, font: QFont) -> None:
        self._font = QFont(font)
        self._struck = QFont(font)
        self._struck.setStrikeOut(True)
        self._ascent = QFontMetricsF(font).ascent()
        self._texts.clear()
        self.update()

    def forget_sprites(self) -> None:
        """Colours changed (a new theme or timeline): make point pixmaps afresh."""
        self._sprites.clear()
        self._cached = None
        self._seen = None
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

    def plot_origin(self) -> QPointF | None:
        """Top-left corner of the plot area in the view widget's pixels."""
        box = self.getViewBox()
        if box is None:
            return None
        rect = box.mapRectToDevice(box.boundingRect())
        return None if rect is None else rect.topLeft()

    # ------------------------------------------------------------ painting

    @guarded_paint
    def paint(self, painter: QPainter, *args: Any) -> None:
        scene = self._source()
        origin = self.plot_origin()
        if scene is None or origin is None:
            return
        self.painted = scene
        painter.resetTransform()
        painter.translate(origin)
        # Nothing leaves the plot area: a label past its left edge would run into the
        # lane titles ("Putin–Xing in Astana").
        painter.setClipRect(QRectF(0.0, 0.0, scene.view.width, scene.view.height),
                            Qt.ClipOperation.IntersectClip)
        dpr = self._device_ratio(painter)
        self._lanes(painter, scene)
        region, seen = scene.region, self._seen
        self._seen = region
        # The same days with new content (a filter, a date): paint just the view now; a
        # pixmap of the whole region pays only once the region is painted again.
        changed = region is not None and seen is not None and region is not seen \
            and region.view == seen.view
        # One scale, to the rounding of a region's width: its sx is width / days again.
        panning = region is not None and seen is not None and not changed and (
            region is seen or math.isclose(region.view.sx, seen.view.sx, rel_tol=1e-9))
        if region is None or not (panning or self._cached_for(region, dpr)):
            # A new scale (a zoom step): paint the view itself, nothing to reuse.
            self._content(painter, scene, dpr)
        else:
            # Panning at one scale: a region's events and labels only move, so they are
            # drawn once into a pixmap that each frame shifts.  The selection and the
            # marks are no part of a region: they go over it, each frame.
            self._blit(painter, scene, region, dpr, _left_out(scene, region))
            paint_rings(painter, scene)
            # Labels laid over the region (the selected event's, whole): drawn each frame.
            own = {_placed(label, scene.offset) for label in region.labels}
            self._labels(painter, scene, tuple(label for label in scene.labels
                                               if _placed(label) not in own))
        self._markers(painter, scene)

    def _cached_for(self, region: Scene, dpr: float) -> bool:
        return self._cached is not None and self._cached[0] is region \
            and self._cached[1] == dpr

    def _blit(self, painter: QPainter, scene: Scene, region: Scene, dpr: float,
              left_out: QRegion | None = None) -> None:
        """The region's pixels, shifted to this view; ``left_out``: where they hold
        labels this view does not show (their events out of sight, or laid over)."""
        # Shapes at the region's ends reach past it by half a marker, halos further.
        pad = math.ceil(region.sizes.marker * 2 + 8)
        if not self._cached_for(region, dpr):
            width, height = region.view.width + 2 * pad, region.view.height
            if width * dpr > _PIXMAP_LIMIT or height * dpr > _PIXMAP_LIMIT:
                self._content(painter, scene, dpr)
                return
            pixmap = QPixmap(max(1, math.ceil(width * dpr)), max(1, math.ceil(height * dpr)))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            into = QPainter(pixmap)
            try:
                into.translate(pad, 0)
                self._content(into, region, dpr)
            finally:
                into.end()
            self._cached = (region, dpr, pixmap)
        assert self._cached is not None
        if left_out is not None:
            painter.save()
            painter.setClipRegion(left_out, Qt.ClipOperation.IntersectClip)
        painter.drawPixmap(QPointF(scene.offset - pad, 0.0), self._cached[2])
        if left_out is not None:
            painter.restore()

    def _content(self, painter: QPainter, scene: Scene, dpr: float) -> None:
        """What moves with the events: density strips, shapes, the selection, labels."""
        if scene.density is not None:
            self._density(painter, scene)
        self._shapes(painter, scene, dpr)
        self._badges(painter, scene)
        paint_rings(painter, scene)
        self._labels(painter, scene)

    def _lanes(self, painter: QPainter, scene: Scene) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        shaded = [lane for lane in scene.lanes if lane.shaded]
        if shaded:
            pad = scene.sizes.row * 0.25
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(qcolor(scene.palette.lane_shade))
            n = len(shaded)
            primitives.draw_rects(painter, np.zeros(n), np.array([s.top - pad for s in shaded]),
                                  np.full(n, scene.view.width),
                                  np.array([s.bottom + pad for s in shaded]))
        if len(scene.grid):
            x = np.round(scene.grid) + 0.5
            painter.setPen(QPen(qcolor(scene.palette.grid), 1))
            primitives.draw_lines(painter, x, np.zeros(len(x)), x,
                                  np.full(len(x), scene.view.height))

    def _density(self, painter: QPainter, scene: Scene) -> None:
        density = scene.density
        assert density is not None
        # Colours are blended in numpy and drawn opaque, one image per lane: blending
        # thousands of translucent rectangles costs 30+ ms.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        edges = density.edges
        for k in range(len(density.colours)):
            painter.drawImage(QRectF(edges[0], density.tops[k], edges[-1] - edges[0],
                                     density.bottoms[k] - density.tops[k]),
                              _strip(density.colours[k]))

    def _badges(self, painter: QPainter, scene: Scene) -> None:
        """Counts: of a density strip's stretch, or the "+N" a lane has no row for."""
        if not scene.badges:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font)
        shapes.count_badges(painter, scene)

    def _shapes(self, painter: QPainter, scene: Scene, dpr: float) -> None:
        s = scene.shapes
        if len(s) == 0:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        muted = qcolor(scene.palette.muted)
        cx = (s.left + s.right) / 2
        # Bands of a year seen a few days wide run thousands of pixels past both edges;
        # their outlines (dashed when planned) cost by length, so they end just outside.
        reach = _CLIP_MARGIN + scene.sizes.marker * 2
        left = np.maximum(s.left, -reach)
        right = np.minimum(s.right, scene.view.width + reach)
        for code, lane, a, b in s.runs:
            style = STYLES[code]
            if not style.fuzzy:
                continue
            colour = scene.lane_colours[lane]
            if style.shape == POINT:
                sprite = self._sprite(("halo", colour, scene.sizes.marker, dpr),
                                      lambda c=colour: shapes.halo_sprite(
                                          scene.sizes.marker, qcolor(c), dpr))
                primitives.draw_sprites(painter, cx[a:b], s.cy[a:b], sprite)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(with_alpha(qcolor(colour), 45))
                primitives.draw_rects(painter, left[a:b] - 5, s.top[a:b] - 3,
                                      right[a:b] + 5, s.bottom[a:b] + 3)
        for code, lane, a, b in s.runs:
            style = STYLES[code]
            colour = scene.lane_colours[lane]
            if style.shape == POINT:
                sprite = self._sprite(("point", code, colour, scene.sizes.marker, dpr),
                                      lambda st=style, c=colour: shapes.point_sprite(
                                          scene.sizes.marker, st, qcolor(c), muted, dpr))
                primitives.draw_sprites(painter, cx[a:b], s.cy[a:b], sprite)
            else:
                lo, hi = left[a:b], right[a:b]
                if style.rest >= 0 and scene.known_x is not None:  # under way: split
                    split = np.clip(scene.known_x, lo, hi)
                    self._boxes(painter, style.rest, colour, scene, split, s.top[a:b], hi,
                                s.bottom[a:b])
                    hi = split
                self._boxes(painter, code, colour, scene, lo, s.top[a:b], hi, s.bottom[a:b])
                if style.strike:
                    painter.setPen(QPen(qcolor(scene.palette.text), scene.sizes.pen * 1.2))
                    primitives.draw_lines(painter, left[a:b] - 2, s.cy[a:b],
                                          right[a:b] + 2, s.cy[a:b])
        if scene.glyphs:
            painter.setPen(qcolor(scene.palette.text))
            painter.setFont(self._font)
            for glyph in scene.glyphs:
                painter.drawText(QPointF(glyph.x, glyph.baseline), glyph.text)
        size = scene.sizes.badge
        for code in (1, 2, 3):
            flagged = s.review == code
            if flagged.any():
                sprite = self._sprite(("badge", code, size, dpr),
                                      lambda c=code: review_badges.badge_sprite(c, size, dpr))
                primitives.draw_sprites(painter, s.left[flagged] + 1, s.top[flagged] + 1,
                                        sprite)


    def _dashed_outlines(self, painter: QPainter, pen: QPen, left: np.ndarray,
                         top: np.ndarray, right: np.ndarray, bottom: np.ndarray) -> None:
        """Dashed outlines as edges filled with a dash pattern, the pen's dashes on the
        pixel grid: Qt strokes each dash of a wide pen as a path of its own, which took
        200 ms for the planned bands of one zoomed-in view of a big file."""
        width = pen.widthF()
        half = width / 2
        on, off = (max(1, round(d * width)) for d in pen.dashPattern()[:2])
        colour = pen.color()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._dashes(colour, on, off, across=True))
        primitives.draw_rects(painter, np.concatenate((left, left)) - half,
                              np.concatenate((top, bottom)) - half,
                              np.concatenate((right, right)) + half,
                              np.concatenate((top, bottom)) + half)
        painter.setBrush(self._dashes(colour, on, off, across=False))
        primitives.draw_rects(painter, np.concatenate((left, right)) - half,
                              np.concatenate((top, top)) + half,
                              np.concatenate((left, right)) + half,
                              np.concatenate((bottom, bottom)) - half)

    def _dashes(self, colour: QColor, on: int, off: int, *, across: bool) -> QBrush:
        key = ("dashes", colour.rgba(), on, off, across)
        brush = self._brushes.get(key)
        if brush is None:
            image = QImage(on + off if across else 1, 1 if across else on + off,
                           QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            for k in range(on):
                image.setPixelColor(k if across else 0, 0 if across else k, colour)
            brush = self._brushes[key] = QBrush(image)
        return brush

    def _markers(self, painter: QPainter, scene: Scene) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        back = qcolor(scene.palette.label_back)
        for marker in scene.markers:
            shapes.marker_line(painter, marker, scene.view.height, back)
            left, top, _, bottom = marker.caption_rect
            self._text(painter, marker.caption, False, left + PAD / 2,
                       top + (bottom - top - scene.sizes.line) / 2)

    def _labels(self, painter: QPainter, scene: Scene,
                labels: tuple[Label, ...] | None = None) -> None:
        labels = scene.labels if labels is None else labels
        if not labels:
            return
        rects = np.array([label.rect for label in labels], np.float64)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(qcolor(scene.palette.label_back))
        primitives.draw_rects(painter, rects[:, 0], rects[:, 1], rects[:, 2], rects[:, 3])
        text = qcolor(scene.palette.text)
        muted = qcolor(scene.palette.muted)
        line = scene.sizes.line
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for label in labels:
            left, top, _, bottom = label.rect
            faint = label.struck or (scene.emphasis and not label.current)
            painter.setPen(muted if faint else text)
            first = top + (bottom - top - len(label.lines) * line) / 2
            for k, part in enumerate(label.lines):
                self._text(painter, part, label.struck, left + PAD / 2, first + k * line)

    # ------------------------------------------------------------ caches

    def _text(self, painter: QPainter, text: str, struck: bool, x: float, top: float) -> None:
        """Text with its top-left at (x, top), laid out once and then drawn from a cache."""
        static = self._texts.get((text, struck))
        if static is None:
            if len(self._texts) > _TEXT_CACHE:
                self._texts.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=self._struck if struck else self._font)
            self._texts[(text, struck)] = static
        painter.setFont(self._struck if struck else self._font)
        painter.drawStaticText(QPointF(x, top), static)

    def _sprite(self, key: tuple[object, ...], make: Callable[[], QPixmap]) -> QPixmap:
        sprite = self._sprites.get(key)
        if sprite is None:
            sprite = self._sprites[key] = make()
        return sprite

    def _boxes(self, painter: QPainter, code: int, colour: Rgba, scene: Scene,
               left: np.ndarray, top: np.ndarray, right: np.ndarray,
               bottom: np.ndarray) -> None:
        """Bars or bands of one style, filled and outlined (those of no width skipped)."""
        wide = right > left
        if not wide.all():
            left, top, right, bottom = left[wide], top[wide], right[wide], bottom[wide]
        if len(left) == 0:
            return
        pen, brush = self._pen_brush(code, colour, scene)
        dashed = pen.style() == Qt.PenStyle.CustomDashLine
        painter.setPen(Qt.PenStyle.NoPen if dashed else pen)
        painter.setBrush(brush)
        primitives.draw_rects(painter, left, top, right, bottom)
        if dashed:
            self._dashed_outlines(painter, pen, left, top, right, bottom)

    def _pen_brush(self, code: int, colour: Rgba, scene: Scene) -> tuple[QPen, QBrush]:
        style = STYLES[code]
        q = qcolor(colour)
        return (shapes.box_pen(style, q, scene.sizes.pen),
                shapes.fill_brush(style, q, qcolor(scene.palette.muted)))

    @staticmethod
    def _device_ratio(painter: QPainter) -> float:
        device = painter.device()
        return float(device.devicePixelRatioF()) if device is not None else 1.0


def _placed(label: Label, shift: float = 0.0) -> tuple[int, float, float]:
    """A label's event and where it is drawn (a region's label shifted by ``shift``, as
    the view's scene shifts it)."""
    return label.position, label.rect[0] + shift, label.rect[1]


def _left_out(scene: Scene, region: Scene) -> QRegion | None:
    """The view less the boxes of region labels that ``scene`` leaves out (None: none)."""
    shown = {_placed(label) for label in scene.labels}
    dx, width = scene.offset, scene.view.width
    boxes = [QRectF(left + dx, top, right - left, bottom - top).toAlignedRect()
             for label in region.labels
             for left, top, right, bottom in (label.rect,)
             if right + dx > 0 and left + dx < width
             and _placed(label, dx) not in shown]
    if not boxes:
        return None
    keep = QRegion(QRectF(0.0, 0.0, width, scene.view.height).toAlignedRect())
    for box in boxes:
        keep = keep.subtracted(QRegion(box))
    return keep


def _strip(colours: np.ndarray) -> QImage:
    """A one-pixel-high opaque image of ``colours`` (bins × RGB)."""
    pixels = np.empty((1, len(colours), 4), np.uint8)
    pixels[0, :, 0] = colours[:, 2]
    pixels[0, :, 1] = colours[:, 1]
    pixels[0, :, 2] = colours[:, 0]
    pixels[0, :, 3] = 255
    image = QImage(pixels.data, len(colours), 1, len(colours) * 4, QImage.Format.Format_ARGB32)
    return image.copy()

