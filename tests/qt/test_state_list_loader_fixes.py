"""Shared state on reload, the search field, the loader's shutdown and the tooltip date."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import msgspec
import pytest
from pytestqt.qtbot import QtBot

from summit_timeline.core import knowledge
from summit_timeline.core.event_filter import EventFilter
from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.index import EventIndex
from summit_timeline.core.model import Timeline
from summit_timeline.qt import file_loader
from summit_timeline.qt.file_loader import FileLoader
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.plot.timeline_view import TimelineView
from summit_timeline.qt.state import ViewState
from summit_timeline.resources import default_dataset

BRICS = "brics-summit-kazan-2024-10"


def _timeline() -> Timeline:
    return load_any(default_dataset()).timeline


@pytest.fixture
def loader(qtbot: QtBot) -> Iterator[FileLoader]:
    make_application()
    made = FileLoader()
    yield made
    made.shutdown()


# ---------------------------------------------------------------- 7. ViewState before a timeline


def test_time_order_is_empty_before_the_first_timeline() -> None:
    state = ViewState()
    assert len(state.time_order()) == 0
    assert len(state.shown_positions()) == 0


# ---------------------------------------------------------------- 4. reload keeps the filter, once


def test_reload_emits_once_with_the_kept_filter_and_selection() -> None:
    state = ViewState()
    state.set_timeline(EventIndex.build(_timeline()), "x.timeline.json")
    assert state.index is not None
    wanted = EventFilter(text="Putin", person="xi")
    state.set_filter(wanted)
    state.select(int(state.shown_positions()[0]))
    selected_id = state.index.event(state.selection).id
    seen: list[EventFilter] = []
    state.sigTimelineChanged.connect(lambda: seen.append(state.filter))
    state.reload_timeline(EventIndex.build(_timeline()))
    assert seen == [wanted], "one emission, the filter already in place"
    assert state.filter == wanted
    assert state.index.event(state.selection).id == selected_id


# ---------------------------------------------------------------- 9. a person who left the file


def test_reload_drops_a_person_filter_for_someone_no_longer_in_the_file() -> None:
    state = ViewState()
    state.set_timeline(EventIndex.build(_timeline()), "x.timeline.json")
    state.set_filter(EventFilter(text="Astana", person="peskov"))
    timeline = _timeline()
    without = msgspec.structs.replace(
        timeline, people=tuple(p for p in timeline.people if p.id != "peskov"))
    state.reload_timeline(EventIndex.build(without))
    assert state.filter == EventFilter(text="Astana")


def test_list_person_box_matches_the_filter_after_the_person_left(window: MainWindow) -> None:
    event_list = window.event_list
    at = event_list.person_box.findData("peskov")
    event_list.person_box.setCurrentIndex(at)
    assert window.state.filter.person == "peskov"
    timeline = _timeline()
    window.state.reload_timeline(EventIndex.build(msgspec.structs.replace(
        timeline, people=tuple(p for p in timeline.people if p.id != "peskov"))))
    assert event_list.person_box.currentData() is None
    assert window.state.filter.person is None


# ---------------------------------------------------------------- 4. the list's search field


def test_list_rebuild_does_not_start_the_search_debounce(window: MainWindow) -> None:
    window.state.set_filter(EventFilter(text="Beijing"))
    window.state.reload_timeline(EventIndex.build(_timeline()))
    assert not window.event_list._search_timer.isActive()
    assert window.event_list.search.text() == "Beijing"


# ---------------------------------------------------------------- 10. clear search


def test_clear_search_resets_the_text_and_every_filter(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    event_list = window.event_list
    event_list.person_box.setCurrentIndex(event_list.person_box.findData("xi"))
    qtbot.keyClicks(event_list.search, "Astana")
    event_list.clear_search()
    # Everything the widgets set is gone; the opening view (and its dates) stays.
    in_view = EventFilter(days=window.state.filter.days)
    assert in_view.days is not None and window.state.view is not None
    assert window.state.filter == in_view
    assert event_list.search.text() == ""
    assert event_list.person_box.currentData() is None
    qtbot.wait(250)  # past the search debounce: nothing re-applies an old text
    assert window.state.filter == in_view


def test_window_clear_search_is_the_lists(window: MainWindow,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[int] = []
    monkeypatch.setattr(window.event_list, "clear_search", lambda: called.append(1))
    window.actions["edit.clear_search"].trigger()
    assert called == [1]


# ---------------------------------------------------------------- 5. loader shutdown


def test_shutdown_abandons_a_worker_that_is_still_running(
        loader: FileLoader, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker stuck in one long call does not hold shutdown up, and reports nothing
    when it ends: the window it would report to may be gone."""
    entered, release = threading.Event(), threading.Event()
    real = file_loader.prepare

    def slow_prepare(*args: object, **kwargs: object) -> file_loader.LoadResult:
        entered.set()
        release.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(file_loader, "prepare", slow_prepare)
    loaded: list[object] = []
    loader.sigLoaded.connect(loaded.append)
    loader.load(default_dataset())
    assert entered.wait(10)
    running = list(loader._threads)
    loader.shutdown(timeout_ms=20)
    # Still inside its call (released only below): shutdown did not wait for it.
    assert running and all(t.is_alive() for t in running)
    assert not loader._threads and all(t.daemon for t in running)
    release.set()
    assert all(t.wait(10_000) for t in running)
    qtbot.wait(50)
    assert loaded == []


