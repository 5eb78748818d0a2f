"""Offline review, wired into the window: session, dock, flags in the views, live reload.

The main window only composes; everything review-specific that connects
parts to each other lives here: which sidecar goes with the open timeline,
turning the reviewer's flags into the int8 array the list and timeline draw
from, the progress line, File → Compare review and Export review report, and
reloading the timeline or the notes when someone changes them on disk.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
)

from ..core.index import EventIndex
from ..core.problems import LoadError, Problem
from ..core.review_flags import FLAG_CODE, Flag
from .file_controller import FileController
from .live_reload import FileWatch
from .review_session import ReviewSession, format_problems
from .save_dialog import ask_save_path
from .settings import Settings
from .state import NO_SELECTION, ViewState
from .widgets.info_bar import InfoBar
from .widgets.message_box import inform, warn
from .widgets.review_pane import ReviewPane

if TYPE_CHECKING:
    from .live_reload import TimelineChanges
    from .widgets.changes_dialog import ChangesDialog
    from .widgets.compare_dialog import CompareDialog
    from .widgets.event_chooser import EventChooser

REVIEW_FILTER = "Review files (*.review.json);;JSON (*.json);;All files (*)"
REPORT_FILTER = "Markdown (*.md);;HTML (*.html);;PDF (*.pdf)"


class ReviewController(QObject):
    def __init__(self, state: ViewState, files: FileController, settings: Settings,
                 window: QMainWindow, info_bar: InfoBar) -> None:
        super().__init__(window)
        self._state = state
        self._files = files
        self._settings = settings
        self._window = window
        self.info_bar = info_bar
        self.session = ReviewSession(settings, self)
        self.pane = ReviewPane(state, self.session)
        self.watch = FileWatch(self)
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Review progress")
        self.progress_label.setToolTip("Events you have flagged, of the events known on the "
                                       "knowledge date")
        self.last_changes: TimelineChanges | None = None
        self.last_compare: CompareDialog | None = None
        self.last_chooser: EventChooser | None = None
        self.changes_window: ChangesDialog | None = None
        self._pending_message = ""
        self._holding = False
        """Sidecars wait until ``open_after_first_frame`` lets them open."""
        window.statusBar().addPermanentWidget(self.progress_label)
        state.sigTimelineChanged.connect(self._on_state_timeline_changed)
        state.sigKnowledgeChanged.connect(self._update_progress)
        self.session.sigStoreChanged.connect(self._on_session_store_changed)
        self.session.sigReviewsChanged.connect(self._on_session_reviews_changed)
        self.session.sigSaveFailed.connect(self._on_session_save_failed)
        self.session.sigSaved.connect(self._on_session_saved)
        self.session.sigProblems.connect(self._on_session_problems)
        self.pane.sigReattachWanted.connect(self._on_pane_reattach_wanted)
        files.sigReloaded.connect(self._on_files_reloaded)
        files.sigReloadFailed.connect(self._on_files_reload_failed)
        # Connected after the window's own sigIdle handler, which clears the status bar.
        files.loader.sigIdle.connect(self._on_loader_idle)
        self.watch.sigTimelineChanged.connect(self._on_watch_timeline_changed)
        self.watch.sigSidecarChanged.connect(self._on_watch_sidecar_changed)

    # ------------------------------------------------------------ commands

    def set_flag(self, flag: Flag) -> None:
        if self._state.selection == NO_SELECTION:
            self._status("Select an event to flag it")
            return
        if not self.pane.set_flag(flag):
            self._status(self.session.why_not_editable())
            if self.session.store is not None and not self.session.reviewer:
                self._show_pane()  # where the name goes; the keyboard stays where it was

    def edit_note(self) -> None:
        if self.session.store is None:
            self._status(self.session.why_not_editable())
        self._show_pane()
        self.pane.focus_note()

    def _show_pane(self) -> None:
        dock = self.pane.parentWidget()
        if dock is not None:
            dock.show()
            dock.raise_()

    def next_unreviewed(self) -> None:
        """The next unreviewed event in time after the selection, within the filter."""
        state, store = self._state, self.session.store
        if state.index is None or store is None:
            return
        order = [state.index.event(int(p)).id for p in state.shown_positions()]
        after = state.index.event(state.selection).id if state.selection != NO_SELECTION \
            else None
        found = store.next_unreviewed(self.session.reviewer, order, after)
        if found is None:
            left = store.progress(self.session.reviewer).by_flag["unreviewed"]
            hidden = left - (1 if after is not None and after in order
                             and store.flag(self.session.reviewer, after) == "unreviewed" else 0)
            self._status(f"{hidden:,} unreviewed events are hidden by the filter or the knowledge "
                         "date" if hidden > 0 else "Every event is reviewed")
            return
        position = state.index.position_of(found)
        if position is not None:
            state.select(position)

    def toggle_unreviewed_filter(self) -> None:
        wanted = self._state.filter
        code = None if wanted.review == FLAG_CODE["unreviewed"] else FLAG_CODE["unreviewed"]
        from dataclasses import replace

        self._state.set_filter(replace(wanted, review=code))

    def compare_dialog(self) -> None:
        start = os.fspath(self.session.store.path.parent) if self.session.store else ""
        path, _ = QFileDialog.getOpenFileName(self._window, "Compare with another review",
                                              start, REVIEW_FILTER)
        if path:
            self.compare_with(path)

    def compare_with(self, path: str | os.PathLike[str], other: str | None = None
                     ) -> CompareDialog | None:
        """Open another reviewer's sidecar (read only) and show both sets of flags."""
        store, index = self.session.store, self._state.index
        if store is None or index is None:
            return None
        from ..core import review

        try:
            doc = review.decode(Path(path).read_bytes(), os.fspath(path))
        except (OSError, LoadError) as error:
            message = error.summary() if isinstance(error, LoadError) else str(error)
            warn(self._window, "Compare review", message)
            return None
        me = self.session.reviewer
        name = other or review.default_other_reviewer(doc, me)
        if name is None:
            names = [n for n in review.reviewer_names(doc) if n != me]
            if not names:
                inform(self._window, "Compare review",
                       f"{Path(path).name} holds no other reviewer's notes.")
                return None
            name, ok = QInputDialog.getItem(self._window, "Compare review",
                                            "Compare with:", names, 0, False)
            if not ok:
                return None
        rows = store.compare(doc, me, name, index.timeline)
        from .widgets.compare_dialog import CompareDialog  # shown on demand: not at start-up

        dialog = CompareDialog(rows, index.timeline, me or "you", name, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sigEventActivated.connect(self._select_id)
        dialog.destroyed.connect(self._forget_compare)
        self.last_compare = dialog
        dialog.open()
        return dialog

    def export_dialog(self) -> None:
        index = self._state.index
        if index is None or self.session.store is None:
            return
        stem = Path(self._state.file or "timeline").name.split(".")[0]
        path, _ = ask_save_path(self._window, "Export review report",
                                f"{stem}-review-report.md", REPORT_FILTER,
                                settings=self._settings)
        if path:
            self.export_report(path)

    def export_report(self, path: str | os.PathLike[str]) -> bool:
        """Save the notes, then write the same report as ``summit-timeline review-report``."""
        store, index = self.session.store, self._state.index
        if store is None or index is None:
            return False
        self.session.flush()
        from ..core import review

        doc = store.document()
        names = review.reviewer_names(doc)
        reviewer = self.session.reviewer or (names[0] if len(names) == 1 else "")
        target = Path(path)
        # The report writer (and its Markdown/HTML/PDF code) is only needed when exporting.
        from .report_writer import ReportError, write_report

        try:
            write_report(index.timeline, doc, reviewer, target, self._state.knowledge_day)
        except (ReportError, OSError) as error:
            warn(self._window, "Export review report", str(error))
            return False
        self._status(f"Review report written to {target}")
        return True

    def edit_reviewer_name(self) -> None:
        """Review → Reviewer name…: the name field of the Review pane, ready to type in."""
        self._show_pane()
        self.pane.focus_name()

    def what_changed(self) -> ChangesDialog | None:
        """Review → What changed…: what became known between two knowledge dates."""
        if self._state.index is None:
            return None
        if self.changes_window is not None:
            self.changes_window.raise_()
            self.changes_window.activateWindow()
            return self.changes_window
        from .widgets.changes_dialog import ChangesDialog  # on demand: not at start-up

        dialog = ChangesDialog(self._state, self._reviewer_flags, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sigSaveWanted.connect(self._save_changes)
        dialog.destroyed.connect(self._forget_changes_window)
        self.changes_window = dialog
        dialog.show()
        return dialog

    def _reviewer_flags(self) -> tuple[dict[str, Flag], str]:
        store, me = self.session.store, self.session.reviewer
        if store is None or not me:
            return {}, me
        from ..core import review

        return {event_id: record.flag
                for event_id, record in review.events_of(store.document(), me).items()}, me

    def _save_changes(self, path: str) -> None:
        dialog = self.changes_window
        if dialog is None or dialog.changes is None:
            return
        from .report_writer import ReportError, write_changes

        try:
            write_changes(dialog.changes, Path(path))
        except (ReportError, OSError) as error:
            warn(self._window, "Save what changed", str(error))
            return
        self._status(f"What changed written to {path}")

    def _forget_changes_window(self) -> None:
        self.changes_window = None
        self._state.set_changed_marks(np.zeros(0, np.int64))

    def close(self) -> bool:
        """Save before the window closes; False if notes could not be saved and the
        user chose to keep the window open.  An open What changed window is closed
        first (it may be comparing on a worker thread)."""
        if self.changes_window is not None:
            self.changes_window.close()
        if self.session.flush():
            return True
        answer = warn(
            self._window, "Notes not saved",
            f"{self.session.last_error}.\n\nClose anyway and lose the unsaved notes?",
            buttons=QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Discard,
            default=QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Discard:
            return False
        self.session.discard()
        return True

    # ------------------------------------------------------------ state → session

    def open_after_first_frame(self, app: QObject, latest_ms: int = 1000) -> None:
        """At start-up: open the first timeline's sidecar one event-loop turn after
        the window has painted that timeline, so the sidecar code (msgspec structs,
        hashing) loads after the first frame; flags appear a moment later.  Never
        later than ``latest_ms``, even if no timeline was shown (every load failed)."""
        from PySide6.QtCore import QCoreApplication, QTimer

        from .first_frame import after_first_frame

        self._holding = True
        if isinstance(app, QCoreApplication):
            after_first_frame(app, self._window, self._state.sigTimelineChanged,
                              self._release)
        QTimer.singleShot(latest_ms, self, self._release)

    def _release(self) -> None:
        if self._holding:
            self._holding = False
            self._on_state_timeline_changed()

    def _on_state_timeline_changed(self) -> None:
        if self._holding:
            return  # _release opens the sidecar of whatever timeline is shown by then
        state = self._state
        if state.index is None or state.file is None:
            return
        if state.file != self.session.timeline_file:
            self.session.open_for(state.file, state.index.timeline)
        else:
            self.session.set_timeline(state.index.timeline)

    def _on_session_store_changed(self) -> None:
        store = self.session.store
        self._push_flags(self._all_flags(), self._all_notes())
        self._update_progress()
        self.watch.watch(self._state.file, store.path if store is not None else None)

    def _on_session_reviews_changed(self, changed: frozenset[tuple[str, str]]) -> None:
        index, store, me = self._state.index, self.session.store, self.session.reviewer
        if index is None or store is None:
            return
        flags = self._state.review_flags.copy()
        notes = self._state.review_notes.copy()
        if len(flags) != len(index) or len(notes) != len(index):
            flags, notes = self._all_flags(), self._all_notes()
        for name, event_id in changed:
            position = index.position_of(event_id) if name == me else None
            if position is not None:
                flags[position] = FLAG_CODE[store.flag(me, event_id)]
                notes[position] = bool(store.note(me, event_id).strip())
        self._push_flags(flags, notes)
        self._update_progress()

    def _all_flags(self) -> NDArray[np.int8]:
        index = self._state.index
        if index is None:
            return np.zeros(0, np.int8)
        return self.session.flag_codes(index.positions())

    def _all_notes(self) -> NDArray[np.bool_]:
        index = self._state.index
        if index is None:
            return np.zeros(0, np.bool_)
        return self.session.note_mask(index.positions())

    def _push_flags(self, flags: NDArray[np.int8], notes: NDArray[np.bool_]) -> None:
        self._state.set_review_flags(flags, notes)

    def _update_progress(self) -> None:
        self.progress_label.setText(self._progress_text())

    def _progress_text(self) -> str:
        known = self._state.known
        return self.session.progress_text(self._state.review_flags,
                                          known.visible if known is not None else None)

    # ------------------------------------------------------------ saving and problems

    def _on_session_save_failed(self, message: str) -> None:
        progress = self._progress_text()
        self.progress_label.setText(f"{progress} · unsaved" if progress else "Notes unavailable")
        self._window.statusBar().showMessage(message)

    def _on_session_saved(self) -> None:
        if self.progress_label.text().endswith("unsaved"):
            self._update_progress()
            self._status("Notes saved")

    def _on_session_problems(self, problems: list[Problem]) -> None:
        self.info_bar.show_message("Review file: " + format_problems(problems), "warning")

    # ------------------------------------------------------------ live reload

    def _on_watch_timeline_changed(self, _path: str) -> None:
        self._files.reload()

    def _on_watch_sidecar_changed(self, _path: str) -> None:
        self.session.reload_from_disk()

    def _on_files_reloaded(self, old: EventIndex, new: EventIndex) -> None:
        from .live_reload import timeline_changes  # only needed once a file changed on disk

        changes = timeline_changes(old.timeline, new.timeline)
        self.last_changes = changes
        name = Path(self._state.file or "").name
        text = f"{name} changed on disk and was reloaded: {changes.text()}"
        orphans = len(self.session.store.orphans()) if self.session.store else 0
        if orphans:
            text += f". {orphans} notes are on events no longer in the file (kept)"
        self.info_bar.show_message(text, "info")
        self._pending_message = f"Reloaded {name}: {changes.text()}"

    def _on_files_reload_failed(self, error: LoadError) -> None:
        problems = error.errors or error.problems
        first = str(problems[0]) if problems else error.summary()
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        self.info_bar.show_message(
            f"The file changed on disk but cannot be read; the last good version stays on "
            f"screen.\n{first}{more}", "error")
        self._pending_message = f"Not reloaded: {first}"

    def _on_loader_idle(self) -> None:
        if self._pending_message:
            self._window.statusBar().showMessage(self._pending_message, 15_000)
            self._pending_message = ""

    # ------------------------------------------------------------ helpers

    def _select_id(self, event_id: str) -> None:
        index = self._state.index
        position = index.position_of(event_id) if index is not None else None
        if position is not None:
            self._state.select(position)

    def _forget_compare(self) -> None:
        self.last_compare = None

    def _on_pane_reattach_wanted(self, reviewer: str, old_id: str) -> None:
        index, store = self._state.index, self.session.store
        record = store.get(reviewer, old_id) if store is not None else None
        if index is None or record is None:
            return
        from .widgets.event_chooser import EventChooser  # on demand: not at start-up

        title = record.title or old_id
        chooser = EventChooser(index.timeline, f"Attach {reviewer}'s notes on “{title}” "
                               f"({old_id}, no longer in the timeline) to:", title, self._window)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.sigChosen.connect(lambda new_id: self._reattach(reviewer, old_id, new_id))
        chooser.destroyed.connect(self._forget_chooser)
        self.last_chooser = chooser
        chooser.open()

    def _reattach(self, reviewer: str, old_id: str, new_id: str) -> None:
        if not self.session.reattach(reviewer, old_id, new_id):
            self._status(self.session.why_not_editable())
            return
        self._select_id(new_id)
        self._status(f"Notes on {old_id} moved to this event")

    def _forget_chooser(self) -> None:
        self.last_chooser = None

    def _status(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 8000)
