"""Qt paths for a map scene's land and route: made once per land layer, moved per frame.

Both map painters (the dock and the vector painter of insets and exports)
draw land through here.  A layer's rings become one ``QPainterPath`` in
projected kilometres, built with pyqtgraph's array-to-path routine (no
Python loop over 100,000 points), and each view only maps that path through
its frame: a pan or a zoom costs one transform in C++.
"""

from __future__ import annotations

import math
import weakref

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath, QPolygonF, QTransform

from ...core.geo.projection import Frame
from ...scene.map_scene import Arrow, LandLayer

_PATHS: weakref.WeakKeyDictionary[LandLayer, QPainterPath] = weakref.WeakKeyDictionary()


def land_path(layer: LandLayer) -> QPainterPath:
    """The layer's rings in kilometres (north up is +y); filled even-odd."""
    path = _PATHS.get(layer)
    if path is None:
        connect = np.ones(len(layer.xy), np.int32)
        connect[layer.ring_start[1:] - 1] = 0  # the last point of a ring starts no line
        if len(layer.xy):
            path = pg.arrayToQPath(layer.xy[:, 0], layer.xy[:, 1], connect=connect,
                                   finiteCheck=False)
        else:
            path = QPainterPath()
        path.setFillRule(pg.QtCore.Qt.FillRule.OddEvenFill)
        _PATHS[layer] = path
    return path


def page_transform(frame: Frame) -> QTransform:
    """Kilometres → pixels: ``px = (x - x0) s + left``, ``py = top + (y1 - y) s``."""
    s = frame.scale
    return QTransform(s, 0.0, 0.0, -s, frame.left - frame.x0 * s, frame.top + frame.y1 * s)


def land_on_page(layer: LandLayer, frame: Frame) -> QPainterPath:
    """The land in the pixels of a view: what both painters fill and outline."""
    path = page_transform(frame).map(land_path(layer))
    path.setFillRule(land_path(layer).fillRule())
    return path


def edge_on_page(layer: LandLayer, frame: Frame) -> QPolygonF | None:
    """A world map's outline in the pixels of a view (None: a regional map)."""
    if layer.edge is None:
        return None
    return page_transform(frame).map(polyline(layer.edge))


def polyline(points: np.ndarray) -> QPolygonF:
    return QPolygonF(list(map(QPointF, *points.T.tolist())))


def arrow_head(arrow: Arrow) -> QPolygonF:
    """A filled chevron at the arrow's point, pointing along its angle."""
    back = arrow.size
    half = arrow.size * 0.55
    cos, sin = math.cos(arrow.angle), math.sin(arrow.angle)
    tip = QPointF(arrow.x + cos * back * 0.5, arrow.y + sin * back * 0.5)
    base_x, base_y = arrow.x - cos * back * 0.5, arrow.y - sin * back * 0.5
    left = QPointF(base_x - sin * half, base_y + cos * half)
    right = QPointF(base_x + sin * half, base_y - cos * half)
    notch = QPointF(arrow.x - cos * back * 0.2, arrow.y - sin * back * 0.2)
    return QPolygonF([tip, left, notch, right])