def test_shutdown_skips_the_search_warm_up(loader: FileLoader, qtbot: QtBot,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Shutdown ends the worker's pause before the warm-up: with a pause of a minute, a
    worker that slept on would outlive shutdown's five-second wait."""
    warmed: list[int] = []
    monkeypatch.setattr(file_loader, "_WARM_SEARCH_FROM", 0)
    monkeypatch.setattr(file_loader, "_WARM_SEARCH_PAUSE_S", 60.0)
    monkeypatch.setattr(EventIndex, "search_text", lambda self: warmed.append(1))
    with qtbot.waitSignal(loader.sigLoaded, timeout=10_000):
        loader.load(default_dataset())
    loader.shutdown()
    assert loader.workers() == 0
    assert warmed == []


def test_a_newer_load_skips_the_old_workers_warm_up(loader: FileLoader, qtbot: QtBot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    warmed: list[EventIndex] = []
    monkeypatch.setattr(file_loader, "_WARM_SEARCH_FROM", 0)
    monkeypatch.setattr(file_loader, "_WARM_SEARCH_PAUSE_S", 0.05)
    monkeypatch.setattr(EventIndex, "search_text", lambda self: warmed.append(self))
    with qtbot.waitSignal(loader.sigLoaded, timeout=10_000) as first:
        loader.load(default_dataset())
    loader.load(default_dataset())
    loader.cancel()
    deadline = time.monotonic() + 10
    while loader.workers() and time.monotonic() < deadline:
        qtbot.wait(10)
    assert warmed == [first.args[0].index], "only the file on screen warms up its search"


# ---------------------------------------------------------------- 8. the tooltip's date


def test_tooltip_date_is_the_date_known_on_the_knowledge_day(qtbot: QtBot) -> None:
    """Two reports whose dates start on the same day: in July only the first is known."""
    make_application()
    timeline = _timeline()
    events = []
    for event in timeline.events:
        if event.id == BRICS:
            # The report known in July now says the first day: the same start as the
            # event's own span, so only the report's text tells them apart.
            july = knowledge.known_state(event, knowledge.parse_day(timeline.as_of or ""))
            assert july is not None and july.report is not None
            event = msgspec.structs.replace(event, reports=tuple(
                msgspec.structs.replace(r, when="2024-10-22") if r is july.report else r
                for r in event.reports))
        events.append(event)
    changed = msgspec.structs.replace(timeline, events=tuple(events))
    state = ViewState()
    view = TimelineView(state)
    qtbot.addWidget(view)
    state.set_timeline(EventIndex.build(changed), None)
    assert state.index is not None and state.knowledge_day is not None
    position = state.index.position_of(BRICS)
    assert position is not None
    known = knowledge.known_state(state.index.event(position), state.knowledge_day)
    assert known is not None and known.when == "2024-10-22"
    tip = view.tooltip_text(position)
    assert "(2024-10-22)" in tip
    assert "2024-10-24" not in tip
