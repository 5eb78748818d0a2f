"""The one state object every view observes: timeline, selection, filter, knowledge date.

Views never call each other.  They change this object and react to its
signals, so the list, the timeline and the detail pane stay in step and any of
them can be tested alone with a bare ``ViewState``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QObject, Signal

from ..core import knowledge
from ..core.index import EventIndex
from ..core.knowledge import KnownArrays
from .event_filter import EventFilter, ParticipantIndex, filter_mask

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
        self._people: ParticipantIndex | None = None
        self._rank: NDArray[np.int64] = np.zeros(0, np.int64)
        self._walk: NDArray[np.int64] = np.zeros(0, np.int64)

    # ------------------------------------------------------------ changes

    def set_timeline(self, index: EventIndex, file: str | None, day: int | None = None) -> None:
        """Show ``index``; ``day`` None means the file's own ``as_of`` date (or everything)."""
        as_of = index.timeline.as_of
        self.index = index
        self.file = file
        self.as_of_day = knowledge.parse_day(as_of) if as_of else None
        self.knowledge_day = day if day is not None else self.as_of_day
        self.filter = EventFilter()
        self.selection = NO_SELECTION
        self._people = ParticipantIndex(index)
        self._recompute_known()
        self.sigTimelineChanged.emit()

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

    def shown_positions(self) -> NDArray[np.int64]:
        """Shown events in time order."""
        return self._walk

    # ------------------------------------------------------------ internals

    def _recompute_known(self) -> None:
        assert self.index is not None
        self.known = knowledge.arrays_as_of(self.index, self.knowledge_day)
        if self.known.start is self.index.start:
            order = self.index.order
        else:
            order = np.lexsort((self.known.end, self.known.start)).astype(np.int64)
        self._rank = np.empty(len(order), np.int64)
        self._rank[order] = np.arange(len(order), dtype=np.int64)
        self._order = order
        self._recompute_shown()

    def _recompute_shown(self) -> None:
        assert self.index is not None and self.known is not None and self._people is not None
        mask = filter_mask(self.index, self.filter, self.known.status, self._people)
        self.shown = mask & self.known.visible
        self._walk = self._order[self.shown[self._order]]
