"""Long work stops at its next checkpoint once its result is no longer wanted."""

from __future__ import annotations

import threading

import pytest

from summit_timeline.commands.synthetic import synthetic_timeline
from summit_timeline.core import knowledge
from summit_timeline.core.cancel import Cancelled, stop_when
from summit_timeline.core.index import EventIndex


def test_a_search_no_longer_wanted_stops_instead_of_finishing() -> None:
    index = EventIndex.build(synthetic_timeline(3000, seed=2))
    stop = threading.Event()
    stop.set()
    with stop_when(stop), pytest.raises(Cancelled):
        index.search("pipeline")
    assert index.search("pipeline").any(), "outside the stopped work, searching works"


def test_a_knowledge_date_no_longer_wanted_stops_instead_of_finishing() -> None:
    index = EventIndex.build(synthetic_timeline(3000, seed=2, reported=0.5))
    stop = threading.Event()
    stop.set()
    with stop_when(stop), pytest.raises(Cancelled):
        knowledge.arrays_as_of(index, 15_000)


def test_nothing_stops_while_the_work_is_still_wanted() -> None:
    index = EventIndex.build(synthetic_timeline(3000, seed=2, reported=0.5))
    with stop_when(threading.Event()):
        assert index.search("pipeline").any()
        assert not knowledge.arrays_as_of(index, 15_000).visible.all()
