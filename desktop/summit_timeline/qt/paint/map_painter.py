"""A map scene as vector drawing: land as paths, names as text, for insets and exports.

Any QPainter will do (a slide, a handout page, an SVG generator, a PNG).  It
paints exactly the map scene it is given and decides nothing; the Map dock
paints the same scene with its cached land layer.  The parts are public so
the dock can draw what moves over its cached land with the same calls.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPen

from ...scene.map_scene import MapScene
from ...scene.text import PAD
from .map_paths import arrow_head, edge_on_page, land_on_page, polyline
from .shapes import qcolor, with_alpha


class MapPainter:
    """Paints map scenes with ``font`` (the font the scene's names were measured in)."""

    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)
        self.metrics = QFontMetricsF(self.font)

    def paint(self, painter: QPainter, scene: MapScene, origin: QPointF,
              frame_line: bool = False) -> None:
        """The whole map with its top-left corner at ``origin``; ``frame_line`` draws a
        thin border around it (an inset on a slide)."""
        view = scene.view
        painter.save()
        painter.translate(origin)
        painter.setClipRect(QRectF(0, 0, view.width, view.height))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.paint_land(painter, scene)
        self.paint_overlay(painter, scene)
        if frame_line:
            painter.setClipping(False)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(qcolor(scene.colours.border), max(1.0, scene.line * 0.06)))
            painter.drawRect(QRectF(0, 0, view.width, view.height))
        painter.restore()

    def paint_land(self, painter: QPainter, scene: MapScene) -> None:
        colours = scene.colours
        edge = edge_on_page(scene.land, scene.view.frame)
        pen = QPen(qcolor(colours.border), max(0.6, scene.line * 0.045))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        area = QRectF(0, 0, scene.view.width, scene.view.height)
        if edge is None:
            painter.fillRect(area, qcolor(colours.water))
        else:  # a world map: water inside its outline, the page beyond it
            painter.fillRect(area, qcolor(colours.outside))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(qcolor(colours.water))
            painter.drawPolygon(edge)
        painter.setPen(pen)
        painter.setBrush(qcolor(colours.land))
        painter.drawPath(land_on_page(scene.land, scene.view.frame))
        if edge is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(edge)

    def paint_overlay(self, painter: QPainter, scene: MapScene) -> None:
        """Route, places, rings, names and the attribution: what lies on the land."""
        self._route(painter, scene)
        self._sites(painter, scene)
        self._labels(painter, scene)
        self._attribution(painter, scene)

    def _route(self, painter: QPainter, scene: MapScene) -> None:
        route = scene.route
        if route is None:
            return
        base = qcolor(scene.colours.route)
        halo = qcolor(scene.colours.water)
        width = max(1.5, scene.line * 0.14)
        for leg in route.legs:
            colour = with_alpha(base, leg.alpha)
            under = QPen(with_alpha(halo, min(leg.alpha, 170)), width * 2.4)
            under.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen = QPen(colour, width if leg.alpha == 255 else width * 0.7)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            if leg.planned:
                pen.setStyle(Qt.PenStyle.CustomDashLine)
                pen.setDashPattern([3.0, 2.2])
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for points in leg.points:
                line = polyline(points)
                if leg.alpha == 255:  # the latest journeys stand out from the web of older ones
                    painter.setPen(under)
                    painter.drawPolyline(line)
                painter.setPen(pen)
                painter.drawPolyline(line)
            if leg.arrow is not None:
                painter.setPen(QPen(with_alpha(halo, min(leg.alpha, 200)), width * 0.8))
                painter.setBrush(colour)
                painter.drawPolygon(arrow_head(leg.arrow))

    def _sites(self, painter: QPainter, scene: MapScene) -> None:
        colours = scene.colours
        edge = QPen(qcolor(colours.site_edge), max(1.0, scene.line * 0.08))
        for site in scene.sites:
            centre = QPointF(site.x, site.y)
            fill = colours.faint if site.faint else colours.site
            painter.setPen(edge)
            painter.setBrush(qcolor(fill))
            painter.drawEllipse(centre, site.radius, site.radius)
            if site.selected or site.chosen:
                ring = colours.selected if site.selected else colours.chosen
                pen = QPen(qcolor(ring), max(2.0, scene.line * 0.16))
                if site.chosen and not site.selected:
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
                gap = max(2.5, scene.line * 0.2)
                painter.drawEllipse(centre, site.radius + gap, site.radius + gap)

    def _labels(self, painter: QPainter, scene: MapScene) -> None:
        colours = scene.colours
        halo = qcolor(colours.halo)
        painter.setFont(self.font)
        for site in scene.sites:
            label = site.label
            if label is None:
                continue
            left, top, right, bottom = label.rect
            rect = QRectF(left, top, right - left, bottom - top)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(halo)
            painter.drawRoundedRect(rect, rect.height() * 0.25, rect.height() * 0.25)
            painter.setPen(qcolor(colours.muted if site.faint else colours.text))
            painter.drawText(QPointF(left + PAD / 2, self._baseline(top, bottom - top)),
                             label.text)

    def _attribution(self, painter: QPainter, scene: MapScene) -> None:
        left, top, _right, bottom = scene.attribution_rect
        painter.setFont(self.font)
        painter.setPen(qcolor(scene.colours.muted))
        painter.drawText(QPointF(left + PAD / 2, self._baseline(top, bottom - top)),
                         scene.attribution)

    def _baseline(self, top: float, height: float) -> float:
        return top + (height - self.metrics.height()) / 2 + self.metrics.ascent()
