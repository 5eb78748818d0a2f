"""The event list's columns: short ones as wide as what they hold, the title the rest."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from summit_timeline.qt.gui import make_application
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.models.event_table_model import DATE, PLACE, REVIEW, STATUS, TITLE, TRACK
from summit_timeline.qt.widgets import column_fit
from summit_timeline.resources import default_dataset


@pytest.fixture
def open_at(qtbot: QtBot) -> Iterator[object]:
    opened: list[MainWindow] = []

    def open_window(width: int, height: int) -> MainWindow:
        make_application()
        win = MainWindow()
        qtbot.addWidget(win)
        win.resize(width, height)
        win.show()
        with qtbot.waitSignal(win.state.sigTimelineChanged, timeout=10_000):
            win.files.open(default_dataset())
        qtbot.waitExposed(win)
        opened.append(win)
        return win

    yield open_window
    for win in opened:
        win.close()
        win.files.loader.shutdown()


def _needs(table: QTableView, row: int, column: int) -> int:
    """The width Qt's own delegate asks for to draw the cell uncut (text, icon, margins)."""
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.font = table.font()
    index = table.model().index(row, column)
    return table.itemDelegate().sizeHint(option, index).width()


def _cut(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [str(model.index(row, column).data()) for row in range(model.rowCount())
            if _needs(table, row, column) > table.columnWidth(column)]


def test_at_2560_every_short_column_holds_its_cells_whole_and_the_title_the_rest(
        open_at, qtbot: QtBot) -> None:
    window = open_at(2560, 1440)
    table = window.event_list.table
    for column in (DATE, PLACE, STATUS, TRACK, REVIEW):
        assert _cut(table, column) == [], column
    # Not wider than the widest cell needs: the title gets what is left.
    for column in (PLACE, TRACK):
        widest = max(_needs(table, row, column) for row in range(table.model().rowCount()))
        assert table.columnWidth(column) <= widest + 16
    total = sum(table.columnWidth(c) for c in range(table.model().columnCount()))
    assert abs(total - table.viewport().width()) <= 2
    assert table.columnWidth(TITLE) > table.viewport().width() * 0.5
    assert _cut(table, TITLE) == []


def test_at_1280_place_and_track_read_whole_and_the_title_keeps_a_quarter(
        open_at, qtbot: QtBot) -> None:
    """The tester's 1280×720 window read "Astana, Kaza…" and "With other le…"."""
    window = open_at(1280, 720)
    table = window.event_list.table
    for column in (DATE, STATUS, REVIEW):
        assert _cut(table, column) == []
    place_cut, track_cut = _cut(table, PLACE), _cut(table, TRACK)
    assert "Astana, Kazakhstan" not in place_cut and "Beijing, China" not in place_cut
    assert track_cut == [], "With other leaders"
    assert table.columnWidth(TITLE) >= table.viewport().width() * column_fit.TITLE_SHARE - 2
    # Every meeting since 2013: longer dates and places; Place gives way before Track.
    window.named_views.actions["view.named.since-2013"].trigger()
    qtbot.waitUntil(lambda: table.model().rowCount() == 69)
    assert _cut(table, TRACK) == [] and _cut(table, DATE) == []
    assert table.columnWidth(TITLE) >= table.viewport().width() * column_fit.TITLE_SHARE - 2


def test_a_column_the_user_widened_keeps_its_width(open_at, qtbot: QtBot) -> None:
    window = open_at(1600, 900)
    table = window.event_list.table
    header = table.horizontalHeader()
    before = table.columnWidth(TRACK)
    header.resizeSection(PLACE, 260)  # as a drag on the header's edge does
    assert window.state.knowledge_day is not None
    window.state.set_knowledge_day(None)  # widths are measured again
    qtbot.waitUntil(lambda: window.state.knowledge_day is None and not window.state.busy)
    assert table.columnWidth(PLACE) == 260
    assert table.columnWidth(TRACK) == before
    window.resize(1300, 900)
    qtbot.waitUntil(lambda: table.viewport().width() < 800)
    assert table.columnWidth(PLACE) == 260


def test_widths_come_from_a_sample_of_rows_not_every_row(open_at, qtbot: QtBot,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A million-row list must not be read whole: count the cells asked for."""
    window = open_at(1600, 900)
    model = window.event_list.table.model()
    asked: list[int] = []
    real = type(model)._cell

    def counting(self, position, column):  # type: ignore[no-untyped-def]
        asked.append(position)
        return real(self, position, column)

    monkeypatch.setattr(type(model), "_cell", counting)
    monkeypatch.setattr(column_fit, "SAMPLE_ROWS", 5)
    window.event_list.columns.fit()
    assert model.rowCount() == 15 and 0 < len(set(asked)) <= 5
    ends = {model.position_at(0), model.position_at(model.rowCount() - 1)}
    assert ends <= set(asked), "spread over the whole list"
