"""How a review flag looks, in one place: the timeline, the legend, the list and the dock.

A flag is never colour alone: each badge also carries a glyph (✓ checked,
! needs work, ✗ disputed), so a reviewer who cannot tell green from red, or
who prints the timeline in grey, still reads it.  Unreviewed has no badge:
the timeline stays quiet until someone has looked at an event.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

UNREVIEWED, CHECKED, NEEDS_WORK, DISPUTED = 0, 1, 2, 3
"""Same numbers as ``core.review.FLAG_CODE`` (checked by a test)."""

BADGE_COLOURS: Final[dict[int, str]] = {
    UNREVIEWED: "#8A8A8A",
    CHECKED: "#2E8B3E",
    NEEDS_WORK: "#C77C00",
    DISPUTED: "#C62828",
}
GLYPHS: Final[dict[int, str]] = {UNREVIEWED: "", CHECKED: "✓", NEEDS_WORK: "!", DISPUTED: "✗"}


def paint_badge(painter: QPainter, rect: QRectF, code: int) -> None:
    """A filled disc with a white glyph, or a hollow grey ring for unreviewed."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    colour = QColor(BADGE_COLOURS.get(code, BADGE_COLOURS[UNREVIEWED]))
    inner = rect.adjusted(0.75, 0.75, -0.75, -0.75)
    if code == UNREVIEWED:
        painter.setPen(QPen(colour, max(1.0, rect.width() / 9)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(inner.adjusted(0.5, 0.5, -0.5, -0.5))
    else:
        painter.setPen(QPen(QColor("#FFFFFF"), max(1.0, rect.width() / 10)))
        painter.setBrush(colour)
        painter.drawEllipse(inner)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(6, round(rect.height() * 0.72)))
        painter.setFont(font)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, GLYPHS[code])
    painter.restore()


def badge_sprite(code: int, size: float, dpr: float) -> QPixmap:
    side = max(6, round(size * dpr))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_badge(painter, QRectF(0, 0, side, side), code)
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    return pixmap


_ICONS: dict[tuple[int, int], QIcon] = {}


def badge_icon(code: int, size: int = 16) -> QIcon:
    """For buttons, combo entries and list cells; built once per flag and size.

    The list asks for one per visible cell on every repaint, so painting two
    pixmaps each time would cost more than the rest of the cell.
    """
    icon = _ICONS.get((code, size))
    if icon is None:
        icon = QIcon()
        for dpr in (1.0, 2.0):
            icon.addPixmap(badge_sprite(code, size, dpr))
        _ICONS[(code, size)] = icon
    return QIcon(icon)
