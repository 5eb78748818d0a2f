"""Batch drawing of many rectangles, lines and sprites with one QPainter call each.

pyqtgraph's ``PrimitiveArray`` exposes a C array of ``QRectF`` (or lines, or
pixmap fragments) as a numpy view, so numpy fills it and Qt draws it without
a Python object per event.  This is what keeps a frame cheap at 100,000 events.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from pyqtgraph.Qt import internals
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter, QPixmap

_LIMIT = 2.0**30
"""Qt can crash on coordinates near the int range; clip well inside it."""


def _packed(kind: type, *columns: NDArray[np.float64]) -> internals.PrimitiveArray:
    """Four coordinate columns in one Qt primitive array, for a single draw call.

    The caller must hold the returned array while drawing: ``drawargs()``
    points into its buffer, which is freed with it.
    """
    arr = internals.PrimitiveArray(kind, 4)
    arr.resize(len(columns[0]))
    view = arr.ndarray()
    for col, values in enumerate(columns):
        view[:, col] = values
    return arr


def draw_rects(painter: QPainter, left: NDArray[np.float64], top: NDArray[np.float64],
               right: NDArray[np.float64], bottom: NDArray[np.float64]) -> None:
    if len(left) == 0:
        return
    x0 = np.clip(left, -_LIMIT, _LIMIT)
    rects = _packed(QRectF, x0, top, np.clip(right, -_LIMIT, _LIMIT) - x0, bottom - top)
    painter.drawRects(*rects.drawargs())


def draw_lines(painter: QPainter, x0: NDArray[np.float64], y0: NDArray[np.float64],
               x1: NDArray[np.float64], y1: NDArray[np.float64]) -> None:
    if len(x0) == 0:
        return
    lines = _packed(QLineF, np.clip(x0, -_LIMIT, _LIMIT), y0, np.clip(x1, -_LIMIT, _LIMIT), y1)
    painter.drawLines(*lines.drawargs())


def draw_sprites(painter: QPainter, cx: NDArray[np.float64], cy: NDArray[np.float64],
                 sprite: QPixmap) -> None:
    """Draw ``sprite`` centred on each point (device pixels, painter transform reset)."""
    if len(cx) == 0:
        return
    dpr = sprite.devicePixelRatio()
    arr = internals.PrimitiveArray(QPainter.PixmapFragment, 10)
    arr.resize(len(cx))
    view = arr.ndarray()
    view[:, 0] = np.clip(cx, -_LIMIT, _LIMIT)
    view[:, 1] = cy
    view[:, 2] = 0
    view[:, 3] = 0
    view[:, 4] = sprite.width()
    view[:, 5] = sprite.height()
    view[:, 6] = 1 / dpr
    view[:, 7] = 1 / dpr
    view[:, 8] = 0
    view[:, 9] = 1
    painter.drawPixmapFragments(*arr.drawargs(), sprite)
