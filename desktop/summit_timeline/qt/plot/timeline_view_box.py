"""The ViewBox of the timeline: horizontal-only navigation, rectangle zoom, click signal."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal


class TimelineViewBox(pg.ViewBox):
    sigClicked = Signal(QPointF)
    """A left click that was not a drag, in scene coordinates."""

    def __init__(self) -> None:
        super().__init__(enableMenu=False, invertY=True)
        self.setMouseEnabled(x=True, y=False)

    def mouseDragEvent(self, ev: Any, axis: int | None = None) -> None:
        """Right-drag or Shift+drag draws a box and zooms to its days; plain drag pans."""
        boxed = ev.button() == Qt.MouseButton.RightButton or (
            ev.button() == Qt.MouseButton.LeftButton
            and ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if not boxed:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        if ev.isFinish():
            self.rbScaleBox.hide()
            a = self.mapToView(ev.buttonDownPos())
            b = self.mapToView(ev.pos())
            lo, hi = sorted((a.x(), b.x()))
            if hi - lo > 0:
                self.setXRange(lo, hi, padding=0)
        else:
            self.updateScaleBox(ev.buttonDownPos(), ev.pos())

    def mouseClickEvent(self, ev: Any) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self.sigClicked.emit(ev.scenePos())
        else:
            ev.ignore()
