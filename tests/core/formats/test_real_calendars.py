"""Calendars shaped like what calendar programs really write (``tests/data/real/``).

Each file was written for this project in the shape of one program's
export: Mozilla's one VCALENDAR per event, Google's UNTIL in UTC, a phone's
birthday list, an export with one broken event.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from formats_support import assert_valid

from summit_timeline.core.formats import ics

REAL = Path(__file__).parents[2] / "data" / "real"


def _read(name: str) -> ics.Loaded:  # type: ignore[name-defined]
    loaded = ics.read((REAL / name).read_bytes(), name, today=dt.date(2024, 12, 31))
    assert_valid(loaded)
    return loaded


def test_one_vcalendar_block_per_event_gives_every_event() -> None:
    loaded = _read("one_vcalendar_per_event.ics")
    assert [(e.id, e.when) for e in loaded.timeline.events] == [
        ("moz-1", "2024-05-16"), ("moz-2", "2024-07-03"), ("moz-3", "2024-10-22")]


@pytest.mark.parametrize("title", ["Zoned weekly call", "All-day weekly review", "UTC weekly call",
                                   "Floating weekly call"])
def test_until_in_utc_ends_the_rule_on_its_last_day(title: str) -> None:
    """Weekly from Monday 1 January to Monday 29 January is five meetings, whatever
    kind of start the event has."""
    loaded = _read("until_in_utc.ics")
    days = [e.when for e in loaded.timeline.events if e.title == title]
    assert days == ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"]
    assert not any("could not be read" in w.message for w in loaded.warnings)


def test_an_event_without_a_start_is_skipped_and_said_so() -> None:
    loaded = _read("one_bad_event.ics")
    assert [e.title for e in loaded.timeline.events] == \
        ["Talks in Beijing", "Meeting in Astana", "Meeting in Astana"]
    skipped = [w for w in loaded.warnings if "skipped" in w.message]
    assert [(w.line, w.path) for w in skipped] == [(10, "VEVENT[2]")]
    assert "no DTSTART" in skipped[0].message


def test_a_broken_rdate_is_blamed_on_the_rdate_line() -> None:
    loaded = _read("one_bad_event.ics")
    blamed = [w for w in loaded.warnings if "2024-07-xx" in w.message]
    assert [(w.line, w.path) for w in blamed] == [(20, "VEVENT[3].RDATE")]
    assert not any("RRULE" in w.path and "could not" in w.message for w in loaded.warnings)


def test_recurrence_warnings_are_grouped() -> None:
    loaded = _read("birthdays.ics")
    assert len(loaded.timeline.events) == 40 * 11
    recurring = [w for w in loaded.warnings if "RRULE" in w.path]
    assert len(recurring) == 1
    assert "(40 times; the first is shown)" in recurring[0].message


def test_library_warnings_become_located_warnings_without_source_paths() -> None:
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\n"
            b"DTSTART;TZID=/summit.example/Asia/Tbilisi:20240101T100000\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    loaded = ics.read(data, "evolution.ics")
    library = [w for w in loaded.warnings if "calendar library" in w.message]
    assert len(library) == 1 and library[0].line == 1
    assert "site-packages" not in library[0].message and ".py" not in library[0].message
    assert "Asia/Tbilisi" in library[0].message


def test_malformed_calendar_message_is_one_line() -> None:
    data = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\nEND:VEVENT\r\n"
    with pytest.raises(ics.LoadError) as info:  # type: ignore[attr-defined]
        ics.read(data, "broken.ics")
    assert "\n" not in str(info.value)
