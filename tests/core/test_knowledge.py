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
    after = knowledge.known_details(timeline, kazan, knowledge.parse_day("2024-10-25"))
    assert before.pending and not after.pending
    first_report = knowledge.history(kazan)[0]
    # While later reports are pending, the first report's summary and place are told.
    assert before.summary == first_report.summary != kazan.summary
    assert before.place == first_report.place != kazan.place
    assert after.summary == kazan.summary and after.place == kazan.place
    assert before.occasion == first_report.note
    for source_id in before.sources:
        source = timeline.source(source_id)
        assert source is not None and source.date is not None
        assert parse(source.date).lower <= knowledge.parse_day("2024-07-03")
    assert set(after.sources) >= set(kazan.sources)
    assert len(after.quotes) == len(kazan.quotes)


def _staged() -> Timeline:
    """A two-day summit told in three stages, with one later article."""
    from summit_timeline.core.model import Event, Place, Quote, Report, Source, Track

    return Timeline(
        format="summit-timeline/1", title="t",
        places=(Place(id="town", name="Town"), Place(id="hall", name="Town", venue="Hall")),
        sources=(Source(id="notice", title="n", date="2024-06-01"),
                 Source(id="day-one", title="d", date="2024-07-03"),
                 Source(id="wrap-up", title="w", date="2024-07"),
                 Source(id="final", title="f", date="2024-07-05")),
        tracks=(Track(id="a", title="A"),),
        events=(Event(
            id="summit", track="a", title="Summit", when="2024-07-03/2024-07-04",
            place="hall", summary="The council met on the second day in the Hall.",
            quotes=(Quote(speaker="p", text="later words", source="wrap-up"),),
            sources=("notice", "day-one", "wrap-up", "final"),
            reports=(Report(date="2024-06-01", status="planned", when="2024-07", place="town",
                            source="notice", summary="A summit is due in July."),
                     Report(date="2024-07-03", status="held", source="day-one",
                            summary="Under way: arrivals on the first day."),
                     Report(date="2024-07-05", status="held", source="final"))),),
    )


def test_each_stage_tells_its_own_summary_and_place() -> None:
    timeline = _staged()
    event = timeline.events[0]
    announced = knowledge.known_details(timeline, event, knowledge.parse_day("2024-06-15"))
    assert (announced.summary, announced.place) == ("A summit is due in July.", "town")
    under_way = knowledge.known_details(timeline, event, knowledge.parse_day("2024-07-03"))
    # This stage names no place: the place told last (the town) still holds; the
    # venue, learnt later, is not shown.
    assert under_way.summary == "Under way: arrivals on the first day."
    assert under_way.place == "town"
    confirmed = knowledge.known_details(timeline, event, knowledge.parse_day("2024-07-04"))
    assert confirmed.summary == "Under way: arrivals on the first day.", \
        "a later report without a summary keeps what was told last"
    held = knowledge.known_details(timeline, event, knowledge.parse_day("2024-07-06"))
    assert held.summary == event.summary and held.show_venue
    state = knowledge.known_state(event, knowledge.parse_day("2024-06-15"))
    assert state is not None and state.place == "town" and state.when == "2024-07"


def test_a_source_dated_to_the_month_counts_from_its_last_day() -> None:
    timeline = _staged()
    event = timeline.events[0]
    mid_july = knowledge.known_details(timeline, event, knowledge.parse_day("2024-07-10"))
    assert "wrap-up" not in mid_july.sources and mid_july.quotes == ()
    august = knowledge.known_details(timeline, event, knowledge.parse_day("2024-08-01"))
    assert "wrap-up" in august.sources and len(august.quotes) == 1


def test_timeline_as_of_carries_nothing_from_later() -> None:
    early = knowledge.timeline_as_of(_staged(), knowledge.parse_day("2024-07-03"))
    (event,) = early.events
    assert event.summary == "Under way: arrivals on the first day."
    assert [r.date for r in event.reports] == ["2024-06-01", "2024-07-03"]
    assert "final" not in event.sources and event.quotes == ()


