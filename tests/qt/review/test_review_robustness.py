"""Review notes when things go wrong: an unreadable sidecar, a first note typed while the
name is asked, Discard on close, a reload racing File → Open or the search field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from review_support import BEIJING, KAZAN, REVIEWER, OpenWindow, select

from summit_timeline.core import review
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.settings import Settings


def _sidecar(timeline_file: Path) -> Path:
    return timeline_file.with_name("putin-xi.review.json")


# ---------------------------------------------------------------- 1. unreadable sidecar


def test_unreadable_sidecar_is_reported_and_the_file_stays_usable(
        open_window: OpenWindow, timeline_file: Path, qtbot: QtBot) -> None:
    good = timeline_file.with_name("other.timeline.json")
    shutil.copyfile(timeline_file, good)
    win = open_window(good)
    session = win.review.session
    assert session.store is not None
    _sidecar(timeline_file).mkdir()  # IsADirectoryError when read
    with qtbot.waitSignal(win.state.sigTimelineChanged, timeout=10_000):
        win.files.open(timeline_file)
    assert session.store is None
    assert session.timeline_file == str(timeline_file), "the session follows the new file"
    assert win.info_bar.isVisible() and "could not be opened" in win.info_bar.text()
    assert win.review.progress_label.text() == "Notes unavailable"
    assert win.review.pane.status.text().startswith("Notes cannot be kept")
    # Flag and note commands say why nothing is kept instead of doing nothing.
    select(win, BEIJING)
    win.actions["review.flag.checked"].trigger()
    assert "could not be opened" in win.statusBar().currentMessage()
    assert not session.set_note(BEIJING, "lost?")
    assert session.why_not_editable().startswith("Notes cannot be kept")
    # The watcher follows the new file, not the old one.
    assert win.state.file == str(timeline_file)
    assert win.review.close()


def test_sidecar_busy_or_unreadable_on_open_does_not_raise(
        open_window: OpenWindow, timeline_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summit_timeline.core import review_store

    def refuse(self: review_store.ReviewStore) -> list[object]:
        raise review_store.ReviewBusyError("another process is saving these notes")

    monkeypatch.setattr(review_store.ReviewStore, "load", refuse)
    win = open_window(timeline_file)
    assert win.review.session.store is None
    assert win.review.session.timeline_file == str(timeline_file)
    assert "another process" in win.info_bar.text()


# ---------------------------------------------------------------- 2. first note, name asked


def test_a_note_typed_before_the_name_is_kept_once_the_name_is_given(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    Settings().set_reviewer_name("")
    window.review.session.sigStoreChanged.emit()
    monkeypatch.setattr(QInputDialog, "getText", _no_dialog)
    select(window, BEIJING)
    pane = window.review.pane
    editor = pane.note_edit
    assert editor.toPlainText() == ""
    qtbot.keyClicks(editor, "abc")
    assert editor.toPlainText() == "abc", "no keystroke lost"
    assert editor.textCursor().position() == 3
    assert "Type your name" in pane.status.text()
    qtbot.keyClicks(pane.name_edit, "Bea Reviewer")
    qtbot.keyClick(pane.name_edit, Qt.Key.Key_Return)
    store = window.review.session.store
    assert store is not None and store.note("Bea Reviewer", BEIJING) == "abc"
    assert editor.toPlainText() == "abc"
    assert "Bea Reviewer" in pane.status.text()


def _no_dialog(*_args: object, **_kwargs: object) -> tuple[str, bool]:
    raise AssertionError("no dialog asks for the name")


def test_note_editor_is_not_rewritten_while_the_reviewer_types(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    pane = window.review.pane
    select(window, BEIJING)
    editor = pane.note_edit
    monkeypatch.setattr(editor, "hasFocus", lambda: True)
    qtbot.keyClicks(editor, "Typing")
    store = window.review.session.store
    assert store is not None
    # Another window saved an older text for the same note: the editor keeps the
    # reviewer's words (the next keystroke saves them again).
    store.set_note(REVIEWER, BEIJING, "Typ")
    assert editor.toPlainText() == "Typing"
    # Another event is selected: its note replaces the editor's text.
    store.set_note(REVIEWER, KAZAN, "Kazan note")
    select(window, KAZAN)
    assert editor.toPlainText() == "Kazan note"


# ---------------------------------------------------------------- 6. Discard on close


def test_discard_on_close_drops_the_notes_and_stops_retrying(
        window: MainWindow, timeline_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = window.review.session
    store = session.store
    assert store is not None
    session.set_note(KAZAN, "Do not keep me")

    def refuse() -> list[object]:
        raise PermissionError(13, "Permission denied", str(store.path))

    monkeypatch.setattr(store, "flush", refuse)
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    assert window.review.close()
    assert not session._timer.isActive(), "no retry after Discard"
    assert not session.dirty
    monkeypatch.undo()
    assert session.flush()
    sidecar = _sidecar(timeline_file)
    if sidecar.exists():
        record = review.decode(sidecar.read_bytes()).reviewers.get(REVIEWER)
        assert record is None or KAZAN not in record.events


# ---------------------------------------------------------------- 3. reload during File → Open


def test_live_reload_does_not_cancel_a_file_open_in_progress(
        window: MainWindow, timeline_file: Path, qtbot: QtBot) -> None:
    other = timeline_file.with_name("other.timeline.json")
    shutil.copyfile(timeline_file, other)
    files = window.files
    files.open(other)
    assert files.loader.busy
    files.reload()  # the watcher saw the open file change
    with qtbot.waitSignal(window.state.sigTimelineChanged, timeout=10_000):
        pass
    assert window.state.file == str(other)
    qtbot.wait(50)
    assert not files.loader.busy, "the deferred reload of the old file is dropped"


def test_reload_waiting_for_a_failed_open_runs_once_the_loader_is_idle(
        window: MainWindow, timeline_file: Path, qtbot: QtBot) -> None:
    files = window.files
    files.open(timeline_file.with_name("missing.timeline.json"))
    files.reload()
    with qtbot.waitSignal(files.sigReloaded, timeout=10_000):
        pass
    assert window.state.file == str(timeline_file)
    if files.last_problem is not None:
        files.last_problem.close()


# ---------------------------------------------------------------- 4. reload and the search


def test_live_reload_keeps_the_search_while_the_field_has_focus(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    search = window.event_list.search
    qtbot.keyClicks(search, "Beijing")
    qtbot.waitUntil(lambda: window.state.filter.text == "Beijing", timeout=2000)
    shown = window.event_list.model.rowCount()
    monkeypatch.setattr(search, "hasFocus", lambda: True)
    with qtbot.waitSignal(window.files.sigReloaded, timeout=10_000):
        window.files.reload()
    qtbot.wait(300)  # longer than the search debounce
    assert window.state.filter.text == "Beijing"
    assert search.text() == "Beijing"
    assert window.event_list.model.rowCount() == shown
