"""Snapshots worked out off the GUI thread: the newest request wins, nothing stale lands.

The state hands a change to the worker when the timeline is big; here a small
synthetic file is made "big" by lowering ``inline_limit`` to zero, so every
change takes the worker's path while the test stays quick.  Slow derivations
are made slow on purpose (they wait for the test's go-ahead), so the order in
which results arrive is the test's to choose, not the machine's.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from summit_timeline.commands.synthetic import synthetic_timeline
from summit_timeline.core.cancel import checkpoint, stop_when
from summit_timeline.core.event_filter import EventFilter
from summit_timeline.core.index import EventIndex
from summit_timeline.core.known_search import search_as_of
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.state import ViewState
from summit_timeline.qt.widgets.knowledge_bar import KnowledgeBar
from summit_timeline.scene.snapshot import Snapshot

PLANNED, HELD = 1, 0


@pytest.fixture(scope="module")
def index() -> EventIndex:
    return EventIndex.build(synthetic_timeline(3000, seed=7, reported=0.3))


@pytest.fixture
def state(index: EventIndex, qtbot: QtBot) -> Iterator[ViewState]:
    make_application()
    made = ViewState()
    made.inline_limit = 0
    made.set_timeline(index, None)
    yield made
    made.shutdown()


def _no_worker_left(qtbot: QtBot) -> None:
    """Wait until no derivation thread runs, then let its queued report arrive."""
    qtbot.waitUntil(lambda: not any(t.name.startswith("snapshot-")
                                    for t in threading.enumerate()), timeout=10_000)
    qtbot.wait(50)


class _Held:
    """Derivations that wait for the test's go-ahead, then finish even if stopped."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, stoppable: bool = False) -> None:
        self.go = threading.Event()
        self.started: list[EventFilter] = []
        derive = Snapshot.derive

        def held(snap: Snapshot, *args: Any, **kwargs: Any) -> Snapshot:
            self.started.append(args[1])
            while not self.go.wait(0.01):
                if stoppable:
                    checkpoint()
            if stoppable:
                return derive(snap, *args, **kwargs)
            with stop_when(threading.Event()):  # deliver, however stale
                return derive(snap, *args, **kwargs)

        monkeypatch.setattr(Snapshot, "derive", held)


def _recorder(state: ViewState) -> list[EventFilter]:
    shown: list[EventFilter] = []
    state.sigShownChanged.connect(lambda: shown.append(state.snapshot.filter
                                                       if state.snapshot else EventFilter()))
    return shown


