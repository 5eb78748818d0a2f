"""Wrapped, size-fitted text for slides: a paragraph shrinks before it overflows its box.

Slides have fixed boxes and texts of any length; cutting words silently
would misquote a speaker, so text first gets smaller (down to a floor that a
projector can still show).  What still does not fit is never cut inside a
word: a summary keeps its whole sentences (``fit_sentences``), a list its
whole items and says how many more there are (``fit_items``), and anything
else ends at a whole word with "…".  ``fit_whole`` says when a text cannot be
shown whole, so the slide can give its room to it instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
    kept.append(elide_at_word(rest, font, width))
    return tuple(kept), False


ELLIPSIS = "…"


def elide_at_word(text: str, font: QFont, width: float) -> str:
    """``text`` cut after its last whole word that leaves room for "…" within ``width``.

    Only a single word wider than the line is cut inside itself, as nothing else
    could show any of it."""
    metrics = QFontMetricsF(font)
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        head = " ".join(words).rstrip(" ,;:–—-")
        if head and metrics.horizontalAdvance(head + ELLIPSIS) <= width:
            return head + ELLIPSIS
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def fit(text: str, width: float, height: float, pixel_size: float, *, min_size: float,
        max_lines: int, bold: bool = False) -> Block:
    """The largest size from ``pixel_size`` down to ``min_size`` at which ``text`` fits
    (never below ``min_size``, even when asked to start there)."""
    size = max(pixel_size, min_size)
    while True:
        font = sans_font(size, bold=bold)
        line_height = QFontMetricsF(font).lineSpacing()
        lines_room = max(1, min(max_lines, int(height / line_height)))
        lines, whole = wrap(text, font, width, lines_room)
        if (whole and len(lines) * line_height <= height + 0.5) or size <= min_size:
            return Block(font, lines, line_height, whole)
        size = max(min_size, size * 0.9)


def fit_whole(text: str, width: float, height: float, pixel_size: float, *, min_size: float,
              max_lines: int, bold: bool = False) -> Block | None:
    """As ``fit``, but None when ``text`` cannot be shown whole even at ``min_size``."""
    block = fit(text, width, height, pixel_size, min_size=min_size, max_lines=max_lines,
                bold=bold)
    return block if block.whole and block.height <= height + 0.5 else None


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(\[]?[A-Z0-9À-ÖØ-ÞА-ЯЁ])")


def sentences(text: str) -> list[str]:
    """``text`` split after each sentence (a full stop, ! or ? before a capital)."""
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    starts = [0, *cuts]
    ends = [*cuts, len(text)]
    return [text[a:b].strip() for a, b in zip(starts, ends, strict=True) if text[a:b].strip()]


def fit_sentences(text: str, width: float, height: float, pixel_size: float, *,
                  min_size: float, max_lines: int, bold: bool = False) -> Block:
    """All of ``text`` at the largest size that fits; else, at ``min_size``, as many of its
    first sentences as fit whole (``whole`` False); only a first sentence too long for
    the box on its own ends at a whole word with "…"."""
    block = fit_whole(text, width, height, pixel_size, min_size=min_size, max_lines=max_lines,
                      bold=bold)
    if block is not None:
        return block
    parts = sentences(text)
    for count in range(len(parts) - 1, 0, -1):
        shorter = fit_whole(" ".join(parts[:count]), width, height, min_size,
                            min_size=min_size, max_lines=max_lines, bold=bold)
        if shorter is not None:
            return Block(shorter.font, shorter.lines, shorter.line_height, whole=False)
    return fit(text, width, height, min_size, min_size=min_size, max_lines=max_lines,
               bold=bold)


def fit_items(head: str, items: Sequence[str], width: float, height: float, pixel_size: float,
              *, min_size: float, max_lines: int, separator: str = "; ") -> Block:
    """``head`` and the ``items`` joined, at the largest size that fits; else as many whole
    items as fit at ``min_size`` and "and N more" (``whole`` False)."""
    text = head + separator.join(items)
    block = fit_whole(text, width, height, pixel_size, min_size=min_size, max_lines=max_lines)
    if block is not None:
        return block
    for count in range(len(items) - 1, 0, -1):
        more = len(items) - count
        shorter = fit_whole(f"{head}{separator.join(items[:count])}{separator}and {more} more",
                            width, height, min_size, min_size=min_size, max_lines=max_lines)
        if shorter is not None:
            return Block(shorter.font, shorter.lines, shorter.line_height, whole=False)
    first = f"{head}{items[0]}" + (f"{separator}and {len(items) - 1} more"
                                    if len(items) > 1 else "")
    return fit(first, width, height, min_size, min_size=min_size, max_lines=max_lines)


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
