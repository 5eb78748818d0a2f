"""The legend under the timeline: what each mark means, drawn with the same code as the marks."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import sprites

_ITEMS = (
    ("held", "held"), ("planned", "planned"), ("postponed", "postponed"),
    ("cancelled", "cancelled"), ("span", "days"), ("band", "month/year"),
    ("fuzzy", "~ approx. ? uncertain"), ("known", "known on"), ("as_of", "as of"),
)


class LegendBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.colour = QColor("#1F6FB2")
        self.marker_colour = QColor("#E0A000")
        self.as_of_colour = QColor("#7A7A7A")
        self.setAccessibleName("Legend")
        self.setToolTip("Status is shown by shape as well as colour")

    def sizeHint(self) -> QSize:
        return QSize(600, self.fontMetrics().height() + 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        muted = QColor(text_colour)
        muted.setAlpha(150)
        metrics = self.fontMetrics()
        h = self.height()
        size = min(14.0, h - 6.0)
        x = 8.0
        for key, text in _ITEMS:
            rect = QRectF(x, (h - size) / 2, size, size)
            if key in ("held", "planned", "postponed", "cancelled"):
                status = ("held", "planned", "postponed", "cancelled").index(key)
                sprites.paint_marker(painter, rect, status, self.colour, muted)
                width = size
            elif key == "span":
                bar = QRectF(x, h / 2 - size * 0.36, size * 2, size * 0.72)
                painter.setPen(sprites.outline_pen(self.colour, 0))
                painter.setBrush(self.colour)
                painter.drawRect(bar)
                width = size * 2
            elif key == "band":
                band = QRectF(x, h / 2 - size * 0.6, size * 2.4, size * 1.2)
                soft = QColor(self.colour)
                soft.setAlpha(70)
                painter.setPen(QPen(soft, 1))
                painter.setBrush(soft)
                painter.drawRect(band)
                width = size * 2.4
            elif key == "fuzzy":
                width = 0
            else:
                colour = self.marker_colour if key == "known" else self.as_of_colour
                pen = QPen(colour, 2)
                if key == "as_of":
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(x + 3, 3), QPointF(x + 3, h - 3))
                width = 6
            x += width + 5
            painter.setPen(text_colour)
            painter.drawText(QPointF(x, (h + metrics.ascent() - metrics.descent()) / 2), text)
            x += metrics.horizontalAdvance(text) + 12
        painter.end()
