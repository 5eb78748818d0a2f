"""The collector pause while decoding is counted: overlapping loads stay safe."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from summit_timeline.core.formats.native import paused_gc


@pytest.fixture
def gc_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("gc_on")
def test_overlapping_pauses_keep_the_collector_off_until_the_last_ends() -> None:
    first, second = paused_gc(), paused_gc()
    first.__enter__()
    second.__enter__()
    assert not gc.isenabled()
    first.__exit__(None, None, None)  # the first load ends while the second decodes
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


@pytest.mark.usefixtures("gc_on")
def test_pauses_in_two_threads() -> None:
    """A worker's load ends while the GUI thread's pause goes on: the collector stays off."""
    inside, leave, left = threading.Event(), threading.Event(), threading.Event()

    def worker() -> None:
        with paused_gc():
            inside.set()
            leave.wait(5)
        left.set()

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    with paused_gc():
        leave.set()
        assert left.wait(5)
        assert not gc.isenabled(), "the worker's pause ended, the GUI thread's did not"
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_off_before_stays_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with paused_gc(), paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
