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
    """Event 1 sits where event 0's label would go: that label goes elsewhere or is shortened."""
    left = np.array([100.0, 130.0])
    right = left + 10
    shapes = np.array([[100, 45, 110, 55], [130, 45, 140, 55]], np.float64)
    placed = label_layout.place(left, right, np.full(2, 50.0), np.full(2, 60.0), 14,
                                np.array([1.0, 0.0]), (0, 0, 400, 100), shapes,
                                np.full(2, 20.0))
    assert 0 in placed.which.tolist(), "there is room left of event 0"
    for k, rect in zip(placed.which.tolist(), placed.rects, strict=True):
        for j, shape in enumerate(shapes):
            if j != k:
                assert rect[2] <= shape[0] or rect[0] >= shape[2] or rect[3] <= shape[1] \
                    or rect[1] >= shape[3], (k, rect, shape)
    rect0 = placed.rects[placed.which.tolist().index(0)]
    assert rect0[2] <= 100, "event 0's label went left, clear of event 1"


def test_a_long_label_wraps_onto_two_lines_where_one_line_has_no_room() -> None:
    left = np.array([100.0, 240.0])
    right = left + 10
    placed = label_layout.place(left, right, np.full(2, 50.0), np.array([200.0, 60.0]), 14,
                                np.array([1.0, 0.0]), (90, 0, 400, 100),
                                np.column_stack((left, np.full(2, 45.0), right, np.full(2, 55.0))),
                                np.array([80.0, 60.0]), two=np.array([110.0, np.inf]))
    forms = dict(zip(placed.which.tolist(), placed.form.tolist(), strict=True))
    assert forms == {0: label_layout.TWO, 1: label_layout.ONE}
    rect = placed.rects[placed.which.tolist().index(0)]
    assert rect[3] - rect[1] == 28 and rect[2] - rect[0] == 110


def test_same_day_events_get_separate_rows() -> None:
    start = np.array([10.0, 10.0, 10.0, 100.0])
    stacking = lane_layout.stack(start, start + 1, np.zeros(4, np.int32), 1)
    assert sorted(stacking.row[:3].tolist()) == [0, 1, 2]
    assert stacking.row[3] == 0, "a later event takes the first free row"
    assert stacking.need.tolist() == [3]


def test_a_label_keeps_its_row_clear_of_the_next_event() -> None:
    """Event 1 sits where event 0's label would run: with the label's room held, it goes to
    the next row; a far event shares the first row again."""
    start = np.array([0.0, 5.0, 40.0])
    shapes_only = lane_layout.stack(start, start + 1, np.zeros(3, np.int32), 1)
    assert shapes_only.row.tolist() == [0, 0, 0]
    with_labels = lane_layout.stack(start, start + 20, np.zeros(3, np.int32), 1)
    assert with_labels.row.tolist() == [0, 1, 0]


def test_a_label_gives_way_before_a_row_is_added() -> None:
    """Where the next event would need a new row, the last label of a row wraps (its
    fallback) to let it in, and is marked as having given way."""
    start = np.array([0.0, 5.0, 12.0])
    finish = start + np.array([20.0, 20.0, 20.0])
    fallback = start + np.array([4.0, 10.0, 4.0])
    plain = lane_layout.stack(start, finish, np.zeros(3, np.int32), 1)
    giving = lane_layout.stack(start, finish, np.zeros(3, np.int32), 1, fallback)
    assert plain.need.tolist() == [3]
    assert giving.row.tolist() == [0, 0, 1] and giving.need.tolist() == [2]
    assert giving.yielded.tolist() == [True, False, False]


def test_rows_are_shared_by_weight_when_short() -> None:
    need = np.array([5, 3, 9], np.int32)
    assert lane_layout.share(need, np.array([135.0, 36.0, 20.0]), 30).tolist() == [5, 3, 9], \
        "rows enough for all: every lane gets what it needs"
    caps = lane_layout.share(need, np.array([135.0, 36.0, 20.0]), 11)
    assert caps.sum() == 11 and caps[0] == 5, "the heavy lane keeps all it needs"
    assert caps[2] < need[2], "the light lane's pile is cut"
    assert lane_layout.share(need, np.ones(3), 2).tolist() == [1, 1, 1], \
        "never below one row a lane"


def test_a_pile_folds_into_one_count_and_a_clear_last_row_stays() -> None:
    """Seven meetings on one day in three rows: two drawn, five counted in the third
    row; an event alone in the third row elsewhere is drawn, not counted."""
    start = np.array([10.0] * 7 + [30.0, 30.0, 30.0])
    finish = start + 5
    lane = np.zeros(10, np.int32)
    stacking = lane_layout.stack(start, finish, lane, 1)
    folded = lane_layout.fold(stacking, start, finish, lane, np.array([3], np.int32), 1.0)
    assert folded.rows.tolist() == [3]
    assert (folded.row[:7] >= 0).sum() == 2 and folded.row[:7].max() <= 1
    assert folded.row[7:].tolist() == [0, 1, 2], "nothing beyond it: the last row's event stays"
    assert len(folded.group_x) == 1 and folded.group_x[0] == 10.0
    assert sorted(folded.group(0).tolist()) == sorted(np.flatnonzero(folded.row < 0).tolist())
    assert len(folded.group(0)) == 5


