"""Opening timeline files off the GUI thread.

The worker does only plain work (read, decode, validate, build the index,
and everything the views would otherwise compute on the GUI thread when a
timeline arrives: the knowledge arrays, the time order, the draw arrays and
lane layout, the knowledge slider's range) and hands back plain numpy data
through a queued signal; it must never touch a widget, because Qt widgets may
only be used from the GUI thread.  That is what keeps the first frame of a
million events about as quick as the first frame of an empty timeline.
Cancelling, a newer load, a load that runs past its budget and quitting all
stop the worker at the readers' next checkpoint (between events); a worker
inside one long call is abandoned safely and its result never shown.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ..core.geo.sites import site_index
from ..core.index import EventIndex
from ..core.model import Timeline
from ..core.problems import LoadError, Problem
from ..scene.snapshot import Snapshot


@dataclass(frozen=True)
class LoadResult:
    index: EventIndex
    file: str
    day: int | None
    """Knowledge date asked for with the request (None: the file's as_of)."""
    warnings: list[Problem] = field(default_factory=list)
    snapshot: Snapshot | None = None
    """The first snapshot of what is shown, made on the worker and handed to the state."""
    ready: tuple[Callable[[], None], ...] = ()
    """What views prepared for ``snapshot`` on the worker (``ViewState.opening_plans``),
    to take over on the GUI thread just before it is shown."""


def prepare(timeline: Timeline, file: str, day: int | None,
            warnings: list[Problem] | None = None) -> LoadResult:
    """Index a decoded timeline and prepare its first frame: the worker's whole job
    after decoding, shared with the frame bench so it measures the same path."""
    index = EventIndex.build(timeline)
    index.positions()  # id look-ups (selection by id, review flags) ready before the handoff
    timeline.event("")
    first = Snapshot.open(index, day).warm()
    site_index(index).codes(first.knowledge_day)  # where each event was: the Map dock's part
    return LoadResult(index, file, day, list(warnings or []), first)


_WARM_SEARCH_FROM = 20_000
"""Below this many events the search text builds in a blink on first use."""
_WARM_SEARCH_PAUSE_S = 0.3
LOAD_BUDGET_MS = 120_000
"""A load still running after this long is stopped and reported: two minutes is thirty
times what the largest file the limits allow takes on a two-core machine."""


class _Bridge(QObject):
    """Carries a worker's results to the GUI thread (queued: the worker is no Qt thread)."""

    sigDone = Signal(int, object)
    """Request number and a LoadResult or a LoadError."""
    sigFinished = Signal(object)
    """The worker that ended."""


class _Worker(threading.Thread):
    """One load, on a daemon thread: plain work only, never a widget.

    A daemon thread, not a QThread, so that a load still running when the
    application quits is abandoned safely: Qt aborts the process when a
    running QThread is destroyed, while Python simply stops a daemon thread
    at exit.  ``stop()`` ends the work at the readers' next checkpoint (between
    events) and silences the worker: once stopped it reports nothing.
    """

    def __init__(self, path: str, day: int | None, request: int, bridge: _Bridge,
                 plans: Sequence[Callable[[Snapshot], Callable[[], None]]] = ()) -> None:
        super().__init__(name=f"load-{request}", daemon=True)
        self._path, self._day, self.request = path, day, request
        self._plans = tuple(plans)
        self._bridge = bridge
        self._halt = threading.Event()
        self._lock = threading.Lock()
        self._silenced = False

    def stop(self, *, silence: bool = False) -> None:
        """Stop the work left (the result is not wanted any more, or the application is
        quitting); with ``silence``, nothing more is reported, even a result in hand."""
        self._halt.set()
        if silence:
            with self._lock:
                self._silenced = True

    @property
    def stopping(self) -> bool:
        return self._halt.is_set()

    def wait(self, timeout_ms: int) -> bool:
        """True once the thread has ended (within ``timeout_ms``)."""
        self.join(max(0, timeout_ms) / 1000)
        return not self.is_alive()

    def _report(self, signal: Any, *args: object) -> None:
        with self._lock:  # stop(silence=True) cannot slip between the check and the emit
            if not self._silenced:
                signal.emit(*args)

    def run(self) -> None:
        """Runs on the worker thread: plain data only, no widgets."""
        try:
            outcome = self._load()
            if isinstance(outcome, LoadResult):
                outcome = self._plan(outcome)
            if outcome is not None:
                self._report(self._bridge.sigDone, self.request, outcome)
                # Build the search text now, so the first key typed in the search field
                # does not wait for it; after a pause, to leave the GIL to the first
                # paint.  A stop ends the pause at once and skips the work.
                if isinstance(outcome, LoadResult) and len(outcome.index) > _WARM_SEARCH_FROM \
                        and not self._halt.wait(_WARM_SEARCH_PAUSE_S):
                    outcome.index.search_text()
        finally:
            self._report(self._bridge.sigFinished, self)

    def _plan(self, result: LoadResult) -> LoadResult:
        """Runs the views' plans for the first snapshot (plain data only).  A plan that
        fails is left out: its view works the same out on the GUI thread, and the file,
        which is fine, is not reported as unreadable for it."""
        first = result.snapshot
        if first is None or not self._plans:
            return result
        ready = []
        for plan in self._plans:
            if self._halt.is_set():
                break
            try:
                ready.append(plan(first))
            except Exception:  # the view's own path still shows the file
                continue
        return replace(result, ready=tuple(ready))

    def _load(self) -> LoadResult | LoadError | None:
        # Imported here, on the worker: the decoders load while the GUI thread builds
        # and shows the window.
        from ..core.formats import limits
        from ..core.formats.registry import load_any

        try:
            with limits.stop_when(self._halt):
                loaded = load_any(self._path)
                limits.checkpoint()
                return prepare(loaded.timeline, loaded.file, self._day, loaded.warnings)
        except limits.Cancelled:
            return None
        except LoadError as error:
            return error
        except Exception as error:
            return LoadError(self._path, [Problem(self._path, f"could not be read: {error}",
                                                  "")])


class FileLoader(QObject):
    sigStarted = Signal(str)
    sigLoaded = Signal(object)
    """A LoadResult, on the GUI thread."""
    sigFailed = Signal(object)
    """A LoadError, on the GUI thread."""
    sigIdle = Signal()
    """No load is pending any more (finished, failed or cancelled)."""

    def __init__(self, parent: QObject | None = None, *,
                 budget_ms: int = LOAD_BUDGET_MS) -> None:
        super().__init__(parent)
        self._request = 0
        self._pending: str | None = None
        self._delivered = 0
        """The request whose result is on screen (its warm-up is still wanted)."""
        self._threads: set[_Worker] = set()
        self._bridge = _Bridge(self)
        self._bridge.sigDone.connect(self._on_thread_done, Qt.ConnectionType.QueuedConnection)
        self._bridge.sigFinished.connect(self._forget, Qt.ConnectionType.QueuedConnection)
        self.budget_ms = budget_ms
        self._budget = QTimer(self, singleShot=True)
        self._budget.timeout.connect(self._on_budget_spent)

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def workers(self) -> int:
        """Worker threads still running (a finished one is forgotten once its end is
        handled on the GUI thread)."""
        return sum(1 for thread in self._threads if thread.is_alive())

    def load(self, path: str | os.PathLike[str], day: int | None = None,
             plans: Sequence[Callable[[Snapshot], Callable[[], None]]] = ()) -> None:
        """Read ``path`` on a worker; ``plans`` run there with its first snapshot (see
        ``LoadResult.ready``)."""
        self._stop_unwanted()
        self._request += 1
        name = os.fspath(path)
        self._pending = name
        thread = _Worker(name, day, self._request, self._bridge, plans)
        self._threads.add(thread)
        self.sigStarted.emit(name)
        self._budget.start(self.budget_ms)
        thread.start()

    def cancel(self) -> None:
        if self._pending is None:
            return
        self._request += 1
        self._pending = None
        self._budget.stop()
        self._stop_unwanted()
        self.sigIdle.emit()

    def shutdown(self, timeout_ms: int = 2000) -> None:
        """Stop every worker before the application quits; none reports anything after.

        Workers end at their readers' next checkpoint; one still busy inside a
        single long call after ``timeout_ms`` is left to end on its own (a
        daemon thread does not hold the application open, nor abort it)."""
        self._request += 1
        self._pending = None
        self._budget.stop()
        for thread in self._threads:
            thread.stop(silence=True)
        deadline = time.monotonic() + timeout_ms / 1000
        for thread in list(self._threads):
            thread.wait(int((deadline - time.monotonic()) * 1000))
        self._threads.clear()

    def _stop_unwanted(self) -> None:
        """Workers whose result will never be shown stop, and need not warm anything up."""
        for thread in self._threads:
            if thread.request != self._delivered:
                thread.stop()

    def _on_budget_spent(self) -> None:
        """A load ran past its budget: stop it, say so, keep what is on screen."""
        name = self._pending
        if name is None:
            return
        self._request += 1
        self._pending = None
        self._stop_unwanted()
        seconds = self.budget_ms / 1000
        self.sigFailed.emit(LoadError(name, [Problem(
            name, f"reading the file took longer than {seconds:g} seconds and was stopped; it "
                  "may be damaged, or far larger than a timeline needs to be", "")]))
        self.sigIdle.emit()

    def _forget(self, thread: _Worker) -> None:
        self._threads.discard(thread)

    def _on_thread_done(self, request: int, outcome: object) -> None:
        if request != self._request:
            return
        self._pending = None
        self._budget.stop()
        self._delivered = request
        self.deliver(outcome)

    def deliver(self, outcome: object) -> None:
        """Hand a worker's outcome to the views, on the GUI thread.

        The one path from a finished load to the screen; the frame bench calls it
        too, so it times exactly what a user waits for after the worker is done.
        """
        if isinstance(outcome, LoadResult):
            self.sigLoaded.emit(outcome)
        else:
            self.sigFailed.emit(outcome)
        self.sigIdle.emit()
