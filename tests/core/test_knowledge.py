"""The timeline as known on a given day, on the bundled dataset."""

from __future__ import annotations

import pytest

from summit_timeline.core import knowledge
from summit_timeline.core.dates import Precision, parse
from summit_timeline.core.formats import native
from summit_timeline.core.index import STATUS_CODE, EventIndex
from summit_timeline.core.model import Timeline
from summit_timeline.resources import default_dataset

KAZAN = "putin-xi-2024-10-22-kazan"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return native.load(default_dataset()).timeline


def test_as_of_the_article_kazan_is_planned_for_october(timeline: Timeline) -> None:
    kazan = timeline.event(KAZAN)
    assert kazan is not None
    known = knowledge.known_state(kazan, knowledge.parse_day("2024-07-03"))
    assert known is not None
    assert known.status == "planned"
    assert parse(known.when).precision == Precision.MONTH
    assert parse(known.when).display() == "October 2024"


def test_after_the_summit_kazan_is_held_on_22_october(timeline: Timeline) -> None:
    kazan = timeline.event(KAZAN)
    assert kazan is not None
    known = knowledge.known_state(kazan, knowledge.parse_day("2024-10-23"))
    assert known is not None and known.status == "held"
    assert parse(known.when).display() == "22 Oct 2024"
    assert known.report is not None and known.report.source is not None


def test_events_not_yet_reported_are_hidden(timeline: Timeline) -> None:
    early = knowledge.timeline_as_of(timeline, knowledge.parse_day("2024-06-01"))
    ids = {e.id for e in early.events}
    assert "putin-xi-2024-05-16-beijing" in ids
    assert KAZAN not in ids
    assert len(early.events) < len(timeline.events)


def test_vectorised_arrays_agree_with_event_by_event_view(timeline: Timeline) -> None:
    index = EventIndex.build(timeline)
    for text in ("2024-05-01", "2024-07-03", "2024-10-23"):
        day = knowledge.parse_day(text)
        arrays = knowledge.arrays_as_of(index, day)
        for pos, event in enumerate(timeline.events):
            known = knowledge.known_state(event, day)
            assert arrays.visible[pos] == (known is not None)
            if known is not None:
                assert arrays.status[pos] == STATUS_CODE[known.status]
                assert arrays.start[pos] == parse(known.when).lower


def test_history_is_oldest_first(timeline: Timeline) -> None:
    kazan = timeline.event(KAZAN)
    assert kazan is not None
    statuses = [r.status for r in knowledge.history(kazan)]
    assert statuses[0] == "planned" and statuses[-1] == "held"


def test_details_told_as_of_a_day_leave_out_what_was_learnt_later(timeline: Timeline) -> None:
    kazan = timeline.event(KAZAN)
    assert kazan is not None
    before = knowledge.known_details(timeline, kazan, knowledge.parse_day("2024-07-03"))
    after = knowledge.known_details(timeline, kazan, knowledge.parse_day("2024-10-23"))
    assert before.pending and not after.pending
    assert not before.show_venue and after.show_venue
    assert before.summary == "" and after.summary == kazan.summary
    first_report = knowledge.history(kazan)[0]
    assert before.occasion == first_report.note
    for source_id in before.sources:
        source = timeline.source(source_id)
        assert source is not None and source.date is not None
        assert parse(source.date).lower <= knowledge.parse_day("2024-07-03")
    assert set(after.sources) >= set(kazan.sources)
    assert len(after.quotes) == len(kazan.quotes)
