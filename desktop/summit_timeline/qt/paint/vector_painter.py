"""The scene as vector drawing: shapes as paths, text as text, for PNG, SVG, PDF and slides.

Any QPainter will do (an image, an SVG generator, a PDF page, a widget): no
view box, no pixmaps that would turn markers into bitmaps in SVG and PDF.  It
paints exactly the scene it is given and decides nothing about shapes,
labels or colours; the window's raster painter paints the same scene.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPen

from ...scene.scene import Label, Scene
from ...scene.style import POINT, STYLES
from ...scene.text import PAD
from ..plot import review_badges
from . import shapes
from .rings import paint_rings
from .shapes import qcolor, with_alpha


class VectorPainter:
    """Paints scenes with ``font`` (the font the scene's labels were measured in)."""

    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)
        self.struck = QFont(font)
        self.struck.setStrikeOut(True)
        self.metrics = QFontMetricsF(self.font)

    def paint(self, painter: QPainter, scene: Scene, origin: QPointF) -> None:
        """The plot area of ``scene`` with its top-left corner at ``origin``."""
        view = scene.view
        painter.save()
        painter.translate(origin)
        painter.setClipRect(QRectF(0, 0, view.width, view.height))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._lanes(painter, scene)
        self._grid(painter, scene)
        if scene.density is not None:
            self._density(painter, scene)
        self._shapes(painter, scene)
        self._badges(painter, scene)
        paint_rings(painter, scene)
        self._labels(painter, scene)
        self._markers(painter, scene)
        painter.restore()

    # ------------------------------------------------------------ background

    def _lanes(self, painter: QPainter, scene: Scene) -> None:
        shade = qcolor(scene.palette.lane_shade)
        for lane in scene.lanes:
            if lane.shaded:
                painter.fillRect(QRectF(0, lane.top - scene.sizes.row * 0.25, scene.view.width,
                                        lane.bottom - lane.top + scene.sizes.row * 0.5), shade)

    def _grid(self, painter: QPainter, scene: Scene) -> None:
        painter.setPen(QPen(qcolor(scene.palette.grid), 1.0))
        for x in scene.grid.tolist():
            painter.drawLine(QPointF(x, 0), QPointF(x, scene.view.height))

    def _density(self, painter: QPainter, scene: Scene) -> None:
        density = scene.density
        assert density is not None
        edges = density.edges
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for k in range(len(density.colours)):
            colours = density.colours[k]
            top, bottom = float(density.tops[k]), float(density.bottoms[k])
            start = 0
            for i in range(1, len(colours) + 1):
                if i == len(colours) or (colours[i] != colours[start]).any():
                    r, g, b = (int(v) for v in colours[start])
                    painter.fillRect(QRectF(edges[start], top, edges[i] - edges[start],
                                            bottom - top), qcolor((r, g, b, 255)))
                    start = i
        painter.restore()

    def _badges(self, painter: QPainter, scene: Scene) -> None:
        """Counts: of a density strip's stretch, or the "+N" a lane has no row for."""
        painter.setFont(self.font)
        shapes.count_badges(painter, scene)

    # ------------------------------------------------------------ events

    def _shapes(self, painter: QPainter, scene: Scene) -> None:
        s = scene.shapes
        muted = qcolor(scene.palette.muted)
        text = qcolor(scene.palette.text)
        pen = scene.sizes.pen
        left, top, right, bottom = (a.tolist() for a in (s.left, s.top, s.right, s.bottom))
        for code, lane, first, end in scene.shapes.runs:
            style = STYLES[code]
            if not style.fuzzy:
                continue
            colour = qcolor(scene.lane_colours[lane])
            painter.setPen(Qt.PenStyle.NoPen)
            for i in range(first, end):
                if style.shape == POINT:
                    centre = QPointF((left[i] + right[i]) / 2, (top[i] + bottom[i]) / 2)
                    radius = right[i] - left[i]
                    painter.setBrush(shapes.halo_gradient(centre, radius, colour))
                    painter.drawEllipse(centre, radius, radius)
                else:
                    painter.setBrush(with_alpha(colour, 45))
                    painter.drawRect(QRectF(QPointF(left[i] - 5, top[i] - 3),
                                            QPointF(right[i] + 5, bottom[i] + 3)))
        for code, lane, first, end in scene.shapes.runs:
            style = STYLES[code]
            colour = qcolor(scene.lane_colours[lane])
            for i in range(first, end):
                rect = QRectF(QPointF(left[i], top[i]), QPointF(right[i], bottom[i]))
                if style.shape == POINT:
                    shapes.paint_point(painter, rect, style, colour, muted)
                else:
                    shapes.paint_box(painter, rect, style, colour, muted, text, pen,
                                     scene.known_x)
        if scene.glyphs:
            painter.setPen(text)
            painter.setFont(self.font)
            for glyph in scene.glyphs:
                painter.drawText(QPointF(glyph.x, glyph.baseline), glyph.text)
        size = scene.sizes.badge
        for i in range(len(s)):
            code = int(s.review[i])
            if code:
                review_badges.paint_badge(painter, QRectF(left[i] + 1 - size / 2,
                                                          top[i] + 1 - size / 2, size, size),
                                          code)


    # ------------------------------------------------------------ text

    def _markers(self, painter: QPainter, scene: Scene) -> None:
        back = qcolor(scene.palette.label_back)
        painter.setFont(self.font)
        for marker in scene.markers:
            shapes.marker_line(painter, marker, scene.view.height, back)
            left, top, _, bottom = marker.caption_rect
            painter.drawText(QPointF(left + PAD / 2, self._baseline(top, bottom - top)),
                             marker.caption)

    def _labels(self, painter: QPainter, scene: Scene) -> None:
        back = qcolor(scene.palette.label_back)
        text = qcolor(scene.palette.text)
        muted = qcolor(scene.palette.muted)
        for label in scene.labels:
            left, top, right, bottom = label.rect
            painter.fillRect(QRectF(left, top, right - left, bottom - top), back)
            faint = label.struck or (scene.emphasis and not label.current)
            painter.setPen(muted if faint else text)
            painter.setFont(self.struck if label.struck else self.font)
            for baseline, line in self.lines(label, scene.sizes.line):
                painter.drawText(QPointF(left + PAD / 2, baseline), line)

    def lines(self, label: Label, line_height: float) -> list[tuple[float, str]]:
        """Baselines of a label's lines inside its box, vertically centred."""
        top, bottom = label.rect[1], label.rect[3]
        count = len(label.lines)
        first = top + (bottom - top - count * line_height) / 2
        return [(first + k * line_height + self.metrics.ascent(), line)
                for k, line in enumerate(label.lines)]

    def _baseline(self, top: float, height: float) -> float:
        return top + (height - self.metrics.height()) / 2 + self.metrics.ascent()

    # ------------------------------------------------------------ around the plot

    def paint_axis(self, painter: QPainter, scene: Scene, origin: QPointF) -> float:
        """Ticks and dates under the plot, from ``origin`` (the plot's bottom-left corner)."""
        painter.save()
        painter.translate(origin)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        muted = qcolor(scene.palette.muted)
        line = scene.sizes.line
        painter.setPen(QPen(muted, 1.0))
        painter.drawLine(QPointF(0, 0), QPointF(scene.view.width, 0))
        for day in scene.minor.tolist():
            x = scene.view.x(day)
            painter.drawLine(QPointF(x, 0), QPointF(x, line * 0.3))
        painter.setFont(self.font)
        for tick in scene.ticks:
            painter.setPen(QPen(muted, 1.0))
            painter.drawLine(QPointF(tick.x, 0), QPointF(tick.x, line * 0.5))
            painter.setPen(qcolor(scene.palette.text))
            painter.drawText(QPointF(tick.x + 3, line * 0.5 + self.metrics.ascent()), tick.text)
        painter.restore()
        return line * 0.6 + self.metrics.height()

    def paint_lane_titles(self, painter: QPainter, scene: Scene, origin: QPointF,
                          width: float, font: QFont) -> None:
        """Each lane's colour and title in a column ``width`` wide left of the plot."""
        metrics = QFontMetricsF(font)
        painter.save()
        painter.translate(origin)
        painter.setFont(font)
        for lane in scene.lanes:
            colour = qcolor(lane.colour)
            height = lane.bottom - lane.top
            painter.fillRect(QRectF(0, lane.top, max(3.0, scene.sizes.line * 0.3), height),
                             colour)
            room = QRectF(scene.sizes.line * 0.7, lane.top, width - scene.sizes.line, height)
            painter.setPen(qcolor(scene.palette.text))
            painter.drawText(room, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             metrics.elidedText(lane.title, Qt.TextElideMode.ElideRight,
                                                room.width()))
        painter.restore()
