"""native → X → native keeps what X can hold; what X cannot hold is listed, and asserted here."""

from __future__ import annotations

import datetime as dt

from formats_support import assert_valid, default_timeline

from summit_timeline.core import dates
from summit_timeline.core.formats import csv_plain, ics, timelinejs
from summit_timeline.core.model import Timeline


def _names(t: Timeline, ids) -> list[str]:
    return [p.name for p in (t.person(i) for i in ids) if p]


def _track_title(t: Timeline, track_id: str) -> str:
    track = t.track(track_id)
    return track.title if track else ""


def _span_of_candidates(when: str) -> str:
    """TimelineJS keeps "one of these days" only as the span from the first to the last."""
    parsed = dates.parse(when)
    if not parsed.one_of:
        return when
    first, last = (dates.from_day_number(n) for n in (parsed.lower, parsed.upper))
    return "/".join(f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in (first, last))


def test_timelinejs_round_trip() -> None:
    before = default_timeline()
    after = timelinejs.read(timelinejs.write(before), "x.json")
    assert_valid(after)
    a = after.timeline
    assert a.title == before.title and a.description == before.description
    assert [(e.id, e.title, e.when, e.status, e.summary) for e in a.events] == \
        [(e.id, e.title, _span_of_candidates(e.when), e.status, e.summary)
         for e in before.events]
    assert [_track_title(a, e.track) for e in a.events] == \
        [_track_title(before, e.track) for e in before.events]
    assert timelinejs.losses(before) == [
        "the timeline's as-of date", "the date the data was last checked",
        "named views (knowledge date, range and tracks)",
        "people's roles, colours and names in other scripts",
        "the sources people's names in other scripts were checked against",
        "places' countries, venues and coordinates", "the sources of places' coordinates",
        "sources' outlets, dates and notes",
        "event kinds", "occasions", "places of events", "participants", "topics",
        "quotations", "figures", "links between related events", "events' sources",
        "reports (what was known when)", "importance",
        "approximate or uncertain dates (~ ?)",
        "dates that are one of a set ([2014-07-14,2014-07-15]), written as the span of days "
        "they could fall on",
        "track order (TimelineJS orders groups by their first event)"]
    # The only thing read back with a warning is the "14 or 15 Jul 2014" label we wrote.
    disputed = [i for i, e in enumerate(before.events) if dates.parse(e.when).one_of]
    assert [w.path for w in after.warnings] == [f"$.events[{i}].display_date" for i in disputed]


def test_ics_round_trip() -> None:
    before = default_timeline()
    after = ics.read(ics.write(before), "x.ics", today=dt.date(2030, 1, 1))
    assert_valid(after)
    a = after.timeline
    assert a.title == before.title and a.description == before.description
    got = [(e.id, e.title, e.when, e.status, e.summary, e.topics) for e in a.events]
    want = [(e.id, e.title, e.when, e.status, e.summary, e.topics) for e in before.events]
    assert got == want
    for x, y in zip(a.events, before.events, strict=True):
        assert _names(a, x.participants) == _names(before, y.participants)
        assert _track_title(a, x.track) == _track_title(before, y.track)
        place_b = before.place(y.place)
        place_a = a.place(x.place)
        assert (place_a is None) == (place_b is None)
        if place_a and place_b:
            assert place_a.latitude == place_b.latitude
    assert ics.losses(before) == [
        "the timeline's as-of date", "the date the data was last checked",
        "named views (knowledge date, range and tracks)",
        "people's roles, colours and names in other scripts",
        "the sources people's names in other scripts were checked against",
        "places' countries, venues and coordinates", "the sources of places' coordinates",
        "sources' outlets, dates and notes",
        "event kinds", "occasions", "quotations", "figures", "links between related events",
        "reports (what was known when)", "importance",
        "sources other than one web address per event"]


