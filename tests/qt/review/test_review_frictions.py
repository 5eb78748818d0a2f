"""Small frictions of a long review, met in the window: notes filter, reviewer name,
orphaned notes, read-only files, what changed between two dates, the report's date."""

from __future__ import annotations

from pathlib import Path

import msgspec
import numpy as np
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from review_support import ASTANA, BEIJING, KAZAN, REVIEWER, OpenWindow, select, selected_id

from summit_timeline.core import review
from summit_timeline.core.day_numbers import day_number
from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.review_store import ReviewStore
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.settings import Settings

JULY = day_number(2024, 7, 3)
OCTOBER = day_number(2024, 10, 23)


def _shown_ids(window: MainWindow) -> list[str]:
    model, index = window.event_list.model, window.state.index
    assert index is not None
    return [index.event(model.position_at(r)).id for r in range(model.rowCount())]


def _write_note(window: MainWindow, qtbot: QtBot, event_id: str, text: str) -> None:
    select(window, event_id)
    qtbot.keyClicks(window.review.pane.note_edit, text)


# ------------------------------------------------------------ "has a note" filter

def test_the_list_filters_to_events_with_a_note(window: MainWindow, qtbot: QtBot) -> None:
    _write_note(window, qtbot, ASTANA, "Check the date")
    _write_note(window, qtbot, KAZAN, "Venue?")
    select(window, BEIJING)
    qtbot.mouseClick(window.review.pane.flag_buttons["checked"], Qt.MouseButton.LeftButton)
    box = window.event_list.noted_box
    box.click()
    assert sorted(_shown_ids(window)) == sorted([ASTANA, KAZAN])
    assert window.event_list.count_label.text().startswith("2 of ")
    snap = window.state.snapshot
    assert snap is not None and len(snap.draw.position) == 2, "the timeline follows the filter"
    # A note written while the filter is on (on an event picked elsewhere) shows at once.
    _write_note(window, qtbot, BEIJING, "TASS matches")
    assert sorted(_shown_ids(window)) == sorted([ASTANA, BEIJING, KAZAN])
    window.clear_search()
    assert not box.isChecked()


# ------------------------------------------------------------ reviewer name

def test_review_menu_edits_the_reviewer_name_trimmed(window: MainWindow,
                                                     qtbot: QtBot) -> None:
    pane = window.review.pane
    qtbot.waitUntil(lambda: pane.isVisible() or window.review_dock.isVisible())
    window.actions["review.reviewer_name"].trigger()
    field = pane.name_edit
    qtbot.waitUntil(field.hasFocus)
    assert field.text() == REVIEWER and field.selectedText() == REVIEWER, \
        "the field starts from the current name, selected to type over"
    qtbot.keyClicks(field, "   Bea    Reviewer  ")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert Settings().reviewer_name() == "Bea Reviewer"
    assert field.text() == "Bea Reviewer"
    assert "Reviewer: Bea Reviewer" in pane.status.text()
    field.selectAll()
    qtbot.keyClicks(field, "   ")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert Settings().reviewer_name() == "Bea Reviewer", "an empty name is refused"
    assert field.text() == "Bea Reviewer"


# ------------------------------------------------------------ orphaned notes

