"""The event table over the index: Qt's model rules, sorting and filtering."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from summit_timeline.core.event_filter import EventFilter
from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.index import EventIndex
from summit_timeline.qt.models.event_table_model import DATE, PLACE, TITLE, EventTableModel
from summit_timeline.qt.state import ViewState
from summit_timeline.resources import default_dataset


def _state() -> ViewState:
    state = ViewState()
    state.set_timeline(EventIndex.build(load_any(default_dataset()).timeline), None)
    return state


def test_model_follows_qt_rules(qtmodeltester: ModelTester) -> None:
    state = ViewState()
    model = EventTableModel(state)
    state.set_timeline(EventIndex.build(load_any(default_dataset()).timeline), None)
    qtmodeltester.check(model, force_py=True)
    state.set_filter(EventFilter(text="astana"))
    qtmodeltester.check(model, force_py=True)


def test_sorts_by_title_and_place_both_ways() -> None:
    state = _state()
    model = EventTableModel(state)
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.index(r, TITLE).data() for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    model.sort(PLACE, Qt.SortOrder.DescendingOrder)
    places = [model.index(r, PLACE).data().split(",")[0] for r in range(model.rowCount())]
    assert places == sorted(places, key=str.casefold, reverse=True)
    model.sort(DATE, Qt.SortOrder.AscendingOrder)
    assert model.index(0, DATE).data() == "16 May 2024"


def test_month_precision_date_is_shown_as_a_month_when_so_reported() -> None:
    state = _state()
    model = EventTableModel(state)
    position = state.index.position_of("brics-summit-kazan-2024-10") if state.index else None
    assert position is not None
    row = model.row_of(position)
    assert row is not None
    assert model.index(row, DATE).data() == "October 2024"
