"""What an export or a slide draws: the events known on a day, inside a filter, in lanes.

Built either from a bare timeline (the command line, tests) or from the
window's shared ``ViewState`` (File → Export, presenter mode), so both paths
draw exactly the same selection of events with the same knowledge rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..core import dates, knowledge
from ..core.index import EventIndex
from ..core.knowledge import KnownArrays
from ..core.model import STATUSES, Event, Status, Timeline


class UnknownTrackError(ValueError):
    """A track id asked for on the command line is not in the timeline."""


def file_day(timeline: Timeline) -> int | None:
    """The timeline's own ``as_of`` date as a day number: the default knowledge date."""
    return knowledge.parse_day(timeline.as_of) if timeline.as_of else None


@dataclass(frozen=True, eq=False)
class TimelineData:
    index: EventIndex
    known: KnownArrays
    shown: NDArray[np.bool_]
    """Events to draw: known on ``knowledge_day`` and inside the filters."""
    knowledge_day: int | None
    lanes: tuple[int, ...]
    """Lanes to draw, as indices into ``index.tracks``, top to bottom."""
    day_range: tuple[float, float] | None = None
    """Asked-for [start, end) in day numbers; None means fit the events."""

    @classmethod
    def build(cls, timeline: Timeline | EventIndex, *, knowledge_day: int | None = None,
              tracks: Sequence[str] | None = None,
              day_range: tuple[float, float] | None = None) -> TimelineData:
        """Select events like the window does; ``day_range`` is [start, end) in day numbers.

        Raises ``UnknownTrackError`` for a track id the timeline does not have.
        """
        index = timeline if isinstance(timeline, EventIndex) else EventIndex.build(timeline)
        known = knowledge.arrays_as_of(index, knowledge_day)
        shown = known.visible.copy()
        lanes = tuple(range(len(index.tracks)))
        if tracks:
            ids = [t.id for t in index.tracks]
            missing = [t for t in tracks if t not in ids]
            if missing:
                raise UnknownTrackError(
                    f"no track {missing[0]!r} (tracks: {', '.join(ids) or 'none'})")
            lanes = tuple(k for k, t in enumerate(index.tracks) if t.id in tracks)
            shown &= np.isin(index.lane, np.asarray(lanes, np.int32))
        if day_range is not None:
            lo, hi = day_range
            shown &= (known.end > lo) & (known.start < hi)
        return cls(index, known, shown, knowledge_day, lanes, day_range)

    @classmethod
    def from_state(cls, state: Any, *, visible_only: bool = False) -> TimelineData:
        """The window's current picture: its knowledge date, filter and (optionally) range.

        ``state`` is a ``qt.state.ViewState``; typed loosely so that exports do
        not import the window's modules.
        """
        index: EventIndex | None = getattr(state, "index", None)
        known: KnownArrays | None = getattr(state, "known", None)
        if index is None or known is None:
            raise ValueError("no timeline is open")
        shown = np.asarray(state.shown, np.bool_).copy()
        lane = getattr(getattr(state, "filter", None), "lane", None)
        lanes = (lane,) if lane is not None else tuple(range(len(index.tracks)))
        day_range = None
        if visible_only:
            lo, hi = state.visible_range
            day_range = (float(lo), float(hi))
            shown &= (known.end > lo) & (known.start < hi)
        return cls(index, known, shown, getattr(state, "knowledge_day", None), lanes, day_range)

    def with_shown(self, shown: NDArray[np.bool_]) -> TimelineData:
        return TimelineData(self.index, self.known, shown, self.knowledge_day, self.lanes,
                            self.day_range)

    # ------------------------------------------------------------ queries

    @property
    def timeline(self) -> Timeline:
        return self.index.timeline

    def positions(self) -> NDArray[np.int64]:
        """Shown events in time order (start, then end, then file order)."""
        which = np.flatnonzero(self.shown)
        order = np.lexsort((which, self.known.end[which], self.known.start[which]))
        return which[order].astype(np.int64)

    def extent(self) -> tuple[float, float]:
        """The range to draw: the asked-for one, else the shown events with a margin."""
        if self.day_range is not None:
            return self.day_range
        which = np.flatnonzero(self.shown)
        if len(which) == 0:
            day = self.knowledge_day if self.knowledge_day is not None else dates.today_number()
            return day - 30.0, day + 30.0
        lo = float(self.known.start[which].min())
        hi = float(self.known.end[which].max())
        span = max(hi - lo, 10.0)
        return lo - span * 0.04, hi + span * 0.04

    def event(self, position: int) -> Event:
        return self.index.event(position)

    def status(self, position: int) -> Status:
        return STATUSES[int(self.known.status[position])]

    def known_state(self, position: int) -> knowledge.Known:
        """Status, EDTF date and report as known on the knowledge date."""
        state = knowledge.known_state(self.event(position), self.knowledge_day)
        if state is None:  # not shown anyway; fall back to the event's own truth
            event = self.event(position)
            return knowledge.Known(event.status, event.when, None)
        return state
