"""Opening timeline files off the GUI thread.

The worker does only plain work (read, decode, validate, build the index,
and everything the views would otherwise compute on the GUI thread when a
timeline arrives: the knowledge arrays, the time order, the draw arrays and
lane layout, the knowledge slider's range) and hands back plain numpy data
through a queued signal; it must never touch a widget, because Qt widgets may
only be used from the GUI thread.  That is what keeps the first frame of a
million events about as quick as the first frame of an empty timeline.
Cancelling cannot interrupt a decode midway, so it simply discards the result
when it arrives; the window stays responsive either way.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, QThread, Signal

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


def prepare(timeline: Timeline, file: str, day: int | None,
            warnings: list[Problem] | None = None) -> LoadResult:
    """Index a decoded timeline and prepare its first frame: the worker's whole job
    after decoding, shared with the frame bench so it measures the same path."""
    index = EventIndex.build(timeline)
    index.positions()  # id look-ups (selection by id, review flags) ready before the handoff
    timeline.event("")
    return LoadResult(index, file, day, list(warnings or []), Snapshot.open(index, day))


_WARM_SEARCH_FROM = 20_000
"""Below this many events the search text builds in a blink on first use."""
_WARM_SEARCH_PAUSE_S = 0.3


class _LoadThread(QThread):
    sigDone = Signal(int, object)
    """Request number and a LoadResult or a LoadError."""

    def __init__(self, path: str, day: int | None, request: int) -> None:
        super().__init__()
        self._path, self._day, self.request = path, day, request
        self._stop = threading.Event()

    def stop(self) -> None:
        """Skip the work left after the result (the search-text warm-up): the
        result is not wanted any more, or the application is quitting."""
        self._stop.set()

    def run(self) -> None:
        """Runs on the worker thread: plain data only, no widgets."""
        outcome: LoadResult | LoadError
        try:
            # Imported here, on the worker: the decoders load while the GUI thread
            # builds and shows the window.
            from ..core.formats.registry import load_any

            loaded = load_any(self._path)
            outcome = prepare(loaded.timeline, loaded.file, self._day, loaded.warnings)
        except LoadError as error:
            outcome = error
        except Exception as error:
            outcome = LoadError(self._path, [Problem(self._path, f"could not be read: {error}",
                                                     "")])
        self.sigDone.emit(self.request, outcome)
        # Build the search text now, so the first key typed in the search field does
        # not wait for it; after a pause, to leave the GIL to the first paint.  A stop
        # (shutdown, cancel, a newer load) ends the pause at once and skips the work.
        if isinstance(outcome, LoadResult) and len(outcome.index) > _WARM_SEARCH_FROM \
                and not self._stop.wait(_WARM_SEARCH_PAUSE_S):
            outcome.index.search_text()


class FileLoader(QObject):
    sigStarted = Signal(str)
    sigLoaded = Signal(object)
    """A LoadResult, on the GUI thread."""
    sigFailed = Signal(object)
    """A LoadError, on the GUI thread."""
    sigIdle = Signal()
    """No load is pending any more (finished, failed or cancelled)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request = 0
        self._pending: str | None = None
        self._delivered = 0
        """The request whose result is on screen (its warm-up is still wanted)."""
        self._threads: set[_LoadThread] = set()

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def workers(self) -> int:
        """Worker threads still held and running: after ``shutdown``, those a decode kept
        from stopping in time (held, because dropping a running QThread crashes)."""
        return sum(1 for thread in self._threads if thread.isRunning())

    def load(self, path: str | os.PathLike[str], day: int | None = None) -> None:
        self._stop_unwanted()
        self._request += 1
        name = os.fspath(path)
        self._pending = name
        thread = _LoadThread(name, day, self._request)
        thread.sigDone.connect(self._on_thread_done, Qt.ConnectionType.QueuedConnection)
        thread.finished.connect(lambda t=thread: self._forget(t))
        self._threads.add(thread)
        self.sigStarted.emit(name)
        thread.start()

    def cancel(self) -> None:
        if self._pending is None:
            return
        self._request += 1
        self._pending = None
        self._stop_unwanted()
        self.sigIdle.emit()

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Wait for workers before the application quits, so no thread outlives Qt.

        A worker still running after ``timeout_ms`` (a decode cannot be
        interrupted) stays referenced: dropping it would destroy a running QThread."""
        self._request += 1
        self._pending = None
        for thread in self._threads:
            thread.stop()
        self._threads = {t for t in list(self._threads) if not t.wait(timeout_ms)}

    def _stop_unwanted(self) -> None:
        """Workers whose result will never be shown need not warm anything up."""
        for thread in self._threads:
            if thread.request != self._delivered:
                thread.stop()

    def _forget(self, thread: _LoadThread) -> None:
        self._threads.discard(thread)
        thread.deleteLater()

    def _on_thread_done(self, request: int, outcome: object) -> None:
        if request != self._request:
            return
        self._pending = None
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
