"""Wrapped, size-fitted text for slides: a paragraph shrinks before it overflows its box.

Slides have fixed boxes and texts of any length; cutting words silently
would misquote a speaker, so text first gets smaller (down to a floor that a
projector can still show), and only then is the last line elided with "…".
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextLayout

from .fonts import sans_font


@dataclass(frozen=True)
class Block:
    font: QFont
    lines: tuple[str, ...]
    line_height: float
    whole: bool = True
    """False when the last line had to be cut short with "…"."""

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)


def wrap(text: str, font: QFont, width: float, max_lines: int) -> tuple[tuple[str, ...], bool]:
    """Lines of ``text`` at ``width`` (at most ``max_lines``) and whether all of it fit."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 1.0))
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    if len(spans) <= max_lines:
        return tuple(text[s:s + n].rstrip() for s, n in spans), True
    kept = [text[s:s + n].rstrip() for s, n in spans[:max_lines - 1]]
    rest = text[spans[max_lines - 1][0]:]
    kept.append(QFontMetricsF(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return tuple(kept), False


def fit(text: str, width: float, height: float, pixel_size: float, *, min_size: float,
        max_lines: int, bold: bool = False) -> Block:
    """The largest size from ``pixel_size`` down to ``min_size`` at which ``text`` fits."""
    size = pixel_size
    while True:
        font = sans_font(size, bold=bold)
        line_height = QFontMetricsF(font).lineSpacing()
        lines_room = max(1, min(max_lines, int(height / line_height)))
        lines, whole = wrap(text, font, width, lines_room)
        if (whole and len(lines) * line_height <= height + 0.5) or size <= min_size:
            return Block(font, lines, line_height, whole)
        size = max(min_size, size * 0.9)


def draw(painter: QPainter, block: Block, origin: QPointF, colour: QColor,
         width: float | None = None, centred: bool = False) -> float:
    """Draw ``block`` with its top-left at ``origin``; returns the height used."""
    painter.setFont(block.font)
    painter.setPen(colour)
    metrics = QFontMetricsF(block.font)
    y = origin.y()
    for line in block.lines:
        x = origin.x()
        if centred and width is not None:
            x += (width - metrics.horizontalAdvance(line)) / 2
        painter.drawText(QPointF(x, y + metrics.ascent()), line)
        y += block.line_height
    return block.height


def draw_in(painter: QPainter, rect: QRectF, text: str, pixel_size: float, colour: QColor, *,
            min_size: float, max_lines: int, bold: bool = False) -> float:
    """Fit ``text`` into ``rect`` and draw it at the top; returns the height used."""
    block = fit(text, rect.width(), rect.height(), pixel_size, min_size=min_size,
                max_lines=max_lines, bold=bold)
    return draw(painter, block, rect.topLeft(), colour)