def test_orphaned_notes_are_reattached_from_a_list(open_window: OpenWindow, timeline_file: Path,
                                                   qtbot: QtBot) -> None:
    """Notes written while the Kazan meeting had another id, before the file renamed it."""
    current = load_any(timeline_file).timeline
    earlier = msgspec.structs.replace(current, events=tuple(
        msgspec.structs.replace(e, id="kazan-meeting-old-id") if e.id == KAZAN else e
        for e in current.events))
    store, _ = ReviewStore.open(timeline_file, earlier)
    store.set_flag(REVIEWER, "kazan-meeting-old-id", "needs_work")
    store.set_note(REVIEWER, "kazan-meeting-old-id", "Ask about the venue")
    store.flush()
    window = open_window(timeline_file)
    pane = window.review.pane
    qtbot.waitUntil(lambda: pane.orphan_list.count() == 1)
    assert pane.orphans_box.isVisible() and not pane.reattach_button.isEnabled()
    pane.orphan_list.setCurrentRow(0)
    qtbot.mouseClick(pane.reattach_button, Qt.MouseButton.LeftButton)
    chooser = window.review.last_chooser
    assert chooser is not None
    assert chooser.chosen() == KAZAN, "the event with the closest title is offered first"
    qtbot.mouseClick(chooser.buttons.button(chooser.buttons.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert selected_id(window) == KAZAN
    assert pane.note_edit.toPlainText() == "Ask about the venue"
    assert pane.flag_buttons["needs_work"].isChecked()
    assert pane.orphan_list.count() == 0 and not pane.orphans_box.isVisible()
    assert window.review.session.flush()
    saved = review.decode(store.path.read_bytes())
    assert review.orphans(saved, window.state.index.timeline) == []


# ------------------------------------------------------------ read-only review files

def test_a_review_file_from_a_newer_version_says_so_and_takes_no_typing(
        open_window: OpenWindow, timeline_file: Path, qtbot: QtBot) -> None:
    sidecar = timeline_file.with_name("putin-xi.review.json")
    content = b'{"format": "summit-timeline-review/2", "reviewers": {}}'
    sidecar.write_bytes(content)
    window = open_window(timeline_file)
    pane = window.review.pane
    qtbot.waitUntil(lambda: window.review.session.read_only)
    select(window, ASTANA)
    assert pane.read_only_banner.isVisible()
    assert "newer version" in pane.read_only_banner.text()
    assert "cannot be changed" in pane.read_only_banner.text()
    assert not pane.note_edit.isEnabled() and not pane.flag_buttons["checked"].isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.actions["review.flag.checked"].trigger()
    assert window.state.review_flags.sum() == 0
    assert "newer version" in window.statusBar().currentMessage()
    assert window.review.session.flush()
    assert sidecar.read_bytes() == content, "the newer file is never written"


# ------------------------------------------------------------ what changed

def test_what_changed_lists_by_event_selects_and_marks(window: MainWindow, qtbot: QtBot) -> None:
    select(window, KAZAN)
    qtbot.mouseClick(window.review.pane.flag_buttons["checked"], Qt.MouseButton.LeftButton)
    window.actions["review.what_changed"].trigger()
    dialog = window.review.changes_window
    assert dialog is not None
    assert dialog.from_field.date() == QDate(2024, 7, 3), "starts from the knowledge date"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.to_field.setFocus()
    dialog.to_field.selectAll()
    qtbot.keyClicks(dialog.to_field, "23 Oct 2024")
    qtbot.keyClick(dialog.to_field, Qt.Key.Key_Return)
    assert dialog.isVisible(), "Enter in a date field reads the date, it does not close"
    assert dialog.to_field.date() == QDate(2024, 10, 23)
    tops = {dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i)
            for i in range(dialog.tree.topLevelItemCount())}
    kazan = next(item for text, item in tops.items() if "Putin–Xi meeting in Kazan" in text)
    lines = [kazan.child(i).text(0) for i in range(kazan.childCount())]
    assert "status: planned → held" in lines
    assert any(line.startswith("date: October 2024") and "22 Oct 2024" in line
               for line in lines)
    assert any(line.startswith("place:") and "Kazan Kremlin" in line for line in lines)
    assert "check again" in kazan.text(0), "it was marked checked before it changed"
    assert not any("Putin–Xi talks in Beijing" in text for text in tops)
    # Choosing a change selects its event; the changed events are ringed on the timeline.
    select(window, BEIJING)
    dialog.tree.setCurrentItem(kazan.child(0))
    assert selected_id(window) == KAZAN
    index = window.state.index
    assert index is not None
    assert sorted(index.event(int(p)).id for p in window.state.changed_marks) == sorted(
        dialog.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
        for i in range(dialog.tree.topLevelItemCount()))
    window.timeline_view.fit_all()
    window.timeline_view.plot_widget.viewport().grab()
    scene = window.timeline_view.scene()
    assert scene is not None and len(scene.marked) >= 1, "changed events are ringed"
    dialog.close()
    qtbot.waitUntil(lambda: window.review.changes_window is None)
    assert len(window.state.changed_marks) == 0, "closed, the rings go"
    window.timeline_view.plot_widget.viewport().grab()
    scene = window.timeline_view.scene()
    assert scene is not None and scene.marked == ()


def test_what_changed_saves_a_report(window: MainWindow, tmp_path: Path) -> None:
    dialog = window.review.what_changed()
    assert dialog is not None
    dialog.set_days(JULY, OCTOBER)
    target = tmp_path / "changes.md"
    dialog.sigSaveWanted.emit(str(target))
    text = target.read_text("utf-8")
    assert "## 22 Oct 2024: Putin–Xi meeting in Kazan" in text
    assert "- **Status:** planned → held" in text
    assert "…" not in text, "a file never cuts a text"
    dialog.close()


def test_what_changed_shows_a_long_change_whole(window: MainWindow) -> None:
    from summit_timeline.qt.widgets.changes_dialog import FULL_TEXT_ROLE

    dialog = window.review.what_changed()
    assert dialog is not None
    dialog.set_days(JULY, OCTOBER)
    rows = [dialog.tree.topLevelItem(i).child(k)
            for i in range(dialog.tree.topLevelItemCount())
            for k in range(dialog.tree.topLevelItem(i).childCount())]
    summary = next(row for row in rows if row.text(0).startswith("summary:"))
    whole = str(summary.data(0, FULL_TEXT_ROLE))
    assert summary.text(0).endswith("…") and len(whole) > len(summary.text(0))
    assert whole.split("→")[-1].strip() in summary.toolTip(0).replace("&#x27;", "'"), \
        "the tooltip holds it whole"
    dialog.tree.setCurrentItem(summary)
    assert dialog.detail.text() == whole, "choosing it shows it whole under the list"
    dialog.close()


# ------------------------------------------------------------ review report

def test_exported_report_names_the_knowledge_date_and_leads_with_disputes(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    select(window, BEIJING)
    qtbot.mouseClick(window.review.pane.flag_buttons["checked"], Qt.MouseButton.LeftButton)
    select(window, KAZAN)
    qtbot.mouseClick(window.review.pane.flag_buttons["disputed"], Qt.MouseButton.LeftButton)
    window.state.set_knowledge_day(OCTOBER)
    target = tmp_path / "report.md"
    assert window.review.export_report(target)
    text = target.read_text("utf-8")
    assert "Reviewed against the timeline as known on 23 Oct 2024" in text
    assert text.index("## Disputed (1)") < text.index("## Everything else")
    assert "### 22 Oct 2024: Putin–Xi meeting in Kazan" in text
    assert np.count_nonzero(window.state.review_flags) == 2


def test_what_changed_on_a_big_file_runs_beside_the_window(window: MainWindow,
                                                           qtbot: QtBot) -> None:
    """Twenty thousand events, ten years apart: compared on a worker, listed in part."""
    from summit_timeline.commands.synthetic import synthetic_timeline
    from summit_timeline.core.index import EventIndex
    from summit_timeline.qt.widgets.changes_dialog import LIST_LIMIT

    window.state.set_timeline(EventIndex.build(synthetic_timeline(20_000)), None)
    dialog = window.review.what_changed()
    assert dialog is not None
    dialog.set_days(day_number(2010, 1, 1), day_number(2020, 1, 1))
    assert dialog.busy() and dialog.summary.text().startswith("Comparing 20,000 events")
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=30_000)
    assert dialog.changes is not None and len(dialog.changes.events) > LIST_LIMIT
    last = dialog.tree.topLevelItem(dialog.tree.topLevelItemCount() - 1)
    assert last.text(0).endswith("more changed events: Save… writes them all")
    assert dialog.tree.topLevelItemCount() == LIST_LIMIT + 1
    assert len(window.state.changed_marks) == len(dialog.changes.events)
    dialog.set_days(day_number(2010, 1, 1), day_number(2010, 1, 1))
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=30_000)
    assert len(window.state.changed_marks) == 0
    assert dialog.summary.text().startswith("Nothing that was known changed")
    dialog.close()
