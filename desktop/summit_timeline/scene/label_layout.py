"""Greedy placement of event labels so that no two overlap.

Two passes.  First every label claims only its narrowest readable width, the
most important first, so a long label never takes the one place a smaller
event had: whoever has room gets a label.  Then, again the most important
first, each label grows to its full text where its row is free, moving to the
other side of its event if that side has room for all of it.  A label with no
room at its narrowest is dropped for this frame and comes back when zooming in
gives it room.  Pure numpy and floats so it can be tested without a screen.

Runs on every frame, so it is built to be cheap: which shapes and labels can
meet a label vertically is worked out once for all candidates with numpy, and
each candidate then only compares its few same-row obstacles as plain
intervals, instead of testing every placed label and every shape per try.
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


Span = tuple[float, float]
"""(left, right) of an obstacle that shares a label's rows."""


def place(left: NDArray[np.float64], right: NDArray[np.float64], centre_y: NDArray[np.float64],
          width: NDArray[np.float64], height: float, priority: NDArray[np.float64],
          bounds: tuple[float, float, float, float],
          shapes: NDArray[np.float64] | None = None,
          min_width: NDArray[np.float64] | None = None) -> PlacedLabels:
    """Place a label beside each shape [left, right] x centre_y, or drop it.

    Which labels are shown is decided at their narrowest widths (``claim``);
    then each grows towards ``width`` where there is room (``grow``).
    """
    width = np.asarray(width, np.float64)
    least = np.minimum(np.asarray(min_width, np.float64) if min_width is not None
                       else np.full(len(left), MIN_WIDTH), width)
    claimed = claim(left, right, centre_y, least, height, priority, bounds, shapes, least)
    return grow(claimed, left, right, centre_y, width, height, bounds, shapes)


def grow(claimed: PlacedLabels, left: NDArray[np.float64], right: NDArray[np.float64],
         centre_y: NDArray[np.float64], width: NDArray[np.float64], height: float,
         bounds: tuple[float, float, float, float],
         shapes: NDArray[np.float64] | None = None) -> PlacedLabels:
    """Widen each claimed label (in claim order) towards ``width`` without meeting anything.

    Every other label keeps its current rectangle as an obstacle, so a label
    can only take room nobody holds; it keeps its claimed place if nothing
    wider is free.
    """
    rects = claimed.rects.copy()
    widths = claimed.widths.copy()
    which = claimed.which.tolist()
    if not which:
        return claimed
    b0, _, b2, _ = (float(v) for v in bounds)
    tops = rects[:, 1]
    lines, line_of = np.unique(tops, return_inverse=True)
    shares = (lines[None, :] < lines[:, None] + height) & (lines[None, :] + height > lines[:, None])
    members: list[list[int]] = [[] for _ in range(len(lines))]
    for k, g in enumerate(line_of.tolist()):
        members[g].append(k)
    near = [[k for g2 in np.flatnonzero(shares[g]).tolist() for k in members[g2]]
            for g in range(len(lines))]
    shape_rows: list[list[tuple[int, Span]]] = [[] for _ in range(len(lines))]
    if shapes is not None and len(shapes):
        meets = (shapes[None, :, 1] < lines[:, None] + height) \
            & (shapes[None, :, 3] > lines[:, None])
        for g, j in zip(*(a.tolist() for a in np.nonzero(meets)), strict=True):
            shape_rows[g].append((j, (float(shapes[j, 0]), float(shapes[j, 2]))))
    lefts, rights, full = (np.asarray(a, np.float64).tolist() for a in (left, right, width))
    wishes = [_wish(lefts[i], rights[i], full[i], float(rects[k, 0]), float(rects[k, 2]), b0, b2)
              for k, i in enumerate(which)]
    for k, i in enumerate(which):
        if widths[k] >= full[i]:
            continue
        g = int(line_of[k])
        row = [span for j, span in shape_rows[g] if j != i]
        row += [(float(rects[m, 0]), float(rects[m, 2])) for m in near[g] if m != k]
        # First without taking the room a later label would grow into on its side
        # (a band's label rather runs inside its band than cuts a neighbour to "Put…").
        kind = row + [wishes[m] for m in near[g] if m > k]
        now = float(widths[k])
        found = _full(lefts[i], rights[i], full[i], b0, b2, kind) \
            or _inside(lefts[i], rights[i], full[i], b0, b2, kind, now) \
            or _full(lefts[i], rights[i], full[i], b0, b2, row) \
            or _shrunk(lefts[i], rights[i], full[i], b0, b2, row, now)
        if found is not None and found[1] - found[0] > widths[k]:
            rects[k, 0], rects[k, 2] = found
            widths[k] = found[1] - found[0]
    return PlacedLabels(claimed.which, widths, rects)


def _wish(left: float, right: float, width: float, x0: float, x1: float, b0: float,
          b2: float) -> Span:
    """The room a claimed label [x0, x1] would take at ``width`` on its side of its event."""
    if x1 <= left - GAP + 0.5:
        return (max(x1 - width, b0), x1)
    return (x0, min(x0 + width, b2))


