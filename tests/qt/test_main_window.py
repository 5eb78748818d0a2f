"""The window as a user drives it: list, timeline, detail pane, keyboard, files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from summit_timeline.core import dates
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.models.event_table_model import STATUS, TITLE

KAZAN = "putin-xi-2024-10-22-kazan"
MEETINGS = ["putin-xi-2024-05-16-beijing", "putin-xi-2024-07-03-astana", KAZAN]


def _row_of(window: MainWindow, event_id: str) -> int:
    index = window.state.index
    assert index is not None
    position = index.position_of(event_id)
    assert position is not None
    row = window.event_list.model.row_of(position)
    assert row is not None
    return row


def _selected_id(window: MainWindow) -> str:
    index = window.state.index
    assert index is not None and window.state.selection >= 0
    return index.event(window.state.selection).id


def test_opens_bundled_timeline_as_of_its_date(window: MainWindow) -> None:
    assert "Putin–Xi" in window.windowTitle()
    assert window.state.knowledge_day == dates.day_number(2024, 7, 3)
    assert window.knowledge_bar.date_edit.date().toString("yyyy-MM-dd") == "2024-07-03"
    assert window.event_list.model.rowCount() == 15


def test_the_title_bar_names_only_the_years_known_on_the_date_shown(
        qtbot: QtBot, window: MainWindow) -> None:
    assert window.windowTitle().startswith("Putin–Xi meetings, 2013–2024 — ")
    window.state.set_knowledge_day(None)
    qtbot.waitUntil(lambda: window.windowTitle().startswith("Putin–Xi meetings, 2013–2025"))


def test_selecting_in_list_selects_on_timeline_and_fills_details(window: MainWindow) -> None:
    table = window.event_list.table
    row = _row_of(window, "putin-xi-2024-05-16-beijing")
    table.selectRow(row)
    assert _selected_id(window) == "putin-xi-2024-05-16-beijing"
    scene = window.timeline_view.scene()
    assert scene is not None and scene.selection is not None, "the timeline rings it"
    text = window.detail_pane.plain_text()
    assert "Putin–Xi talks in Beijing" in text
    assert "16 May 2024" in text
    assert "习近平" in text and "Владимир Путин" in text
    assert "HELD" in text


def test_keyboard_walk_visits_the_three_meetings_in_order(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    box = window.event_list.track_box
    box.setCurrentIndex(box.findText("Putin–Xi"))
    assert window.event_list.model.rowCount() == 3
    window.timeline_view.plot_widget.setFocus()
    visited = []
    for key in (Qt.Key.Key_Right, Qt.Key.Key_N, Qt.Key.Key_Right):
        qtbot.keyClick(window.timeline_view.plot_widget, key)
        visited.append(_selected_id(window))
    assert visited == MEETINGS
    qtbot.keyClick(window.timeline_view.plot_widget, Qt.Key.Key_P)
    assert _selected_id(window) == MEETINGS[1]


def test_search_narrows_the_list(window: MainWindow, qtbot: QtBot) -> None:
    listing = window.event_list
    qtbot.keyClicks(listing.search, "Kazan")
    qtbot.waitUntil(lambda: listing.model.rowCount() < 15)
    titles = {listing.model.index(r, TITLE).data() for r in range(listing.model.rowCount())}
    assert titles == {"Putin–Xi meeting in Kazan", "BRICS summit in Kazan"}
    assert "2 of 63" in listing.count_label.text()
    qtbot.keyClick(listing.search, Qt.Key.Key_Escape)
    assert listing.model.rowCount() == 15


def test_knowledge_date_turns_kazan_from_planned_to_held(window: MainWindow) -> None:
    index = window.state.index
    assert index is not None
    window.state.select(index.position_of(KAZAN) or 0)
    model = window.event_list.model
    assert model.index(_row_of(window, KAZAN), STATUS).data() == "planned"
    planned = window.detail_pane.plain_text()
    assert "PLANNED" in planned and "October 2024" in planned
    assert "Kazan Kremlin" not in planned, "the venue was only reported on 22 October"
    assert "3 later reports" in planned
    # The summary is the one reported on 3 July, not the one written after the meeting.
    assert "scheduled to meet in person again in October" in planned
    assert "third meeting of the year" not in planned
    window.knowledge_bar.date_edit.setDate(QDate(2024, 10, 23))
    assert window.state.knowledge_day == dates.day_number(2024, 10, 23)
    assert model.index(_row_of(window, KAZAN), STATUS).data() == "held"
    text = window.detail_pane.plain_text()
    assert "HELD" in text and "22 Oct 2024" in text
    assert "as of 23 Oct 2024" in text
    assert "Kazan Kremlin" in text
    window.knowledge_bar.date_edit.setDate(QDate(2024, 10, 25))
    told = window.detail_pane.plain_text()
    assert "third meeting of the year" in told
    # The July stage stays in the history, told as it was then.
    assert "scheduled to meet in person again in October" in told


def test_corrupt_file_keeps_previous_timeline_and_says_where(window: MainWindow, qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    bad = tmp_path / "broken.timeline.json"
    bad.write_text('{\n  "format": "summit-timeline/1",\n  "title": "x",\n  "events": [\n'
                   '    {"id": "a", "track": "t", "title": "A", "when": "2024-13-40"}\n  ]\n}\n',
                   encoding="utf-8")
    before = window.state.index
    with qtbot.waitSignal(window.files.sigProblemShown, timeout=10_000) as shown:
        window.files.open(bad)
    dialog: QMessageBox = shown.args[0]
    try:
        details = dialog.detailedText()
        assert f"{bad}:5:" in details
        assert "line 5, column" in dialog.informativeText()
        assert window.state.index is before
        assert window.event_list.model.rowCount() == 15
    finally:
        dialog.close()


def test_shortcuts_dialog_lists_every_shortcut(window: MainWindow) -> None:
    window.show_shortcuts()
    from summit_timeline.qt.widgets.shortcuts_dialog import ShortcutsDialog

    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    listed = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    actions = [*window.actions.values(), *window.named_views.actions.values()]
    with_keys = {a.text().replace("&", "") for a in actions if a.shortcuts()}
    assert listed == with_keys
    assert "Next event" in listed and "Fit all" in listed
    assert "As reported on 3 July 2024" in listed  # a named view of the open file
    dialog.close()


def test_end_and_ctrl_home_jump_to_the_last_and_first_event(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    window.timeline_view.plot_widget.setFocus()
    qtbot.keyClick(window.timeline_view.plot_widget, Qt.Key.Key_End)
    assert _selected_id(window) in {"putin-xi-2024-10-22-kazan", "brics-summit-kazan-2024-10"}
    qtbot.keyClick(window.timeline_view.plot_widget, Qt.Key.Key_Home,
                   Qt.KeyboardModifier.ControlModifier)
    assert _selected_id(window) == "putin-xi-2024-05-16-beijing"


def test_status_bar_names_the_file_a_person_recognises(window: MainWindow, qtbot: QtBot,
                                                       tmp_path: Path) -> None:
    from summit_timeline.resources import default_dataset

    assert window.file_label.text() == "Bundled data"
    assert window.file_label.toolTip() == str(default_dataset())
    mine = tmp_path / "my meetings.timeline.json"
    mine.write_bytes(default_dataset().read_bytes())
    with qtbot.waitSignal(window.state.sigTimelineChanged, timeout=10_000):
        window.files.open(mine)
    assert window.file_label.text() == "my meetings.timeline.json"
    assert window.file_label.toolTip() == str(mine)
