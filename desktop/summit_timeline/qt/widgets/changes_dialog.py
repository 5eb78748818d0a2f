"""Review → What changed…: what became known between two knowledge dates, event by event.

A window beside the timeline, not a modal box: the changes are listed by
event, and choosing any line selects its event, so the details and the
timeline show it while the list stays open.  The changed events are marked
on the timeline (``ViewState.changed_marks``) until the window closes.  It
recomputes when either date changes or the file is reloaded; the comparison
itself is ``core.known_changes``; on a big file it runs on a worker thread, so
the window never freezes while a wide span of dates is compared, and the list
shows the first ``LIST_LIMIT`` events (Save… writes them all).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Final

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import dates
from ...core.index import EventIndex
from ...core.known_changes import LINE_LIMIT, KnowledgeChanges, changes_between
from ...core.review_flags import FLAG_CODE, Flag
from ...scene.snapshot import report_span
from ..plot.review_badges import badge_icon
from ..save_dialog import ask_save_path
from ..state import ViewState
from .date_field import DateField
from .knowledge_bar import from_qdate, to_qdate

FlagsOf = Callable[[], tuple[dict[str, Flag], str]]
"""The current reviewer's flags by event id, and the reviewer's name."""
REPORT_FILTER = "Markdown (*.md);;HTML (*.html);;PDF (*.pdf)"
EVENT_ID_ROLE = int(Qt.ItemDataRole.UserRole)
FULL_TEXT_ROLE = EVENT_ID_ROLE + 1
"""A change's whole text (a row shows it cut to one line, ending in "…")."""
LIST_LIMIT: Final = 500
"""Events listed in full; more would make the list slow to fill and no easier to read."""
WORKER_FROM: Final = 20_000
"""Files with this many events are compared on a worker thread."""


class _Comparison(QThread):
    """Compares on a worker; hands plain data back through ``sigDone`` (never touches Qt)."""

    sigDone = Signal(int, object, object)
    """(request number, KnowledgeChanges, positions of the changed events)."""

    def __init__(self, number: int, index: EventIndex, days: tuple[int, int],
                 flags: tuple[dict[str, Flag], str], parent: QObject) -> None:
        super().__init__(parent)
        self.number, self.index, self.days, self.flags = number, index, days, flags

    def run(self) -> None:
        found, positions = compare(self.index, self.days, self.flags)
        self.sigDone.emit(self.number, found, positions)


def compare(index: EventIndex, days: tuple[int, int], flags: tuple[dict[str, Flag], str]
            ) -> tuple[KnowledgeChanges, NDArray[np.int64]]:
    found = changes_between(index.timeline, days[0], days[1], flags[0], flags[1])
    positions = [index.position_of(e.event_id) for e in found.events]
    return found, np.array(sorted(p for p in positions if p is not None), np.int64)


