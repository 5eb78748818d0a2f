"""The legend under the timeline: what each mark means, drawn with the same code as the marks.

It wraps onto a second line when the window is narrow (a legend cut at
"know…" tells the reader nothing), and each item's tooltip says what it means.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from . import review_badges, sprites

_ITEMS = (
    ("held", "held"), ("planned", "planned"), ("postponed", "postponed"),
    ("cancelled", "cancelled"), ("span", "days"), ("band", "month/year"),
    ("fuzzy", "~ approx. ? uncertain"), ("known", "known on"), ("as_of", "as of"),
    ("review.1", "checked"), ("review.2", "needs work"), ("review.3", "disputed"),
)


_TIPS = {
    "held": "Held: a filled mark", "planned": "Planned: hollow, dashed outline, labelled",
    "postponed": "Postponed: half filled", "cancelled": "Cancelled: struck through",
    "span": "An event over several days: a bar from its first to its last day",
    "band": "A date known only to the month or year: a soft band over all of it",
    "fuzzy": "Approximate (~) and uncertain (?) dates are marked beside the event",
    "known": "The knowledge date: the timeline as it was known on this day",
    "as_of": "The date the data describes (the source's own date)",
    "review.1": "Your review flag: checked", "review.2": "Your review flag: needs work",
    "review.3": "Your review flag: disputed",
}
_GAP = 12.0
_MARGIN = 8.0


class LegendBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.colour = QColor("#1F6FB2")
        self.marker_colour = QColor("#E0A000")
        self.as_of_colour = QColor("#7A7A7A")
        self.setAccessibleName("Legend")
        self.setToolTip("Status is shown by shape as well as colour")
        self.setFixedHeight(self._line_height())

    def _line_height(self) -> int:
        return self.fontMetrics().height() + 10

    def _mark_width(self, key: str) -> float:
        size = min(14.0, self._line_height() - 6.0)
        return {"span": size * 2, "band": size * 2.4, "fuzzy": 0.0, "known": 6.0,
                "as_of": 6.0}.get(key, size)

    def item_boxes(self, width: float) -> list[QRectF]:
        """Where each legend item goes at ``width``: in rows, wrapping instead of cutting."""
        metrics = self.fontMetrics()
        line = self._line_height()
        boxes: list[QRectF] = []
        x, row = _MARGIN, 0
        for key, text in _ITEMS:
            mark = self._mark_width(key)
            w = mark + (5 if mark else 0) + metrics.horizontalAdvance(text)
            if x > _MARGIN and x + w > width - _MARGIN:
                x, row = _MARGIN, row + 1
            boxes.append(QRectF(x, row * line, w, line))
            x += w + _GAP
        return boxes

    def sizeHint(self) -> QSize:
        boxes = self.item_boxes(1e9)
        return QSize(int(boxes[-1].right() + _MARGIN), self._line_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(int(max(b.width() for b in self.item_boxes(1e9)) + 2 * _MARGIN),
                     self._line_height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        rows = int(self.item_boxes(event.size().width())[-1].bottom() // self._line_height())
        height = rows * self._line_height()
        if height != self.height():
            self.setFixedHeight(height)
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for (key, _), box in zip(_ITEMS, self.item_boxes(self.width()), strict=True):
                if box.contains(QPointF(event.pos())):
                    QToolTip.showText(event.globalPos(), _TIPS[key], self)
                    return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        muted = QColor(text_colour)
        muted.setAlpha(150)
        metrics = self.fontMetrics()
        h = float(self._line_height())
        size = min(14.0, h - 6.0)
        for (key, text), box in zip(_ITEMS, self.item_boxes(self.width()), strict=True):
            x, top = box.left(), box.top()
            rect = QRectF(x, top + (h - size) / 2, size, size)
            if key in ("held", "planned", "postponed", "cancelled"):
                status = ("held", "planned", "postponed", "cancelled").index(key)
                sprites.paint_marker(painter, rect, status, self.colour, muted)
            elif key == "span":
                bar = QRectF(x, top + h / 2 - size * 0.36, size * 2, size * 0.72)
                painter.setPen(sprites.outline_pen(self.colour, 0))
                painter.setBrush(self.colour)
                painter.drawRect(bar)
            elif key == "band":
                band = QRectF(x, top + h / 2 - size * 0.6, size * 2.4, size * 1.2)
                soft = QColor(self.colour)
                soft.setAlpha(70)
                painter.setPen(QPen(soft, 1))
                painter.setBrush(soft)
                painter.drawRect(band)
            elif key.startswith("review."):
                review_badges.paint_badge(painter, rect, int(key.split(".")[1]))
            elif key != "fuzzy":
                colour = self.marker_colour if key == "known" else self.as_of_colour
                pen = QPen(colour, 2)
                if key == "as_of":
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(x + 3, top + 3), QPointF(x + 3, top + h - 3))
            mark = self._mark_width(key)
            painter.setPen(text_colour)
            painter.drawText(QPointF(x + mark + (5 if mark else 0),
                                     top + (h + metrics.ascent() - metrics.descent()) / 2), text)
        painter.end()
