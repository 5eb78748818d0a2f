"""The key to the drawing, from the scene's legend entries: one code for the window and paper.

Samples are drawn with the same calls as the shapes they explain
(``shapes.paint_sample`` over the style table), so the "month or year only"
sample is exactly what a month-long event looks like.  Entries wrap onto
more lines instead of being cut ("know…" tells a reader nothing).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from ...scene.palette import Palette, Rgba
from ...scene.style import STYLES, LegendEntry
from ..plot import review_badges
from . import shapes

GAP = 1.0
"""Space between entries, in text lines."""


def sample_width(entry: LegendEntry, line: float) -> float:
    size = min(14.0, line)
    if entry.sample == "style":
        shape = STYLES[entry.style].shape
        return size * (1.0, 2.0, 2.4)[shape]
    if entry.sample in ("line", "dashed_line"):
        return 6.0
    if entry.sample == "badge":
        return size
    return 0.0


def boxes(entries: tuple[LegendEntry, ...], metrics: QFontMetricsF, width: float,
          margin: float) -> list[QRectF]:
    """Where each entry goes within ``width``: in rows, wrapping instead of cutting."""
    line = metrics.height() + 10.0
    out: list[QRectF] = []
    x, row = margin, 0
    for entry in entries:
        mark = sample_width(entry, metrics.height())
        w = mark + (5 if mark else 0) + metrics.horizontalAdvance(entry.text)
        if x > margin and x + w > width - margin:
            x, row = margin, row + 1
        out.append(QRectF(x, row * line, w, line))
        x += w + GAP * metrics.height()
    return out


def paint(painter: QPainter, entries: tuple[LegendEntry, ...], where: list[QRectF],
          metrics: QFontMetricsF, palette: Palette, colour: Rgba) -> None:
    """Draw ``entries`` into their boxes (from ``boxes``) with the painter's current font."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    text = shapes.qcolor(palette.text)
    muted = shapes.qcolor(palette.muted)
    lane = shapes.qcolor(colour)
    size = min(14.0, metrics.height())
    for entry, box in zip(entries, where, strict=True):
        x, top, h = box.left(), box.top(), box.height()
        mark = sample_width(entry, metrics.height())
        rect = QRectF(x, top + (h - size) / 2, mark, size)
        if entry.sample == "style":
            shapes.paint_sample(painter, rect, STYLES[entry.style], lane, muted, text)
        elif entry.sample == "badge":
            review_badges.paint_badge(painter, rect, entry.badge)
        elif entry.sample in ("line", "dashed_line"):
            known = entry.sample == "line"
            pen = QPen(shapes.qcolor(palette.marker if known else palette.as_of), 2)
            if not known:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x + 3, top + 3), QPointF(x + 3, top + h - 3))
        painter.setPen(text)
        painter.drawText(QPointF(x + mark + (5 if mark else 0),
                                 top + (h + metrics.ascent() - metrics.descent()) / 2),
                         entry.text)
    painter.restore()