def test_ics_month_precision_is_an_all_day_span_that_says_so() -> None:
    t = default_timeline()
    month = t.events[0].__class__(id="m", track=t.events[0].track, title="Month", when="2024-05")
    t2 = Timeline(format=t.format, title="t", tracks=t.tracks, events=(month,))
    text = ics.write(t2).decode()
    assert "DTSTART;VALUE=DATE:20240501" in text and "DTEND;VALUE=DATE:20240601" in text
    assert "Date as recorded: May 2024 (2024-05)" in text.replace("\r\n ", "")
    # Read by another importer that ignores X-SUMMIT-WHEN, the span is still May.
    stripped = "\r\n".join(x for x in text.split("\r\n") if not x.startswith("X-SUMMIT-WHEN"))
    back = ics.read(stripped.encode(), "m.ics").timeline.events[0]
    assert back.when == "2024-05-01/2024-05-31"


def test_csv_round_trip() -> None:
    before = default_timeline()
    after = csv_plain.read(csv_plain.write(before), "x.csv")
    assert_valid(after)
    a = after.timeline
    fields = ("id", "title", "when", "status", "kind", "occasion", "summary", "topics",
              "related", "importance")
    assert [tuple(getattr(e, f) for f in fields) for e in a.events] == \
        [tuple(getattr(e, f) for f in fields) for e in before.events]
    for x, y in zip(a.events, before.events, strict=True):
        assert _names(a, x.participants) == _names(before, y.participants)
        assert _track_title(a, x.track) == _track_title(before, y.track)
        assert [s.title for s in map(a.source, x.sources) if s] == \
            [s.title.replace(";", ",") for s in map(before.source, y.sources) if s]
        assert [s.url for s in map(a.source, x.sources) if s] == \
            [s.url for s in map(before.source, y.sources) if s]
    assert csv_plain.losses(before) == [
        "the timeline's description", "the timeline's as-of date",
        "the date the data was last checked", "named views (knowledge date, range and tracks)",
        "people's roles, colours and names in other scripts",
        "the sources people's names in other scripts were checked against",
        "places' countries, venues and coordinates", "the sources of places' coordinates",
        "sources' outlets, dates and notes",
        "quotations", "figures", "reports (what was known when)", "venues of places",
        "semicolons inside names, topics and source titles (written as commas)"]


def test_exported_timelinejs_is_what_timelinejs_expects() -> None:
    import json
    doc = json.loads(timelinejs.write(default_timeline()))
    assert set(doc) == {"title", "events"}
    for slide in doc["events"]:
        assert isinstance(slide["start_date"]["year"], int)
        assert set(slide) <= {"unique_id", "start_date", "end_date", "text", "group",
                              "display_date", "media"}
        assert set(slide["text"]) == {"headline", "text"}


def _one_of_timeline() -> Timeline:
    t = default_timeline()
    disputed = t.events[0].__class__(id="fortaleza", track=t.events[0].track,
                                     title="Disputed day", when="[2014-07-14,2014-07-15]")
    return Timeline(format=t.format, title="t", tracks=t.tracks, events=(disputed,))


def test_a_day_sources_disagree_on_survives_csv_and_ics() -> None:
    before = _one_of_timeline()
    for back in (csv_plain.read(csv_plain.write(before), "x.csv"),
                 ics.read(ics.write(before), "x.ics", today=dt.date(2030, 1, 1))):
        assert back.timeline.events[0].when == "[2014-07-14,2014-07-15]"
    text = ics.write(before).decode().replace("\r\n ", "")
    assert "Date as recorded: 14 or 15 Jul 2014" in text
    assert "dates that are one of a set" not in " ".join(ics.losses(before) +
                                                         csv_plain.losses(before))


def test_timelinejs_shows_the_candidates_and_says_what_it_loses() -> None:
    import json

    before = _one_of_timeline()
    slide = json.loads(timelinejs.write(before))["events"][0]
    assert slide["display_date"] == "14 or 15 Jul 2014"
    assert slide["start_date"] == {"year": 2014, "month": 7, "day": 14}
    assert slide["end_date"] == {"year": 2014, "month": 7, "day": 15}
    assert any(loss.startswith("dates that are one of a set") for loss in
               timelinejs.losses(before))
