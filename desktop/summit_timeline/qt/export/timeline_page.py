"""A whole export page: a heading that says what is shown, then the timeline.

A picture of a timeline that travels without its window must carry its own
context: the title, the knowledge date it shows, which tracks and dates were
picked.  PNG, SVG and every PDF page share this one layout.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from ...core import dates
from ...scene.snapshot import TimelineData
from .look import Look, sans_font
from .timeline_painter import TimelinePainter


def describe(data: TimelineData, x_range: tuple[float, float]) -> str:
    """The subtitle: knowledge date, tracks when filtered, date range and event count."""
    parts = []
    if data.knowledge_day is not None:
        parts.append(f"as known on {dates.format_day(data.knowledge_day)}")
    tracks = data.index.tracks
    if len(data.lanes) < len(tracks):
        parts.append("tracks: " + ", ".join(tracks[k].title for k in data.lanes))
    lo, hi = x_range
    parts.append(f"{dates.format_day(int(lo))} – {dates.format_day(int(hi) - 1)}")
    count = int(((data.known.end > lo) & (data.known.start < hi) & data.shown).sum())
    parts.append(f"{count} event{'s' * (count != 1)}")
    return " · ".join(parts)


def paint_timeline_page(painter: QPainter, rect: QRectF, data: TimelineData, look: Look,
                        x_range: tuple[float, float], unit: float, note: str = "") -> None:
    """Fill ``rect`` with the background, the heading and the timeline of ``x_range``.

    The timeline takes all the height between the heading and the key to the
    shapes, which sits at the bottom of the page.
    """
    painter.save()
    painter.fillRect(rect, look.background)
    margin = unit * 1.6
    inner = rect.adjusted(margin, margin, -margin, -margin)
    title_font = sans_font(unit * 1.7, bold=True)
    sub_font = sans_font(unit)
    title_m, sub_m = QFontMetricsF(title_font), QFontMetricsF(sub_font)
    painter.setPen(look.text)
    painter.setFont(title_font)
    title = title_m.elidedText(data.timeline.title, Qt.TextElideMode.ElideRight, inner.width())
    painter.drawText(QPointF(inner.left(), inner.top() + title_m.ascent()), title)
    painter.setFont(sub_font)
    painter.setPen(look.muted)
    subtitle = describe(data, x_range) + (f" · {note}" if note else "")
    subtitle = sub_m.elidedText(subtitle, Qt.TextElideMode.ElideRight, inner.width())
    top = inner.top() + title_m.height() + unit * 0.3
    painter.drawText(QPointF(inner.left(), top + sub_m.ascent()), subtitle)
    top += sub_m.height() + unit * 1.2
    legend_h = unit * 2.6
    body = QRectF(inner.left(), top, inner.width(), inner.bottom() - top - legend_h)
    timeline = TimelinePainter(data, look)
    timeline.paint(painter, body, x_range, unit, fill=True)
    timeline.paint_legend(painter, QPointF(inner.left(), inner.bottom() - unit * 0.6), unit)
    painter.restore()
