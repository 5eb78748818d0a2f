"""A reviewer at work: flag, note and marks saved by themselves; filter, walk, compare."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot
from review_support import ASTANA, BEIJING, KAZAN, REVIEWER, OpenWindow, select, selected_id

from summit_timeline.core import review
from summit_timeline.core.review import FLAG_CODE
from summit_timeline.core.review_store import ReviewStore
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.models.event_table_model import REVIEW
from summit_timeline.qt.plot import review_badges
from summit_timeline.qt.settings import Settings


def _sidecar(timeline_file: Path) -> Path:
    return timeline_file.with_name("putin-xi.review.json")


def _on_disk(path: Path) -> review.ReviewDocument | None:
    try:
        return review.decode(path.read_bytes())
    except (OSError, review.LoadError):
        return None


def test_flag_note_and_marks_are_saved_within_a_second_and_come_back(
        window: MainWindow, open_window: OpenWindow, timeline_file: Path, qtbot: QtBot) -> None:
    pane = window.review.pane
    position = select(window, ASTANA)
    qtbot.mouseClick(pane.flag_buttons["disputed"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(pane.note_edit, "Date checked against TASS.")
    qtbot.keyClick(pane.note_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(pane.note_edit, "The 200 bn figure is Xi's.")
    box = pane.items_table.cellWidget(0, 1)
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData("disputed"))
    pane.items_table.item(0, 2).setText("not in the transcript")
    # Shown at once in the list and on the timeline.
    assert window.state.review_flags[position] == FLAG_CODE["disputed"]
    model = window.event_list.model
    row = model.row_of(position)
    assert row is not None and model.index(row, REVIEW).data() == "Disputed"
    scene = window.timeline_view.scene()
    assert scene is not None
    shapes = scene.shapes
    assert shapes.review[list(shapes.position).index(position)] == review_badges.DISPUTED
    sidecar = _sidecar(timeline_file)

    def saved() -> bool:
        doc = _on_disk(sidecar)
        record = doc.reviewers.get(REVIEWER, review.ReviewerRecord()).events.get(ASTANA) \
            if doc else None
        return record is not None and record.note.endswith("Xi's.") and bool(record.items) \
            and record.items["quote:0"].reason == "not in the transcript"

    qtbot.waitUntil(saved, timeout=3000)
    record = _on_disk(sidecar).reviewers[REVIEWER].events[ASTANA]  # type: ignore[union-attr]
    assert record.flag == "disputed" and record.items["quote:0"].verdict == "disputed"
    assert not window.review.session.dirty
    window.close()

    again = open_window(timeline_file)
    select(again, ASTANA)
    pane = again.review.pane
    assert pane.flag_buttons["disputed"].isChecked()
    assert pane.note_edit.toPlainText() == "Date checked against TASS.\nThe 200 bn figure is Xi's."
    assert pane.items_table.item(0, 2).text() == "not in the transcript"
    assert again.review.progress_label.text() == "1 of 63 reviewed"


def test_the_reviewer_types_the_name_once_in_the_pane_and_it_is_remembered(
        window: MainWindow, qtbot: QtBot) -> None:
    Settings().set_reviewer_name("")
    window.review.session.sigStoreChanged.emit()
    pane = window.review.pane
    assert pane.name_edit.text() == ""
    qtbot.keyClicks(pane.name_edit, "Bea Reviewer")
    qtbot.keyClick(pane.name_edit, Qt.Key.Key_Return)
    select(window, BEIJING)
    window.actions["review.flag.checked"].trigger()
    select(window, KAZAN)
    window.actions["review.flag.needs_work"].trigger()
    assert Settings().reviewer_name() == "Bea Reviewer"
    store = window.review.session.store
    assert store is not None and store.flag("Bea Reviewer", KAZAN) == "needs_work"
    assert store.flag("Bea Reviewer", BEIJING) == "checked"


def test_list_filters_by_flag(window: MainWindow) -> None:
    session = window.review.session
    session.set_flag(BEIJING, "checked")
    session.set_flag(KAZAN, "needs_work")
    listing = window.event_list
    listing.show_review_flag(FLAG_CODE["unreviewed"])
    assert listing.model.rowCount() == 13
    assert "13 of 63" in listing.count_label.text()
    listing.show_review_flag(FLAG_CODE["checked"])
    assert listing.model.rowCount() == 1
    scene = window.timeline_view.scene()
    assert scene is not None and len(scene.shapes) == 1
    # Flagging from the dock updates the filtered list at once.
    listing.show_review_flag(FLAG_CODE["unreviewed"])
    select(window, ASTANA)
    window.actions["review.flag.checked"].trigger()
    assert listing.model.rowCount() == 12
    window.actions["review.only_unreviewed"].trigger()
    assert listing.model.rowCount() == 15
    window.actions["review.only_unreviewed"].trigger()
    assert listing.model.rowCount() == 12


def test_next_unreviewed_walks_in_time_and_progress_counts(window: MainWindow) -> None:
    index = window.state.index
    assert index is not None
    in_time = [index.event(int(p)).id for p in window.state.shown_positions()]
    session = window.review.session
    for event_id in in_time[:2]:
        session.set_flag(event_id, "checked")
    assert window.review.progress_label.text() == "2 of 63 reviewed"
    window.actions["review.next_unreviewed"].trigger()
    assert selected_id(window) == in_time[2]
    window.actions["review.flag.checked"].trigger()
    window.actions["review.next_unreviewed"].trigger()
    assert selected_id(window) == in_time[3]
    assert window.review.progress_label.text() == "3 of 63 reviewed"
    for event_id in in_time:
        session.set_flag(event_id, "checked")
    window.actions["review.next_unreviewed"].trigger()
    # The opening view shows May–October 2024; the rest of the record is still to do.
    assert window.statusBar().currentMessage() == \
        "54 unreviewed events are hidden by the filter or the knowledge date"
    for event in index.timeline.events:
        session.set_flag(event.id, "checked")
    window.actions["review.next_unreviewed"].trigger()
    assert window.statusBar().currentMessage() == "Every event is reviewed"
    assert window.review.progress_label.text() == "63 of 63 reviewed"


@pytest.mark.parametrize("on_worker", [False, True], ids=["inline", "worker"])
def test_counts_are_of_the_events_known_on_the_knowledge_date(
        window: MainWindow, qtbot: QtBot, on_worker: bool) -> None:
    """Opened as known on 3 Jul 2024, the six events first reported in 2025 are
    neither shown nor counted: "15 of 63 events", "0 of 63 reviewed".  A flag on one
    of them counts once the knowledge date reaches it."""
    if on_worker:
        window.state.inline_limit = 0
    index = window.state.index
    assert index is not None
    later = [e.id for e in index.timeline.events if e.when.startswith("2025")]
    assert len(later) == 6
    assert window.event_list.count_label.text() == "15 of 63 events"
    assert window.review.progress_label.text() == "0 of 63 reviewed"
    window.review.session.set_flag(later[0], "checked")
    window.review.session.set_flag(BEIJING, "checked")
    assert window.review.progress_label.text() == "1 of 63 reviewed"
    window.state.set_knowledge_day(None)
    qtbot.waitUntil(lambda: not window.state.busy and window.state.knowledge_day is None)
    assert window.review.progress_label.text() == "2 of 69 reviewed"
    assert window.event_list.count_label.text().endswith(" of 69 events")


def test_compare_shows_both_reviewers_and_highlights_disagreement(
        window: MainWindow, tmp_path: Path) -> None:
    index = window.state.index
    assert index is not None
    other = ReviewStore(tmp_path / "bob.review.json", index.timeline)
    other.set_flag("Bob", BEIJING, "disputed")
    other.set_flag("Bob", ASTANA, "checked")
    other.flush()
    session = window.review.session
    session.set_flag(BEIJING, "checked")
    session.set_flag(ASTANA, "checked")
    dialog = window.review.compare_with(other.path)
    assert dialog is not None
    try:
        assert dialog.disagreeing_ids() == [BEIJING]
        row = [r.event_id for r in dialog.rows].index(BEIJING)
        cells = [dialog.table.item(row, c).text() for c in range(4)]
        assert cells[2:] == ["Checked", "Disputed"]
        assert re.search(r"16 May 2024", cells[1])
        assert dialog.table.item(row, 0).font().bold()
        assert "1</b> of 69 events disagree" in dialog.summary.text()
        dialog.sigEventActivated.emit(BEIJING)
        assert selected_id(window) == BEIJING
    finally:
        dialog.close()


def test_failed_save_keeps_the_note_and_retries(window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    session = window.review.session
    store = session.store
    assert store is not None
    session.set_note(KAZAN, "Kazan date still to confirm")

    def refuse() -> list[object]:
        raise PermissionError(13, "Permission denied", str(store.path))

    monkeypatch.setattr(store, "flush", refuse)
    assert not session.flush()
    assert "Permission denied" in window.statusBar().currentMessage()
    assert window.review.progress_label.text().endswith("unsaved")
    assert session.dirty
    monkeypatch.undo()
    assert session.flush()
    assert not session.dirty
    doc = _on_disk(store.path)
    assert doc is not None and doc.reviewers[REVIEWER].events[KAZAN].note.startswith("Kazan")


def test_broken_sidecar_is_kept_aside_and_reported(open_window: OpenWindow,
                                                   timeline_file: Path) -> None:
    sidecar = _sidecar(timeline_file)
    sidecar.write_text('{"format": "summit-timeline-review/1", "reviewers": {', "utf-8")
    win = open_window(timeline_file)
    assert win.info_bar.isVisible()
    assert "kept as putin-xi.review.json.broken-" in win.info_bar.text()
    assert list(sidecar.parent.glob("putin-xi.review.json.broken-*"))


def test_export_review_report(window: MainWindow, tmp_path: Path) -> None:
    session = window.review.session
    session.set_flag(KAZAN, "needs_work")
    session.set_note(KAZAN, "Only planned as of July.")
    target = tmp_path / "report.md"
    assert window.review.export_report(target)
    text = target.read_text("utf-8")
    assert "Only planned as of July." in text and "Needs work" in text


def test_review_commands_are_in_menus_and_shortcut_list(window: MainWindow) -> None:
    keys = {a.objectName(): a.shortcut().toString() for a in window.actions.values()}
    assert keys["review.next_unreviewed"] == "Ctrl+U"
    assert [keys[f"review.flag.{f}"] for f in review.FLAGS] == [f"Ctrl+{n}" for n in range(1, 5)]
    assert keys["review.edit_note"] == "Ctrl+Shift+N"
    file_menu = window.menus["&File"].actions()
    assert window.actions["review.compare"] in file_menu
    assert window.actions["review.export_report"] in file_menu
    assert [c for c in review.FLAG_CODE.values()] == [
        review_badges.UNREVIEWED, review_badges.CHECKED, review_badges.NEEDS_WORK,
        review_badges.DISPUTED]


def test_at_start_up_the_sidecar_opens_once_the_first_frame_is_painted(
        qtbot: QtBot, timeline_file: Path) -> None:
    """``run_gui`` holds the sidecar back until the timeline has been painted; the
    flags then arrive in the views a moment later, and later files open at once."""
    from summit_timeline.qt.gui import make_application

    app = make_application()
    Settings().set_reviewer_name("Start-up reviewer")
    win = MainWindow()
    qtbot.addWidget(win)
    order: list[str] = []

    class PaintWatch(QObject):
        """Notes the first paint of the window once the timeline is in the state."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) \
                    and watched.window() is win and win.state.index is not None \
                    and "painted" not in order:
                order.append("painted")
            return False

    watch = PaintWatch()
    app.installEventFilter(watch)
    win.review.session.sigStoreChanged.connect(lambda: order.append("sidecar"))
    try:
        win.review.open_after_first_frame(app, latest_ms=60_000)
        win.resize(1600, 900)
        win.show()
        with qtbot.waitSignal(win.state.sigTimelineChanged, timeout=10_000):
            win.files.open(timeline_file)
        qtbot.waitUntil(lambda: win.review.session.store is not None, timeout=5_000)
        assert order[:2] == ["painted", "sidecar"], "the first frame comes first"
        assert win.review.session.timeline_file == win.state.file
        assert len(win.state.review_flags) == len(win.state.index or [])
        assert win.review.progress_label.text().endswith("reviewed")
    finally:
        app.removeEventFilter(watch)
        win.close()
        win.files.loader.shutdown()
