"""Pure layout helpers: labels never overlap, simultaneous events get their own rows."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from summit_timeline.scene import label_layout, lane_layout


def test_labels_never_overlap_and_important_ones_win() -> None:
    n = 50
    left = np.linspace(0, 300, n)
    right = left + 10
    y = np.full(n, 50.0)
    priority = np.zeros(n)
    priority[17] = 3
    placed = label_layout.place(left, right, y, np.full(n, 80.0), 14, priority,
                                (0, 0, 400, 100))
    rects = placed.rects
    assert 17 in placed.which.tolist()
    for i in range(len(rects)):
        for j in range(i + 1, len(rects)):
            a, b = rects[i], rects[j]
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    assert len(rects) < n


def test_labels_come_back_with_room() -> None:
    left = np.array([0.0, 20.0])
    args = (np.full(2, 50.0), np.full(2, 80.0), 14, np.zeros(2), (0, 0, 1000, 100))
    crowded = label_layout.place(left, left + 10, *args)
    spread = label_layout.place(left * 20, left * 20 + 10, *args)
    assert len(crowded.which) == 1 and len(spread.which) == 2


def test_label_does_not_cover_another_event() -> None:
    left = np.array([0.0, 30.0])
    right = left + 10
    shapes = np.array([[0, 45, 10, 55], [30, 45, 40, 55]], np.float64)
    placed = label_layout.place(left, right, np.full(2, 50.0), np.full(2, 60.0), 14,
                                np.array([1.0, 0.0]), (0, 0, 200, 100), shapes)
    for rect in placed.rects:
        assert not (rect[0] < 40 and rect[2] > 30 and placed.which[0] == 0)


def test_same_day_events_get_separate_rows() -> None:
    start = np.array([10.0, 10.0, 10.0, 100.0])
    layout = lane_layout.stack(start, start + 1, np.zeros(4, np.int32), 1)
    assert sorted(layout.row[:3].tolist()) == [0, 1, 2]
    assert layout.lane_rows[0] == 3


def test_big_lanes_are_stacked_without_a_python_loop_and_capped() -> None:
    n = lane_layout.EXACT_LIMIT + 5
    start = (np.arange(n) // 10).astype(np.float64)
    layout = lane_layout.stack(start, start + 1, np.zeros(n, np.int32), 1)
    assert layout.row.max() < lane_layout.MAX_ROWS


def test_layout_matches_the_plain_greedy_reference() -> None:
    """The fast layout places exactly what the plain per-label greedy loop placed."""
    rng = np.random.default_rng(7)
    for _ in range(300):
        n = int(rng.integers(0, 60))
        left = np.round(rng.uniform(-50, 500, n), int(rng.integers(0, 3)))
        right = left + np.where(rng.random(n) < 0.5, 10.0, rng.uniform(0, 120, n).round())
        cy = rng.choice([20.0, 30.0, 38.0, 50.0, 60.0, 95.0], n)
        width = rng.uniform(30, 200, n).round(1)
        priority = rng.integers(0, 4, n) - np.linspace(0, 0.5, n)
        shapes = np.column_stack((left, cy - 5, right, cy + 5)) if rng.random() < 0.8 else None
        least = rng.uniform(40, 80, n) if rng.random() < 0.5 else None
        args = (left, right, cy, width, 14.0, priority, (2.0, 3.0, 400.5, 97.5), shapes, least)
        fast, plain = label_layout.claim(*args), _reference_place(*args)
        assert np.array_equal(fast.which, plain.which)
        assert np.array_equal(fast.widths, plain.widths)
        assert np.array_equal(fast.rects, plain.rects)


# The layout as it was before it was made fast: every try tests every placed label
# and every shape.  Kept as the reference the fast one must match exactly.

def _reference_place(left: NDArray[np.float64], right: NDArray[np.float64],
                     centre_y: NDArray[np.float64], width: NDArray[np.float64],
                     height: float, priority: NDArray[np.float64],
                     bounds: tuple[float, float, float, float],
                     shapes: NDArray[np.float64] | None = None,
                     min_width: NDArray[np.float64] | None = None) -> label_layout.PlacedLabels:
    """Place a label beside each shape [left, right] x centre_y, or drop it.

    ``min_width``: per label, the narrowest it may be abbreviated to (default
    ``label_layout.MIN_WIDTH``), so a label whose status must stay readable is dropped
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
    least = min_width if min_width is not None else np.full(len(left), label_layout.MIN_WIDTH)
    for i in order.tolist():
        top = centre_y[i] - height / 2
        bottom = top + height
        if top < bt or bottom > bb:
            continue
        found = _ref_full(i, left, right, width, top, bottom, bounds, placed[:count], obs) \
            or _ref_shrunk(i, left, right, width, top, bottom, bounds, placed[:count], obs,
                       float(least[i]))
        if found is None:
            continue
        placed[count] = found
        which[count] = i
        widths[count] = found[2] - found[0]
        count += 1
    return label_layout.PlacedLabels(which[:count], widths[:count], placed[:count])


