"""Review notes against hostile conditions: a save that fails in an unexpected way, and a
timeline in a folder that cannot be written that already holds a review file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from review_support import BEIJING, KAZAN, REVIEWER, OpenWindow, select

from summit_timeline.core import review, review_files
from summit_timeline.core.review_store import ReviewStore
from summit_timeline.qt.main_window import MainWindow


def test_a_save_failing_with_no_os_error_keeps_the_note_and_says_so(
        window: MainWindow, qtbot: QtBot) -> None:
    """Text no file can hold (a lone surrogate) makes the encoder raise UnicodeEncodeError;
    the note stays in memory, the window says it was not saved, and a retry is due."""
    session = window.review.session
    assert session.set_note(BEIJING, "unsaved \ud800 note")
    assert session.flush() is False
    assert "Notes not saved" in window.statusBar().currentMessage()
    assert window.review.progress_label.text().endswith("unsaved")
    assert session.store is not None and session.store.dirty
    assert session.store.note(REVIEWER, BEIJING) == "unsaved \ud800 note"
    # Fixed by the reviewer, the next save goes through and keeps the note.
    assert session.set_note(BEIJING, "saved note")
    assert session.flush() is True
    saved = review.decode(session.store.path.read_bytes())
    assert saved.reviewers[REVIEWER].events[BEIJING].note == "saved note"


@pytest.fixture
def read_only_folder(timeline_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The timeline's folder cannot be written (as a permission check tells; the tests run
    as root, for whom chmod would not make it so), and it holds a colleague's notes."""
    folder = timeline_file.parent
    store, _ = ReviewStore.open(timeline_file)
    store.set_note("Colleague", KAZAN, "Checked against the Kremlin transcript.")
    store.flush()
    real_access = os.access

    def access(path: str | os.PathLike[str], mode: int, **kwargs: object) -> bool:
        inside = Path(path) == folder or Path(path).parent == folder
        if inside and mode & os.W_OK:
            return False
        return real_access(path, mode)

    monkeypatch.setattr(review_files.os, "access", access)
    return folder


def test_read_only_folder_shows_its_notes_and_says_where_new_ones_go(
        read_only_folder: Path, open_window: OpenWindow, timeline_file: Path,
        tmp_path: Path) -> None:
    beside = read_only_folder / "putin-xi.review.json"
    before = beside.read_bytes()
    win = open_window(timeline_file)
    store = win.review.session.store
    assert store is not None
    assert store.path != beside and store.path.is_relative_to(review_files.user_data_dir())
    assert store.note("Colleague", KAZAN) == "Checked against the Kremlin transcript."
    shown = win.info_bar.text()
    assert "cannot be written" in shown and str(store.path) in shown
    assert win.review.pane.status.text().endswith(f"notes in {store.path.name}")
    select(win, BEIJING)
    assert win.review.session.set_note(BEIJING, "My own note")
    assert win.review.session.flush()
    mine = review.decode(store.path.read_bytes())
    assert mine.reviewers[REVIEWER].events[BEIJING].note == "My own note"
    assert beside.read_bytes() == before  # the colleague's file is never changed
