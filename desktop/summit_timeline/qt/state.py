"""The one state object every view observes: a snapshot of what is shown, and its signals.

Views never call each other.  They change this object and react to its
signals, so the list, the timeline and the detail pane stay in step and any of
them can be tested alone with a bare ``ViewState``.  All the data lives in an
immutable ``scene.snapshot.Snapshot``; a change replaces it with a new one
derived from the last (see there for what each change recomputes), so a view
can hold on to the snapshot it drew without it changing underneath.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QObject, Signal

from ..core import knowledge, views
from ..core.event_filter import EventFilter
from ..core.index import EventIndex
from ..core.knowledge import KnownArrays
from ..core.model import View
from ..scene.snapshot import NO_SELECTION, Snapshot

__all__ = ["NO_SELECTION", "ViewState"]


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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.snapshot: Snapshot | None = None
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
    def filter(self) -> EventFilter:
        return self.snapshot.filter if self.snapshot is not None else EventFilter()

    @property
    def selection(self) -> int:
        return self.snapshot.selection if self.snapshot is not None else NO_SELECTION

    @property
    def knowledge_day(self) -> int | None:
        return self.snapshot.knowledge_day if self.snapshot is not None else None

    @property
    def as_of_day(self) -> int | None:
        return self.snapshot.as_of_day if self.snapshot is not None else None

    @property
    def review_flags(self) -> NDArray[np.int8]:
        """The current reviewer's flag per event position (``review.FLAG_CODE``)."""
        snap = self.snapshot
        if snap is None or snap.review is None:
            return np.zeros(0 if snap is None else len(snap.index), np.int8)
        return snap.review

    @property
    def review_notes(self) -> NDArray[np.bool_]:
        """True where the current reviewer has written a note on the event."""
        snap = self.snapshot
        if snap is None or snap.notes is None:
            return np.zeros(0 if snap is None else len(snap.index), np.bool_)
        return snap.notes

    # ------------------------------------------------------------ changes

    def set_snapshot(self, snapshot: Snapshot, file: str | None) -> None:
        """Show a new timeline from its first snapshot (made by the loader's worker),
        with no named view."""
        self.snapshot = snapshot.with_selection(NO_SELECTION)
        self.file = file
        self.view, self.view_asked = None, False
        self.changed_marks = np.zeros(0, np.int64)
        self.sigTimelineChanged.emit()

    def set_timeline(self, index: EventIndex, file: str | None, day: int | None = None,
                     view: View | None = None, prepared: Snapshot | None = None) -> None:
        """Show ``index`` in ``view``; with neither ``view`` nor ``day``, in the file's
        default view (or at its own ``as_of`` date, or with everything known).

        A ``day`` with a ``view`` overrides the view's knowledge date; a ``day``
        alone shows no named view.  ``prepared``: the loader's first snapshot, used
        when it was made for the same knowledge date."""
        asked = view is not None
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

    def apply_view(self, view: View) -> None:
        """Show a named view: its knowledge date and tracks; views frame its range."""
        snap = self.snapshot
        if snap is None:
            return
        self.view, self.view_asked = view, True
        self.snapshot = snap.with_knowledge(views.view_day(view)) \
            .with_filter(views.view_filter(snap.index, view))
        self.sigKnowledgeChanged.emit()
        self.sigFilterChanged.emit()
        self.sigShownChanged.emit()
        self.sigViewChanged.emit()

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
        wanted = self.filter
        if wanted.lane is not None and wanted.lane >= len(index.tracks):
            wanted = replace(wanted, lane=None)
        if wanted.lanes is not None:
            kept = tuple(k for k in wanted.lanes if k < len(index.tracks))
            wanted = replace(wanted, lanes=kept or None)
        if wanted.person is not None and index.timeline.person(wanted.person) is None:
            wanted = replace(wanted, person=None)
        day = self.knowledge_day
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
        new_flags = snap.review is None or not np.array_equal(flags, snap.review)
        new_notes = notes is not None and len(notes) == len(snap.index) \
            and (snap.notes is None or not np.array_equal(notes, snap.notes))
        if not new_flags and not new_notes:
            return
        self.snapshot = snap.with_review(flags, notes if new_notes else None)
        if self.filter.review is not None or (self.filter.noted and new_notes):
            self.sigShownChanged.emit()
        self.sigReviewChanged.emit()

    def set_changed_marks(self, positions: NDArray[np.int64]) -> None:
        """Mark these events as changed (an empty array clears the marks)."""
        if np.array_equal(positions, self.changed_marks):
            return
        self.changed_marks = positions
        if self.snapshot is not None:
            self.snapshot = self.snapshot.with_marks(positions)
        self.sigChangedMarksChanged.emit()

    def set_knowledge_day(self, day: int | None) -> None:
        snap = self.snapshot
        if snap is None or day == snap.knowledge_day:
            return
        self.snapshot = snap.with_knowledge(day)
        self.sigKnowledgeChanged.emit()
        self.sigShownChanged.emit()
        self._forget_view_unless_it_holds()

    def set_filter(self, wanted: EventFilter) -> None:
        snap = self.snapshot
        if snap is None or wanted == snap.filter:
            return
        self.snapshot = snap.with_filter(wanted)
        self.sigFilterChanged.emit()
        self.sigShownChanged.emit()
        self._forget_view_unless_it_holds()

    def _forget_view_unless_it_holds(self) -> None:
        """Moving the knowledge date or the tracks away from the view's leaves it.

        Narrowing to some of the view's own tracks (or searching) stays in it: "as
        reported on 3 July 2024", Putin–Xi track only, still asks about those months."""
        view, snap = self.view, self.snapshot
        if view is None or snap is None:
            return
        index = snap.index
        shown = views.view_filter(index, view)
        if views.view_day(view) != self.knowledge_day or shown.days != self.filter.days \
                or not _lanes(index, self.filter) <= _lanes(index, shown):
            self.view = None
            self.sigViewChanged.emit()
            if self.filter.days is not None:
                # The view's dates go with it: no widget shows them, so none could undo them.
                self.snapshot = snap.with_filter(replace(self.filter, days=None))
                self.sigFilterChanged.emit()
                self.sigShownChanged.emit()

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
        ranks = snap.rank[walk]
        mine = snap.rank[snap.selection]
        if direction > 0:
            at = int(np.searchsorted(ranks, mine, side="right"))
            return int(walk[min(at, len(walk) - 1)])
        at = int(np.searchsorted(ranks, mine, side="left")) - 1
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

