"""Columnar index: bounds by precision, order, and search."""

from __future__ import annotations

import pytest

from summit_timeline.commands.synthetic import synthetic_timeline
from summit_timeline.core import index as index_module
from summit_timeline.core.dates import day_number
from summit_timeline.core.formats import native
from summit_timeline.core.index import INTERVAL, EventIndex
from summit_timeline.resources import default_dataset


def test_days_months_and_spans_have_their_true_extent() -> None:
    timeline = native.load(default_dataset()).timeline
    index = EventIndex.build(timeline)
    beijing = index.position_of("putin-xi-2024-05-16-beijing")
    visit = index.position_of("putin-state-visit-china-2024-05")
    assert beijing is not None and visit is not None
    assert index.start[beijing] == day_number(2024, 5, 16)
    assert index.end[beijing] - index.start[beijing] == 1
    assert index.end[visit] - index.start[visit] == 2
    assert index.flags[visit] & INTERVAL


def test_order_walks_events_by_date() -> None:
    index = EventIndex.build(synthetic_timeline(2000, seed=3))
    starts = index.start[index.order]
    assert (starts[1:] >= starts[:-1]).all()


def test_search_finds_people_places_and_quotes_in_any_script() -> None:
    index = EventIndex.build(native.load(default_dataset()).timeline)
    titles = lambda mask: {index.event(i).id for i in mask.nonzero()[0]}  # noqa: E731
    assert "putin-erdogan-2024-07-03-astana" in titles(index.search("erdogan"))
    assert titles(index.search("习近平")) >= {"putin-xi-2024-05-16-beijing"}
    assert "putin-xi-2024-10-22-kazan" in titles(index.search("kazan"))
    assert len(titles(index.search("kazan putin xi"))) < len(titles(index.search("putin")))
    assert not index.search("zzzz-nothing").any()


def test_search_agrees_with_a_plain_scan_of_each_event(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """In blocks of 256 events, so that hits in every block and at block ends count."""
    monkeypatch.setattr(index_module, "BLOCK_EVENTS", 256)
    timeline = synthetic_timeline(3000, seed=5)
    index = EventIndex.build(timeline)
    text = index.search_text()
    for word in ("talks", "4", "leader 1", "лидер", "领导人", "gas rail", "zz"):
        mask = index.search(word)
        for pos in [*range(0, len(index), 97), 255, 256, 2999]:
            own = text.event_text(pos)
            assert index.event(pos).title.casefold() in own
            assert mask[pos] == all(w in own for w in word.casefold().split()), (word, pos)


def test_a_day_sources_disagree_on_spans_its_candidates_and_is_drawn_uncertain() -> None:
    from summit_timeline.core.index import UNCERTAIN
    from summit_timeline.core.model import Event, Timeline, Track

    timeline = Timeline(format="summit-timeline/1", title="t", tracks=(Track(id="a", title="A"),),
                        events=(Event(id="f", track="a", title="Fortaleza",
                                      when="[2014-07-14,2014-07-15]"),))
    index = EventIndex.build(timeline)
    assert index.start[0] == day_number(2014, 7, 14)
    assert index.end[0] == day_number(2014, 7, 16)  # the day after the last candidate
    assert index.flags[0] & UNCERTAIN and not index.flags[0] & INTERVAL
