"""``make bench`` (interaction part): does any interaction stall the window at a million events?

The real main window (timeline, list, details, knowledge bar) is shown at
1920×1080 on the offscreen platform and driven the way a person drives it,
through its own widgets and the running event loop:

- ``load_deliver``: a file loaded by the window's own loader is handed to the
  views (then the same result twice more, each after a small file);
- ``next_event``: Right, pressed 40 times 50 ms apart;
- ``knowledge_drag``: the knowledge slider dragged across 100 days, one day
  every 16 ms (mouse moves at 60 Hz);
- ``filter``: the status filter switched six times, a second apart;
- ``search_typing``: two searches typed into the search field, 200 ms a key
  (slow enough for each key to start a search).

Every action after the load runs zoomed in to 24 days in the middle of the file,
where about two thousand events are drawn one by one with labels: the costliest
view to redraw after a change (the whole timeline is drawn as density strips,
which cost the same at any size).

A 10 ms heartbeat timer on the GUI thread records when it fires; the gap
between two ticks is how long the window could not answer, as a user feels
it (10 ms when idle).  ``longest_gui_stall_ms`` is the longest gap from the
first input until the result is on screen and all background work is done.
``median_ms`` and ``p95_ms`` are over the steps of the action, each step timed
as the GUI thread's share of it: an input (a key, a slider move, a pick) from
its dispatch until the window has handled it and repainted, and each result
taken over from a worker as the heartbeat gap it fell in.  Goal: longest
stall under 50 ms, median under 16 ms.

An action that raised, or did not happen (the selection did not move, the
filter did not show what it asks for, the knowledge date did not arrive),
prints an ``error`` and fails the run: an error must never look fast.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core import knowledge
from ..core.formats import native
from ..core.known_search import search_as_of
from .synthetic import synthetic_timeline

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ..qt.main_window import MainWindow

HEARTBEAT_MS = 10
_SIZE = (1920, 1080)
_SETTLE_S = 120.0
"""Longest wait for a result before the action counts as not having happened."""
_TAIL_S = 0.3
"""Heartbeat kept running after a result lands: work it left behind counts too."""
_REPORTED = 0.02
"""Share of the synthetic events told in two reports, so the knowledge date matters."""


class BenchFailure(Exception):
    """An action raised or did not happen: its time means nothing."""


class _Heartbeat:
    """A 10 ms timer on the GUI thread; the gaps between its ticks are the stalls."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self._timer = QTimer(interval=HEARTBEAT_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.ticks.append(time.perf_counter())

    def around(self, moment: float) -> float:
        """The gap between the ticks either side of ``moment``, in ms."""
        at = int(np.searchsorted(np.asarray(self.ticks), moment))
        if not 0 < at < len(self.ticks):
            return 0.0
        return (self.ticks[at] - self.ticks[at - 1]) * 1000

    def longest(self, t0: float, t1: float) -> float:
        """The longest gap between ticks that overlaps [t0, t1], in ms."""
        ticks = np.asarray(self.ticks)
        if len(ticks) < 2:
            return 0.0
        gaps = np.diff(ticks)
        overlapping = (ticks[1:] >= t0) & (ticks[:-1] <= t1)
        return float(gaps[overlapping].max() * 1000) if overlapping.any() else 0.0


class _Errors:
    """Exceptions raised in slots and paints while an action runs."""

    def __init__(self) -> None:
        from ..qt.plot import paint_guard

        self._guard = paint_guard
        self.raised: list[str] = []
        self._hook = sys.excepthook
        self._paints = paint_guard.error_count()

    def __enter__(self) -> _Errors:
        def hook(kind: type[BaseException], error: BaseException,
                 trace: types.TracebackType | None) -> None:
            self.raised.append(f"{kind.__name__}: {error}")
            self._hook(kind, error, trace)

        sys.excepthook = hook
        return self

    def __exit__(self, *_: object) -> None:
        sys.excepthook = self._hook

    def check(self, action: str) -> None:
        if self.raised:
            raise BenchFailure(f"{action} raised {self.raised[0]}")
        if self._guard.error_count() != self._paints:
            raise BenchFailure(f"a paint raised during {action}")


