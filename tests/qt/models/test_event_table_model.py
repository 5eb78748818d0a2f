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


def test_each_event_is_found_on_its_row_in_date_order_both_ways() -> None:
    """In date order the list is the snapshot's walk; each shown event's row is found
    by a binary search, and a hidden one has none."""
    from summit_timeline.commands.synthetic import synthetic_timeline

    state = ViewState()
    model = EventTableModel(state)
    state.set_timeline(EventIndex.build(synthetic_timeline(3000, seed=8)), None)
    state.set_filter(EventFilter(status=0))
    hidden = int(next(p for p in range(3000) if not state.shown[p]))
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(DATE, order)
        rows = [model.position_at(r) for r in range(model.rowCount())]
        starts = [float(state.known.start[p]) for p in rows]
        assert starts == sorted(starts, reverse=order == Qt.SortOrder.DescendingOrder)
        assert all(model.row_of(p) == r for r, p in enumerate(rows))
        assert model.row_of(hidden) is None
