"""The shown events as arrays sorted by start, ready for any frame to slice.

Built once per change of timeline, knowledge date or filter (not per frame):
sorting by start lets a frame find the visible events with two binary
searches, and the per-lane prefix counts answer "how many events in this
pixel column" for the density view without touching the events at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

from ..core.index import EventIndex
from ..core.knowledge import KnownArrays

_MAX_CELLS = 4_000_000


@dataclass(frozen=True, eq=False)
class DensityGrid:
    """Per-lane cumulative counts of event midpoints on a regular grid of days."""

    origin: float
    cell: float
    cumulative: NDArray[np.int64]
    """(lanes, cells + 1); ``cumulative[k, i]`` = events of lane k in cells before i."""

    @classmethod
    def build(cls, mid: NDArray[np.float64], lane: NDArray[np.int32], lanes: int) -> DensityGrid:
        if len(mid) == 0 or lanes == 0:
            return cls(0.0, 1.0, np.zeros((max(lanes, 1), 2), np.int64))
        origin = float(np.floor(mid.min()))
        span = float(mid.max()) - origin + 1
        cell = max(1.0, float(np.ceil(span / _MAX_CELLS)))
        cells = int(span // cell) + 1
        at = ((mid - origin) // cell).astype(np.int64)
        counts = np.bincount(lane.astype(np.int64) * cells + at, minlength=lanes * cells)
        cumulative = np.zeros((lanes, cells + 1), np.int64)
        np.cumsum(counts.reshape(lanes, cells), axis=1, out=cumulative[:, 1:])
        return cls(origin, cell, cumulative)

    def counts(self, edges: NDArray[np.float64]) -> NDArray[np.int64]:
        """(lanes, len(edges) - 1) events per lane between consecutive day ``edges``."""
        cells = self.cumulative.shape[1] - 1
        at = np.clip(np.ceil((edges - self.origin) / self.cell), 0, cells).astype(np.int64)
        taken = self.cumulative[:, at]
        return np.diff(taken, axis=1)


@dataclass(frozen=True, eq=False)
class DrawSet:
    position: NDArray[np.int64]
    """Event positions in the index, sorted by start."""
    start: NDArray[np.float64]
    end: NDArray[np.float64]
    lane: NDArray[np.int32]
    """Each event's track (an index into ``index.tracks``), for its colour."""
    slot: NDArray[np.int32]
    """Each event's place among the drawn lanes, top to bottom."""
    status: NDArray[np.int8]
    """As shown: a ``STATUS_CODE``, or ``UNDER_WAY`` (``KnownArrays.shown_status``)."""
    precision: NDArray[np.int8]
    flags: NDArray[np.uint8]
    importance: NDArray[np.int8]
    longest: float
    """Longest event in days; a frame looks this far left of its edge for overlaps."""
    density: DensityGrid
    """Counts per drawn lane (indexed by slot)."""
    lanes: tuple[int, ...]
    """The drawn lanes, as track indices, top to bottom."""
    review: NDArray[np.int8] = field(default_factory=lambda: np.zeros(0, np.int8))
    """The reviewer's flag per drawn event (``review.FLAG_CODE``); empty: none shown."""
    ends: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    """``end`` sorted, so counting the events that overlap a range is two binary searches."""

    def __len__(self) -> int:
        return len(self.position)

    @classmethod
    def build(cls, index: EventIndex, known: KnownArrays, shown: NDArray[np.bool_],
              review: NDArray[np.int8] | None = None,
              lanes: tuple[int, ...] | None = None,
              order: NDArray[np.int64] | None = None) -> DrawSet:
        """``lanes``: the tracks to draw, top to bottom (default: all, in order).
        ``order``: every position sorted by known start, then end, then position
        (``knowledge.time_order``), when the caller has it: the drawn events are picked
        from it instead of sorted again, a third of the work at a million events."""
        drawn = tuple(range(len(index.tracks))) if lanes is None else lanes
        slot_of = np.full(len(index.tracks) + 1, -1, np.int32)
        slot_of[np.asarray(drawn, np.int64)] = np.arange(len(drawn), dtype=np.int32)
        keep = shown & (slot_of[index.lane] >= 0)
        if order is not None:
            position = order[keep[order]]
        else:
            picked = np.flatnonzero(keep)
            position = picked[np.lexsort((known.end[picked], known.start[picked]))]
        start, end = known.start[position], known.end[position]
        lane = index.lane[position]
        slot = slot_of[lane]
        return cls(
            position=position, start=start, end=end, lane=lane, slot=slot,
            status=known.shown_status[position], precision=known.precision[position],
            flags=known.flags[position], importance=index.importance[position],
            longest=float((end - start).max()) if len(position) else 0.0,
            density=DensityGrid.build((start + end) / 2, slot, len(drawn)),
            lanes=drawn,
            review=review[position] if review is not None and len(review) == len(index)
            else np.zeros(len(position), np.int8),
            ends=np.sort(end),
        )

    def with_review(self, review: NDArray[np.int8]) -> DrawSet:
        """The same drawing with new flags: one gather, no re-layout, when a flag changes."""
        if len(review) <= (int(self.position.max()) if len(self.position) else -1):
            return replace(self, review=np.zeros(len(self.position), np.int8))
        return replace(self, review=review[self.position])

    def visible(self, x0: float, x1: float) -> NDArray[np.int64]:
        """Indices (into these arrays) of events overlapping [x0, x1]."""
        lo = int(np.searchsorted(self.start, x0 - self.longest, side="left"))
        hi = int(np.searchsorted(self.start, x1, side="right"))
        if hi <= lo:
            return np.zeros(0, np.int64)
        return lo + np.flatnonzero(self.end[lo:hi] > x0)

    def overlapping(self, x0: float, x1: float) -> int:
        """How many events overlap [x0, x1): those starting before x1 less those over by x0."""
        return int(np.searchsorted(self.start, x1, side="left")
                   - np.searchsorted(self.ends, x0, side="right"))

    def count_between(self, x0: float, x1: float) -> int:
        """Events whose midpoint is in [x0, x1]: cheap at any size, to choose a detail level."""
        return int(self.density.counts(np.array([x0, x1], np.float64)).sum())
