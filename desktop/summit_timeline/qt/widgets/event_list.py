"""The event list dock: search field, filters and the sortable table.

It edits the shared filter and selection on ``ViewState`` and follows them
back, so selecting on the timeline scrolls this list to the same event.
In the search field, Enter goes to the first match of a new search and ↑/↓
walk the matches in the list's order, without leaving the field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.event_filter import EventFilter
from ...core.model import STATUSES
from ...core.review_flags import FLAG_CODE, FLAG_LABELS, FLAGS
from ..models.event_table_model import (
    DATE,
    PLACE,
    REVIEW,
    STATUS,
    TITLE,
    TRACK,
    EventTableModel,
)
from ..plot.review_badges import badge_icon
from ..state import NO_SELECTION, ViewState
from .column_fit import ColumnFit

_SEARCH_DELAY_MS: Final = 150
_WALK_KEYS: Final = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10,
                     Qt.Key.Key_PageUp: -10}
_ENTER_KEYS: Final = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EventListWidget(QWidget):
    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._syncing = False
        self.model = EventTableModel(state)
        self.search = QLineEdit(placeholderText="Search titles, places, people, quotes…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search events")
        self.track_box = QComboBox(accessibleName="Filter by track")
        self.person_box = QComboBox(accessibleName="Filter by person")
        self.status_box = QComboBox(accessibleName="Filter by status")
        self.review_box = QComboBox(accessibleName="Filter by review flag")
        self.review_box.setToolTip("Show only events you flagged so (e.g. still unreviewed)")
        self.noted_box = QCheckBox("Has a note")
        self.noted_box.setAccessibleName("Only events with a note")
        self.noted_box.setToolTip("Show only events you wrote a review note on")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Events")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.columns = ColumnFit(self.table, TITLE, (DATE, PLACE, STATUS, TRACK, REVIEW),
                                 shrinkable=(PLACE, TRACK))
        self.table.horizontalHeader().setResizeContentsPrecision(64)  # fit to 64 rows, not 1000
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self._boxes = (self.track_box, self.person_box, self.status_box, self.review_box)
        self.count_label = QLabel()
        self._search_timer = QTimer(self, singleShot=True, interval=_SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for box in self._boxes:
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow)
            filters.addWidget(box, 1)
        filters.addWidget(self.noted_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self._entered_text: str | None = None
        """The search text Enter last went to the first match of."""
        self._when_shown: Callable[[], None] | None = None
        self._fitted_to: object = None
        """The snapshot's known arrays the column widths were measured on."""
        """What Enter or ↑/↓ asked for while the search was being worked out."""
        for box in self._boxes:
            box.currentIndexChanged.connect(self._apply_filter)
        self.noted_box.toggled.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        state.sigTimelineChanged.connect(self._on_state_timeline_changed)
        state.sigFilterChanged.connect(self._on_state_filter_changed)
        state.sigShownChanged.connect(self._on_state_shown_changed)
        state.sigSelectionChanged.connect(self._on_state_selection_changed)
        state.sigBusyChanged.connect(self._on_state_busy_changed)

    def clear_search(self) -> None:
        """Empty the search field and reset every filter (Edit → Clear search and filters).

        A named view's own tracks and dates stay: no widget shows them to reset, and
        choosing another view (or moving the knowledge date) leaves the view."""
        self._search_timer.stop()
        self._syncing = True
        try:
            self.search.clear()
        finally:
            self._syncing = False
        kept = self._state.filter
        self._state.set_filter(EventFilter(lanes=kept.lanes, days=kept.days))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter and ↑/↓ in the search field work the matches; the window's own
        shortcuts for those keys (Enter shows the details) wait until focus leaves."""
        if watched is self.search and isinstance(event, QKeyEvent) and \
                (event.key() in _ENTER_KEYS or event.key() in _WALK_KEYS):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                if event.key() in _ENTER_KEYS:
                    self.go_to_first_match()
                else:
                    self.walk_matches(_WALK_KEYS[Qt.Key(event.key())])
                return True
        return super().eventFilter(watched, event)

    def go_to_first_match(self) -> None:
        """Search now and select the first match; Enter again keeps the match walked to.

        On a big file the search may still be worked out: the match is gone to when
        it lands, not picked from the list of the search before."""
        self._apply_filter()
        if self._state.busy:
            self._when_shown = self.go_to_first_match
            return
        text = self.search.text()
        shown = self._state.selection != NO_SELECTION and \
            self.model.row_of(self._state.selection) is not None
        if text != self._entered_text or not shown:
            self._entered_text = text
            if self.model.rowCount():
                self._state.select(self.model.position_at(0))

    def walk_matches(self, step: int) -> None:
        """Select the match ``step`` rows below (or above) the selected one, in list order."""
        self._apply_filter()
        if self._state.busy:
            self._when_shown = lambda: self.walk_matches(step)
            return
        rows = self.model.rowCount()
        if rows == 0:
            return
        current = self.model.row_of(self._state.selection) \
            if self._state.selection != NO_SELECTION else None
        if current is None:
            row = 0 if step > 0 else rows - 1
        else:
            row = min(max(current + step, 0), rows - 1)
        self._entered_text = self.search.text()
        self._state.select(self.model.position_at(row))

    # ------------------------------------------------------------ user → state

    def _on_search_text_changed(self, _text: str) -> None:
        if self._syncing:
            return  # the state's own text shown back: nothing to apply
        self._search_timer.start()

    def _apply_filter(self) -> None:
        if self._syncing:
            return
        self._search_timer.stop()
        self._state.set_filter(EventFilter(
            text=self.search.text(),
            lane=self.track_box.currentData(),
            person=self.person_box.currentData(),
            status=self.status_box.currentData(),
            review=self.review_box.currentData(),
            lanes=self._state.filter.lanes,  # a named view's tracks: no widget shows them
            noted=self.noted_box.isChecked(),
            days=self._state.filter.days,  # and its dates
            places=self._state.filter.places,  # a place clicked on the map, shown there
        ))

    def show_review_flag(self, flag_code: int | None) -> None:
        """Filter the list (and timeline) by review flag; None shows every flag."""
        at = self.review_box.findData(flag_code)
        if at >= 0:
            self.review_box.setCurrentIndex(at)

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        self._state.select(self.model.position_at(current.row()))

    # ------------------------------------------------------------ state → widgets

    def _on_state_timeline_changed(self) -> None:
        index = self._state.index
        self._syncing = True
        try:
            for box in self._boxes:
                box.clear()
            self.track_box.addItem("All tracks", None)
            self.person_box.addItem("Everyone", None)
            self.status_box.addItem("Any status", None)
            self.review_box.addItem("Any review flag", None)
            for flag in FLAGS:
                self.review_box.addItem(badge_icon(FLAG_CODE[flag]), FLAG_LABELS[flag],
                                        FLAG_CODE[flag])
            if index is not None:
                for lane, track in enumerate(index.tracks):
                    self.track_box.addItem(track.title, lane)
                for person in sorted(index.timeline.people, key=lambda p: p.name.casefold()):
                    self.person_box.addItem(person.name, person.id)
            for code, status in enumerate(STATUSES):
                self.status_box.addItem(status.capitalize(), code)
            # A reload keeps the filter; a new timeline starts with none.  While the
            # reader is typing in the field (a reload mid-word), their text stays and
            # the pending search applies it.
            typing = self._state.keeping_view and self.search.hasFocus()
            if not typing:
                self._search_timer.stop()
            self._show_filter(self._state.filter, keep_text=typing)
        finally:
            self._syncing = False
        self._update_count()
        self._fit_columns()

    def _on_state_filter_changed(self) -> None:
        self._syncing = True
        try:
            self._show_filter(self._state.filter, keep_text=self.search.hasFocus())
        finally:
            self._syncing = False

    def _show_filter(self, wanted: EventFilter, *, keep_text: bool) -> None:
        """Widgets follow ``wanted``; the caller holds ``_syncing``."""
        if self.search.text() != wanted.text and not keep_text:
            self.search.setText(wanted.text)
        for box, value in ((self.track_box, wanted.lane), (self.person_box, wanted.person),
                           (self.status_box, wanted.status), (self.review_box, wanted.review)):
            at = box.findData(value)
            if at >= 0:
                box.setCurrentIndex(at)
        self.noted_box.setChecked(wanted.noted)

    def _on_state_shown_changed(self) -> None:
        self._update_count()
        if self._state.known is not self._fitted_to:
            self._fit_columns()  # dates and statuses as known changed: so did their widths
        self._on_state_selection_changed(self._state.selection)

    def _on_state_selection_changed(self, position: int) -> None:
        selection = self.table.selectionModel()
        row = self.model.row_of(position) if position != NO_SELECTION else None
        self._syncing = True
        try:
            if row is None:
                selection.clearSelection()
                return
            index = self.model.index(row, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def _on_state_busy_changed(self, busy: bool) -> None:
        if busy:
            return
        wanted, self._when_shown = self._when_shown, None
        if wanted is not None:
            wanted()

    def _fit_columns(self) -> None:
        self._fitted_to = self._state.known
        self.columns.fit()

    def _update_count(self) -> None:
        known = self._state.known
        total = known.count if known is not None else 0
        shown = self.model.rowCount()
        self.count_label.setText(f"{shown:,} of {total:,} events")