def test_a_default_view_sets_the_opening_day() -> None:
    from msgspec.structs import replace

    from summit_timeline.core.model import View

    timeline = replace(_staged(), as_of="2024-06-01", default_view="later",
                       views=(View(id="later", name="Later", as_of="2024-07-03"),
                              View(id="all", name="Everything")))
    assert knowledge.opening_day(timeline, None) == knowledge.parse_day("2024-07-03")
    assert knowledge.opening_day(replace(timeline, default_view="all"), None) is None
    assert knowledge.opening_day(replace(timeline, default_view=None), None) == \
        knowledge.parse_day("2024-06-01")


# ---------------------------------------------------------------- topics and related links


def _told(timeline: Timeline, event_id: str, day: str) -> knowledge.KnownDetails:
    event = timeline.event(event_id)
    assert event is not None
    return knowledge.known_details(timeline, event, knowledge.parse_day(day))


def test_related_events_not_yet_reported_are_not_linked(timeline: Timeline) -> None:
    told = _told(timeline, "putin-xi-2024-05-16-beijing", "2024-05-20")
    # Astana was first reported on 2 July and Kazan on 3 July 2024.
    assert "putin-xi-2024-07-03-astana" not in told.related
    assert KAZAN not in told.related
    assert "putin-harbin-2024-05-17" in told.related
    later = _told(timeline, "putin-xi-2024-05-16-beijing", "2024-07-03")
    assert {"putin-xi-2024-07-03-astana", KAZAN} <= set(later.related)


def test_topics_wait_for_the_reports_that_tell_them(timeline: Timeline) -> None:
    shanghai = _told(timeline, "putin-xi-2014-05-20-shanghai", "2014-05-17")
    # The announcement's own topics, not the list written after the visit.
    assert shanghai.topics == ("CICA", "Gas contract (under negotiation)")
    assert "putin-xi-2014-07-14-fortaleza" not in shanghai.related
    samarkand = _told(timeline, "putin-xi-2022-09-15-samarkand", "2022-09-07")
    assert not {"Ukraine", "Taiwan", "Core interests"} & set(samarkand.topics)
    settled = _told(timeline, "putin-xi-2022-09-15-samarkand", "2022-09-20")
    event = timeline.event("putin-xi-2022-09-15-samarkand")
    assert event is not None and settled.topics == event.topics


def test_a_report_may_give_the_topics_known_at_its_stage() -> None:
    from msgspec.structs import replace

    timeline = _staged()
    event = timeline.events[0]
    staged = replace(event, topics=("Council session", "Enlargement"),
                     reports=(replace(event.reports[0], topics=("Enlargement",)),
                              *event.reports[1:]))
    timeline = replace(timeline, events=(staged,))
    assert knowledge.known_details(timeline, staged, knowledge.parse_day("2024-06-15")
                                   ).topics == ("Enlargement",)
    # The second stage gives none: what was told last still holds.
    assert knowledge.known_details(timeline, staged, knowledge.parse_day("2024-07-03")
                                   ).topics == ("Enlargement",)
    assert knowledge.known_details(timeline, staged, knowledge.parse_day("2024-07-06")
                                   ).topics == ("Council session", "Enlargement")


def test_timeline_as_of_leaves_out_later_topics_and_links(timeline: Timeline) -> None:
    early = knowledge.timeline_as_of(timeline, knowledge.parse_day("2024-05-20"))
    known_ids = {e.id for e in early.events}
    for event in early.events:
        assert set(event.related) <= known_ids
    beijing = early.event("putin-xi-2024-05-16-beijing")
    assert beijing is not None and KAZAN not in beijing.related


def test_the_details_pane_names_only_what_was_known(timeline: Timeline) -> None:
    from summit_timeline.core.event_html import event_html

    day = knowledge.parse_day("2024-05-20")
    beijing = timeline.event("putin-xi-2024-05-16-beijing")
    assert beijing is not None
    known = knowledge.known_state(beijing, day)
    assert known is not None
    html = event_html(timeline, beijing, known, day)
    assert "Harbin" in html
    assert "Kazan" not in html and "Astana" not in html
    shanghai = timeline.event("putin-xi-2014-05-20-shanghai")
    assert shanghai is not None
    day = knowledge.parse_day("2014-05-17")
    known = knowledge.known_state(shanghai, day)
    assert known is not None
    html = event_html(timeline, shanghai, known, day)
    assert "Joint naval exercise" not in html and "Fortaleza" not in html
