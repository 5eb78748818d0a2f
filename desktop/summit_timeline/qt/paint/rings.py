"""The rings drawn around events: the selection, and events marked as changed.

Both painters call these, so a ring on screen and in an export is the same
ring; the scene has already decided where each goes.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from ...scene.scene import Rect, Scene
from .shapes import qcolor, with_alpha


def _rect(box: Rect) -> QRectF:
    left, top, right, bottom = box
    return QRectF(left, top, right - left, bottom - top)


def paint_rings(painter: QPainter, scene: Scene) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if scene.marked:
        # Solid and thinner than the selection: a dashed outline already means "planned".
        painter.setPen(QPen(qcolor(scene.palette.changed), 2))
        for box in scene.marked:
            painter.drawRoundedRect(_rect(box), 4, 4)
    if scene.selection is not None:
        accent = qcolor(scene.palette.accent)
        rect = _rect(scene.selection)
        painter.setPen(QPen(with_alpha(accent, 60), 8))
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(QPen(accent, 2.5))
        painter.drawRoundedRect(rect, 6, 6)
