"""The arrays a fresh timeline's views need, computed on the loader's worker thread.

At a million events, sorting, stacking into rows and binning for the density
view take a third of a second; done on the GUI thread when the file arrives,
that is a frozen window and a first frame many times slower than an empty
one.  The loader builds this from plain numpy and core data (never a Qt
object) and the views take it instead of computing their own.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ...core import dates, knowledge
from ...core.index import EventIndex
from ...core.knowledge import KnownArrays
from ...scene.draw_set import DrawSet

_READY: weakref.WeakKeyDictionary[EventIndex, PreparedTimeline] = weakref.WeakKeyDictionary()
"""Prepared data by index, filled on the GUI thread only (see ``FileLoader``)."""


@dataclass(frozen=True, eq=False)
class PreparedTimeline:
    """What every view would compute on the GUI thread for a new timeline, made beforehand.

    Plain numpy data for the default view of a fresh timeline: the knowledge
    date it opens at and no filter.  Views use it when the state still matches
    (``day``) and compute for themselves otherwise, so it is only ever a
    shortcut, never a second source of truth.
    """

    index: EventIndex
    day: int | None
    """The knowledge day these arrays are for (the request's, else the file's as_of)."""
    known: KnownArrays
    order: NDArray[np.int64]
    """Positions in time order as known on ``day`` (start, then end)."""
    rank: NDArray[np.int64]
    """``rank[order] == arange(n)``: each event's place in ``order``."""
    walk: NDArray[np.int64]
    """``order`` restricted to the events known on ``day`` (the keyboard walk)."""
    draw_set: DrawSet
    """The timeline's arrays sorted, stacked into rows and binned for density."""
    report_span: tuple[int, int] | None
    """First and last day of any event or report: the knowledge slider's range."""

    @classmethod
    def build(cls, index: EventIndex, day: int | None) -> PreparedTimeline:
        """Runs on the worker thread: numpy and core only, never Qt objects."""
        day = knowledge.opening_day(index.timeline, day)
        known = knowledge.arrays_as_of(index, day)
        order, rank = knowledge.time_order(index, known)
        walk = order[known.visible[order]]
        return cls(index=index, day=day, known=known, order=order, rank=rank, walk=walk,
                   draw_set=DrawSet.build(index, known, known.visible),
                   report_span=report_span(index))

    @staticmethod
    def of(index: EventIndex | None) -> PreparedTimeline | None:
        """The prepared data of ``index`` if it came through the loader (GUI thread only)."""
        return _READY.get(index) if index is not None else None

    def remember(self) -> None:
        """Make ``of(self.index)`` find this; called on the GUI thread when it arrives."""
        _READY[self.index] = self


def report_span(index: EventIndex) -> tuple[int, int] | None:
    """First and last day of any event or any of its reports (None: no events)."""
    if len(index) == 0:
        return None
    report_days = [dates.parse(r.date).lower for pos in index.with_reports.tolist()
                   for r in index.event(pos).reports]
    lo = int(min([int(index.start.min()), *report_days]))
    hi = int(max([int(index.end.max()), *report_days]))
    return lo, hi
