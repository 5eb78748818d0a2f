"""The one state object every view observes: a snapshot of what is shown, and its signals.

Views never call each other.  They change this object and react to its
signals, so the list, the timeline and the detail pane stay in step and any of
them can be tested alone with a bare ``ViewState``.  All the data lives in an
immutable ``scene.snapshot.Snapshot``; a change replaces it with a new one
derived from the last (see there for what each change recomputes), so a view
can hold on to the snapshot it drew without it changing underneath.

A change that re-lays the rows of a big timeline (a knowledge date, a filter,
a search, at a million events a few hundred milliseconds) is worked out on a
worker (``SnapshotWorker``): the views keep showing the last snapshot, the
new one is swapped in when it is ready, and only the newest request's result
is ever applied.  Meanwhile ``knowledge_day`` and ``filter`` already say what
was asked for, so the next step builds on it; ``busy`` says a snapshot is on
its way.  Small timelines, and changes that re-lay nothing (a selection, a
review flag, the changed-event marks), are applied at once.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QObject, Signal

from ..core import knowledge, views
from ..core.cancel import checkpoint
from ..core.event_filter import EventFilter
from ..core.index import EventIndex
from ..core.knowledge import KnownArrays
from ..core.model import View
from ..scene.snapshot import NO_SELECTION, Snapshot
from .snapshot_worker import Derived, Plan, SnapshotWorker

__all__ = ["NO_SELECTION", "ViewState"]

INLINE_LIMIT: Final = 5_000
"""Up to this many events a change is worked out on the GUI thread: it takes a few
milliseconds, less than handing it to a worker and back costs in latency."""


class _Keep(enum.Enum):
    KEEP = 0


_KEEP: Final = _Keep.KEEP
"""Leave this input as it was asked last."""


@dataclass(frozen=True, eq=False)
class _Asked:
    """What the reader asked to see: the inputs of the next snapshot."""

    knowledge_day: int | None
    filter: EventFilter
    review: NDArray[np.int8] | None
    notes: NDArray[np.bool_] | None

    @classmethod
    def shown_in(cls, snap: Snapshot) -> _Asked:
        return cls(snap.knowledge_day, snap.filter, snap.review, snap.notes)

    def shown_by(self, snap: Snapshot) -> bool:
        """``snap`` is what was asked for: nothing to work out."""
        return self.knowledge_day == snap.knowledge_day and self.filter == snap.filter \
            and _same(self.review, snap.review) and _same(self.notes, snap.notes)

    def derive(self, snap: Snapshot) -> Snapshot:
        return snap.derive(self.knowledge_day, self.filter, self.review, self.notes)


def _same(a: NDArray[np.generic] | None, b: NDArray[np.generic] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a is b or np.array_equal(a, b)


class ViewState(QObject):
    sigTimelineChanged = Signal()
    """A new timeline replaced the old one (everything else was reset too)."""
    sigKnowledgeChanged = Signal()
    """The knowledge date moved; ``known`` and ``shown`` were recomputed."""
    sigFilterChanged = Signal()
    """The filter itself changed (widgets showing the filter follow this)."""
    sigShownChanged = Signal()
    """``shown`` was recomputed after a knowledge or filter change (views redraw)."""
    sigSelectionChanged = Signal(int)
    """The selected event position, or ``NO_SELECTION``."""
    sigRangeChanged = Signal(float, float)
    """The timeline's visible day range, for views that follow it."""
    sigReviewChanged = Signal()
    """``review_flags`` changed (a flag was set, another reviewer's file merged…)."""
    sigViewChanged = Signal()
    """A named view was applied (frame its range), or the current one no longer holds."""
    sigChangedMarksChanged = Signal()
    """``changed_marks`` changed: events to mark as changed between two knowledge dates."""
    sigBusyChanged = Signal(bool)
    """A snapshot asked for is being worked out (True), or it is shown or dropped (False)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.snapshot: Snapshot | None = None
        """What the views show; replaced whole, never changed."""
        self._asked: _Asked | None = None
        """What was asked for while its snapshot is being worked out; None: it is shown."""
        self._request = 0
        self._frame_view = False
        """A named view was applied: views frame it once its snapshot is shown."""
        self._busy_shown = False
        self._planners: list[Callable[[], Plan | None]] = []
        self._opening_planners: list[Callable[[], Plan | None]] = []
        self.inline_limit = INLINE_LIMIT
        self._worker = SnapshotWorker(self)
        self._worker.sigDerived.connect(self._on_worker_derived)
        self._worker.sigFailed.connect(self._on_worker_failed)
        self.file: str | None = None
        self.visible_range: tuple[float, float] = (0.0, 1.0)
        self.changed_marks: NDArray[np.int64] = np.zeros(0, np.int64)
        """Positions of events that changed between two knowledge dates ("What changed…")."""
        self.keeping_view = False
        """True while ``sigTimelineChanged`` is emitted for a reload of the same file:
        views keep their range instead of fitting the new timeline."""
        self.view: View | None = None
        """The named view on screen: its knowledge date and tracks still hold."""
        self.view_asked = False
        """The view was asked for (command line), not just the file's default: it wins
        over the range remembered from the last session."""

    # ------------------------------------------------------------ the snapshot, read-only

    @property
    def index(self) -> EventIndex | None:
        return self.snapshot.index if self.snapshot is not None else None

    @property
    def known(self) -> KnownArrays | None:
        return self.snapshot.known if self.snapshot is not None else None

    @property
    def shown(self) -> NDArray[np.bool_]:
        """Events known on the knowledge date and inside the filter."""
        return self.snapshot.shown if self.snapshot is not None else np.zeros(0, np.bool_)

    @property
    def busy(self) -> bool:
        """A snapshot asked for is not shown yet (the views show the one before)."""
        return self._asked is not None

    @property
    def filter(self) -> EventFilter:
        """The filter asked for last (shown once ``busy`` is over)."""
        if self._asked is not None:
            return self._asked.filter
        return self.snapshot.filter if self.snapshot is not None else EventFilter()

    @property
    def selection(self) -> int:
        return self.snapshot.selection if self.snapshot is not None else NO_SELECTION

    @property
    def knowledge_day(self) -> int | None:
        """The knowledge date asked for last (shown once ``busy`` is over); views that
        draw ``known`` read ``snapshot.knowledge_day``, the date it was worked out for."""
        if self._asked is not None:
            return self._asked.knowledge_day
        return self.snapshot.knowledge_day if self.snapshot is not None else None

    @property
    def as_of_day(self) -> int | None:
        return self.snapshot.as_of_day if self.snapshot is not None else None

    @property
    def review_flags(self) -> NDArray[np.int8]:
        """The current reviewer's flag per event position (``review.FLAG_CODE``)."""
        snap = self.snapshot
        flags = self._asked.review if self._asked is not None else \
            snap.review if snap is not None else None
        if snap is None or flags is None:
            return np.zeros(0 if snap is None else len(snap.index), np.int8)
        return flags

    @property
    def review_notes(self) -> NDArray[np.bool_]:
        """True where the current reviewer has written a note on the event."""
        snap = self.snapshot
        notes = self._asked.notes if self._asked is not None else \
            snap.notes if snap is not None else None
        if snap is None or notes is None:
            return np.zeros(0 if snap is None else len(snap.index), np.bool_)
        return notes

    # ------------------------------------------------------------ changes

    def set_snapshot(self, snapshot: Snapshot, file: str | None) -> None:
        """Show a new timeline from its first snapshot (made by the loader's worker),
        with no named view."""
        self._drop_asked()
        self.snapshot = snapshot.with_selection(NO_SELECTION)
        self.file = file
        self.view, self.view_asked = None, False
        self.changed_marks = np.zeros(0, np.int64)
        self.sigTimelineChanged.emit()
        self._end_busy()

    def set_timeline(self, index: EventIndex, file: str | None, day: int | None = None,
                     view: View | None = None, prepared: Snapshot | None = None) -> None:
        """Show ``index`` in ``view``; with neither ``view`` nor ``day``, in the file's
        default view (or at its own ``as_of`` date, or with everything known).

        A ``day`` with a ``view`` overrides the view's knowledge date; a ``day``
        alone shows no named view.  ``prepared``: the loader's first snapshot, used
        when it was made for the same knowledge date."""
        asked = view is not None
        self._drop_asked()
        if view is None and day is None:
            view = views.default_view(index.timeline)
        if view is not None:
            day = day if day is not None else views.view_day(view)
            wanted = views.view_filter(index, view)
        else:
            day = knowledge.opening_day(index.timeline, day)
            wanted = EventFilter()
        fresh = prepared if prepared is not None and prepared.index is index \
            and prepared.knowledge_day == day else \
            Snapshot.build(index, knowledge_day=day, review=np.zeros(len(index), np.int8))
        if fresh.filter != wanted:
            fresh = fresh.with_filter(wanted)
        self.snapshot = fresh.with_selection(NO_SELECTION)
        self.file = file
        self.view, self.view_asked = view, asked
        self.changed_marks = np.zeros(0, np.int64)
        self.sigTimelineChanged.emit()
        self._end_busy()

    def apply_view(self, view: View) -> None:
        """Show a named view: its knowledge date and tracks; views frame its range."""
        snap = self.snapshot
        if snap is None:
            return
        self.view, self.view_asked = view, True
        self._frame_view = True
        self._ask(knowledge_day=views.view_day(view), wanted=views.view_filter(snap.index, view))

    def reload_timeline(self, index: EventIndex, prepared: Snapshot | None = None) -> None:
        """A new version of the open file: keep the knowledge date, filter, selection
        (by event id) and visible range, so an edit in a text editor does not lose the
        reader's place.

        ``sigTimelineChanged`` is emitted once, with the kept filter already in
        place: no view ever sees (or applies) an empty filter in between.  A lane
        or person the new version lacks is dropped from the filter, since the
        widgets cannot show it any more.  ``prepared``: the new version's first
        snapshot, used if the loader made it at the kept knowledge date."""
        old = self.snapshot
        selected_id = old.index.event(old.selection).id \
            if old is not None and old.selection != NO_SELECTION else None
        wanted, day = self.filter, self.knowledge_day
        self._drop_asked()
        if wanted.lane is not None and wanted.lane >= len(index.tracks):
            wanted = replace(wanted, lane=None)
        if wanted.lanes is not None:
            kept = tuple(k for k in wanted.lanes if k < len(index.tracks))
            wanted = replace(wanted, lanes=kept or None)
        if wanted.person is not None and index.timeline.person(wanted.person) is None:
            wanted = replace(wanted, person=None)
        fresh = prepared if prepared is not None and prepared.index is index \
            and prepared.knowledge_day == day else \
            Snapshot.build(index, knowledge_day=day, review=np.zeros(len(index), np.int8))
        if not wanted.is_empty:
            fresh = fresh.with_filter(wanted)
        self.snapshot = fresh
        self.view = index.timeline.view(self.view.id) if self.view is not None else None
        self.changed_marks = np.zeros(0, np.int64)
        self.keeping_view = True
        try:
            self.sigTimelineChanged.emit()
        finally:
            self.keeping_view = False
        self._end_busy()
        position = index.position_of(selected_id) if selected_id is not None else None
        if position is not None:
            self.select(position)

    def set_review_flags(self, flags: NDArray[np.int8],
                         notes: NDArray[np.bool_] | None = None) -> None:
        """Replace the reviewer's flags and, if given, which events have a note (both
        aligned with event positions)."""
        snap = self.snapshot
        if snap is None or len(flags) != len(snap.index):
            return
        asked = self._asked or _Asked.shown_in(snap)
        new_flags = not _same(flags, asked.review)
        new_notes = notes is not None and len(notes) == len(snap.index) \
            and not _same(notes, asked.notes)
        if not new_flags and not new_notes:
            return
        self._ask(review=flags, notes=notes if new_notes else asked.notes)

    def set_changed_marks(self, positions: NDArray[np.int64]) -> None:
        """Mark these events as changed (an empty array clears the marks)."""
        if np.array_equal(positions, self.changed_marks):
            return
        self.changed_marks = positions
        if self.snapshot is not None:
            self.snapshot = self.snapshot.with_marks(positions)
        self.sigChangedMarksChanged.emit()

    def set_knowledge_day(self, day: int | None) -> None:
        if self.snapshot is None or day == self.knowledge_day:
            return
        self._ask(knowledge_day=day)

    def set_filter(self, wanted: EventFilter) -> None:
        if self.snapshot is None or wanted == self.filter:
            return
        self._ask(wanted=wanted)

    # ------------------------------------------------------------ working out snapshots

    def _ask(self, *, knowledge_day: int | _Keep | None = _KEEP,
             wanted: EventFilter | None = None,
             review: NDArray[np.int8] | None = None,
             notes: NDArray[np.bool_] | None = None) -> None:
        """Ask for a snapshot with these inputs changed: at once, or on the worker."""
        snap = self.snapshot
        assert snap is not None
        last = self._asked or _Asked.shown_in(snap)
        asked = _Asked(last.knowledge_day if knowledge_day is _KEEP else knowledge_day,
                       wanted if wanted is not None else last.filter,
                       review if review is not None else last.review,
                       notes if notes is not None else last.notes)
        asked = self._forget_view_unless_it_holds(asked)
        self._request += 1
        if asked.shown_by(snap):
            self._worker.cancel()
            self._asked = None
            self._apply(snap)
            self._end_busy()
        elif len(snap.index) <= self.inline_limit or not snap.relays(
                asked.knowledge_day, asked.filter, asked.review, asked.notes):
            self._worker.cancel()
            self._asked = None
            self._apply(asked.derive(snap))
            self._end_busy()
        else:
            plans = [plan for plan in (planner() for planner in self._planners)
                     if plan is not None]

            def work() -> Derived:
                """On the worker: plain data only."""
                new = asked.derive(snap)
                checkpoint()
                return Derived(new, tuple(plan(new) for plan in plans))

            self._worker.submit(self._request, work)
            self._asked = asked
            if not self._busy_shown:
                self._busy_shown = True
                self.sigBusyChanged.emit(True)

    def add_planner(self, planner: Callable[[], Plan | None]) -> None:
        """``planner()`` is called on the GUI thread whenever a snapshot is handed to the
        worker; the plan it returns runs there with the new snapshot, so a view can lay
        out what it will show while the window goes on (see ``snapshot_worker.Plan``)."""
        self._planners.append(planner)

    def add_opening_planner(self, planner: Callable[[], Plan | None]) -> None:
        """Like ``add_planner``, for the first snapshot of a file being opened: its plan
        runs on the loader's worker, so a view is ready for a new file when it lands."""
        self._opening_planners.append(planner)

    def opening_plans(self) -> tuple[Plan, ...]:
        """The plans for a file about to be opened (the loader runs them)."""
        return tuple(plan for plan in (planner() for planner in self._opening_planners)
                     if plan is not None)

    def _on_worker_derived(self, request: int, derived: Derived) -> None:
        current, snap = self.snapshot, derived.snapshot
        if request != self._request or current is None or snap.index is not current.index:
            return  # asked for something newer meanwhile: this one is stale
        for take_over in derived.ready:
            take_over()
        self._asked = None
        # The selection and the marks may have changed while it was worked out.
        self._apply(snap.with_selection(current.selection).with_marks(self.changed_marks))
        self._end_busy()

    def _on_worker_failed(self, request: int, error: BaseException) -> None:
        """A bug in working out a snapshot: keep showing the last one, and say so.

        The widgets that showed what was asked for go back to what is shown."""
        if request == self._request:
            self._asked = None
            self._frame_view = False
            self.sigKnowledgeChanged.emit()
            self.sigFilterChanged.emit()
            self._end_busy()
        raise error

    def _apply(self, new: Snapshot) -> None:
        """Show ``new`` and tell the views what changed from the snapshot before."""
        old = self.snapshot
        self.snapshot = new
        frame, self._frame_view = self._frame_view, False
        if old is None:
            return
        if new.knowledge_day != old.knowledge_day:
            self.sigKnowledgeChanged.emit()
        if new.filter != old.filter:
            self.sigFilterChanged.emit()
        if new.shown is not old.shown:
            self.sigShownChanged.emit()
        if new.review is not old.review or new.notes is not old.notes:
            self.sigReviewChanged.emit()
        if frame:
            self.sigViewChanged.emit()

    def _drop_asked(self) -> None:
        """A new timeline: nothing asked of the old one is wanted."""
        self._request += 1
        self._worker.cancel()
        self._asked = None
        self._frame_view = False

    def _end_busy(self) -> None:
        """Say the wait is over, if there was one (callers cleared ``_asked`` first)."""
        if self._busy_shown and self._asked is None:
            self._busy_shown = False
            self.sigBusyChanged.emit(False)

    def shutdown(self) -> None:
        """The window is closing: no snapshot is worked out or applied after this."""
        self._drop_asked()
        self._worker.shutdown()

    def _forget_view_unless_it_holds(self, asked: _Asked) -> _Asked:
        """Moving the knowledge date or the tracks away from the view's leaves it.

        Narrowing to some of the view's own tracks (or searching) stays in it: "as
        reported on 3 July 2024", Putin–Xi track only, still asks about those months."""
        view, snap = self.view, self.snapshot
        if view is None or snap is None:
            return asked
        index = snap.index
        shown = views.view_filter(index, view)
        if views.view_day(view) != asked.knowledge_day or shown.days != asked.filter.days \
                or not _lanes(index, asked.filter) <= _lanes(index, shown):
            self.view = None
            self.sigViewChanged.emit()
            if asked.filter.days is not None:
                # The view's dates go with it: no widget shows them, so none could undo them.
                asked = _Asked(asked.knowledge_day, replace(asked.filter, days=None),
                               asked.review, asked.notes)
        return asked

    def select(self, position: int) -> None:
        snap = self.snapshot
        if snap is None:
            return
        changed = snap.with_selection(position)
        if changed.selection == snap.selection:
            return
        self.snapshot = changed
        self.sigSelectionChanged.emit(changed.selection)

    def set_visible_range(self, start: float, end: float) -> None:
        if (start, end) != self.visible_range:
            self.visible_range = (start, end)
            self.sigRangeChanged.emit(start, end)

    # ------------------------------------------------------------ queries

    def step(self, direction: int) -> int:
        """The next (+1) or previous (-1) shown event in time from the selection.

        With nothing selected, the first (or last) shown event.  Returns
        ``NO_SELECTION`` when the filter shows nothing.
        """
        snap = self.snapshot
        if snap is None or len(snap.walk) == 0:
            return NO_SELECTION
        walk = snap.walk
        if snap.selection == NO_SELECTION:
            return int(walk[0] if direction > 0 else walk[-1])
        mine = snap.rank[snap.selection]
        if direction > 0:
            at = int(np.searchsorted(snap.walk_rank, mine, side="right"))
            return int(walk[min(at, len(walk) - 1)])
        at = int(np.searchsorted(snap.walk_rank, mine, side="left")) - 1
        return int(walk[max(at, 0)])

    def time_order(self) -> NDArray[np.int64]:
        """Every event position in time order as known (start, then end), shown or not."""
        return self.snapshot.order if self.snapshot is not None else np.zeros(0, np.int64)

    def shown_positions(self) -> NDArray[np.int64]:
        """Shown events in time order."""
        return self.snapshot.walk if self.snapshot is not None else np.zeros(0, np.int64)


def _lanes(index: EventIndex, wanted: EventFilter) -> set[int]:
    """The lanes a filter's track choice keeps."""
    if wanted.lane is not None:
        return {wanted.lane}
    if wanted.lanes is not None:
        return set(wanted.lanes)
    return set(range(len(index.tracks)))

