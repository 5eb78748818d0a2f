"""native → X → native keeps what X can hold; what X cannot hold is listed, and asserted here."""

from __future__ import annotations

import datetime as dt

from formats_support import assert_valid, default_timeline

from summit_timeline.core.formats import csv_plain, ics, timelinejs
from summit_timeline.core.model import Timeline


def _names(t: Timeline, ids) -> list[str]:
    return [p.name for p in (t.person(i) for i in ids) if p]


def _track_title(t: Timeline, track_id: str) -> str:
    track = t.track(track_id)
    return track.title if track else ""


def test_timelinejs_round_trip() -> None:
    before = default_timeline()
    after = timelinejs.read(timelinejs.write(before), "x.json")
    assert_valid(after)
    a = after.timeline
    assert a.title == before.title and a.description == before.description
    assert [(e.id, e.title, e.when, e.status, e.summary) for e in a.events] == \
        [(e.id, e.title, e.when, e.status, e.summary) for e in before.events]
    assert [_track_title(a, e.track) for e in a.events] == \
        [_track_title(before, e.track) for e in before.events]
    not_written = [
        "the timeline's as-of date", "the date the data was last checked",
        "named views (knowledge date, range and tracks)",
        "people's roles, colours and names in other scripts",
        "the sources people's names in other scripts were checked against",
        "sources' outlets, dates and notes",
        "event kinds", "occasions", "places of events", "participants", "topics",
        "quotations", "figures", "links between related events", "events' sources",
        "reports (what was known when)", "importance"]
    assert [str(loss) for loss in timelinejs.losses(before)] == [
        *(f"{what}; not written" for what in not_written),
        "approximate or uncertain dates (~ ?); written without the ~ or ?",
        "track order; TimelineJS orders the groups by their first event"]
    # Nothing we wrote comes back as a warning: "14 or 15 Jul 2014" is read as the date.
    assert after.warnings == []


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
    assert [str(loss) for loss in ics.losses(before)] == [
        "the timeline's as-of date; not written", "the date the data was last checked; not written",
        "named views (knowledge date, range and tracks); not written",
        "people's roles, colours and names in other scripts; not written",
        "the sources people's names in other scripts were checked against; not written",
        "places' countries; not written",
        "venues of places; written before the town as one name (Great Hall of the People, "
        "Beijing)",
        "the sources of places' coordinates; not written",
        "sources' outlets, dates and notes; not written",
        "event kinds; not written", "occasions; not written", "quotations; not written",
        "figures; not written", "links between related events; not written",
        "reports (what was known when); not written", "importance; not written",
        "sources other than one web address per event; the first source's web address is "
        "written as the event's URL"]


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
    assert [str(loss) for loss in csv_plain.losses(before)] == [
        "the timeline's description; not written", "the timeline's as-of date; not written",
        "the date the data was last checked; not written",
        "named views (knowledge date, range and tracks); not written",
        "people's roles, colours and names in other scripts; not written",
        "the sources people's names in other scripts were checked against; not written",
        "places' countries; not written",
        "venues of places; written as their town (the Great Hall of the People as Beijing)",
        "places' coordinates; not written", "the sources of places' coordinates; not written",
        "sources' outlets, dates and notes; not written",
        "quotations; not written", "figures; not written",
        "reports (what was known when); not written",
        "semicolons inside names, topics and source titles; written as commas"]


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
    assert "dates that are one of a set" not in " ".join(
        loss.what for loss in ics.losses(before) + csv_plain.losses(before))


def test_timelinejs_shows_the_candidates_and_reads_them_back() -> None:
    """TimelineJS shows the span with a label naming the days; our reader takes the label
    for the date, so the trip loses nothing and warns of nothing."""
    import json

    before = _one_of_timeline()
    slide = json.loads(timelinejs.write(before))["events"][0]
    assert slide["display_date"] == "14 or 15 Jul 2014"
    assert slide["start_date"] == {"year": 2014, "month": 7, "day": 14}
    assert slide["end_date"] == {"year": 2014, "month": 7, "day": 15}
    assert not any(loss.what.startswith("dates that are one of a set") for loss in
                   timelinejs.losses(before))
    back = timelinejs.read(timelinejs.write(before), "x.json")
    assert back.timeline.events[0].when == "[2014-07-14,2014-07-15]" and back.warnings == []


def test_a_display_date_someone_else_wrote_is_still_reported() -> None:
    import json

    doc = {"events": [{"start_date": {"year": 2014, "month": 7, "day": 14},
                       "end_date": {"year": 2014, "month": 7, "day": 15},
                       "display_date": "Mid-July 2014 (planned)",
                       "text": {"headline": "Talks"}}]}
    back = timelinejs.read(json.dumps(doc).encode(), "x.json")
    event = back.timeline.events[0]
    assert event.when == "2014-07-14/2014-07-15" and event.status == "planned"
    assert [w.path for w in back.warnings] == ["$.events[0].display_date"]
