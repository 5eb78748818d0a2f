"""Rows inside lanes: who shares a row, how many rows each lane gets, and what folds into "+N".

Events are stacked the way vis-timeline and TimelineJS stack items: each one
holds its row from where its shape begins to where its label ends (the caller
turns pixels into days at the scale shown), so two events share a row only
when the first one's label is clear of the second.  The lowest free row wins
(interval partitioning), which keeps the picture compact and means the first
k rows come out the same whatever the cap: capping a lane just cuts its
stacking.

When the plot cannot give every lane the rows it needs, lanes share the rows
by weight and what does not fit goes into the lane's last row as counts, so
seven meetings on one afternoon do not crowd out a lane of forty.

Small lanes get the exact greedy packing; big ones a vectorised approximation
(rows by overlap depth), because a Python loop over a million events would
stall the window.  Everything is numpy; nothing here knows about Qt.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

EXACT_LIMIT: Final = 1_000
"""Lanes with more events than this are stacked by overlap depth (approximate, no loop):
a zoom into another band of scales re-stacks every lane, and must not stall the window."""


@dataclass(frozen=True, eq=False)
class Stacking:
    row: NDArray[np.int32]
    """Each event's row inside its lane, from the top, with no cap."""
    need: NDArray[np.int32]
    """Rows each lane needs to show all its events (at least 1)."""
    yielded: NDArray[np.bool_]
    """Events whose room shrank to its ``fallback`` to let the next event share its row."""
    exact: NDArray[np.bool_]
    """Lanes stacked exactly (False: by overlap depth, where rows may collide)."""


def stack(begin: NDArray[np.float64], finish: NDArray[np.float64], lane: NDArray[np.int32],
          lanes: int, fallback: NDArray[np.float64] | None = None, *,
          exact_limit: int = EXACT_LIMIT) -> Stacking:
    """Rows for events holding [begin, finish) (days, label room included) in ``lanes`` lanes.

    Events of a lane are taken in order of ``begin`` (ties: the order given), each
    into the lowest row free at its begin.  With ``fallback`` (a nearer finish for
    each event: its label wrapped or shortened), an event that fits no row takes
    the lowest row whose last event would leave it room by giving way to that
    nearer finish, before a new row is opened.  Lanes of more than ``exact_limit``
    events are stacked by overlap depth.
    """
    n = len(begin)
    row = np.zeros(n, np.int32)
    need = np.ones(lanes, np.int32)
    yielded = np.zeros(n, np.bool_)
    exact = np.ones(lanes, np.bool_)
    if n == 0:
        return Stacking(row, need, yielded, exact)
    give = fallback if fallback is not None else finish
    by_lane = np.argsort(lane, kind="stable")
    edges = np.searchsorted(lane[by_lane], np.arange(lanes + 1))
    for k in range(lanes):
        members = by_lane[edges[k]:edges[k + 1]]
        if len(members) == 0:
            continue
        order = members[np.argsort(begin[members], kind="stable")]
        if len(order) <= exact_limit:
            rows, gave = _greedy(begin[order], finish[order], give[order])
            yielded[order] = gave
        else:
            rows = _by_depth(begin[order], finish[order])
            exact[k] = False
        row[order] = rows
        need[k] = int(rows.max()) + 1
    return Stacking(row, need, yielded, exact)


def _greedy(begin: NDArray[np.float64], finish: NDArray[np.float64],
            fallback: NDArray[np.float64]) -> tuple[NDArray[np.int32], NDArray[np.bool_]]:
    """Interval partitioning: each event takes the lowest row free at its begin, else the
    lowest row free at its begin once that row's last event gives way to its fallback.

    Heaps of rows by the finish and by the fallback of their last event; an entry
    is stale once its row has taken another event (``version``).
    """
    n = len(begin)
    rows = np.zeros(n, np.int32)
    gave = np.zeros(n, np.bool_)
    free: list[tuple[int, int]] = []
    giving: list[tuple[int, int]] = []
    busy: list[tuple[float, int, int]] = []
    yielding: list[tuple[float, int, int]] = []
    version: list[int] = []
    last: list[int] = []
    for i, (b, f, g) in enumerate(zip(begin.tolist(), finish.tolist(), fallback.tolist(),
                                      strict=True)):
        while busy and busy[0][0] <= b:
            _, r, v = heapq.heappop(busy)
            heapq.heappush(free, (r, v))
        while yielding and yielding[0][0] <= b:
            _, r, v = heapq.heappop(yielding)
            heapq.heappush(giving, (r, v))
        r = -1
        while free:
            r, v = heapq.heappop(free)
            if version[r] == v:
                break
            r = -1
        if r < 0:
            while giving:
                r, v = heapq.heappop(giving)
                if version[r] == v:
                    gave[last[r]] = True
                    break
                r = -1
        if r < 0:
            r = len(version)
            version.append(0)
            last.append(i)
        version[r] += 1
        last[r] = i
        rows[i] = r
        heapq.heappush(busy, (f, r, version[r]))
        if g < f:
            heapq.heappush(yielding, (g, r, version[r]))
    return rows, gave