class ChangesDialog(QDialog):
    sigSaveWanted = Signal(str)
    """A file to write the listed changes to (.md, .html or .pdf)."""

    def __init__(self, state: ViewState, flags_of: FlagsOf, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle("What changed")
        self._state = state
        self._flags_of = flags_of
        self.changes: KnowledgeChanges | None = None
        self._asked = 0
        """Number of the latest comparison asked for; older results are dropped."""
        self._worker: _Comparison | None = None
        self._closing = False
        self.from_field = DateField()
        self.from_field.setAccessibleName("Compare from this knowledge date")
        self.from_field.setToolTip("The earlier day: what was known then (type or pick a date)")
        self.to_field = DateField()
        self.to_field.setAccessibleName("Compare to this knowledge date")
        self.to_field.setToolTip("The later day: what was known by then")
        self.summary = QLabel(wordWrap=True)
        self.summary.setAccessibleName("Summary of changes")
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Changes by event")
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.detail = QLabel(wordWrap=True)
        self.detail.setAccessibleName("The chosen change, whole")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton("Save…")
        self.save_button.setToolTip("Write these changes as Markdown, HTML or PDF")
        self.save_button.setAutoDefault(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.finished.connect(self._on_finished)
        grid = QGridLayout()
        for row, (label, field) in enumerate((("&From:", self.from_field),
                                              ("&To:", self.to_field))):
            caption = QLabel(label)
            caption.setBuddy(field)
            use_known = QToolButton(text="Known on")
            use_known.setToolTip("Use the timeline's “Known on” date")
            use_known.clicked.connect(lambda _=False, f=field: self._use_knowledge_date(f))
            grid.addWidget(caption, row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(use_known, row, 2)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(buttons)
        self._set_defaults()
        self.from_field.dateChanged.connect(self.recompute)
        self.to_field.dateChanged.connect(self.recompute)
        self.tree.currentItemChanged.connect(self._on_tree_current_changed)
        self.save_button.clicked.connect(self._on_save_clicked)
        state.sigTimelineChanged.connect(self._on_state_timeline_changed)
        self.resize(640, 520)
        self.recompute()

    # ------------------------------------------------------------ dates

    def set_days(self, from_day: int, to_day: int) -> None:
        self.from_field.setDate(to_qdate(from_day))
        self.to_field.setDate(to_qdate(to_day))
        self.recompute()

    def _set_defaults(self) -> None:
        """From the "Known on" date to the last report: what the reader is yet to see."""
        snap = self._state.snapshot
        if snap is None:
            return
        span = snap.report_span if snap.report_span is not None else report_span(snap.index)
        known = self._state.knowledge_day
        lo, hi = span if span is not None else (known or 0, known or 0)
        if known is not None:
            lo, hi = min(lo, known), max(hi, known)
        for field in (self.from_field, self.to_field):
            field.setDateRange(to_qdate(lo - 366), to_qdate(hi + 366))
        start = known if known is not None else lo
        self.from_field.setDate(to_qdate(start))
        self.to_field.setDate(to_qdate(hi if hi > start else lo))

    def _use_knowledge_date(self, field: DateField) -> None:
        if self._state.knowledge_day is not None:
            field.setDate(to_qdate(self._state.knowledge_day))

    # ------------------------------------------------------------ the list

    def recompute(self) -> None:
        index = self._state.index
        if index is None or not self.from_field.date().isValid() \
                or not self.to_field.date().isValid():
            return
        self._asked += 1
        days = (from_qdate(self.from_field.date()), from_qdate(self.to_field.date()))
        if len(index) < WORKER_FROM:
            self._show_result(self._asked, *compare(index, days, self._flags_of()))
            return
        self.summary.setText(f"Comparing {len(index):,} events…")
        self._start_worker()

    def busy(self) -> bool:
        return self._worker is not None

    def _start_worker(self) -> None:
        """One worker at a time; a newer request waits for it and then runs."""
        index = self._state.index
        if self._worker is not None or index is None or self._closing:
            return
        days = (from_qdate(self.from_field.date()), from_qdate(self.to_field.date()))
        worker = _Comparison(self._asked, index, days, self._flags_of(), self)
        worker.sigDone.connect(self._show_result)
        worker.finished.connect(self._on_worker_finished)
        self._worker = worker
        worker.start()

    def _on_worker_finished(self) -> None:
        done, self._worker = self._worker, None
        if done is not None:
            done.deleteLater()
            if done.number != self._asked:
                self._start_worker()

    def _show_result(self, number: int, found: KnowledgeChanges,
                     positions: NDArray[np.int64]) -> None:
        if number != self._asked:
            return
        self.changes = found
        self._fill(found)
        self._state.set_changed_marks(positions)

    def _fill(self, found: KnowledgeChanges) -> None:
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            bold = QFont(self.tree.font())
            bold.setBold(True)
            for event in found.events[:LIST_LIMIT]:
                top = QTreeWidgetItem([f"{event.date} — {event.title}"])
                top.setData(0, EVENT_ID_ROLE, event.event_id)
                top.setFont(0, bold)
                if event.recheck:
                    top.setIcon(0, badge_icon(FLAG_CODE["checked"]))
                    top.setText(0, top.text(0) + " — checked before this changed: check again")
                for change in event.changes:
                    child = QTreeWidgetItem([change.text(LINE_LIMIT)])
                    child.setData(0, EVENT_ID_ROLE, event.event_id)
                    child.setData(0, FULL_TEXT_ROLE, change.text())
                    # Rich text, so that a long change wraps instead of running off screen.
                    child.setToolTip(0, f"<qt>{html.escape(change.text())}</qt>")
                    top.addChild(child)
                self.tree.addTopLevelItem(top)
            if len(found.events) > LIST_LIMIT:
                more = QTreeWidgetItem([f"… and {len(found.events) - LIST_LIMIT:,} more changed "
                                        "events: Save… writes them all"])
                more.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(more)
            self.tree.expandAll()
        finally:
            self.tree.blockSignals(False)
        count, events = found.count, len(found.events)
        rechecks = len(found.rechecks())
        text = (f"<b>{count:,}</b> change{'s' * (count != 1)} to <b>{events:,}</b> "
                f"event{'s' * (events != 1)} {found.span_text()}.") if events else \
            f"Nothing that was known changed {found.span_text()}."
        if events:
            text += " Changed events are ringed on the timeline; choose a line to go to it."
        if rechecks:
            text += f" <b>{rechecks}</b> of them you had marked checked."
        self.summary.setText(text)
        self.save_button.setEnabled(bool(events))

    def _on_tree_current_changed(self, current: QTreeWidgetItem | None,
                                 _previous: QTreeWidgetItem | None) -> None:
        whole = current.data(0, FULL_TEXT_ROLE) if current is not None else None
        self.detail.setText(str(whole) if whole else "")
        index = self._state.index
        event_id = current.data(0, EVENT_ID_ROLE) if current is not None else None
        if event_id is None or index is None:
            return
        position = index.position_of(str(event_id))
        if position is not None:
            self._state.select(position)

    def _on_state_timeline_changed(self) -> None:
        """A reload keeps the two dates; another file starts from its own."""
        if not self._state.keeping_view:
            for field in (self.from_field, self.to_field):
                field.blockSignals(True)
            try:
                self._set_defaults()
            finally:
                for field in (self.from_field, self.to_field):
                    field.blockSignals(False)
        self.recompute()

    def _on_save_clicked(self) -> None:
        if self.changes is None:
            return
        name = (f"changes-{dates.format_day(from_qdate(self.from_field.date()))}-to-"
                f"{dates.format_day(from_qdate(self.to_field.date()))}.md").replace(" ", "-")
        path, _ = ask_save_path(self, "Save what changed", name, REPORT_FILTER)
        if path:
            self.sigSaveWanted.emit(path)

    def _on_finished(self, _result: int) -> None:
        """The marks belong to this comparison: closed, the timeline is plain again.
        A comparison still running is waited for: a thread must not outlive its owner."""
        self._asked += 1
        self._closing = True
        if self._worker is not None:
            self._worker.wait()
        self._state.set_changed_marks(np.zeros(0, np.int64))
