"""Speaker notes over the slide, for rehearsing on one screen (S in presenter mode).

With a second screen the notes are on the presenter's console instead; on
one screen a speaker rehearsing wants them where they look, so they cover
the lower part of the slide in a card, with the time since the start and the
next slide's name.  The audience never sees this card in an exported slide.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter

from ..paint import text_block
from ..paint.slide_painter import SlideColours

NO_NOTES = "No speaker notes for this slide."


def elapsed_text(milliseconds: int) -> str:
    """"0:07:42": hours, minutes and seconds since the presentation started."""
    seconds = max(0, milliseconds // 1000)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def paint_notes(painter: QPainter, rect: QRectF, colours: SlideColours, notes: str,
                elapsed: str, upcoming: str) -> QRectF:
    """The notes card over the bottom of ``rect``; returns where it went."""
    h = rect.height()
    card = QRectF(rect.left() + h * 0.04, rect.top() + h * 0.5, rect.width() - h * 0.08,
                  h * 0.46)
    back = QColor(colours.card)
    back.setAlpha(242)
    painter.save()
    painter.setPen(colours.accent)
    painter.setBrush(back)
    painter.drawRoundedRect(card, h * 0.012, h * 0.012)
    pad = h * 0.025
    inner = card.adjusted(pad, pad, -pad, -pad)
    head = f"Speaker notes · {elapsed}" + (f" · next: {upcoming}" if upcoming else "")
    used = text_block.draw_in(painter, inner, head, h / 42, colours.muted, min_size=h / 60,
                              max_lines=1)
    body = QRectF(inner.left(), inner.top() + used + h * 0.012, inner.width(),
                  inner.height() - used - h * 0.012)
    text_block.draw(painter, text_block.fit(notes or NO_NOTES, body.width(), body.height(),
                                            h / 28, min_size=h / 52, max_lines=30),
                    QPointF(body.left(), body.top()), colours.text if notes else colours.muted)
    painter.restore()
    return card
