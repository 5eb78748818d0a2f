"""Search as known on a day: a word told only later does not find an event earlier."""

from __future__ import annotations

import pytest

from summit_timeline.commands.synthetic import synthetic_timeline
from summit_timeline.core import knowledge
from summit_timeline.core.event_filter import EventFilter, ParticipantIndex, filter_mask
from summit_timeline.core.formats import native
from summit_timeline.core.index import EventIndex, fold
from summit_timeline.core.known_search import search_as_of
from summit_timeline.core.model import Event, Quote, Source, Timeline, Track
from summit_timeline.resources import default_dataset

SHANGHAI = "putin-xi-2014-05-20-shanghai"


@pytest.fixture(scope="module")
def index() -> EventIndex:
    return EventIndex.build(native.load(default_dataset()).timeline)


def _found(index: EventIndex, query: str, day: str | None) -> set[str]:
    known = knowledge.arrays_as_of(index, knowledge.parse_day(day) if day else None)
    mask = filter_mask(index, EventFilter(text=query), known, ParticipantIndex(index))
    return {index.event(p).id for p in (mask & known.visible).nonzero()[0].tolist()}


@pytest.mark.parametrize("word", ["Wusong", "Gazprom"])
def test_words_from_later_reports_do_not_find_the_event_before_them(
        index: EventIndex, word: str) -> None:
    # On 17 May 2014 the visit was announced; the naval port and the gas deal with
    # Gazprom were reported from 20 May and in June.
    assert SHANGHAI not in _found(index, word, "2014-05-17")
    assert SHANGHAI in _found(index, word, "2014-07-01")
    assert SHANGHAI in _found(index, word, None)


def test_what_was_known_on_the_day_still_finds_it(index: EventIndex) -> None:
    assert SHANGHAI in _found(index, "Shanghai", "2014-05-17")
    assert SHANGHAI in _found(index, "cica putin", "2014-05-17"), "the announcement's words"
    assert SHANGHAI in _found(index, "under negotiation", "2014-05-17")
    assert SHANGHAI not in _found(index, "gazprom", "2014-05-20"), \
        "the second stage's report does not name Gazprom yet"


def test_a_quote_from_a_later_source_is_not_searched_before_it_appeared() -> None:
    timeline = Timeline(
        format="summit-timeline/1", title="t", tracks=(Track(id="a", title="A"),),
        sources=(Source(id="later", title="Memoir", date="2030-01-01"),),
        events=(Event(id="e", track="a", title="Talks", when="2024-01-01",
                      quotes=(Quote(speaker="p", text="a golden age", source="later"),)),))
    index = EventIndex.build(timeline)
    assert not search_as_of(index, "golden", knowledge.parse_day("2025-01-01"))[0]
    assert search_as_of(index, "golden", knowledge.parse_day("2030-01-01"))[0]
    assert search_as_of(index, "talks", knowledge.parse_day("2025-01-01"))[0]


def test_search_as_of_a_day_agrees_with_a_scan_of_what_each_event_told() -> None:
    timeline = synthetic_timeline(1500, seed=3, reported=0.3)
    index = EventIndex.build(timeline)
    places = {p.id: p for p in timeline.places}
    people = {p.id: p for p in timeline.people}
    day = knowledge.parse_day("2008-01-01")
    checked = 0
    for word in ("pipeline", "grain port", "city 7", "leader 12 talks"):
        mask = search_as_of(index, word, day)
        for pos, event in enumerate(timeline.events):
            told = knowledge.known_details(timeline, event, day)
            place = places[told.place] if told.place else None
            reports = [r for r in event.reports if knowledge.parse_day(r.date) <= day]
            text = fold(" ".join([
                event.title, told.summary, told.occasion, *told.topics,
                *(q.text for q in told.quotes), *(r.note for r in reports),
                *((place.name, place.country, place.venue if told.show_venue else "")
                  if place else ()),
                *(" ".join((people[p].name, *people[p].names.values(), people[p].role))
                  for p in event.participants)]))
            want = all(w in text for w in fold(word).split())
            assert mask[pos] == want, (word, event.id)
            checked += told.pending and not want and word in ("pipeline", "grain port")
    assert checked, "some events matched only in text told after the day"
