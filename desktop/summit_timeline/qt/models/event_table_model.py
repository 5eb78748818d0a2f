"""The event list as a table model over the core's arrays, fast at a million rows.

Rows are a numpy array of event positions (filtered, then sorted with
``argsort`` over a column key), so ``rowCount`` is a length and ``data`` builds
one cell's text on demand; no row objects are ever created.  In date order
(the default) the rows are the snapshot's own walk, so a new filter or
knowledge date costs the list nothing, and finding an event's row is a binary
search rather than a table as long as the file.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...core import dates
from ...core.knowledge import SHOWN_STATUSES, known_state
from ...core.review_flags import FLAG_LABELS, FLAGS
from ...scene.snapshot import Snapshot
from ..plot.review_badges import badge_icon
from ..state import ViewState

COLUMNS: Final = ("Date", "Title", "Place", "Status", "Track", "Review")
DATE, TITLE, PLACE, STATUS, TRACK, REVIEW = range(6)
EVENT_POSITION_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 1

_Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    def __init__(self, state: ViewState) -> None:
        super().__init__()
        self._state = state
        self._rows: NDArray[np.int64] = np.zeros(0, np.int64)
        self._row_of: NDArray[np.int64] | None = None
        self._from: Snapshot | None = None
        """The snapshot the rows were taken from."""
        self._sort_column = DATE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._keys: dict[int, NDArray[np.int64]] = {}
        state.sigTimelineChanged.connect(self._on_state_timeline_changed)
        state.sigShownChanged.connect(self._on_state_shown_changed)
        state.sigReviewChanged.connect(self._on_state_review_changed)
        if state.snapshot is not None:
            self._rows = self._sorted(state.snapshot)

    # ------------------------------------------------------------ queries

    def position_at(self, row: int) -> int:
        return int(self._rows[row])

    def row_of(self, position: int) -> int | None:
        """Row showing event ``position``, or None when the filter hides it."""
        snap = self._from
        if snap is not None and self._sort_column == DATE:
            if not 0 <= position < len(snap.rank):
                return None
            at = int(np.searchsorted(snap.walk_rank, snap.rank[position]))
            if at >= len(snap.walk) or snap.walk[at] != position:
                return None
            return at if self._sort_order == Qt.SortOrder.AscendingOrder \
                else len(snap.walk) - 1 - at
        if self._row_of is None:
            lookup = np.full(len(snap.index) if snap is not None else 0, -1, np.int64)
            lookup[self._rows] = np.arange(len(self._rows))
            self._row_of = lookup
        if not 0 <= position < len(self._row_of):
            return None
        row = int(self._row_of[position])
        return None if row < 0 else row

    # ------------------------------------------------------------ Qt model API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        position = int(self._rows[index.row()])
        if role == EVENT_POSITION_ROLE:
            return position
        if role == Qt.ItemDataRole.DecorationRole and index.column() == REVIEW:
            return badge_icon(self._flag_code(position))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.AccessibleTextRole):
            return None
        return self._cell(position, index.column())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old = [int(self._rows[i.row()]) for i in persistent]
        self._sort_column, self._sort_order = column, order
        self._rows = self._sorted(self._state.snapshot)
        self._row_of = None
        new = [self.index(r, i.column()) if (r := self.row_of(p)) is not None else QModelIndex()
               for p, i in zip(old, persistent, strict=True)]
        self.changePersistentIndexList(persistent, new)
        self.layoutChanged.emit()

    # ------------------------------------------------------------ internals

    def _cell(self, position: int, column: int) -> str:
        snap = self._from
        assert snap is not None
        index, known = snap.index, snap.known
        event = index.event(position)
        if column == DATE:
            return dates.parse(_known_when(snap, position)).display()
        if column == TITLE:
            return event.title
        if column == PLACE:
            place = index.timeline.place(_known_place(snap, position))
            if place is None:
                return ""
            return f"{place.name}, {place.country}" if place.country else place.name
        if column == STATUS:
            return SHOWN_STATUSES[int(known.shown_status[position])]
        if column == REVIEW:
            return FLAG_LABELS[FLAGS[self._flag_code(position)]]
        track = index.tracks[int(index.lane[position])] if index.lane[position] >= 0 else None
        return track.title if track is not None else event.track

    def _key(self, snap: Snapshot, column: int) -> NDArray[np.int64]:
        """A full argsort of every event by ``column`` (cached; text keys sort once)."""
        cached = self._keys.get(column)
        if cached is not None:
            return cached
        index, known = snap.index, snap.known
        if column == DATE:
            order = snap.order
        elif column == STATUS:
            order = np.lexsort((known.start, known.status))
        elif column == TRACK:
            order = np.lexsort((known.start, index.lane))
        elif column == REVIEW:
            flags = snap.review if snap.review is not None and len(snap.review) == len(index) \
                else np.zeros(len(index), np.int8)
            order = np.lexsort((known.start, flags))
        else:
            text = _text_column(snap, column)
            order = np.argsort(text, kind="stable")
        order = order.astype(np.int64)
        self._keys[column] = order
        return order

    def _sorted(self, snap: Snapshot | None) -> NDArray[np.int64]:
        self._from = snap
        if snap is None or len(snap.shown) == 0:
            return np.zeros(0, np.int64)
        if self._sort_column == DATE:
            rows = snap.walk
        else:
            order = self._key(snap, self._sort_column)
            rows = order[snap.shown[order]]
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            rows = rows[::-1]
        return rows

    def _flag_code(self, position: int) -> int:
        snap = self._state.snapshot
        flags = snap.review if snap is not None else None
        return int(flags[position]) if flags is not None and 0 <= position < len(flags) else 0

    def _on_state_review_changed(self) -> None:
        """Flags changed: repaint the column, and re-sort only when sorted by it."""
        self._keys.pop(REVIEW, None)
        if self._sort_column == REVIEW:
            self.sort(REVIEW, self._sort_order)
        elif len(self._rows):
            self.dataChanged.emit(self.index(0, REVIEW), self.index(len(self._rows) - 1, REVIEW),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole])

    def _on_state_timeline_changed(self) -> None:
        self.beginResetModel()
        self._keys.clear()
        self._rows = self._sorted(self._state.snapshot)
        self._row_of = None
        self.endResetModel()

    def _on_state_shown_changed(self) -> None:
        snap = self._state.snapshot
        if self._from is None or snap is None or snap.known is not self._from.known:
            # Dates and statuses as known changed: so did the orders that sort by them.
            for column in (DATE, STATUS, TRACK, REVIEW):
                self._keys.pop(column, None)
        self.beginResetModel()
        self._rows = self._sorted(snap)
        self._row_of = None
        self.endResetModel()


def _text_column(snap: Snapshot, column: int) -> NDArray[np.generic]:
    events = snap.index.timeline.events
    if column == TITLE:
        return np.array([e.title.casefold() for e in events])
    names = {p.id: p.name.casefold() for p in snap.index.timeline.places}
    codes = {pid: i for i, pid in enumerate(sorted(names, key=names.__getitem__))}
    values = np.array([codes.get(e.place or "", len(codes)) for e in events])
    return values


def _known_place(snap: Snapshot, position: int) -> str | None:
    """The place as reported on the knowledge day (the town before the venue was named)."""
    event = snap.index.event(position)
    if not event.reports or snap.knowledge_day is None:
        return event.place
    known = known_state(event, snap.knowledge_day)
    return known.place if known is not None else event.place


def _known_when(snap: Snapshot, position: int) -> str:
    """The date as reported on the knowledge day (Kazan: "October 2024" in July)."""
    event = snap.index.event(position)
    if not event.reports or snap.knowledge_day is None:
        return event.when
    known = known_state(event, snap.knowledge_day)
    return known.when if known is not None else event.when
