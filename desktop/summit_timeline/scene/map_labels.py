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
from typing import Final

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
    other dot by at least a small gap.

    Whether a spot is clear of the dots does not depend on the names placed before
    it, so that is worked out for every name, spot and dot in a few array operations;
    only the test against names already placed is made one name at a time.  This runs
    for every place on every change of selection: one name at a time throughout cost
    a frame's budget at a hundred places."""
    placed: dict[int, MapLabel] = {}
    if not wanted:
        return placed
    line = measure.line_height
    gap = line * 0.2
    all_x, all_y, all_r = (np.array([d[k] for d in dots], np.float64).reshape(-1)
                           for k in range(3))
    biggest = float(all_r.max()) if len(all_r) else 0.0
    x = np.array([item.x for item in wanted], np.float64)
    y = np.array([item.y for item in wanted], np.float64)
    r = np.array([item.radius for item in wanted], np.float64)
    w = np.array([measure.width(item.text) + PAD for item in wanted], np.float64)
    left, top = _spots(x, y, r, w, line, gap)
    right, bottom = left + w[:, None], top + line
    inside = (left >= 0) & (top >= 0) & (right <= width) & (bottom <= height)
    # Items in chunks, so that a map of thousands of places holds a bounded table.
    step = max(1, _TABLE // max(1, len(all_x) * _SPOTS))
    fits = np.concatenate([
        _clear_of_dots(slice(k, k + step), x, y, r, w, left, top, right, bottom, line, gap,
                       (all_x, all_y, all_r), biggest)
        for k in range(0, len(wanted), step)]) & np.tile(inside, (1, _TRIES))
    taken = np.zeros((len(wanted), 4))
    count = 0
    for k in np.flatnonzero(fits.any(axis=1)).tolist():
        free = fits[k]
        if count:
            t = taken[:count]
            over = np.any((left[k, :, None] < t[None, :, 2]) & (t[None, :, 0] < right[k, :, None])
                          & (top[k, :, None] < t[None, :, 3])
                          & (t[None, :, 1] < bottom[k, :, None]), axis=1)
            free = free & ~np.tile(over, _TRIES)
        hits = np.flatnonzero(free)
        if len(hits):
            s = int(hits[0]) % _SPOTS
            rect = (float(left[k, s]), float(top[k, s]), float(right[k, s]),
                    float(bottom[k, s]))
            placed[wanted[k].key] = MapLabel(wanted[k].text, rect)
            taken[count] = rect
            count += 1
    return placed


_SPOTS: Final = 8
_TRIES: Final = 3
_TABLE: Final = 400_000
"""Most spot × dot entries worked out at once."""


def _spots(x: NDArray[np.float64], y: NDArray[np.float64], r: NDArray[np.float64],
           w: NDArray[np.float64], line: float,
           gap: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Top-left corners of each name's spots (names × spots), in order of preference:
    right, left, above, below, then the diagonals of its dot."""
    d = r * 0.7
    left = np.stack((x + r + gap, x - r - gap - w, x - w / 2, x - w / 2,
                     x + d, x + d, x - d - w, x - d - w), axis=1)
    top = np.stack((y - line / 2, y - line / 2, y - r - gap - line, y + r + gap,
                    y - d - line, y + d, y - d - line, y + d), axis=1)
    return left, top


def _clear_of_dots(part: slice, x: NDArray[np.float64], y: NDArray[np.float64],
                   r: NDArray[np.float64], w: NDArray[np.float64],
                   left: NDArray[np.float64], top: NDArray[np.float64],
                   right: NDArray[np.float64], bottom: NDArray[np.float64], line: float,
                   gap: float,
                   dots: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]],
                   biggest: float) -> NDArray[np.bool_]:
    """For each name of ``part``, which spots are clear of the dots, try by try (names ×
    tries·spots, the first try's spots first).

    First a spot nearer its dot than any other; failing that (a cluster too tight for
    one), a spot nearer it than any dot outside the cluster, over none; last, the
    biggest dot of a cluster names it over its smaller dots, never the reverse."""
    dx, dy, dr = dots
    x, y, r, w = x[part, None], y[part, None], r[part, None], w[part, None]
    left, top, right, bottom = left[part], top[part], right[part], bottom[part]
    dist2 = (dx[None, :] - x) ** 2 + (dy[None, :] - y) ** 2
    # Only dots within a name's length of its own can touch or outrank a spot of it.
    reach_all = w + r + biggest + line * 3
    local = dist2 <= reach_all * reach_all
    own = dist2 < 1e-6
    # Dots touching this one (Tianjin on Beijing's rim) are its cluster.
    reach = r + dr[None, :] + line * 0.4
    near = ~own & (dist2 <= reach * reach)
    outside = ~own & ~near
    smaller = near & (dr[None, :] <= r)
    gaps = _gaps(left, top, right, bottom, dx, dy, dr)
    nx = np.clip(x, left, right) - x
    ny = np.clip(y, top, bottom) - y
    mine = np.maximum(np.hypot(nx, ny) - r, 0.0)
    covers = (gaps < 0) & local[:, None, :]
    crowds = (gaps < (mine + gap)[:, :, None]) & local[:, None, :]
    out = []
    for nearer, clear in ((~own, ~own), (outside, ~own), (outside, ~own & ~smaller)):
        out.append(~np.any(covers & clear[:, None, :], axis=2)
                   & ~np.any(crowds & nearer[:, None, :], axis=2))
    return np.concatenate(out, axis=1)


def _gaps(left: NDArray[np.float64], top: NDArray[np.float64], right: NDArray[np.float64],
          bottom: NDArray[np.float64], x: NDArray[np.float64], y: NDArray[np.float64],
          radius: NDArray[np.float64]) -> NDArray[np.float64]:
    """How far each dot's rim is from each box (names × spots × dots; negative: the dot
    reaches into it)."""
    nx = np.clip(x, left[..., None], right[..., None]) - x
    ny = np.clip(y, top[..., None], bottom[..., None]) - y
    gaps: NDArray[np.float64] = np.sqrt(nx * nx + ny * ny) - radius
    return gaps
