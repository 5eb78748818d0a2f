"""The one state object every view observes: timeline, selection, filter, knowledge date.

Views never call each other.  They change this object and react to its
signals, so the list, the timeline and the detail pane stay in step and any of
them can be tested alone with a bare ``ViewState``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QObject, Signal

from ..core import knowledge
from ..core.event_filter import EventFilter, ParticipantIndex, filter_mask
from ..core.index import EventIndex
from ..core.knowledge import KnownArrays
from .plot.prepared_timeline import PreparedTimeline

NO_SELECTION = -1


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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.index: EventIndex | None = None
        self.file: str | None = None
        self.knowledge_day: int | None = None
        self.as_of_day: int | None = None
        self.known: KnownArrays | None = None
        self.filter = EventFilter()
        self.shown: NDArray[np.bool_] = np.zeros(0, np.bool_)
        """Events known on the knowledge date and inside the filter."""
        self.selection = NO_SELECTION
        self.visible_range: tuple[float, float] = (0.0, 1.0)
        self.review_flags: NDArray[np.int8] = np.zeros(0, np.int8)
        """The current reviewer's flag per event position (``review.FLAG_CODE``)."""
        self.keeping_view = False
        """True while ``sigTimelineChanged`` is emitted for a reload of the same file:
        views keep their range instead of fitting the new timeline."""
        self._people: ParticipantIndex | None = None
        self._order: NDArray[np.int64] = np.zeros(0, np.int64)
        self._rank: NDArray[np.int64] = np.zeros(0, np.int64)
        self._walk: NDArray[np.int64] = np.zeros(0, np.int64)

    # ------------------------------------------------------------ changes

    def set_timeline(self, index: EventIndex, file: str | None, day: int | None = None) -> None:
        """Show ``index``; ``day`` None means the file's own ``as_of`` date (or everything)."""
        self._install(index, file, day, EventFilter())
        self.sigTimelineChanged.emit()

    def reload_timeline(self, index: EventIndex) -> None:
        """A new version of the open file: keep the knowledge date, filter, selection
        (by event id) and visible range, so an edit in a text editor does not lose the
        reader's place.

        ``sigTimelineChanged`` is emitted once, with the kept filter already in
        place: no view ever sees (or applies) an empty filter in between.  A lane
        or person the new version lacks is dropped from the filter, since the
        widgets cannot show it any more."""
        old_index, selected = self.index, self.selection
        selected_id = old_index.event(selected).id \
            if old_index is not None and selected != NO_SELECTION else None
        wanted = self.filter
        if wanted.lane is not None and wanted.lane >= len(index.tracks):
            wanted = replace(wanted, lane=None)
        if wanted.person is not None and index.timeline.person(wanted.person) is None:
            wanted = replace(wanted, person=None)
        self._install(index, self.file, self.knowledge_day, wanted)
        self.keeping_view = True
        try:
            self.sigTimelineChanged.emit()
        finally:
            self.keeping_view = False
        position = index.position_of(selected_id) if selected_id is not None else None
        if position is not None:
            self.select(position)

    def _install(self, index: EventIndex, file: str | None, day: int | None,
                 wanted: EventFilter) -> None:
        self.index = index
        self.file = file
        self.as_of_day = knowledge.opening_day(index.timeline, None)
        self.knowledge_day = knowledge.opening_day(index.timeline, day)
        self.filter = wanted
        self.selection = NO_SELECTION
        self.review_flags = np.zeros(len(index), np.int8)
        self._people = ParticipantIndex(index)
        self._recompute_known()

    def set_review_flags(self, flags: NDArray[np.int8]) -> None:
        """Replace the reviewer's flags (aligned with event positions)."""
        if self.index is None or len(flags) != len(self.index):
            return
        if np.array_equal(flags, self.review_flags):
            return
        self.review_flags = flags
        if self.filter.review is not None:
            self._recompute_shown()
            self.sigShownChanged.emit()
        self.sigReviewChanged.emit()

    def set_knowledge_day(self, day: int | None) -> None:
        if day == self.knowledge_day or self.index is None:
            return
        self.knowledge_day = day
        self._recompute_known()
        self.sigKnowledgeChanged.emit()
        self.sigShownChanged.emit()

    def set_filter(self, wanted: EventFilter) -> None:
        if wanted == self.filter:
            return
        self.filter = wanted
        self._recompute_shown()
        self.sigFilterChanged.emit()
        self.sigShownChanged.emit()

    def select(self, position: int) -> None:
        if self.index is None or not 0 <= position < len(self.index):
            position = NO_SELECTION
        if position == self.selection:
            return
        self.selection = position
        self.sigSelectionChanged.emit(position)

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
        walk = self._walk
        if len(walk) == 0:
            return NO_SELECTION
        if self.selection == NO_SELECTION:
            return int(walk[0] if direction > 0 else walk[-1])
        ranks = self._rank[walk]
        mine = self._rank[self.selection]
        if direction > 0:
            at = int(np.searchsorted(ranks, mine, side="right"))
            return int(walk[min(at, len(walk) - 1)])
        at = int(np.searchsorted(ranks, mine, side="left")) - 1
        return int(walk[max(at, 0)])

    def time_order(self) -> NDArray[np.int64]:
        """Every event position in time order as known (start, then end), shown or not."""
        return self._order

    def shown_positions(self) -> NDArray[np.int64]:
        """Shown events in time order."""
        return self._walk

    # ------------------------------------------------------------ internals

    def _recompute_known(self) -> None:
        assert self.index is not None
        ready = PreparedTimeline.of(self.index)
        if ready is not None and ready.day == self.knowledge_day:
            # Made on the loader's worker thread: no sort on the GUI thread for a new file.
            self.known, self._order, self._rank = ready.known, ready.order, ready.rank
            if self.filter.is_empty:
                self.shown, self._walk = ready.known.visible, ready.walk
            else:
                self._recompute_shown()
            return
        self.known = knowledge.arrays_as_of(self.index, self.knowledge_day)
        self._order, self._rank = knowledge.time_order(self.index, self.known)
        self._recompute_shown()

    def _recompute_shown(self) -> None:
        assert self.index is not None and self.known is not None and self._people is not None
        mask = filter_mask(self.index, self.filter, self.known.status, self._people,
                           self.review_flags)
        self.shown = mask & self.known.visible
        self._walk = self._order[self.shown[self._order]]
