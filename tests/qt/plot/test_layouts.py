"""Pure layout helpers: labels never overlap, simultaneous events get their own rows."""

from __future__ import annotations

import numpy as np

from summit_timeline.qt.plot import label_layout, lane_layout


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