def claim(left: NDArray[np.float64], right: NDArray[np.float64], centre_y: NDArray[np.float64],
          width: NDArray[np.float64], height: float, priority: NDArray[np.float64],
          bounds: tuple[float, float, float, float],
          shapes: NDArray[np.float64] | None = None,
          min_width: NDArray[np.float64] | None = None) -> PlacedLabels:
    """One greedy pass: place a label beside each shape [left, right] x centre_y, or drop it.

    ``min_width``: per label, the narrowest it may be abbreviated to (default
    ``MIN_WIDTH``), so a label whose status must stay readable is dropped
    rather than cut below its "(planned)".

    ``priority``: larger first (ties: earlier candidates first).  ``bounds``:
    the (left, top, right, bottom) the labels must stay inside.  ``shapes``:
    (n, 4) rectangles of the candidates' own markers, which labels must not
    cover; a label may touch the shape it belongs to.
    """
    n = len(left)
    order = np.argsort(-priority, kind="stable")
    b0, bt, b2, bb = (float(v) for v in bounds)
    tops = np.asarray(centre_y, np.float64) - height / 2
    bottoms = tops + height
    least = min_width if min_width is not None else np.full(n, MIN_WIDTH)
    # Candidates on the same centre line share their rows, so obstacles are kept per
    # line: the shapes (with their owners, as a label may touch its own shape) whose
    # rows it meets, by the same strict test as rectangle overlap, and the labels
    # placed so far in rows it meets.
    lines, line_of = np.unique(tops, return_inverse=True)
    line_bottoms = lines + height
    line_shapes: list[list[Span]] = [[] for _ in range(len(lines))]
    line_owners: list[list[int]] = [[] for _ in range(len(lines))]
    if shapes is not None and len(shapes):
        meets = (shapes[None, :, 1] < line_bottoms[:, None]) \
            & (shapes[None, :, 3] > lines[:, None])
        s_left, s_right = shapes[:, 0].tolist(), shapes[:, 2].tolist()
        for g, j in zip(*(a.tolist() for a in np.nonzero(meets)), strict=True):
            line_shapes[g].append((s_left[j], s_right[j]))
            line_owners[g].append(j)
    shares = (lines[None, :] < line_bottoms[:, None]) & (line_bottoms[None, :] > lines[:, None])
    sharing = [np.flatnonzero(row).tolist() for row in shares]
    line_labels: list[list[Span]] = [[] for _ in range(len(lines))]
    lefts, rights, widths = (np.asarray(a, np.float64).tolist() for a in (left, right, width))
    top_list, bottom_list, least_list = tops.tolist(), bottoms.tolist(), \
        np.asarray(least, np.float64).tolist()
    line_list = line_of.tolist()
    which: list[int] = []
    got: list[float] = []
    rects: list[tuple[float, float, float, float]] = []
    for i in order.tolist():
        top, bottom = top_list[i], bottom_list[i]
        if top < bt or bottom > bb:
            continue
        g = line_list[i]
        others = line_shapes[g]
        owners = line_owners[g]
        if i in owners:
            at = owners.index(i)
            others = others[:at] + others[at + 1:]
        row = others + line_labels[g]
        found = _full(lefts[i], rights[i], widths[i], b0, b2, row) \
            or _shrunk(lefts[i], rights[i], widths[i], b0, b2, row, least_list[i])
        if found is None:
            continue
        x0, x1 = found
        which.append(i)
        got.append(x1 - x0)
        rects.append((x0, top, x1, bottom))
        for k in sharing[g]:
            line_labels[k].append(found)
    return PlacedLabels(np.array(which, np.int64), np.array(got, np.float64),
                        np.array(rects, np.float64).reshape(-1, 4))


def _free(x0: float, x1: float, b0: float, b2: float, row: list[Span]) -> bool:
    """Inside the bounds and overlapping nothing in the label's rows (touching is fine)."""
    if x0 < b0 or x1 > b2:
        return False
    return not any(o0 < x1 and o1 > x0 for o0, o1 in row)


def _full(left: float, right: float, width: float, b0: float, b2: float,
          row: list[Span]) -> Span | None:
    """The whole label right of its event, else left of it."""
    for x0 in (right + GAP, left - GAP - width):
        x1 = x0 + width
        if _free(x0, x1, b0, b2, row):
            return (x0, x1)
    return None


def _shrunk(left: float, right: float, width: float, b0: float, b2: float,
            row: list[Span], least: float = MIN_WIDTH) -> Span | None:
    """The widest abbreviated place: inside a wide shape, else right, else left of it."""
    inside = _inside(left, right, width, b0, b2, row, least)
    if inside is not None:
        return inside
    x0 = max(right + GAP, b0)
    x1 = min([x0 + width, b2, *(o0 - GAP for o0, _ in row if o0 >= x0 - 0.5)])
    if x1 - x0 >= least and _free(x0, x1, b0, b2, row):
        return (x0, x1)
    x1 = min(left - GAP, b2)
    x0 = max([x1 - width, b0, *(o1 + GAP for _, o1 in row if o1 <= x1 + 0.5)])
    if x1 - x0 >= least and _free(x0, x1, b0, b2, row):
        return (x0, x1)
    return None


def _inside(left: float, right: float, width: float, b0: float, b2: float,
            row: list[Span], least: float = MIN_WIDTH) -> Span | None:
    """Inside a band or bar, running on past its end when the row is free there.

    A short band ("Oct") still gets its whole status suffix.
    """
    if right - left < INSIDE_MIN:
        return None
    x0 = max(left + GAP, b0)
    x1 = min([x0 + width, b2, *(o0 - GAP for o0, _ in row if o0 >= x0 - 0.5)])
    if x1 - x0 >= least and _free(x0, x1, b0, b2, row):
        return (x0, x1)
    return None