class _Driver:
    """Runs the event loop between inputs, as it runs between a person's key presses."""

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        self.app = app
        self.window = window
        self.beat = _Heartbeat()

    def idle(self, ms: float) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(max(0, round(ms)), loop.quit)
        loop.exec()

    def until(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.perf_counter() + _SETTLE_S
        while not done():
            if time.perf_counter() > deadline:
                raise BenchFailure(f"{what} did not happen within {_SETTLE_S:g} s")
            self.idle(HEARTBEAT_MS)

    def settled(self) -> bool:
        """No result on its way and nothing left for the loader's worker to do."""
        window = self.window
        return not window.state.busy \
            and window.files.loader.workers() == 0 \
            and not window.files.loader.busy

    def handle(self, step: Callable[[], None]) -> tuple[float, float]:
        """Give the window one input: when, and the time until it has handled it and
        repainted (ms)."""
        t0 = time.perf_counter()
        step()
        self.app.processEvents()
        return t0, (time.perf_counter() - t0) * 1000

    def steps(self, inputs: list[Callable[[], None]], every_ms: float,
              done: Callable[[], bool], what: str) -> dict[str, float]:
        """Send each input ``every_ms`` apart, wait for ``done``, and time it all."""
        with self.watching() as watch:
            for step in inputs:
                self.idle(every_ms)
                watch.step(*self.handle(step))
            self.until(lambda: self.settled() and done(), what)
            self.idle(_TAIL_S * 1000)
        return watch.figures()

    @contextlib.contextmanager
    def watching(self) -> Iterator[_Watch]:
        """The heartbeat runs, and results taken over from the worker are noted."""
        state = self.window.state
        watch = _Watch(self.beat)

        def on_busy(busy: bool) -> None:
            if not busy:
                watch.landed.append(time.perf_counter())

        state.sigBusyChanged.connect(on_busy)
        self.beat.start()
        try:
            yield watch
        finally:
            self.beat.stop()
            state.sigBusyChanged.disconnect(on_busy)


class _Watch:
    """The steps of one action, and the results that landed while it ran."""

    def __init__(self, beat: _Heartbeat) -> None:
        self._beat = beat
        self.handled: list[tuple[float, float]] = []
        """When each input was given, and how long the window took over it (ms)."""
        self.landed: list[float] = []

    def step(self, when: float, ms: float) -> None:
        self.handled.append((when, ms))

    def figures(self) -> dict[str, float]:
        """From the first input on: what came before it (a file being read) is another
        action's."""
        if not self.handled:
            raise BenchFailure("nothing was timed")
        first = self.handled[0][0]
        per_step = [ms for _, ms in self.handled] \
            + [self._beat.around(t) for t in self.landed if t >= first]
        return {"median_ms": round(float(np.median(per_step)), 1),
                "p95_ms": round(float(np.percentile(per_step, 95)), 1),
                "longest_gui_stall_ms": round(self._beat.longest(first,
                                                                 self._beat.ticks[-1]), 1)}


def _load_deliver(driver: _Driver, big: Path, small: Path) -> dict[str, float]:
    """Three deliveries of the big file: the first from the loader's worker, as a person
    opening it meets it, then the same result again, each time after a small file."""
    window = driver.window
    loader = window.files.loader
    delivered: list[Any] = []
    handed = loader.deliver

    def shown() -> bool:
        index, painted = window.state.index, window.timeline_view.scene_item.painted
        return index is not None and len(delivered) > 0 \
            and len(index) == len(delivered[0].index) \
            and window.event_list.model.rowCount() > 0 \
            and painted is not None and painted.drawn > 0

    with driver.watching() as watch:

        def deliver(outcome: object) -> None:
            delivered.append(outcome)
            watch.step(*driver.handle(lambda: handed(outcome)))

        loader.deliver = deliver  # type: ignore[method-assign]
        try:
            window.files.open(big)
            driver.until(lambda: driver.settled() and shown(), "showing the big file")
            driver.idle(_TAIL_S * 1000)
            for _ in range(2):
                window.files.open(small)
                driver.until(lambda: driver.settled() and window.state.index is not None
                             and len(window.state.index) != len(delivered[0].index),
                             "showing the small file")
                driver.idle(200)
                loader.deliver(delivered[0])
                driver.until(lambda: driver.settled() and shown(),
                             "showing the big file again")
                driver.idle(_TAIL_S * 1000)
        finally:
            del loader.deliver
    # The small files' deliveries are no part of this action.
    watch.handled = watch.handled[::2]
    return watch.figures()


def _next_event(driver: _Driver) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = driver.window
    state, view = window.state, window.timeline_view
    snap = state.snapshot
    assert snap is not None
    walk = snap.walk
    middle = float(snap.known.start[walk[len(walk) // 2]])
    view.set_visible_range(middle - 12.0, middle + 12.0)  # ~2,000 events, one by one
    state.select(int(walk[len(walk) // 2]))
    driver.until(driver.settled, "zooming in")
    driver.idle(500)
    scene = view.scene()
    if scene is None or scene.mode != "detail":
        raise BenchFailure("the zoomed-in view does not draw events one by one")
    view.plot_widget.setFocus()
    start = int(np.flatnonzero(walk == state.selection)[0])
    presses = 40
    expected = [int(p) for p in walk[start + 1:start + 1 + presses]]
    moved: list[int] = []

    def press() -> None:
        QTest.keyClick(view.plot_widget, Qt.Key.Key_Right)
        moved.append(state.selection)

    figures = driver.steps([press] * presses, 50, lambda: True, "walking to the next event")
    if moved != expected:
        raise BenchFailure(f"Right did not walk the events in time order: {moved[:5]}… "
                           f"expected {expected[:5]}…")
    last = expected[-1]
    row = window.event_list.model.row_of(last)
    current = window.event_list.table.currentIndex()
    if row is None or current.row() != row:
        raise BenchFailure("the event list did not follow the selection")
    title = state.index.event(last).title if state.index is not None else ""
    if title not in window.detail_pane.plain_text():
        raise BenchFailure("the details did not show the selected event")
    painted = view.scene_item.painted
    if painted is None or painted.selection is None:
        raise BenchFailure("the timeline did not ring the selected event")
    return figures


def _knowledge_drag(driver: _Driver) -> dict[str, float]:
    window = driver.window
    state, slider = window.state, window.knowledge_bar.slider
    if not window.knowledge_bar.isEnabled() or state.knowledge_day is None:
        raise BenchFailure("the knowledge date cannot be moved on this file")
    first = state.knowledge_day
    before = state.snapshot.shown if state.snapshot is not None else None
    days = list(range(first + 1, first + 101))
    inputs = [lambda d=day: slider.setValue(d) for day in days]

    def arrived() -> bool:
        snap = state.snapshot
        return snap is not None and snap.knowledge_day == days[-1]

    figures = driver.steps(inputs, 16, arrived, "dragging the knowledge date")
    snap = state.snapshot
    assert snap is not None
    if before is None or np.array_equal(before, snap.shown):
        raise BenchFailure("moving the knowledge date 100 days changed nothing shown")
    if not np.array_equal(snap.shown, knowledge.arrays_as_of(snap.index, days[-1]).visible):
        raise BenchFailure("the timeline does not show what was known on the new date")
    if window.event_list.model.rowCount() != int(snap.shown.sum()):
        raise BenchFailure("the list does not hold the events known on the new date")
    if slider.value() != days[-1]:
        raise BenchFailure("the slider did not stay where it was dragged to")
    return figures


def _filter(driver: _Driver) -> dict[str, float]:
    window = driver.window
    state, box = window.state, window.event_list.status_box
    picks = ["Planned", "Cancelled", "Any status", "Postponed", "Held", "Any status"]
    with driver.watching() as watch:
        for name in picks:
            at = box.findText(name)
            if at < 0:
                raise BenchFailure(f"no status filter {name!r}")
            code = box.itemData(at)
            driver.idle(1000)
            watch.step(*driver.handle(lambda at=at: box.setCurrentIndex(at)))

            def landed(code: int | None = code) -> bool:
                snap = state.snapshot
                return snap is not None and snap.filter.status == code

            driver.until(lambda landed=landed: driver.settled() and landed(), f"filter {name}")
            snap = state.snapshot
            assert snap is not None
            want = snap.known.visible.copy()
            if code is not None:
                want &= snap.known.status == code
            if window.event_list.model.rowCount() != int(want.sum()) \
                    or int(snap.shown.sum()) != int(want.sum()):
                raise BenchFailure(f"the {name} filter does not show the {name} events")
        driver.idle(_TAIL_S * 1000)
    return watch.figures()


def _search_typing(driver: _Driver) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = driver.window
    state, field = window.state, window.event_list.search
    field.setFocus()
    words = ["pipeline", "grain port"]
    inputs: list[Callable[[], None]] = []
    for k, text in enumerate(words):
        if k:
            inputs.append(lambda: QTest.keyClick(field, Qt.Key.Key_A,
                                                 Qt.KeyboardModifier.ControlModifier))
        inputs.extend(lambda c=c: QTest.keyClick(field, c) for c in text)

    def found() -> bool:
        snap = state.snapshot
        return snap is not None and snap.filter.text == words[-1]

    figures = driver.steps(inputs, 200, found, "searching")
    snap = state.snapshot
    assert snap is not None
    want = snap.known.visible & search_as_of(snap.index, words[-1], snap.knowledge_day)
    if int(snap.shown.sum()) != int(want.sum()) or int(want.sum()) == int(
            snap.known.visible.sum()):
        raise BenchFailure("the search does not show the events that match")
    if window.event_list.model.rowCount() != int(want.sum()):
        raise BenchFailure("the list does not hold the events that match")
    return figures


def run_interact(size: int, app: QApplication, folder: Path) -> int:
    """One ``interact`` line per action on a file of ``size`` events."""
    from ..qt.gui import keep_start_up
    from ..qt.main_window import MainWindow
    from ..resources import default_dataset

    big = folder / f"interact-{size}.timeline.json"
    big.write_bytes(native.encode(synthetic_timeline(size, reported=_REPORTED)))
    window = MainWindow()
    window.resize(*_SIZE)
    window.show()
    driver = _Driver(app, window)
    window.files.open(default_dataset())
    driver.until(lambda: window.state.index is not None and driver.settled(),
                 "opening the bundled timeline")
    keep_start_up()  # as the app does once its first timeline is on screen
    status = 0
    actions: list[tuple[str, Callable[[], dict[str, float]]]] = [
        ("load_deliver", lambda: _load_deliver(driver, big, default_dataset())),
        ("next_event", lambda: _next_event(driver)),
        ("knowledge_drag", lambda: _knowledge_drag(driver)),
        ("filter", lambda: _filter(driver)),
        ("search_typing", lambda: _search_typing(driver)),
    ]
    failed = False
    try:
        for name, action in actions:
            line: dict[str, object] = {"bench": "interact", "events": size, "action": name}
            if failed:
                line["error"] = "not run: an earlier action failed"
            else:
                try:
                    with _Errors() as errors:
                        line.update(action())
                        errors.check(name)
                except BenchFailure as failure:
                    line["error"] = str(failure)
                    failed = True
            if "error" in line:
                status = 1
            print(json.dumps(line), flush=True)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        big.unlink(missing_ok=True)
    return status


def run_interact_bench(sizes: list[int]) -> int:
    """The interaction lines for the largest size asked for."""
    from .bench_frames import scratch_gui

    with scratch_gui() as (app, folder):
        return run_interact(max(sizes), app, folder)
