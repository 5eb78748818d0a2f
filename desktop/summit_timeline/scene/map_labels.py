"""Place names beside their dots, none over another name or any dot.

Names are placed in order of importance (the selected place, a place the
list is filtered to, then the busiest places), each at the first free spot
of right, left, above, below and the diagonals of its dot; a name with no
free spot is left out, and hovering its dot still names it.  In a cluster too tight for that,
the biggest dot's name may cover its smaller neighbours, never the reverse.  On a closed view
(a slide inset, an export) names stay inside the picture.

A spot is free only where the name is nearer its own dot than any other: on a
world map Tianjin's dot sits on the rim of Beijing's, and a "Beijing" just
right of Beijing's dot read as Tianjin's name, while "Tianjin", put beside its
own dot, lay over Beijing's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

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
    (x, y, radius), inside ``width`` × ``height``; each nearer its own dot than any
    other dot by at least a small gap."""
    placed: dict[int, MapLabel] = {}
    taken = np.zeros((0, 4))
    line = measure.line_height
    dx, dy, dr = (np.array([d[k] for d in dots], np.float64).reshape(-1) for k in range(3))
    for item in wanted:
        w = measure.width(item.text) + PAD
        gap = line * 0.2
        r = item.radius
        own = (dx - item.x) ** 2 + (dy - item.y) ** 2 < 1e-6
        # Dots touching this one (Tianjin on Beijing's rim) are its cluster.
        reach = r + dr + line * 0.4
        near = ~own & ((dx - item.x) ** 2 + (dy - item.y) ** 2 <= reach * reach)
        spots = np.array((
            (item.x + r + gap, item.y - line / 2),
            (item.x - r - gap - w, item.y - line / 2),
            (item.x - w / 2, item.y - r - gap - line),
            (item.x - w / 2, item.y + r + gap),
            (item.x + r * 0.7, item.y - r * 0.7 - line),
            (item.x + r * 0.7, item.y + r * 0.7),
            (item.x - r * 0.7 - w, item.y - r * 0.7 - line),
            (item.x - r * 0.7 - w, item.y + r * 0.7),
        ))
        # First a spot nearer this dot than any other; failing that (a cluster too tight
        # for one), a spot nearer it than any dot outside the cluster, over none; last,
        # the biggest dot of a cluster names it over its smaller dots, never the reverse.
        outside = ~own & ~near
        smaller = near & (dr <= r)
        for nearer, clear in ((~own, ~own), (outside, ~own), (outside, ~own & ~smaller)):
            rect = _free_spot(spots, w, line, gap, item, r, taken,
                              (dx[nearer], dy[nearer], dr[nearer]),
                              (dx[clear], dy[clear], dr[clear]), width, height)
            if rect is not None:
                placed[item.key] = MapLabel(item.text, rect)
                taken = np.vstack((taken, rect))
                break
    return placed


def _free_spot(spots: NDArray[np.float64], w: float, line: float, gap: float, item: Wanted,
               r: float, taken: NDArray[np.float64],
               nearer: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]],
               clear: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]],
               width: float, height: float) -> tuple[float, float, float, float] | None:
    """The first of ``spots`` (top-left corners) inside the picture, over no name in
    ``taken`` and no dot of ``clear``, and nearer its own dot than to any of ``nearer``
    (x, y, radius arrays) by ``gap``."""
    for left, top in spots.tolist():
        right, bottom = left + w, top + line
        if left < 0 or top < 0 or right > width or bottom > height:
            continue
        if len(taken) and np.any((left < taken[:, 2]) & (taken[:, 0] < right)
                                 & (top < taken[:, 3]) & (taken[:, 1] < bottom)):
            continue
        if len(clear[0]) and np.any(_gaps(left, top, right, bottom, *clear) < 0):
            continue
        mine = max(_reach(left, top, right, bottom, item.x, item.y) - r, 0.0)
        if len(nearer[0]) and np.any(_gaps(left, top, right, bottom, *nearer) < mine + gap):
            continue
        return (left, top, right, bottom)
    return None


def _gaps(left: float, top: float, right: float, bottom: float, x: NDArray[np.float64],
          y: NDArray[np.float64], radius: NDArray[np.float64]) -> NDArray[np.float64]:
    """How far each dot's rim is from a box (negative: the dot reaches into it)."""
    nx = np.clip(x, left, right) - x
    ny = np.clip(y, top, bottom) - y
    gaps: NDArray[np.float64] = np.sqrt(nx * nx + ny * ny) - radius
    return gaps


def _reach(left: float, top: float, right: float, bottom: float, x: float, y: float
           ) -> float:
    """Distance from (x, y) to the nearest point of a box (0 inside it)."""
    nx = min(max(x, left), right) - x
    ny = min(max(y, top), bottom) - y
    return math.hypot(nx, ny)
