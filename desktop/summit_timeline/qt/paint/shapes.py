"""How each status looks, in one place: the events item and the legend both draw from here.

Status never relies on colour alone: held is filled, planned is hollow with a
dashed outline, postponed is half filled, cancelled is struck through.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap, QRadialGradient

HELD, PLANNED, POSTPONED, CANCELLED = 0, 1, 2, 3


def outline_pen(colour: QColor, status: int, width: float = 1.6) -> QPen:
    pen = QPen(colour.darker(125) if status == HELD else colour, width)
    if status == PLANNED:
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([2.5, 1.8])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def fill_brush(colour: QColor, status: int, muted: QColor, alpha: int = 255) -> QBrush:
    """Fill for bars and bands; planned has none, so its inside stays background."""
    if status == PLANNED:
        return QBrush(Qt.BrushStyle.NoBrush)
    base = QColor(muted if status == CANCELLED else colour)
    base.setAlpha(alpha if status != CANCELLED else min(alpha, 110))
    if status == POSTPONED:
        return QBrush(base, Qt.BrushStyle.BDiagPattern)
    return QBrush(base)


def paint_marker(painter: QPainter, rect: QRectF, status: int, colour: QColor,
                 muted: QColor) -> None:
    """A point event in ``rect`` (a square); used for sprites and for the legend."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    inner = rect.adjusted(1.5, 1.5, -1.5, -1.5)
    if status == HELD:
        painter.setPen(outline_pen(colour, status, 1.2))
        painter.setBrush(colour)
        painter.drawEllipse(inner)
    elif status == PLANNED:
        painter.setPen(outline_pen(colour, status, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(inner.adjusted(0.5, 0.5, -0.5, -0.5))
    elif status == POSTPONED:
        painter.setPen(QPen(colour, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(inner)
        painter.setBrush(colour)
        painter.drawPie(inner, 90 * 16, 180 * 16)
    else:
        painter.setPen(QPen(muted, 1.2))
        painter.setBrush(muted)
        painter.drawEllipse(inner)
        painter.setPen(QPen(muted, 2.0))
        painter.drawLine(QPointF(rect.left(), rect.center().y()),
                         QPointF(rect.right(), rect.center().y()))
    painter.restore()


def marker_sprite(size: float, status: int, colour: QColor, muted: QColor,
                  dpr: float) -> QPixmap:
    side = max(4, round(size * dpr))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_marker(painter, QRectF(0, 0, side, side), status, colour, muted)
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    return pixmap


def halo_sprite(size: float, colour: QColor, dpr: float) -> QPixmap:
    """A soft glow behind approximate or uncertain dates: a fuzzy edge, not a hard one."""
    side = max(6, round(size * 2.0 * dpr))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    gradient = QRadialGradient(QPointF(side / 2, side / 2), side / 2)
    glow = QColor(colour)
    glow.setAlpha(150)
    gradient.setColorAt(0.3, glow)
    glow.setAlpha(0)
    gradient.setColorAt(1.0, glow)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    painter.drawEllipse(QRectF(0, 0, side, side))
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    return pixmap
