"""Guard against Qt bindings that leak references to None or the booleans.

PySide6 6.12.0 on Python 3.11 takes a reference off ``None`` on every Qt call
that returns nothing; minutes of panning then abort the interpreter. The
dependency pin excludes it; this test fails if an upgrade brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter


def test_painting_does_not_drain_none_or_bool_references() -> None:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(2000):
        painter.save()
        painter.drawRect(QRectF(1, 1, 5, 5))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.restore()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    painter.end()
    assert all(a - b > -100 for a, b in zip(after, before, strict=True)), (before, after)