_Box = tuple[float, float, float, float]


def _ref_free(i: int, box: _Box, bounds: _Box, placed: NDArray[np.float64],
          shapes: NDArray[np.float64]) -> bool:
    if box[0] < bounds[0] or box[2] > bounds[2]:
        return False
    if len(placed) and _ref_hits(placed, box):
        return False
    return not (len(shapes) and _ref_hits_other(shapes, box, i))


def _ref_full(i: int, left: NDArray[np.float64], right: NDArray[np.float64],
          width: NDArray[np.float64], top: float, bottom: float, bounds: _Box,
          placed: NDArray[np.float64], shapes: NDArray[np.float64]) -> _Box | None:
    for x0 in (right[i] + label_layout.GAP, left[i] - label_layout.GAP - width[i]):
        box = (x0, top, x0 + width[i], bottom)
        if _ref_free(i, box, bounds, placed, shapes):
            return box
    return None


def _ref_shrunk(i: int, left: NDArray[np.float64], right: NDArray[np.float64],
            width: NDArray[np.float64], top: float, bottom: float, bounds: _Box,
            placed: NDArray[np.float64], shapes: NDArray[np.float64],
            least: float = label_layout.MIN_WIDTH) -> _Box | None:
    """The widest abbreviated place: inside a wide shape, else right, else left of it."""
    row = np.concatenate((placed, np.delete(shapes, i, axis=0))) if len(shapes) else placed
    across = row[(row[:, 1] < bottom) & (row[:, 3] > top)] if len(row) else row
    if right[i] - left[i] >= label_layout.INSIDE_MIN:
        # Start inside a band or bar and run on past its end when the row is free there:
        # a short band ("Oct") still gets its whole status suffix.
        x0 = max(left[i] + label_layout.GAP, bounds[0])
        stops = across[across[:, 0] >= x0 - 0.5, 0] if len(across) else across
        x1 = min(x0 + width[i], bounds[2], *(stops - label_layout.GAP).tolist())
        if x1 - x0 >= least and _ref_free(i, (x0, top, x1, bottom), bounds, placed, shapes):
            return (x0, top, x1, bottom)
    x0 = max(right[i] + label_layout.GAP, bounds[0])
    stops = across[across[:, 0] >= x0 - 0.5, 0] if len(across) else across
    x1 = min(x0 + width[i], bounds[2], *(stops - label_layout.GAP).tolist())
    if x1 - x0 >= least and _ref_free(i, (x0, top, x1, bottom), bounds, placed, shapes):
        return (x0, top, x1, bottom)
    x1 = min(left[i] - label_layout.GAP, bounds[2])
    stops = across[across[:, 2] <= x1 + 0.5, 2] if len(across) else across
    x0 = max(x1 - width[i], bounds[0], *(stops + label_layout.GAP).tolist())
    if x1 - x0 >= least and _ref_free(i, (x0, top, x1, bottom), bounds, placed, shapes):
        return (x0, top, x1, bottom)
    return None


def _ref_hits(rects: NDArray[np.float64], box: tuple[float, float, float, float]) -> bool:
    return bool(np.any((rects[:, 0] < box[2]) & (rects[:, 2] > box[0])
                       & (rects[:, 1] < box[3]) & (rects[:, 3] > box[1])))


def _ref_hits_other(shapes: NDArray[np.float64], box: tuple[float, float, float, float],
                own: int) -> bool:
    overlap = ((shapes[:, 0] < box[2]) & (shapes[:, 2] > box[0])
               & (shapes[:, 1] < box[3]) & (shapes[:, 3] > box[1]))
    overlap[own] = False
    return bool(np.any(overlap))
