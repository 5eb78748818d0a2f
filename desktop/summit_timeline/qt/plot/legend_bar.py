"""The legend under the timeline: the scene's legend entries, drawn as exports draw them.

It wraps onto a second line when the window is narrow (a legend cut at
"know…" tells the reader nothing), and each item's tooltip says what it means.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize
from PySide6.QtGui import QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...scene.palette import LIGHT, Palette, Rgba
from ...scene.scene import Scene
from ...scene.style import KNOWN_ENTRY, LEGEND, LegendEntry
from ..paint import legend

_MARGIN = 8.0


class LegendBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.entries: tuple[LegendEntry, ...] = (*LEGEND, KNOWN_ENTRY)
        self._palette: Palette = LIGHT
        self._colour: Rgba = LIGHT.lane(0)
        self.setAccessibleName("Legend")
        self.setToolTip("Status is shown by shape as well as colour")
        self.setFixedHeight(self._line_height())

    def set_scene(self, scene: Scene) -> None:
        """Show the scene's entries in its colours (the timeline calls this on each change)."""
        if (scene.legend, scene.palette, scene.legend_colour) == (self.entries, self._palette,
                                                                  self._colour):
            return
        self.entries, self._palette, self._colour = scene.legend, scene.palette, \
            scene.legend_colour
        self._fit_height(self.width())
        self.update()

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def _line_height(self) -> int:
        return round(self._metrics().height() + 10)

    def item_boxes(self, width: float) -> list[QRectF]:
        """Where each legend item goes at ``width``: in rows, wrapping instead of cutting."""
        return legend.boxes(self.entries, self._metrics(), width, _MARGIN)

    def sizeHint(self) -> QSize:
        boxes = self.item_boxes(1e9)
        return QSize(int(boxes[-1].right() + _MARGIN), self._line_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(int(max(b.width() for b in self.item_boxes(1e9)) + 2 * _MARGIN),
                     self._line_height())

    def _fit_height(self, width: int) -> None:
        boxes = self.item_boxes(width)
        height = round(boxes[-1].bottom()) if boxes else self._line_height()
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_height(event.size().width())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for entry, box in zip(self.entries, self.item_boxes(self.width()), strict=True):
                if box.contains(QPointF(event.pos())):
                    QToolTip.showText(event.globalPos(), entry.tip, self)
                    return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        legend.paint(painter, self.entries, self.item_boxes(self.width()), self._metrics(),
                     self._palette, self._colour)
        painter.end()
