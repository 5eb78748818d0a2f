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
    all_x, all_y, all_r = (np.array([d[k] for d in dots], np.float64).reshape(-1)
                           for k in range(3))
    biggest = float(all_r.max()) if len(all_r) else 0.0
    for item in wanted:
        w = measure.width(item.text) + PAD
        gap = line * 0.2
        r = item.radius
        # Only dots within a name's length of this one can touch or outrank a spot of
        # it: the rest are left out of every test (a hundred places cost ten times less).
        reach_all = w + r + biggest + line * 3
        local = (all_x - item.x) ** 2 + (all_y - item.y) ** 2 <= reach_all * reach_all
        dx, dy, dr = all_x[local], all_y[local], all_r[local]
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
        rect = _free_spot(spots, w, line, gap, item, r, taken, (dx, dy, dr),
                          ((~own, ~own), (outside, ~own), (outside, ~own & ~smaller)),
                          width, height)
        if rect is not None:
            placed[item.key] = MapLabel(item.text, rect)
            taken = np.vstack((taken, rect))
    return placed


def _free_spot(spots: NDArray[np.float64], w: float, line: float, gap: float, item: Wanted,
               r: float, taken: NDArray[np.float64],
               dots: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]],
               tries: tuple[tuple[NDArray[np.bool_], NDArray[np.bool_]], ...],
               width: float, height: float) -> tuple[float, float, float, float] | None:
    """The first of ``spots`` (top-left corners) inside the picture and over no name in
    ``taken``, for the first of ``tries`` that has one: a try is (nearer, clear), masks
    of ``dots`` (x, y, radius arrays); the spot covers no dot of ``clear`` and is nearer
    its own dot than any of ``nearer`` by ``gap``.  Every spot and every try is worked
    out at once from one table of distances: this runs for every place on every change
    of selection."""
    left, top = spots[:, 0], spots[:, 1]
    right, bottom = left + w, top + line
    ok = (left >= 0) & (top >= 0) & (right <= width) & (bottom <= height)
    if len(taken) and ok.any():
        ok &= ~np.any((left[:, None] < taken[None, :, 2]) & (taken[None, :, 0] < right[:, None])
                      & (top[:, None] < taken[None, :, 3]) & (taken[None, :, 1] < bottom[:, None]),
                      axis=1)
    if not ok.any():
        return None
    gaps = _gaps(left, top, right, bottom, *dots)
    nx = np.clip(item.x, left, right) - item.x
    ny = np.clip(item.y, top, bottom) - item.y
    mine = np.maximum(np.hypot(nx, ny) - r, 0.0)
    covers = gaps < 0
    crowds = gaps < (mine + gap)[:, None]
    for nearer, clear in tries:
        fits = ok & ~np.any(covers & clear, axis=1) & ~np.any(crowds & nearer, axis=1)
        hits = np.flatnonzero(fits)
        if len(hits):
            k = int(hits[0])
            return (float(left[k]), float(top[k]), float(right[k]), float(bottom[k]))
    return None


def _gaps(left: NDArray[np.float64], top: NDArray[np.float64], right: NDArray[np.float64],
          bottom: NDArray[np.float64], x: NDArray[np.float64], y: NDArray[np.float64],
          radius: NDArray[np.float64]) -> NDArray[np.float64]:
    """How far each dot's rim is from each box (spots × dots; negative: the dot reaches
    into it)."""
    nx = np.clip(x[None, :], left[:, None], right[:, None]) - x[None, :]
    ny = np.clip(y[None, :], top[:, None], bottom[:, None]) - y[None, :]
    gaps: NDArray[np.float64] = np.sqrt(nx * nx + ny * ny) - radius[None, :]
    return gaps
