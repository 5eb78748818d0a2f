"""One immutable snapshot of what is shown: the events known on a day, inside a filter, in lanes.

The window's state holds one; the command line and the tests build their own
from a timeline file.  Every view, slide and export starts from a snapshot,
so they all show exactly the same events with the same knowledge rules.

Each change makes a new snapshot from the last one and recomputes only what
that change touches: a new selection copies nothing, a new review flag
re-gathers one column, a new filter re-lays the rows, a new knowledge date
also re-reads the reports.  Everything here is plain numpy and core data, so
the loader builds the first snapshot of a file on its worker thread and a
later change could be worked out off the GUI thread the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from ..core import dates, knowledge, views
from ..core.cancel import checkpoint
from ..core.event_filter import EventFilter, ParticipantIndex, filter_mask
from ..core.index import EventIndex
from ..core.knowledge import KnownArrays
from ..core.known_title import known_description, known_title
from ..core.model import STATUSES, Event, Status, Timeline
from .draw_set import DensityGrid, DrawSet

T = TypeVar("T")

NO_SELECTION = -1


class UnknownTrackError(ValueError):
    """A track id asked for on the command line is not in the timeline."""


def file_day(timeline: Timeline) -> int | None:
    """The day the file opens at (its default view's, else its ``as_of``): the default
    knowledge date."""
    return knowledge.opening_day(timeline, None)


def data_day(timeline: Timeline) -> int | None:
    """The date the file's data describes the world on (its ``as_of``): the "data as
    of" line."""
    return knowledge.parse_day(timeline.as_of) if timeline.as_of else None


def report_span(index: EventIndex) -> tuple[int, int] | None:
    """First and last day of any event or any of its reports (None: no events)."""
    if len(index) == 0:
        return None
    report_days = [dates.parse(r.date).lower for pos in index.with_reports.tolist()
                   for r in index.event(pos).reports]
    lo = int(min([int(index.start.min()), *report_days]))
    hi = int(max([int(index.end.max()), *report_days]))
    return lo, hi


@dataclass(frozen=True, eq=False)
class Snapshot:
    index: EventIndex
    known: KnownArrays
    """Status, dates and visibility of each event as known on ``knowledge_day``."""
    shown: NDArray[np.bool_]
    """Events to draw: known on ``knowledge_day``, inside the filter, tracks and range."""
    knowledge_day: int | None
    lanes: tuple[int, ...]
    """Lanes to draw, as indices into ``index.tracks``, top to bottom."""
    order: NDArray[np.int64]
    """Every event position in time order as known (start, then end), shown or not."""
    rank: NDArray[np.int64]
    """``rank[order] == arange(n)``: each event's place in ``order``."""
    walk: NDArray[np.int64]
    """The shown events in time order: the keyboard walk, the slides, the list."""
    draw: DrawSet
    """The shown events sorted, stacked into rows and binned, ready for any view."""
    people: ParticipantIndex
    """Who took part in what, built on first use by a person filter (shared by derivations)."""
    tracks: tuple[int, ...] | None = None
    """Tracks asked for by the caller (an export's ``--track``); None: all."""
    day_range: tuple[float, float] | None = None
    """Asked-for [start, end) in day numbers; None means fit the events."""
    as_of_day: int | None = None
    """The data's own date (the file's ``as_of``), drawn as the "data as of" line."""
    filter: EventFilter = field(default_factory=EventFilter)
    review: NDArray[np.int8] | None = None
    """The current reviewer's flag per event position; None: no reviewer's flags shown."""
    notes: NDArray[np.bool_] | None = None
    """Whether the current reviewer wrote a note on each event (the "has a note" filter)."""
    selection: int = NO_SELECTION
    marked: NDArray[np.int64] | None = None
    """Events ringed as changed between two knowledge dates ("What changed…")."""
    report_span: tuple[int, int] | None = None
    """First and last day of any event or report: the knowledge slider's range."""
    walk_rank: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    """``rank[walk]``, ascending: where an event falls in the walk is one binary search,
    so a step to the next event costs the same at ten events or a million."""

    # ------------------------------------------------------------ building

    @classmethod
    def build(cls, timeline: Timeline | EventIndex, *, knowledge_day: int | None = None,
              tracks: Sequence[str] | None = None,
              day_range: tuple[float, float] | None = None,
              wanted: EventFilter | None = None,
              review: NDArray[np.int8] | None = None) -> Snapshot:
        """Select events like the window does; ``day_range`` is [start, end) in day numbers.

        ``knowledge_day`` is taken as given (None: everything known).  Raises
        ``UnknownTrackError`` for a track id the timeline does not have.
        """
        index = timeline if isinstance(timeline, EventIndex) else EventIndex.build(timeline)
        chosen = None
        if tracks:
            ids = [t.id for t in index.tracks]
            missing = [t for t in tracks if t not in ids]
            if missing:
                raise UnknownTrackError(
                    f"no track {missing[0]!r} (tracks: {', '.join(ids) or 'none'})")
            chosen = tuple(k for k, t in enumerate(index.tracks) if t.id in tracks)
        known = knowledge.arrays_as_of(index, knowledge_day)
        order, rank = knowledge.time_order(index, known)
        people = ParticipantIndex(index)
        flags = review if review is not None and len(review) == len(index) else None
        base = cls(index=index, known=known, shown=known.visible, knowledge_day=knowledge_day,
                   lanes=(), order=order, rank=rank, walk=order, draw=_EMPTY, people=people,
                   tracks=chosen, day_range=day_range, as_of_day=data_day(index.timeline),
                   filter=wanted or EventFilter(), review=flags,
                   report_span=report_span(index))
        return base._reshown()

    @classmethod
    def open(cls, index: EventIndex, day: int | None = None) -> Snapshot:
        """The first snapshot of a file in the window: as known on ``day``; without one,
        in the file's default view (its date, tracks and months), else on its as_of.

        The loader makes it on its worker thread, so the window's first frame of a
        file that opens in a view costs no filtering on the GUI thread."""
        view = views.default_view(index.timeline) if day is None else None
        if view is not None:
            return cls.build(index, knowledge_day=views.view_day(view),
                             wanted=views.view_filter(index, view),
                             review=np.zeros(len(index), np.int8))
        return cls.build(index, knowledge_day=knowledge.opening_day(index.timeline, day),
                         review=np.zeros(len(index), np.int8))

    # ------------------------------------------------------------ changes

    def with_knowledge(self, day: int | None) -> Snapshot:
        known = knowledge.arrays_as_of(self.index, day)
        order, rank = knowledge.time_order(self.index, known)
        return replace(self, known=known, knowledge_day=day, order=order,
                       rank=rank)._reshown()

    def with_filter(self, wanted: EventFilter) -> Snapshot:
        return replace(self, filter=wanted)._reshown()

    def derive(self, knowledge_day: int | None, wanted: EventFilter,
               review: NDArray[np.int8] | None = None,
               notes: NDArray[np.bool_] | None = None) -> Snapshot:
        """Several changes at once (what a reader asked for while the last one was being
        worked out), with the rows re-laid once at most.  Between its steps it stops
        when asked to (``core.cancel``), since a newer request makes it worthless."""
        snap = self
        relay = False
        if knowledge_day != self.knowledge_day:
            known = knowledge.arrays_as_of(self.index, knowledge_day)
            checkpoint()
            order, rank = knowledge.time_order(self.index, known)
            snap = replace(snap, known=known, knowledge_day=knowledge_day, order=order,
                           rank=rank)
            relay = True
        new_flags = review is not None and len(review) == len(self.index) and (
            self.review is None or not np.array_equal(review, self.review))
        new_notes = notes is not None and len(notes) == len(self.index) and (
            self.notes is None or not np.array_equal(notes, self.notes))
        if new_flags:
            snap = replace(snap, review=review)
        if new_notes:
            snap = replace(snap, notes=notes)
        relay = relay or wanted != self.filter or (wanted.review is not None and new_flags) \
            or (wanted.noted and new_notes)
        snap = replace(snap, filter=wanted)
        checkpoint()
        if relay:
            return snap._reshown()
        if new_flags and snap.review is not None:
            return replace(snap, draw=snap.draw.with_review(snap.review))
        return snap

    def relays(self, knowledge_day: int | None, wanted: EventFilter,
               review: NDArray[np.int8] | None = None,
               notes: NDArray[np.bool_] | None = None) -> bool:
        """Whether ``derive`` with these would re-lay the rows (the costly part)."""
        if knowledge_day != self.knowledge_day or wanted != self.filter:
            return True
        if wanted.review is not None and review is not None and (
                self.review is None or not np.array_equal(review, self.review)):
            return True
        return wanted.noted and notes is not None and (
            self.notes is None or not np.array_equal(notes, self.notes))

    def with_review(self, flags: NDArray[np.int8],
                    notes: NDArray[np.bool_] | None = None) -> Snapshot:
        """New flags (and notes, if given): one gather when only badges change, a new
        selection when they filter."""
        if len(flags) != len(self.index):
            return self
        new_flags = self.review is None or not np.array_equal(flags, self.review)
        changed = replace(self, review=flags)
        new_notes = False
        if notes is not None and len(notes) == len(self.index):
            new_notes = self.notes is None or not np.array_equal(notes, self.notes)
            changed = replace(changed, notes=notes)
        if (self.filter.review is not None and new_flags) or (self.filter.noted and new_notes):
            return changed._reshown()
        if new_flags:
            return replace(changed, draw=self.draw.with_review(flags))
        return changed

    def with_selection(self, position: int) -> Snapshot:
        if not 0 <= position < len(self.index):
            position = NO_SELECTION
        return replace(self, selection=position)

    def with_marks(self, positions: NDArray[np.int64]) -> Snapshot:
        """Ring these events as changed (an empty array clears the rings)."""
        return replace(self, marked=positions if len(positions) else None)

    def with_shown(self, shown: NDArray[np.bool_]) -> Snapshot:
        """Only these of the shown events (a deck of hand-picked slides)."""
        return self._with_mask(self.shown & shown)

    def with_range(self, lo: float, hi: float) -> Snapshot:
        """Only the events overlapping [lo, hi), and that range drawn: "the current view"."""
        return replace(self, day_range=(lo, hi))._reshown()

    def _reshown(self) -> Snapshot:
        lanes, mask = self._mask(self.filter)
        return replace(self, lanes=lanes)._with_mask(mask)

    def _mask(self, wanted: EventFilter) -> tuple[tuple[int, ...], NDArray[np.bool_]]:
        """The lanes to draw and the events shown under ``wanted``."""
        index, known = self.index, self.known
        lanes = self.tracks if self.tracks is not None else tuple(range(len(index.tracks)))
        if wanted.lane is not None:
            lanes = tuple(k for k in lanes if k == wanted.lane)
        if wanted.lanes is not None:
            lanes = tuple(k for k in lanes if k in wanted.lanes)
        mask = known.visible.copy()
        if not wanted.is_empty:
            mask &= filter_mask(index, wanted, known, self.people, self.review, self.notes)
        if len(lanes) < len(index.tracks):
            mask &= np.isin(index.lane, np.asarray(lanes, np.int32))
        if self.day_range is not None:
            lo, hi = self.day_range
            mask &= (known.end > lo) & (known.start < hi)
        return lanes, mask

    def shown_anywhere(self) -> NDArray[np.bool_]:
        """The shown events before the place filter: a map keeps every place of the
        filter's other parts in sight, so that another one can be clicked."""
        if self.filter.places is None:
            return self.shown
        return self._mask(replace(self.filter, places=None))[1]

    def _with_mask(self, shown: NDArray[np.bool_]) -> Snapshot:
        walk_rank = np.flatnonzero(shown[self.order]).astype(np.int64)
        walk = self.order[walk_rank]
        checkpoint()
        draw = DrawSet.build(self.index, self.known, shown, self.review, self.lanes,
                             order=self.order)
        return replace(self, shown=shown, walk=walk, walk_rank=walk_rank, draw=draw)

    # ------------------------------------------------------------ queries

    @property
    def timeline(self) -> Timeline:
        return self.index.timeline

    def positions(self) -> NDArray[np.int64]:
        """Shown events in time order (start, then end, then file order)."""
        return self.walk

    @property
    def shown_span(self) -> tuple[float, float] | None:
        """[start, end) of the shown events as known (None: none shown): what a heading
        states.  Every frame's heading asks, and a new selection makes a new snapshot
        over the same arrays, so it is worked out once per (walk, known) pair: 11 ms at
        a million events."""
        return _once(("span", self.walk, self.known), lambda: None if len(self.walk) == 0
                     else (float(self.known.start[self.walk].min()),
                           float(self.known.end[self.walk].max())))

    @property
    def known_days(self) -> tuple[int, int] | None:
        """First and last day of the events known on the knowledge date (None: none),
        once per known arrays (every title asks)."""
        def work() -> tuple[int, int] | None:
            known = self.known.visible
            if not known.any():
                return None
            return int(self.known.start[known].min()), int(self.known.end[known].max()) - 1

        return _once(("days", self.known), work)

    def warm(self) -> Snapshot:
        """Work out, on a worker, what the window's first frame of this snapshot asks of
        the whole arrays (the heading's span, the title's years): 15 ms at a million
        events that the GUI thread then finds ready."""
        _ = self.shown_span, self.known_days
        return self

    @property
    def title(self) -> str:
        """The timeline's title as known on the knowledge date ("Putin–Xi meetings,
        2013–2024" on 3 July 2024): every view, slide and export heads with it."""
        if self.knowledge_day is None:
            return self.timeline.title
        return known_title(self.timeline.title, self.knowledge_day, self.known_days)

    @property
    def description(self) -> str:
        """The timeline's description, or on a knowledge date a line of what was known
        then (``core.known_title``)."""
        if self.knowledge_day is None:
            return self.timeline.description
        return known_description(self.timeline.description, self.knowledge_day,
                                 int(self.known.visible.sum()), self.known_days)

    def extent(self) -> tuple[float, float]:
        """The range to draw: the asked-for one, else the shown events with a margin."""
        if self.day_range is not None:
            return self.day_range
        shown = self.shown_span
        if shown is None:
            day = self.knowledge_day if self.knowledge_day is not None else dates.today_number()
            return day - 30.0, day + 30.0
        lo, hi = shown
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
            return knowledge.Known(event.status, event.when, None, event.place)
        return state


def _empty_draw() -> DrawSet:
    none_f = np.zeros(0, np.float64)
    none_i = np.zeros(0, np.int32)
    return DrawSet(position=np.zeros(0, np.int64), start=none_f, end=none_f, lane=none_i,
                   slot=none_i, status=np.zeros(0, np.int8),
                   precision=np.zeros(0, np.int8), flags=np.zeros(0, np.uint8),
                   importance=np.zeros(0, np.int8), longest=0.0,
                   density=DensityGrid.build(none_f, none_i, 0), lanes=())


_EMPTY = _empty_draw()
"""Placeholder while a snapshot is being built (never drawn)."""


_ONCE: dict[str, list[tuple[tuple[object, ...], object]]] = {}
"""The last few answers to each question, with the arrays they were worked out from:
a worker warms the next snapshot's while the window still paints the current one."""
_ONCE_KEPT = 4


def _once(key: tuple[object, ...], work: Callable[[], T]) -> T:
    """``work()``, or its answer for the same array objects (never changed in place:
    a snapshot replaces them)."""
    name, *inputs = key
    assert isinstance(name, str)
    kept = _ONCE.get(name, [])
    for seen, answer in kept:
        if len(seen) == len(inputs) and all(a is b for a, b in zip(seen, inputs, strict=True)):
            return answer  # type: ignore[return-value]
    answer = work()
    _ONCE[name] = [(tuple(inputs), answer), *kept][:_ONCE_KEPT]
    return answer
