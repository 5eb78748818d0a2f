"""Working out the next snapshot off the GUI thread: one at a time, the newest wins.

At a million events a new knowledge date, filter or search costs the
snapshot a few hundred milliseconds of sorting and stacking, long enough to
freeze the window if done on the GUI thread.  A worker does it instead, from
plain immutable data (the last snapshot and what was asked for), and hands
back a new snapshot through a queued signal; it never touches a widget.

Requests made while one is being worked out do not queue: the one running is
told to stop at its next checkpoint (``core.cancel``) and only the newest
waiting request runs after it, so dragging the knowledge slider over a
hundred days costs two or three derivations, not a hundred.  A result is
delivered with the number of its request; the state applies it only if no
newer request was made since, so a stale result never overwrites a newer one.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal

from ..core.cancel import Cancelled, stop_when
from ..scene.snapshot import Snapshot

Plan = Callable[[Snapshot], Callable[[], None]]
"""Plain work a view does on the worker with a new snapshot (laying out what it will
show, say); it returns what the view takes over on the GUI thread just before the
snapshot is shown."""


def weak_plan(method: Callable[[], Plan | None]) -> Callable[[], Plan | None]:
    """The state holds a view's planner without holding the view (no cycle for the
    collector)."""
    ref = weakref.WeakMethod(method)

    def call() -> Plan | None:
        bound = ref()
        return bound() if bound is not None else None

    return call


@dataclass(frozen=True)
class Derived:
    snapshot: Snapshot
    ready: tuple[Callable[[], None], ...] = ()
    """What views prepared for the snapshot, to take over on the GUI thread."""


Derivation = Callable[[], Derived]


class _Bridge(QObject):
    """Carries a job's end to the GUI thread (queued: the job runs on no Qt thread)."""

    sigDone = Signal(object, object)
    """The job, and what it made (None: stopped, or it raised)."""


class _Job(threading.Thread):
    """One derivation on a daemon thread, which never outlives the application's wish
    to quit: a daemon thread is simply dropped at exit, unlike a running QThread."""

    def __init__(self, request: int, make: Derivation, bridge: _Bridge) -> None:
        super().__init__(name=f"snapshot-{request}", daemon=True)
        self.request = request
        self._make = make
        self._bridge = bridge
        self._halt = threading.Event()
        self._lock = threading.Lock()
        self._silenced = False
        self.error: BaseException | None = None

    def stop(self, *, silence: bool = False) -> None:
        self._halt.set()
        if silence:
            with self._lock:
                self._silenced = True

    def run(self) -> None:
        """Runs on the worker thread: plain data only, no widgets."""
        result: Derived | None = None
        try:
            with stop_when(self._halt):
                result = self._make()
                result.snapshot.warm()
        except Cancelled:
            result = None
        except Exception as error:  # reported on the GUI thread, never lost
            self.error = error
        with self._lock:  # stop(silence=True) cannot slip between the check and the emit
            if not self._silenced:
                self._bridge.sigDone.emit(self, result)


class SnapshotWorker(QObject):
    sigDerived = Signal(int, object)
    """A request's number and what was made for it (``Derived``), on the GUI thread."""
    sigFailed = Signal(int, object)
    """A request's number and the exception its derivation raised."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = _Bridge(self)
        self._bridge.sigDone.connect(self._on_job_done, Qt.ConnectionType.QueuedConnection)
        self._running: _Job | None = None
        self._waiting: tuple[int, Derivation] | None = None
        self._closed = False

    @property
    def busy(self) -> bool:
        """A derivation is running or waiting to run."""
        return self._running is not None or self._waiting is not None

    def submit(self, request: int, make: Derivation) -> None:
        """Work out ``make()`` on a worker; a request already waiting is dropped, and
        the one running is stopped (its result would be stale)."""
        if self._closed:
            return
        if self._running is not None:
            self._running.stop()
            self._waiting = (request, make)
            return
        self._start(request, make)

    def cancel(self) -> None:
        """Nothing asked for so far is wanted any more."""
        self._waiting = None
        if self._running is not None:
            self._running.stop()

    def shutdown(self, timeout_ms: int = 2000) -> None:
        """Stop for good before the application quits; nothing is reported after this.

        A job inside one long call is left to end on its own after ``timeout_ms``
        (a daemon thread does not hold the application open)."""
        self._closed = True
        self._waiting = None
        job, self._running = self._running, None
        if job is not None:
            job.stop(silence=True)
            job.join(max(0, timeout_ms) / 1000)

    def _start(self, request: int, make: Derivation) -> None:
        job = _Job(request, make, self._bridge)
        self._running = job
        job.start()

    def _on_job_done(self, job: _Job, result: Derived | None) -> None:
        if job is not self._running:
            return  # shut down meanwhile
        self._running = None
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(*waiting)
        if job.error is not None:
            self.sigFailed.emit(job.request, job.error)
        elif result is not None:
            self.sigDerived.emit(job.request, result)
