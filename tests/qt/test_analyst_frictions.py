"""The frictions of a long review, driven as an analyst meets them in the window."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from summit_timeline.core import dates
from summit_timeline.qt.main_window import MainWindow

KAZAN = "putin-xi-2024-10-22-kazan"
ASTANA = "putin-xi-2024-07-03-astana"
STATE_VISIT = "putin-state-visit-china-2024-05"


def _position(window: MainWindow, event_id: str) -> int:
    index = window.state.index
    assert index is not None
    position = index.position_of(event_id)
    assert position is not None
    return position


def _selected_id(window: MainWindow) -> str | None:
    index = window.state.index
    if index is None or window.state.selection < 0:
        return None
    return index.event(window.state.selection).id


def _focus(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


# ------------------------------------------------------------ the "Known on" field

def test_typing_a_whole_date_in_the_known_on_field(window: MainWindow, qtbot: QtBot) -> None:
    _focus(qtbot, window)
    field = window.knowledge_bar.date_edit
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "23 Oct 2024")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.state.knowledge_day == dates.day_number(2024, 10, 23)
    assert field.text() == "23 Oct 2024"
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert window.state.knowledge_day == dates.day_number(2024, 10, 24)


def test_the_locale_short_form_is_read_and_a_wrong_date_is_explained(window: MainWindow,
                                                                      qtbot: QtBot) -> None:
    _focus(qtbot, window)
    field = window.knowledge_bar.date_edit
    field.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "23/10/2024")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.state.knowledge_day == dates.day_number(2024, 10, 23)
    field.selectAll()
    qtbot.keyClicks(field, "31 Foo 2024")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.state.knowledge_day == dates.day_number(2024, 10, 23), "nothing changed"
    assert "23 Oct 2024" in field.error and "2024-10-23 (year-month-day)" in field.error
    assert field.error in window.statusBar().currentMessage()
    assert field.text() == "31 Foo 2024", "the typing is kept to be corrected"
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "23 Oct 2024" and not field.error


# ------------------------------------------------------------ search

def test_enter_in_search_goes_to_the_first_match_and_arrows_walk(window: MainWindow,
                                                                  qtbot: QtBot) -> None:
    _focus(qtbot, window)
    window.state.select(_position(window, ASTANA))
    window.actions["edit.find"].trigger()
    search = window.event_list.search
    qtbot.keyClicks(search, "Kazan")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    model = window.event_list.model
    matches = [window.state.index.event(model.position_at(r)).id
               for r in range(model.rowCount())]
    assert len(matches) >= 2 and ASTANA not in matches
    assert _selected_id(window) == matches[0]
    assert "Kazan" in window.detail_pane.plain_text()
    assert search.hasFocus(), "Enter stays in the search field to walk on"
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert _selected_id(window) == matches[1]
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert _selected_id(window) == matches[1], "Enter again keeps the match walked to"
    qtbot.keyClick(search, Qt.Key.Key_Up)
    qtbot.keyClick(search, Qt.Key.Key_Up)
    assert _selected_id(window) == matches[0], "the walk stops at the first match"


# ------------------------------------------------------------ zoom

def test_zoom_keys_keep_the_selected_event_in_view(window: MainWindow, qtbot: QtBot) -> None:
    _focus(qtbot, window)
    view = window.timeline_view
    view.fit_all()
    window.state.select(_position(window, STATE_VISIT))
    view.plot_widget.setFocus()
    before = view.visible_range()
    for _ in range(3):
        qtbot.keyClick(view.plot_widget, Qt.Key.Key_Plus)
    x0, x1 = view.visible_range()
    assert x1 - x0 < (before[1] - before[0]) / 4, "three presses zoomed in"
    start = dates.day_number(2024, 5, 16)
    assert x0 <= start and start + 2 <= x1, "the state visit is still on screen"
    window.state.select(-1)
    mid = (x0 + x1) / 2
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_Minus)
    y0, y1 = view.visible_range()
    assert abs((y0 + y1) / 2 - mid) < 1e-6, "with nothing selected, zoom keeps the middle"


# ------------------------------------------------------------ themes

def _switch_theme(qtbot: QtBot, window: MainWindow, name: str) -> QPalette:
    """Qt hands the new palette to each widget through the event loop."""
    window.set_theme(name)
    palette = QApplication.palette()
    qtbot.waitUntil(lambda: window.detail_pane.palette().color(QPalette.ColorRole.Window)
                    == palette.color(QPalette.ColorRole.Window))
    return palette


def test_a_theme_switch_restyles_the_empty_details_hint_and_the_message_strip(
        window: MainWindow, qtbot: QtBot) -> None:
    _switch_theme(qtbot, window, "light")
    window.state.select(-1)
    window.review.info_bar.show_message("Reloaded", "info")
    dark = _switch_theme(qtbot, window, "dark")
    hint = dark.color(QPalette.ColorRole.PlaceholderText).name()
    assert f"color:{hint}" in window.detail_pane.html().replace(" ", "")
    strip = window.review.info_bar.grab().toImage()
    assert strip.pixelColor(6, 2).name() == dark.color(QPalette.ColorRole.Window).name()
    assert strip.pixelColor(2, strip.height() // 2).name() == "#2f6fb2", "the tone's edge"
    light = _switch_theme(qtbot, window, "light").color(QPalette.ColorRole.PlaceholderText)
    assert light.name() != hint
    assert f"color:{light.name()}" in window.detail_pane.html().replace(" ", "")


def test_the_windows_as_of_option_explains_a_date_it_cannot_read() -> None:
    from summit_timeline.qt.gui import _knowledge_day

    day, problem = _knowledge_day("23/10/2024")
    assert day is None and problem is not None
    assert "2024-10-23 (year-month-day)" in problem and "Did you mean 2024-10-23?" in problem
    assert _knowledge_day("23 Oct 2024") == (dates.day_number(2024, 10, 23), None)
