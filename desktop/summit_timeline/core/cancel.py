"""Stopping long work between steps: a load, a search, the next snapshot.

Work that may take seconds at a million events runs on a worker thread and
calls ``checkpoint()`` between items; the thread that started it sets an
event when the result is no longer wanted (a newer request, Cancel, quitting),
and the work ends at its next checkpoint instead of finishing for nobody.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator


class Cancelled(Exception):
    """The work was asked to stop (cancelled, superseded or past its budget)."""


_stop = threading.local()


@contextlib.contextmanager
def stop_when(event: threading.Event) -> Iterator[None]:
    """Work on this thread stops at its next :func:`checkpoint` once ``event`` is set."""
    previous = getattr(_stop, "event", None)
    _stop.event = event
    try:
        yield
    finally:
        _stop.event = previous


def checkpoint() -> None:
    """Called between items: raises :class:`Cancelled` when asked to stop.

    A plain attribute read when no stop was asked for, so loops call it once
    per item (or per batch of items) at no measurable cost.
    """
    event = getattr(_stop, "event", None)
    if event is not None and event.is_set():
        raise Cancelled
