"""Where each event sits vertically: its lane, and a row inside the lane.

Events that overlap in time are stacked into rows so that seven meetings on
the same afternoon do not hide behind each other.  Small timelines get an
exact greedy packing; big ones a vectorised approximation (rows by overlap
depth) because a Python loop over a million events would stall the window.
Everything is numpy on arrays; nothing here knows about Qt.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

MAX_ROWS: Final = 10
LANE_GAP: Final = 0.6
"""Empty space between lanes, in row heights."""
EXACT_LIMIT: Final = 20_000


@dataclass(frozen=True)
class LaneLayout:
    row: NDArray[np.int32]
    """Row of each given event inside its lane."""
    lane_top: NDArray[np.float64]
    """Top of each lane in rows (y grows downwards)."""
    lane_rows: NDArray[np.int32]
    total: float

    def y(self, lane: NDArray[np.int32]) -> NDArray[np.float64]:
        """Vertical centre of each event, in row units."""
        return self.lane_top[lane] + self.row + 0.5


def stack(start: NDArray[np.float64], end: NDArray[np.float64], lane: NDArray[np.int32],
          lanes: int) -> LaneLayout:
    """Rows for events given by ``start``/``end`` (day numbers) in ``lanes`` lanes.

    Point events are given a minimum length of about 6% of the whole span so
    that markers a few pixels apart at "fit all" do not share a row.
    """
    n = len(start)
    row = np.zeros(n, np.int32)
    lane_rows = np.ones(lanes, np.int32)
    if n:
        span = float(end.max() - start.min())
        pad = max(1.0, span * 0.06)
        finish = np.maximum(end, start + pad)
        for k in range(lanes):
            members = np.flatnonzero(lane == k)
            if len(members) == 0:
                continue
            order = members[np.lexsort((finish[members], start[members]))]
            if len(order) <= EXACT_LIMIT:
                rows = _greedy(start[order], finish[order])
            else:
                rows = _by_depth(start[order], finish[order])
            row[order] = rows
            lane_rows[k] = int(rows.max()) + 1
    tops = np.zeros(lanes, np.float64)
    if lanes:
        tops[1:] = np.cumsum(lane_rows[:-1] + LANE_GAP)
    total = float(tops[-1] + lane_rows[-1]) if lanes else 1.0
    return LaneLayout(row, tops, lane_rows, total)


def _greedy(start: NDArray[np.float64], finish: NDArray[np.float64]) -> NDArray[np.int32]:
    """Interval partitioning: each event takes the lowest free row (capped at MAX_ROWS)."""
    rows = np.zeros(len(start), np.int32)
    free: list[int] = []
    busy: list[tuple[float, int]] = []
    used = 0
    for i, (s, f) in enumerate(zip(start.tolist(), finish.tolist(), strict=True)):
        while busy and busy[0][0] <= s:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            r = heapq.heappop(free)
        elif used < MAX_ROWS:
            r, used = used, used + 1
        else:
            r = i % MAX_ROWS
            rows[i] = r
            continue
        rows[i] = r
        heapq.heappush(busy, (f, r))
    return rows


def _by_depth(start: NDArray[np.float64], finish: NDArray[np.float64]) -> NDArray[np.int32]:
    """Row = number of earlier events still running, folded into MAX_ROWS rows."""
    ended = np.searchsorted(np.sort(finish), start, side="right")
    depth = np.arange(len(start)) - ended
    rows: NDArray[np.int32] = (np.maximum(depth, 0) % MAX_ROWS).astype(np.int32)
    return rows
