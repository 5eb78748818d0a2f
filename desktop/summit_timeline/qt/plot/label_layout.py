"""Greedy placement of event labels so that no two overlap.

The most important events claim space first; a label that fits neither right
nor left of its event is dropped for this frame and comes back when zooming in
gives it room.  Pure numpy and floats so it can be tested without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

GAP = 4.0
MIN_WIDTH = 60.0
"""Narrowest an abbreviated label may get before it is dropped instead."""
INSIDE_MIN = 40.0
"""A band or bar at least this wide may carry its label inside it."""


@dataclass(frozen=True)
class PlacedLabels:
    which: NDArray[np.int64]
    """Index into the candidate arrays of each placed label."""
    widths: NDArray[np.float64]
    """Width each placed label got; less than asked means abbreviate the text to fit."""
    rects: NDArray[np.float64]
    """(n, 4) left, top, right, bottom in pixels."""


def place(left: NDArray[np.float64], right: NDArray[np.float64], centre_y: NDArray[np.float64],
          width: NDArray[np.float64], height: float, priority: NDArray[np.float64],
          bounds: tuple[float, float, float, float],
          shapes: NDArray[np.float64] | None = None,
          min_width: NDArray[np.float64] | None = None) -> PlacedLabels:
    """Place a label beside each shape [left, right] x centre_y, or drop it.

    ``min_width``: per label, the narrowest it may be abbreviated to (default
    ``MIN_WIDTH``), so a label whose status must stay readable is dropped
    rather than cut below its "(planned)".

    ``priority``: larger first (ties: earlier candidates first).  ``bounds``:
    the (left, top, right, bottom) the labels must stay inside.  ``obstacles``:
    (m, 4) rectangles labels must not cover, such as the markers themselves;
    a label may touch the shape it belongs to.
    """
    order = np.argsort(-priority, kind="stable")
    _, bt, _, bb = bounds
    placed = np.empty((len(order), 4), np.float64)
    which = np.empty(len(order), np.int64)
    count = 0
    obs = shapes if shapes is not None else np.zeros((0, 4), np.float64)
    widths = np.empty(len(order), np.float64)
    least = min_width if min_width is not None else np.full(len(left), MIN_WIDTH)
    for i in order.tolist():
        top = centre_y[i] - height / 2
        bottom = top + height
        if top < bt or bottom > bb:
            continue
        found = _full(i, left, right, width, top, bottom, bounds, placed[:count], obs) \
            or _shrunk(i, left, right, width, top, bottom, bounds, placed[:count], obs,
                       float(least[i]))
        if found is None:
            continue
        placed[count] = found
        which[count] = i
        widths[count] = found[2] - found[0]
        count += 1
    return PlacedLabels(which[:count], widths[:count], placed[:count])


Box = tuple[float, float, float, float]


def _free(i: int, box: Box, bounds: Box, placed: NDArray[np.float64],
          shapes: NDArray[np.float64]) -> bool:
    if box[0] < bounds[0] or box[2] > bounds[2]:
        return False
    if len(placed) and _hits(placed, box):
        return False
    return not (len(shapes) and _hits_other(shapes, box, i))


def _full(i: int, left: NDArray[np.float64], right: NDArray[np.float64],
          width: NDArray[np.float64], top: float, bottom: float, bounds: Box,
          placed: NDArray[np.float64], shapes: NDArray[np.float64]) -> Box | None:
    for x0 in (right[i] + GAP, left[i] - GAP - width[i]):
        box = (x0, top, x0 + width[i], bottom)
        if _free(i, box, bounds, placed, shapes):
            return box
    return None


def _shrunk(i: int, left: NDArray[np.float64], right: NDArray[np.float64],
            width: NDArray[np.float64], top: float, bottom: float, bounds: Box,
            placed: NDArray[np.float64], shapes: NDArray[np.float64],
            least: float = MIN_WIDTH) -> Box | None:
    """The widest abbreviated place: inside a wide shape, else right, else left of it."""
    row = np.concatenate((placed, np.delete(shapes, i, axis=0))) if len(shapes) else placed
    across = row[(row[:, 1] < bottom) & (row[:, 3] > top)] if len(row) else row
    if right[i] - left[i] >= INSIDE_MIN:
        # Start inside a band or bar and run on past its end when the row is free there:
        # a short band ("Oct") still gets its whole status suffix.
        x0 = max(left[i] + GAP, bounds[0])
        stops = across[across[:, 0] >= x0 - 0.5, 0] if len(across) else across
        x1 = min(x0 + width[i], bounds[2], *(stops - GAP).tolist())
        if x1 - x0 >= least and _free(i, (x0, top, x1, bottom), bounds, placed, shapes):
            return (x0, top, x1, bottom)
    x0 = max(right[i] + GAP, bounds[0])
    stops = across[across[:, 0] >= x0 - 0.5, 0] if len(across) else across
    x1 = min(x0 + width[i], bounds[2], *(stops - GAP).tolist())
    if x1 - x0 >= least and _free(i, (x0, top, x1, bottom), bounds, placed, shapes):
        return (x0, top, x1, bottom)
    x1 = min(left[i] - GAP, bounds[2])
    stops = across[across[:, 2] <= x1 + 0.5, 2] if len(across) else across
    x0 = max(x1 - width[i], bounds[0], *(stops + GAP).tolist())
    if x1 - x0 >= least and _free(i, (x0, top, x1, bottom), bounds, placed, shapes):
        return (x0, top, x1, bottom)
    return None


def _hits(rects: NDArray[np.float64], box: tuple[float, float, float, float]) -> bool:
    return bool(np.any((rects[:, 0] < box[2]) & (rects[:, 2] > box[0])
                       & (rects[:, 1] < box[3]) & (rects[:, 3] > box[1])))


def _hits_other(shapes: NDArray[np.float64], box: tuple[float, float, float, float],
                own: int) -> bool:
    overlap = ((shapes[:, 0] < box[2]) & (shapes[:, 2] > box[0])
               & (shapes[:, 1] < box[3]) & (shapes[:, 3] > box[1]))
    overlap[own] = False
    return bool(np.any(overlap))