def test_big_lanes_are_stacked_without_a_python_loop_and_folded_onto_the_rows_given() -> None:
    """Too many to stack exactly: rows by overlap depth, every event drawn in the rows the
    lane has (some over others), none counted away."""
    n = lane_layout.EXACT_LIMIT + 5
    start = (np.arange(n) // 10).astype(np.float64)
    lane = np.zeros(n, np.int32)
    stacking = lane_layout.stack(start, start + 1, lane, 1)
    assert not stacking.exact[0] and stacking.need[0] >= 10, "ten a day need ten rows"
    folded = lane_layout.fold(stacking, start, start + 1, lane, np.array([4], np.int32), 2.0)
    assert folded.row.min() == 0 and folded.row.max() == 3
    assert len(folded.members) == 0


def test_a_long_run_of_counts_is_split_so_each_stays_near_its_events() -> None:
    n = lane_layout.EXACT_LIMIT
    start = (np.arange(n) // 10).astype(np.float64)
    lane = np.zeros(n, np.int32)
    stacking = lane_layout.stack(start, start + 1, lane, 1)
    assert stacking.exact[0]
    folded = lane_layout.fold(stacking, start, start + 1, lane, np.array([4], np.int32), 2.0)
    assert folded.row.max() == 2, "the fourth row holds the counts of what lies beyond it"
    counted = int((folded.row < 0).sum())
    assert counted == len(folded.members) == n - 3 * (n // 10)
    groups = [folded.group(g) for g in range(len(folded.group_x))]
    assert len(groups) > 1 and all(float(np.ptp(start[m])) < 2.0 for m in groups)


def test_a_label_fits_a_band_exactly_its_own_width() -> None:
    """A band as wide as a label's shortest form holds it, whatever the rounding of the
    pixel arithmetic (Kazan's month in an export 900 px wide lost its label to it)."""
    left, right = np.array([104.45044642857141]), np.array([752.0432142857142])
    shapes = np.array([[104.45044642857141, 87.37, 752.0432142857142, 107.53]])
    placed = label_layout.place(left, right, np.array([97.45]), np.array([205.5]), 14.8,
                                np.array([2.0]), (2.0, 2.0, 729.1531249999999, 408.1), shapes,
                                np.array([148.2875]), two=np.array([109.1875]),
                                two_height=27.6)
    assert placed.which.tolist() == [0] and placed.form.tolist() == [label_layout.ONE]


def test_layout_matches_the_plain_greedy_reference() -> None:
    """The fast layout places exactly what a plain loop over every label and event places."""
    rng = np.random.default_rng(7)
    for _ in range(300):
        n = int(rng.integers(0, 60))
        left = np.round(rng.uniform(-50, 500, n), int(rng.integers(0, 3)))
        right = left + np.where(rng.random(n) < 0.5, 10.0, rng.uniform(0, 120, n).round())
        cy = rng.choice([20.0, 30.0, 38.0, 50.0, 60.0, 95.0], n)
        width = rng.uniform(30, 200, n).round(1)
        two = np.where(rng.random(n) < 0.6, (width * 0.6).round(1), np.inf)
        priority = rng.integers(0, 4, n) - np.linspace(0, 0.5, n)
        shapes = np.column_stack((left, cy - 5, right, cy + 5)) if rng.random() < 0.8 else None
        if shapes is not None and rng.random() < 0.5:  # events without a label candidate
            extra = rng.uniform(-50, 500, 8).round()
            ey = rng.choice([20.0, 30.0, 38.0, 50.0, 60.0, 95.0], 8)
            shapes = np.vstack((shapes, np.column_stack((extra, ey - 7, extra + 14, ey + 7))))
        least = rng.uniform(40, 80, n) if rng.random() < 0.5 else None
        args = (left, right, cy, width, 14.0, priority, (2.0, 3.0, 400.5, 97.5), shapes, least)
        fast = label_layout.place(*args, two=two, two_height=27.0)
        plain = _reference_place(*args, two=two, two_height=27.0)
        assert np.array_equal(fast.which, plain.which)
        assert np.array_equal(fast.form, plain.form)
        assert np.array_equal(fast.rects, plain.rects)


# A plain version of the same rules: every try tests every placed label and every event.

_Box = tuple[float, float, float, float]


def _overlap(a: _Box, b: _Box) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def _reference_place(left: NDArray[np.float64], right: NDArray[np.float64],
                     cy: NDArray[np.float64], one: NDArray[np.float64], height: float,
                     priority: NDArray[np.float64], bounds: _Box,
                     shapes: NDArray[np.float64] | None, least: NDArray[np.float64] | None, *,
                     two: NDArray[np.float64], two_height: float) -> label_layout.PlacedLabels:
    gap, inside_min = label_layout.GAP, label_layout.INSIDE_MIN
    b0, bt, b2, bb = bounds
    n = len(left)
    obs = [tuple(s) for s in shapes.tolist()] if shapes is not None else []
    low = np.minimum(least if least is not None else np.full(n, label_layout.MIN_WIDTH), one)
    labels: dict[int, _Box] = {}
    wishes: dict[int, _Box] = {}
    modest = [False]

    def free(box: _Box, own: int = -1) -> bool:
        if box[0] < b0 or box[2] > b2:
            return False
        if any(_overlap(box, other) for other in labels.values()):
            return False
        if modest[0] and any(_overlap(box, other) for other in wishes.values()):
            return False
        return not any(_overlap(box, s) for j, s in enumerate(obs) if j != own)

    def meets(t: float, b: float) -> list[_Box]:
        return [r for r in [*labels.values(), *obs] if r[1] < b and r[3] > t]

    def beside(i: int, t: float, b: float, w: float) -> _Box | None:
        for x0 in (right[i] + gap, left[i] - gap - w):
            if free((x0, t, x0 + w, b)):
                return (x0, t, x0 + w, b)
        return None

    def inside(i: int, t: float, b: float, w: float, low_w: float) -> _Box | None:
        if right[i] - left[i] < inside_min:
            return None
        x0 = max(left[i] + gap, b0)
        stops = [r[0] for j, r in enumerate(meets(t, b)) if r[0] >= x0 - 0.5]
        x1 = min([x0 + w, b2, *(s - gap for s in stops)])
        own = i if shapes is not None and i < len(obs) else -1
        return (x0, t, x1, b) if x1 - x0 >= low_w - 1e-9 and free((x0, t, x1, b), own) else None

    def shrunk(i: int, t: float, b: float, w: float, low_w: float) -> _Box | None:
        found = inside(i, t, b, w, low_w)
        if found:
            return found
        x0 = max(right[i] + gap, b0)
        x1 = min([x0 + w, b2, *(r[0] - gap for r in meets(t, b) if r[0] >= x0 - 0.5)])
        if x1 - x0 >= low_w - 1e-9 and free((x0, t, x1, b)):
            return (x0, t, x1, b)
        x1 = min(left[i] - gap, b2)
        x0 = max([x1 - w, b0, *(r[2] + gap for r in meets(t, b) if r[2] <= x1 + 0.5)])
        if x1 - x0 >= low_w - 1e-9 and free((x0, t, x1, b)):
            return (x0, t, x1, b)
        return None

    claims = []
    wrapped = set()
    for i in np.argsort(-priority, kind="stable").tolist():
        t, b = cy[i] - height / 2, cy[i] + height / 2
        if t < bt or b > bb:
            continue
        found = beside(i, t, b, low[i]) or shrunk(i, t, b, low[i], low[i])
        if found is None:
            t2, b2_ = cy[i] - two_height / 2, cy[i] + two_height / 2
            if two[i] < one[i] and t2 >= bt and b2_ <= bb:
                found = beside(i, t2, b2_, two[i])
                if found:
                    wrapped.add(i)
        if found:
            labels[i] = found
            claims.append(i)
    for i in claims:  # the room each claimed label would grow into on its side
        if i in wrapped:
            continue
        x0, t, x1, b = labels[i]
        if x1 <= left[i] - gap + 0.5:
            wishes[i] = (max(x1 - one[i], b0), t, x1, b)
        else:
            wishes[i] = (x0, t, min(x0 + one[i], b2), b)
    out = []
    for i in claims:
        if i in wrapped:
            out.append((i, label_layout.TWO, labels[i]))
            continue
        del wishes[i]
        now = labels.pop(i)
        t, b = now[1], now[3]
        if now[2] - now[0] >= one[i] - 1e-9:
            labels[i] = now
            out.append((i, label_layout.ONE, now))
            continue
        t2, b2_ = cy[i] - two_height / 2, cy[i] + two_height / 2
        grown = None
        for polite in (True, False):
            modest[0] = polite
            found = beside(i, t, b, one[i]) or inside(i, t, b, one[i], one[i])
            if found:
                grown = (label_layout.ONE, found)
                break
            if two[i] < one[i] and t2 >= bt and b2_ <= bb:
                found = beside(i, t2, b2_, two[i])
                if found:
                    grown = (label_layout.TWO, found)
                    break
        modest[0] = False
        if grown is not None:
            labels[i] = grown[1]
            out.append((i, *grown))
            continue
        found = shrunk(i, t, b, one[i], now[2] - now[0])
        if found is None or found[2] - found[0] <= now[2] - now[0]:
            found = now
        labels[i] = found
        form = label_layout.ONE if found[2] - found[0] >= one[i] - 1e-9 else label_layout.SHORT
        out.append((i, form, found))
    return label_layout.PlacedLabels(
        np.array([i for i, _, _ in out], np.int64),
        np.array([r[2] - r[0] for _, _, r in out], np.float64),
        np.array([r for _, _, r in out], np.float64).reshape(-1, 4),
        np.array([f for _, f, _ in out], np.int8))
