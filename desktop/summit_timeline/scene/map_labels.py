"""Place names beside their dots, none over another name or another dot.

Names are placed in order of importance (the selected place, a place the
list is filtered to, then the busiest places), each at the first free spot
of right, left, above and below its dot; a name with no free spot is left
out, and hovering its dot still names it.  On a closed view (a slide inset,
an export) names stay inside the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .map_scene import MapLabel
from .text import PAD, TextMeasure


@dataclass(frozen=True)
class Wanted:
    key: int
    text: str
    x: float
    y: float
    radius: float


def place_labels(wanted: list[Wanted], dots: list[tuple[float, float, float]],
                 measure: TextMeasure, width: float, height: float) -> dict[int, MapLabel]:
    """Labels for ``wanted`` (most important first), avoiding each other and ``dots``
    (x, y, radius), inside ``width`` × ``height``.

    A dot touching the labelled one (Tianjin beside Beijing on a world map) is part of
    its cluster: the cluster's name may cover it, or the busiest place goes unnamed.
    """
    placed: dict[int, MapLabel] = {}
    taken = np.zeros((0, 4))
    line = measure.line_height
    dx, dy, dr = (np.array([d[k] for d in dots], np.float64).reshape(-1) for k in range(3))
    for item in wanted:
        w = measure.width(item.text) + PAD
        gap = line * 0.2
        r = item.radius
        reach = item.radius + dr + line * 0.4
        others = (dx - item.x) ** 2 + (dy - item.y) ** 2 > reach * reach
        ox, oy, orr = dx[others], dy[others], dr[others]
        spots = np.array((
            (item.x + r + gap, item.y - line / 2),
            (item.x - r - gap - w, item.y - line / 2),
            (item.x - w / 2, item.y - r - gap - line),
            (item.x - w / 2, item.y + r + gap),
            (item.x + r * 0.7, item.y - r * 0.7 - line),
            (item.x + r * 0.7, item.y + r * 0.7),
        ))
        for left, top in spots.tolist():
            right, bottom = left + w, top + line
            if left < 0 or top < 0 or right > width or bottom > height:
                continue
            if len(taken) and np.any((left < taken[:, 2]) & (taken[:, 0] < right)
                                     & (top < taken[:, 3]) & (taken[:, 1] < bottom)):
                continue
            if len(ox):
                nx = np.clip(ox, left, right) - ox
                ny = np.clip(oy, top, bottom) - oy
                if np.any(nx * nx + ny * ny < orr * orr):
                    continue
            rect = (left, top, right, bottom)
            placed[item.key] = MapLabel(item.text, rect)
            taken = np.vstack((taken, rect))
            break
    return placed