def _by_depth(begin: NDArray[np.float64], finish: NDArray[np.float64]) -> NDArray[np.int32]:
    """Row = how many earlier events are still running (may share a row with an overlap)."""
    ended = np.searchsorted(np.sort(finish, kind="stable"), begin, side="right")
    depth = np.arange(len(begin)) - ended
    rows: NDArray[np.int32] = np.maximum(depth, 0).astype(np.int32)
    return rows


def share(need: NDArray[np.int32], weight: NDArray[np.float64], budget: int
          ) -> NDArray[np.int32]:
    """Rows per lane when ``budget`` rows cannot hold every lane's ``need``.

    Every lane keeps at least one row; the rest go one at a time to the lane
    with the fewest rows for its weight among those still short (weighted
    water-filling), so a lane that needs less than its share passes the rest on.
    """
    need = np.maximum(need.astype(np.int32), 1)
    if int(need.sum()) <= budget:
        return need
    caps = np.ones(len(need), np.int32)
    weight = np.maximum(weight.astype(np.float64), 1e-9)
    for _ in range(max(budget - len(need), 0)):
        short = caps < need
        if not short.any():
            break
        k = int(np.argmin(np.where(short, (caps + 1) / weight, np.inf)))
        caps[k] += 1
    return caps


@dataclass(frozen=True, eq=False)
class Folded:
    """The stacking cut to each lane's rows: what is drawn where, and what is counted."""

    row: NDArray[np.int32]
    """Each event's row, or -1 where it is folded into its lane's last row as a count."""
    rows: NDArray[np.int32]
    """Rows of each lane (its cap, or its need when that is smaller)."""
    group_of: NDArray[np.int64]
    """Each event's group of folded events (-1: drawn)."""
    group_x: NDArray[np.float64]
    """Where each group's count goes (days): where its first event is drawn."""
    group_lane: NDArray[np.int32]
    members: NDArray[np.int64]
    """The folded events, group after group, each group in order of begin."""
    offsets: NDArray[np.int64]
    """Group ``g`` is ``members[offsets[g]:offsets[g + 1]]``."""

    def group(self, g: int) -> NDArray[np.int64]:
        return self.members[int(self.offsets[g]):int(self.offsets[g + 1])]

    @property
    def hidden(self) -> int:
        """How many events are counted instead of drawn."""
        return len(self.members)


def fold(stacking: Stacking, begin: NDArray[np.float64], finish: NDArray[np.float64],
         lane: NDArray[np.int32], rows: NDArray[np.int32], bin_days: float,
         at: NDArray[np.float64] | None = None) -> Folded:
    """Cut each lane to ``rows`` rows; the last row of a lane that needs more shows the
    events of its own row that nothing beyond it overlaps, and counts the rest.

    A lane stacked by depth (too big to stack exactly) is folded onto its rows instead:
    its events are all drawn, some over others, as they are where a density strip
    would be the alternative.

    Counted events that overlap one another make one group, one "+N" where the first
    of them is (``at``: where each event is drawn, by default its ``begin``); a group
    reaching over more than 40 stretches of ``bin_days`` (dense data) is split into one
    per stretch.
    """
    row = stacking.row.copy()
    rows = np.minimum(np.maximum(rows.astype(np.int32), 1), stacking.need)
    n = len(row)
    hidden = np.zeros(n, np.bool_)
    for k in np.flatnonzero(stacking.need > rows).tolist():
        cap = int(rows[k])
        mine = lane == k
        if not stacking.exact[k]:
            row[mine] %= cap
            continue
        over = np.flatnonzero(mine & (row >= cap))
        last = np.flatnonzero(mine & (row == cap - 1))
        hidden[over] = True
        if len(last) and len(over):
            order = over[np.argsort(begin[over], kind="stable")]
            starts = begin[order]
            reach = np.maximum.accumulate(finish[order])
            k_at = np.searchsorted(starts, finish[last], side="left")
            blocked = (k_at > 0) & (reach[np.maximum(k_at - 1, 0)] > begin[last])
            hidden[last[blocked]] = True
    row[hidden] = -1
    group = np.full(n, -1, np.int64)
    which = np.flatnonzero(hidden)
    which = which[np.lexsort((begin[which], lane[which]))]
    b, f, ln = begin[which], finish[which], lane[which]
    # Chains of overlapping folded events, one "+N" each; a chain longer than a few
    # stretches (dense data) is counted per stretch, so a count stays near its events.
    new = np.ones(len(which), np.bool_)
    if len(which) > 1:
        reach = f.copy()
        for k in np.unique(ln).tolist():
            mine = np.flatnonzero(ln == k)
            reach[mine] = np.maximum.accumulate(f[mine])
        new[1:] = (ln[1:] != ln[:-1]) | (b[1:] >= reach[:-1])
        chain = np.cumsum(new) - 1
        firsts = np.flatnonzero(new)
        span = np.maximum.reduceat(f, firsts) - b[firsts]
        long = (span > 40 * bin_days)[chain]
        cell = np.floor(b / max(bin_days, 1e-9))
        new[1:] |= long[1:] & (cell[1:] != cell[:-1])
    firsts = np.flatnonzero(new)
    group[which] = np.cumsum(new) - 1
    where = (at if at is not None else begin)[which]
    xs = np.minimum.reduceat(where, firsts) if len(firsts) else np.zeros(0)
    return Folded(row, rows, group, xs, ln[firsts].astype(np.int32),
                  which.astype(np.int64), np.append(firsts, len(which)).astype(np.int64))