def test_a_drag_over_a_hundred_days_lands_once_on_the_last_day(
        state: ViewState, index: EventIndex, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    bar = KnowledgeBar(state)
    qtbot.addWidget(bar)
    state.set_timeline(index, None)  # the bar takes its range from the timeline shown
    derived: list[int | None] = []
    derive = Snapshot.derive

    def counted(snap: Snapshot, *args: Any, **kwargs: Any) -> Snapshot:
        derived.append(args[0])
        return derive(snap, *args, **kwargs)

    monkeypatch.setattr(Snapshot, "derive", counted)
    days: list[int | None] = []
    state.sigKnowledgeChanged.connect(lambda: days.append(
        state.snapshot.knowledge_day if state.snapshot else None))
    first = state.knowledge_day
    assert first is not None
    for day in range(first + 1, first + 101):  # mouse moves, faster than any derivation
        bar.slider.setValue(day)
    assert state.busy and state.knowledge_day == first + 100
    assert state.snapshot is not None and state.snapshot.knowledge_day == first, \
        "the views keep the last snapshot meanwhile"
    qtbot.waitUntil(lambda: not state.busy, timeout=10_000)
    assert days == [first + 100], "one snapshot applied: the last day's"
    assert len(derived) <= 2, "the first day started, the other 99 waited as one"
    expected = Snapshot.build(index, knowledge_day=first + 100)
    assert np.array_equal(state.shown, expected.shown)
    assert not np.array_equal(state.shown, Snapshot.build(index, knowledge_day=first).shown)
    assert bar.slider.value() == first + 100
    _no_worker_left(qtbot)


def test_a_stale_result_never_overwrites_a_newer_one(state: ViewState, qtbot: QtBot,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    held = _Held(monkeypatch)
    shown = _recorder(state)
    planned, held_only = EventFilter(status=PLANNED), EventFilter(status=HELD)
    state.set_filter(planned)
    state.set_filter(held_only)
    assert state.filter == held_only and state.busy
    held.go.set()
    qtbot.waitUntil(lambda: not state.busy, timeout=10_000)
    _no_worker_left(qtbot)
    assert held.started == [planned, held_only], "the stale one did finish"
    assert shown == [held_only], "only the newest result was shown"
    assert state.snapshot is not None and state.snapshot.filter == held_only
    assert int(state.shown.sum()) == int((state.known.visible
                                          & (state.known.status == HELD)).sum())


def test_a_result_asked_away_before_it_lands_is_dropped(state: ViewState, qtbot: QtBot,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    """Asking again for what is on screen cancels the wait; the old request's result,
    finished anyway, must not replace the screen."""
    held = _Held(monkeypatch)
    shown = _recorder(state)
    before = state.shown
    state.set_filter(EventFilter(status=PLANNED))
    assert state.busy
    state.set_filter(EventFilter())
    assert not state.busy and state.filter == EventFilter()
    held.go.set()
    _no_worker_left(qtbot)
    assert held.started == [EventFilter(status=PLANNED)]
    assert shown == [] and state.shown is before


def test_a_selection_made_while_waiting_survives_the_new_snapshot(
        state: ViewState, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    held = _Held(monkeypatch)
    state.set_filter(EventFilter(status=HELD))
    chosen = int(state.shown_positions()[5])
    state.select(chosen)
    marks = np.array([chosen], np.int64)
    state.set_changed_marks(marks)
    held.go.set()
    qtbot.waitUntil(lambda: not state.busy, timeout=10_000)
    assert state.selection == chosen
    assert state.snapshot is not None and state.snapshot.marked is not None
    assert list(state.snapshot.marked) == [chosen]
    _no_worker_left(qtbot)


def test_each_step_builds_on_what_was_asked_not_on_what_is_shown(
        state: ViewState, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """↑ pressed three times while the first is worked out: three days, not one."""
    held = _Held(monkeypatch)
    first = state.knowledge_day
    assert first is not None
    for _ in range(3):
        state.set_knowledge_day((state.knowledge_day or 0) + 1)
    held.go.set()
    qtbot.waitUntil(lambda: not state.busy, timeout=10_000)
    assert state.snapshot is not None and state.snapshot.knowledge_day == first + 3
    _no_worker_left(qtbot)


def test_closing_the_window_with_a_rebuild_in_flight_exits_cleanly(
        index: EventIndex, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.state.inline_limit = 0
    window.state.set_timeline(index, None)
    held = _Held(monkeypatch, stoppable=True)
    shown = _recorder(window.state)
    window.state.set_filter(EventFilter(status=PLANNED))
    qtbot.waitUntil(lambda: bool(held.started), timeout=10_000)
    assert window.state.busy
    window.close()
    assert not window.isVisible()
    _no_worker_left(qtbot)  # stopped at its next checkpoint, never told to go on
    assert shown == [] and window.state.filter == EventFilter()


def _search_and_enter(window: MainWindow, qtbot: QtBot, text: str) -> None:
    from PySide6.QtCore import Qt

    window.event_list.search.setFocus()
    window.event_list.search.setText(text)
    qtbot.keyClick(window.event_list.search, Qt.Key.Key_Return)


def test_enter_during_a_search_goes_to_the_first_match_once_it_lands(
        index: EventIndex, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.state.inline_limit = 0
    window.state.set_timeline(index, None)
    held = _Held(monkeypatch)
    first_before = int(window.state.shown_positions()[0])
    _search_and_enter(window, qtbot, "harbour")
    assert window.state.busy and window.state.selection != first_before
    held.go.set()
    qtbot.waitUntil(lambda: not window.state.busy, timeout=10_000)
    matches = window.state.shown_positions()
    expected = window.state.known.visible & search_as_of(index, "harbour",
                                                         window.state.knowledge_day)
    assert len(matches) == int(expected.sum()) < len(index)
    assert window.state.selection == int(matches[0]), "the first match of the new search"
    window.close()
    _no_worker_left(qtbot)


def test_a_derivation_that_raises_keeps_the_last_snapshot_and_says_so(
        state: ViewState, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(snap: Snapshot, *args: Any, **kwargs: Any) -> Snapshot:
        raise RuntimeError("a bug in working out the snapshot")

    monkeypatch.setattr(Snapshot, "derive", broken)
    before = state.snapshot
    with qtbot.capture_exceptions() as raised:
        state.set_filter(EventFilter(status=PLANNED))
        qtbot.waitUntil(lambda: not state.busy, timeout=10_000)
    assert [str(error) for _, error, _ in raised] == ["a bug in working out the snapshot"]
    assert state.snapshot is before and state.filter == EventFilter()
    _no_worker_left(qtbot)
