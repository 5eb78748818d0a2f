"""The QPainter translation of ``scene.style``: pens, brushes and shapes for each style.

Both painters and both legends draw through here, and this module only turns
the style table's words (filled, dashed, hatched, struck) into Qt calls; it
decides nothing of its own.  The window draws points as small pixmaps made by
``paint_point``; exports draw the same function as vectors.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap, QRadialGradient

from ...scene.palette import Rgba
from ...scene.scene import Marker, Scene
from ...scene.style import BAND, POINT, STYLES, Style

_COLOURS: dict[Rgba, QColor] = {}


def qcolor(colour: Rgba) -> QColor:
    """A scene colour as a QColor (made once per colour: painting asks again and again)."""
    got = _COLOURS.get(colour)
    if got is None:
        got = _COLOURS[colour] = QColor(*colour)
    return QColor(got)


def with_alpha(colour: QColor, alpha: int) -> QColor:
    out = QColor(colour)
    out.setAlpha(alpha)
    return out


def outline_pen(style: Style, colour: QColor, width: float) -> QPen:
    base = colour.darker(125) if style.outline_darker else QColor(colour)
    base.setAlpha(min(base.alpha(), style.outline_alpha))
    pen = QPen(base, width)
    if style.dash:
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([2.5, 1.8])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def fill_brush(style: Style, colour: QColor, muted: QColor) -> QBrush:
    """The inside of a bar or band; a planned one stays hollow."""
    if style.fill == "none":
        return QBrush(Qt.BrushStyle.NoBrush)
    base = with_alpha(muted if style.fill == "muted" else colour, style.fill_alpha)
    if style.fill in ("hatch", "half"):
        return QBrush(base, Qt.BrushStyle.BDiagPattern)
    return QBrush(base)


def paint_point(painter: QPainter, rect: QRectF, style: Style, colour: QColor,
                muted: QColor) -> None:
    """A point event in ``rect`` (a square)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = rect.width()
    inner = rect.adjusted(side * 0.1, side * 0.1, -side * 0.1, -side * 0.1)
    if style.fill == "solid":
        painter.setPen(outline_pen(style, colour, max(1.0, side * 0.08)))
        painter.setBrush(colour)
        painter.drawEllipse(inner)
    elif style.fill == "none":
        painter.setPen(outline_pen(style, colour, max(1.2, side * 0.13)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(inner.adjusted(0.5, 0.5, -0.5, -0.5))
    elif style.fill == "half":
        painter.setPen(QPen(colour, max(1.0, side * 0.1)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(inner)
        painter.setBrush(colour)
        painter.drawPie(inner, 90 * 16, 180 * 16)
    else:
        painter.setPen(QPen(muted, max(1.0, side * 0.08)))
        painter.setBrush(muted)
        painter.drawEllipse(inner)
        painter.setPen(QPen(muted, max(1.2, side * 0.13)))
        painter.drawLine(QPointF(rect.left(), rect.center().y()),
                         QPointF(rect.right(), rect.center().y()))
    painter.restore()


def box_pen(style: Style, colour: QColor, pen_width: float) -> QPen:
    """The outline of a bar or band (a band's a little heavier: its fill is faint)."""
    return outline_pen(style, colour, pen_width * (1.3 if style.shape == BAND else 1.15))


def paint_box(painter: QPainter, rect: QRectF, style: Style, colour: QColor, muted: QColor,
              strike: QColor, pen_width: float, split: float | None = None) -> None:
    """A bar or band as a vector shape: fill, outline, and the strike of a cancelled one;
    one under way in its own style up to ``split`` and in ``style.rest`` after it."""
    if style.rest >= 0 and split is not None:
        at = min(max(split, rect.left()), rect.right())
        if at < rect.right():
            paint_box(painter, QRectF(QPointF(at, rect.top()), rect.bottomRight()),
                      STYLES[style.rest], colour, muted, strike, pen_width)
        if at <= rect.left():
            return
        rect = QRectF(rect.topLeft(), QPointF(at, rect.bottom()))
    painter.setPen(box_pen(style, colour, pen_width))
    painter.setBrush(fill_brush(style, colour, muted))
    painter.drawRect(rect)
    if style.strike:
        painter.setPen(QPen(strike, pen_width * 1.2))
        y = rect.center().y()
        painter.drawLine(QPointF(rect.left() - 2, y), QPointF(rect.right() + 2, y))


def paint_sample(painter: QPainter, rect: QRectF, style: Style, colour: QColor, muted: QColor,
                 strike: QColor) -> None:
    """A legend's sample of ``style``, centred in ``rect``: the same calls as the drawing."""
    if style.shape == POINT:
        side = min(rect.width(), rect.height())
        paint_point(painter, QRectF(rect.left(), rect.center().y() - side / 2, side, side),
                    style, colour, muted)
        return
    height = rect.height() * (0.72 if style.shape != BAND else 1.0)
    box = QRectF(rect.left(), rect.center().y() - height / 2, rect.width(), height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_box(painter, box, style, colour, muted, strike, max(1.0, rect.height() / 11),
              box.center().x())
    painter.restore()


def point_sprite(size: float, style: Style, colour: QColor, muted: QColor,
                 dpr: float) -> QPixmap:
    side = max(4, round(size * dpr))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_point(painter, QRectF(0, 0, side, side), style, colour, muted)
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    return pixmap


def halo_gradient(centre: QPointF, radius: float, colour: QColor) -> QRadialGradient:
    """A soft glow behind an approximate or uncertain date: a fuzzy edge, not a hard one."""
    gradient = QRadialGradient(centre, radius)
    gradient.setColorAt(0.3, with_alpha(colour, 150))
    gradient.setColorAt(1.0, with_alpha(colour, 0))
    return gradient


def halo_sprite(size: float, colour: QColor, dpr: float) -> QPixmap:
    side = max(6, round(size * 2.0 * dpr))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(halo_gradient(QPointF(side / 2, side / 2), side / 2, colour))
    painter.drawEllipse(QRectF(0, 0, side, side))
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    return pixmap


def marker_line(painter: QPainter, marker: Marker, height: float, back: QColor) -> QColor:
    """A marker's line ("known on", "data as of") and the ground of its caption, drawn
    alike by the window and on paper; the caller writes the caption in the colour
    returned, each painter with its own text path."""
    colour = qcolor(marker.colour)
    pen = QPen(colour, marker.width)
    if marker.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(QPointF(marker.x, 0), QPointF(marker.x, height))
    left, top, right, bottom = marker.caption_rect
    painter.fillRect(QRectF(left, top, right - left, bottom - top), back)
    painter.setPen(colour)
    return colour


def count_badges(painter: QPainter, scene: Scene) -> None:
    """The counts of a density strip's stretch and the "+N" a lane has no row for, drawn
    alike in the window and on paper (the painter's font is already set)."""
    back = with_alpha(qcolor(scene.palette.background), 225)
    text = qcolor(scene.palette.text)
    for badge in scene.badges:
        left, top, right, bottom = badge.rect
        rect = QRectF(left, top, right - left, bottom - top)
        painter.setPen(QPen(qcolor(badge.colour), 1.2))
        painter.setBrush(back)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge.text)
