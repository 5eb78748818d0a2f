"""Each importer on fixture files written for these tests: what it keeps, warns about, refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from formats_support import assert_placed, assert_valid, fixture

from summit_timeline.core.formats import all_formats as _registered  # noqa: F401
from summit_timeline.core.formats import (
    csv_plain,
    ics,
    registry,
    thetimelineproj,
    timelinejs,
    timelinejs_csv,
)
from summit_timeline.core.problems import LoadError


def _messages(loaded) -> str:
    return "\n".join(str(w) for w in loaded.warnings)


# ---------------------------------------------------------------- TimelineJS3 JSON


@pytest.fixture(scope="module")
def tl3():
    loaded = timelinejs.read(fixture("tl3_meetings.json"), "tl3_meetings.json")
    assert_valid(loaded)
    return loaded


def test_tl3_title_slide_and_html(tl3) -> None:
    t = tl3.timeline
    assert t.title == "Leaders & summits, test edition"
    assert t.description == "A small timeline written for the importer tests."
    first = t.events[0]
    assert "<script>" not in first.summary and "steal" not in first.summary
    assert "<b>signed</b>" in first.summary  # allowed markup stays
    assert "removed: <script>" in _messages(tl3)


def test_tl3_groups_become_tracks_in_order_of_first_appearance(tl3) -> None:
    titles = [tr.title for tr in tl3.timeline.ordered_tracks()]
    # 2023 "Bilateral" comes first by date; ungrouped events get a track after the groups.
    assert titles == ["Bilateral", "Summit side-meetings", "(no group)", "Eras"]


def test_tl3_dates_take_the_precision_of_the_finest_field(tl3) -> None:
    when = {e.title: e.when for e in tl3.timeline.events}
    assert when["Talks in the capital"] == "2024-05-16/2024-05-17"  # string year and month
    assert when["Evening meeting at the summit"] == "2024-07-03"  # hour dropped, warned
    assert when["An ancient treaty"] == "-0472-03-15"  # TimelineJS -473 shows as 473 BCE
    assert when["Very early context"] == "Y-13800000000"
    assert when["A year-only entry"] == "2023"
    assert when["Season of visits"] == "2024-05/2024-10-31"  # an era
    assert "times of day are not kept" in _messages(tl3)


def test_tl3_ids_media_status_and_labels(tl3) -> None:
    events = {e.title: e for e in tl3.timeline.events}
    assert events["Talks in the capital"].id == "talks-capital"
    assert events["Evening meeting at the summit"].id == "talks-capital-2"
    media = events["Evening meeting at the summit"].media[0]
    assert (media.file, media.url, media.caption, media.credit) == \
        ("photos/evening.jpg", None, "Arrival", "Pool")
    assert events["Autumn summit"].media[0].url == "https://example.org/venue.jpg"
    assert events["Autumn summit"].status == "planned"  # from "(planned)" in display_date
    assert events["A year-only entry"].media == ()  # javascript: URL dropped
    text = _messages(tl3)
    for expected in ("display_text", "script URL", "thumbnail", "backgrounds",
                     "title slide's media", "eras became events"):
        assert expected in text


def test_tl2_legacy_form() -> None:
    loaded = timelinejs.read(fixture("tl2_legacy.json"), "tl2_legacy.json")
    assert_valid(loaded)
    events = {e.title: e for e in loaded.timeline.events}
    assert loaded.timeline.title == "Old-style timeline"
    assert events["Visit"].when == "2024-05-16/2024-05-17"
    assert events["Visit"].media[0].credit == "Pool"
    assert events["Summer summit"].when == "2024-07"
    assert events["Whole year"].when == "2024"
    assert events["Election year"].track == "eras"


@pytest.mark.parametrize(("text", "where", "needle"), [
    ('{"events": [{"text": {"headline": "x"}}]}', (1, 13), "start_date"),
    ('{"events": [{"start_date": {"year": "1963 BC"}}]}', (1, 37), "whole number"),
    ('{"events": [\n {"start_date": {"year": 2024, "month": 13}}]}', (2, 41), "month 13"),
    ('{"events": [{"start_date": {"year": 2023, "month": 2, "day": 29}}]}', (1, 62), "day 29"),
    ('{"events": {}}', (1, 12), "array"),
    ('{"events": [1, 2', (1, 17), "ends before the list $.events (opened at line 1, column 12)"),
    ('[1]', (1, 1), "TimelineJS"),
    ('{"title": {}}', (1, 1), "no 'events'"),
])
def test_tl3_errors_have_a_place(text: str, where: tuple[int, int], needle: str) -> None:
    with pytest.raises(LoadError) as info:
        timelinejs.read(text.encode(), "bad.json")
    assert_placed(info.value)
    first = info.value.problems[0]
    assert (first.line, first.column) == where
    assert needle in first.message


# ---------------------------------------------------------------- TimelineJS CSV


def test_timelinejs_sheet() -> None:
    loaded = timelinejs_csv.read(fixture("timelinejs_sheet.csv"), "sheet.csv")
    assert_valid(loaded)
    t = loaded.timeline
    assert t.title == "Summit sheet"
    assert t.description == "Meetings kept in a spreadsheet."
    events = {e.title: e for e in t.events}
    assert events["Capital talks"].when == "2024-05-16/2024-05-17"
    assert events["Capital talks"].summary == "Talks, then a dinner."
    assert events["Capital talks"].media[0].caption == "The hall"
    assert events["Evening meeting"].when == "2024-07-03"
    assert events["Autumn summit"].when == "2024-10"
    assert events["Autumn summit"].status == "planned"
    assert events["Old reference"].when == "-0049"  # the sheet's -50 shows as 50 BCE
    assert events["Year of meetings"].when == "2024-01/2024-12"
    assert events["Year of meetings"].track == "eras"
    text = _messages(loaded)
    for expected in ("backgrounds", "<iframe>", "times of day", "eras became events"):
        assert expected in text


def test_timelinejs_sheet_bad_cell_names_row_and_column() -> None:
    data = b"Year,Month,Day,Headline\n2024,5,16,Fine\n2024,5,32,Bad day\nabc,,,Bad year\n"
    with pytest.raises(LoadError) as info:
        timelinejs_csv.read(data, "sheet.csv")
    assert_placed(info.value)
    got = [(p.line, p.column, p.path) for p in info.value.problems]
    assert got == [(3, 3, "row 2, column 'Day'"), (4, 1, "row 3, column 'Year'")]


# ---------------------------------------------------------------- thetimelineproj


@pytest.fixture(scope="module")
def ttp():
    loaded = thetimelineproj.read(fixture("meetings.timeline"), "meetings.timeline")
    assert_valid(loaded)
    return loaded


def test_thetimelineproj_categories_become_coloured_tracks(ttp) -> None:
    tracks = {tr.title: tr for tr in ttp.timeline.tracks}
    assert tracks["Bilateral"].colour == "#1F5AA6"
    assert tracks["Summits"].colour == "#C8102E"
    assert "category hierarchy" in _messages(ttp)


def test_thetimelineproj_events(ttp) -> None:
    events = {e.title: e for e in ttp.timeline.events}
    container = events["Summit in the steppe"]
    sub = events["Evening talks"]
    assert container.related == (sub.id,) and sub.related == (container.id,)
    assert sub.when == "2024-07-03" and sub.topics == ("trade", "energy")
    assert len(sub.sources) == 2
    assert events["Capital visit"].when == "2024-05-16~/2024-05-17~"  # fuzzy
    assert events["Capital visit"].topics == ("Summits",)  # extra category
    milestone = events["(Bracketed) title kept"]  # escaped leading space stripped
    assert milestone.when == "-0473-03-15" and milestone.kind == "milestone"
    assert events["Autumn summit"].when == "2024-10-22/.."  # ends_today
    assert events[""].when == "2024-01-01"  # empty text is allowed
    assert events["Visit season"].track == "eras"
    text = _messages(ttp)
    for expected in ("view settings", "icons", "future_tag", "times of day", "colours of single"):
        assert expected in text


@pytest.mark.parametrize(("name", "needle"), [
    ("old_text_format.timeline", "before 0.21"),
    ("entity_bomb.timeline", "entity"),
])
def test_thetimelineproj_refuses(name: str, needle: str) -> None:
    with pytest.raises(LoadError) as info:
        thetimelineproj.read(fixture(name), name)
    assert_placed(info.value)
    assert needle in info.value.problems[0].message


def test_thetimelineproj_other_refusals() -> None:
    cases = {
        b"<timeline><timetype>numtime</timetype><events/></timeline>": "gregoriantime",
        b"<timeline><events><event><start>2024-02-30 00:00:00</start>"
        b"<end>2024-03-01 00:00:00</end><text>x</text></event></events></timeline>": "not a date",
        b"<timeline><events><event>": "malformed XML",
        b"<other/>": "not <timeline>",
        b'<!DOCTYPE t SYSTEM "http://example.org/t.dtd"><timeline/>': "refused",
    }
    for data, needle in cases.items():
        with pytest.raises(LoadError) as info:
            thetimelineproj.read(data, "x.timeline")
        assert_placed(info.value)
        assert needle in str(info.value), (data, str(info.value))


# ---------------------------------------------------------------- iCalendar


@pytest.fixture(scope="module")
def cal():
    loaded = ics.read(fixture("meetings.ics"), "meetings.ics", today=dt.date(2024, 7, 10))
    assert_valid(loaded)
    return loaded


def test_ics_dates_stay_on_their_day(cal) -> None:
    events = {e.id: e for e in cal.timeline.events}
    # 23:00 in Almaty is 18:00 UTC: the venue's date is kept, not the UTC date.
    assert events["astana-1-example.org"].when == "2024-07-03/2024-07-04"
    # A UTC time is converted to X-WR-TIMEZONE (Asia/Almaty, UTC+5): 20:00Z is 01:00 next day.
    assert events["utc-1"].when == "2024-07-03"
    # DTEND of an all-day event is exclusive.
    assert events["allday"].when == "2024-10-22/2024-10-24"


def test_ics_fields(cal) -> None:
    t = cal.timeline
    ev = t.event("astana-1-example.org")
    assert ev is not None
    place = t.place(ev.place)
    assert place is not None and place.name == "Astana" and place.latitude == 51.16
    names = [p.name for p in (t.person(x) for x in ev.participants) if p]
    assert names == ["Host Office", "Leader A"]
    track = t.track(ev.track)
    assert track is not None and track.title == "Bilateral" and ev.topics == ("Energy",)
    assert t.title == "Meetings"


def test_ics_status_mapping(cal) -> None:
    events = {e.id: e for e in cal.timeline.events}
    assert events["astana-1-example.org"].status == "held"  # CONFIRMED, past
    assert events["allday"].status == "planned"  # TENTATIVE
    later = ics.read(fixture("meetings.ics"), "m.ics", today=dt.date(2024, 1, 1))
    assert later.timeline.event("astana-1-example.org").status == "planned"  # not yet past
    data = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:c\r\nDTSTART;VALUE=DATE:20240101\r\n"
            b"STATUS:CANCELLED\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert ics.read(data, "c.ics").timeline.events[0].status == "cancelled"


def test_ics_recurrence_is_expanded_within_bounds(cal) -> None:
    ids = [e.id for e in cal.timeline.events]
    weekly = [i for i in ids if i.startswith("weekly-")]
    # COUNT=5 minus one EXDATE; the 15 January occurrence is replaced by its override.
    assert weekly == ["weekly-2024-01-01", "weekly-2024-01-15", "weekly-2024-01-22",
                      "weekly-2024-01-29"]
    assert cal.timeline.event("weekly-2024-01-15").when == "2024-01-16"
    assert len([i for i in ids if i.startswith("forever-")]) == 500
    assert "expanded up to 500 occurrences" in _messages(cal)


def test_ics_errors_name_the_line() -> None:
    """When no event of a calendar can be used, the file is refused with each reason."""
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:no start\r\n"
            b"END:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:garbage\r\nEND:VEVENT\r\n"
            b"END:VCALENDAR\r\n")
    with pytest.raises(LoadError) as info:
        ics.read(data, "bad.ics")
    assert_placed(info.value)
    assert [(p.line, p.path) for p in info.value.problems] == \
        [(3, "VEVENT[1]"), (9, "VEVENT[2].DTSTART")]
    with pytest.raises(LoadError) as info:
        ics.read(b"hello", "x.ics")
    assert "BEGIN:VCALENDAR" in str(info.value)


# ---------------------------------------------------------------- plain CSV


def test_plain_csv() -> None:
    loaded = csv_plain.read(fixture("events.csv"), "events.csv")
    assert_valid(loaded)
    t = loaded.timeline
    first = t.event("capital-talks")
    assert first is not None
    assert first.when == "2024-05-16/2024-05-17" and first.kind == "bilateral"
    assert first.summary == "Two days of talks.\n\nA statement followed."
    assert [p.name for p in (t.person(x) for x in first.participants) if p] == \
        ["Leader A", "Leader B"]
    source = t.source(first.sources[0])
    assert source is not None and source.url == "https://example.org/readout"
    assert first.importance == 3 and first.media[0].file == "photos/hall.jpg"
    assert t.event("steppe-summit").related == ("capital-talks",)  # id made from the title
    assert t.event("autumn").when == "2024-10~" and t.event("autumn").status == "planned"
    assert "colour" in _messages(loaded)


def test_plain_csv_skips_each_bad_row_with_a_warning_at_its_cell() -> None:
    """As the iCalendar reader skips a bad event: the good rows are kept."""
    loaded = csv_plain.read(fixture("events_bad.csv"), "events_bad.csv")
    assert [e.id for e in loaded.timeline.events] == ["ok-1", "row-8"]
    assert loaded.timeline.event("row-8").related == (), "the link to nowhere is dropped"
    got = [(p.line, p.column, p.path.split("'")[1]) for p in loaded.warnings]
    assert got == [(3, 1, "id"), (4, 3, "when"), (5, 5, "status"), (6, 6, "kind"),
                   (7, 8, "importance"), (8, 4, "end"), (9, 9, "related")]
    assert all(p.severity == "warning" for p in loaded.warnings)
    assert all(p.message.endswith("; the row was skipped") for p in loaded.warnings[:-1])
    assert loaded.warnings[-1].message.endswith("; the link was not kept")


def test_plain_csv_with_no_readable_row_is_refused_naming_every_bad_cell() -> None:
    with pytest.raises(LoadError) as info:
        csv_plain.read(fixture("events_unreadable.csv"), "events_unreadable.csv")
    assert_placed(info.value)
    got = [(p.line, p.column, p.path.split("'")[1]) for p in info.value.problems]
    assert got == [(2, 3, "when"), (3, 1, "id")]
    assert all(p.severity == "error" for p in info.value.problems)


def test_plain_csv_needs_title_and_when() -> None:
    with pytest.raises(LoadError) as info:
        csv_plain.read(b"id,name_of_thing\n1,2\n", "x.csv")
    assert_placed(info.value)
    assert "'title'" in str(info.value)


# ---------------------------------------------------------------- detection


@pytest.mark.parametrize(("name", "expected"), [
    ("tl3_meetings.json", "timelinejs"),
    ("tl2_legacy.json", "timelinejs"),
    ("timelinejs_sheet.csv", "timelinejs-csv"),
    ("meetings.timeline", "thetimelineproj"),
    ("old_text_format.timeline", "thetimelineproj"),
    ("meetings.ics", "ics"),
    ("events.csv", "csv"),
])
def test_detected_by_content_whatever_the_name(name: str, expected: str) -> None:
    data = fixture(name)
    for given in (name, "download.dat", "export.txt"):
        fmt = registry.detect(data, given)
        assert fmt is not None and fmt.name == expected, given


def test_native_still_wins_for_native_files() -> None:
    data = b'{"format": "summit-timeline/1", "title": "x", "events": []}'
    fmt = registry.detect(data, "x.json")
    assert fmt is not None and fmt.name == "native"
