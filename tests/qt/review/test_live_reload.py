"""The timeline or its notes change on disk while the window is open."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot
from review_support import ASTANA, BEIJING, KAZAN, REVIEWER, select, selected_id

from summit_timeline.core import review
from summit_timeline.core.review_store import ReviewStore
from summit_timeline.qt.main_window import MainWindow

ADDED = "putin-xi-2024-12-call"


def _replace(path: Path, text: str) -> None:
    """Save the way most editors do: write a new file, rename it over the old one."""
    temporary = path.with_name(path.name + ".swp")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)


def _edited(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    events = data["events"]
    astana = next(e for e in events if e["id"] == ASTANA)
    astana["title"] = "Putin–Xi talks in Astana (SCO)"
    call = dict(next(e for e in events if e["id"] == KAZAN))
    call.update(id=ADDED, title="Putin–Xi video call", when="2024-09-20", reports=[])
    events.append(call)
    return data


def test_valid_change_reloads_keeps_place_and_lists_changes(
        window: MainWindow, timeline_file: Path, qtbot: QtBot) -> None:
    select(window, BEIJING)
    window.review.session.set_note(BEIJING, "Checked against Xinhua")
    window.timeline_view.set_visible_range(19850.0, 19950.0)
    before = window.timeline_view.visible_range()
    data = _edited(timeline_file)
    with qtbot.waitSignal(window.files.sigReloaded, timeout=10_000):
        _replace(timeline_file, json.dumps(data, ensure_ascii=False, indent=2))
    assert window.event_list.model.rowCount() == 16
    assert selected_id(window) == BEIJING
    assert window.timeline_view.visible_range() == before
    changes = window.review.last_changes
    assert changes is not None
    assert changes.added == (ADDED,) and changes.modified == (ASTANA,) and not changes.removed
    text = window.info_bar.text()
    assert window.info_bar.isVisible() and ADDED in text and ASTANA in text
    assert window.review.progress_label.text() == "0 of 64 reviewed"
    assert window.review.pane.note_edit.toPlainText() == "Checked against Xinhua"
    # A second edit is noticed too: the watcher follows the file across renames.
    data["events"] = [e for e in data["events"] if e["id"] != ADDED]
    window.review.session.set_note(ADDED, "Planned only")
    with qtbot.waitSignal(window.files.sigReloaded, timeout=10_000):
        _replace(timeline_file, json.dumps(data, ensure_ascii=False, indent=2))
    assert window.review.last_changes is not None
    assert window.review.last_changes.removed == (ADDED,)
    orphans = [window.review.pane.orphan_list.item(i).text()
               for i in range(window.review.pane.orphan_list.count())]
    assert any(ADDED in line and "Planned only" in line for line in orphans)
    assert window.review.session.flush()
    store = window.review.session.store
    assert store is not None and store.note(REVIEWER, ADDED) == "Planned only"


def test_invalid_change_shows_where_and_keeps_last_good_version(
        window: MainWindow, timeline_file: Path, qtbot: QtBot) -> None:
    select(window, ASTANA)
    window.review.session.set_note(ASTANA, "Keep me")
    before = window.state.index
    text = timeline_file.read_text("utf-8").replace('"as_of": "2024-07-03",',
                                                     '"as_of": "2024-07-03",,', 1)
    line = text[: text.index(",,")].count("\n") + 1
    with qtbot.waitSignal(window.files.sigReloadFailed, timeout=10_000):
        _replace(timeline_file, text)
    message = window.info_bar.text()
    assert window.info_bar.tone == "error"
    assert re.search(rf"{re.escape(str(timeline_file))}:{line}:\d+:", message), message
    assert window.state.index is before
    assert window.event_list.model.rowCount() == 15
    assert selected_id(window) == ASTANA
    assert window.review.pane.note_edit.toPlainText() == "Keep me"
    assert window.review.session.flush()
    doc = review.decode(window.review.session.store.path.read_bytes())  # type: ignore[union-attr]
    assert doc.reviewers[REVIEWER].events[ASTANA].note == "Keep me"


def test_notes_saved_by_another_window_are_merged_in(
        window: MainWindow, timeline_file: Path, qtbot: QtBot) -> None:
    store = window.review.session.store
    index = window.state.index
    assert store is not None and index is not None
    select(window, KAZAN)
    other = ReviewStore(store.path, index.timeline)
    other.load()
    other.set_flag(REVIEWER, KAZAN, "needs_work")
    other.set_flag("Bob", BEIJING, "disputed")
    other.flush()
    qtbot.waitUntil(lambda: "Bob" in store.reviewers(), timeout=5000)
    assert window.review.pane.flag_buttons["needs_work"].isChecked()
    position = index.position_of(KAZAN)
    assert position is not None and window.state.review_flags[position] == 2
