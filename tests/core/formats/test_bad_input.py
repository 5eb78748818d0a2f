"""Bad input: only LoadError escapes, every error has a place, and resources stay bounded.

Two kinds of fuzzing per importer: hypothesis (arbitrary bytes and structured
near-misses), and deterministic mutations (byte flips, truncations,
insertions, deletions, duplications) of real-looking files.  Inputs are small,
so each call is quick; no timing is asserted, a hang would stall the run.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable

import pytest
from formats_support import assert_placed, assert_valid, default_timeline, fixture
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summit_timeline.core.formats import (
    csv_plain,
    ics,
    limits,
    native,
    thetimelineproj,
    timelinejs,
    timelinejs_csv,
)
from summit_timeline.core.problems import LoadError

Reader = Callable[[bytes, str], native.Loaded]


def _ics_read(data: bytes, name: str) -> native.Loaded:
    return ics.read(data, name, today=dt.date(2024, 7, 10))


def _small_default() -> native.Timeline:  # type: ignore[name-defined]
    t = default_timeline()
    return t.__class__(format=t.format, title=t.title, description=t.description,
                       people=t.people, places=t.places, sources=t.sources, tracks=t.tracks,
                       events=t.events[:5])


def _seeds() -> dict[str, tuple[Reader, list[bytes]]]:
    small = _small_default()
    ics_fixture = fixture("meetings.ics").replace(b"RRULE:FREQ=DAILY\n",
                                                  b"RRULE:FREQ=DAILY;COUNT=3\n")
    return {
        "timelinejs": (timelinejs.read, [fixture("tl3_meetings.json"), fixture("tl2_legacy.json"),
                                         timelinejs.write(small)]),
        "timelinejs-csv": (timelinejs_csv.read, [fixture("timelinejs_sheet.csv")]),
        "thetimelineproj": (thetimelineproj.read, [fixture("meetings.timeline")]),
        "ics": (_ics_read, [ics_fixture, ics.write(small)]),
        "csv": (csv_plain.read, [fixture("events.csv"), csv_plain.write(small)]),
    }


SEEDS = _seeds()
MUTATIONS_PER_FORMAT = 3000
_INTERESTING = [b"\x00", b"\xff", b"\xc3", b"{", b"}", b"[", b"]", b'"', b",", b"\n", b"\r\n ",
                b"<", b">", b"&", b"&a;", b"-", b"9999999999", b"-0", b"\t", b";", b":",
                b"<!ENTITY x 'y'>", b"BEGIN:VEVENT\n", b"END:VEVENT\n", b"RRULE:FREQ=DAILY\n",
                b"RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\n", b"(1)", b"[1]", b"null",
                b"\\", b"~", b"/..", b"Y-1", b"2024-02-30"]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        n = len(data)
        pos = rng.randrange(n + 1)
        if op == 0 and n:
            i = rng.randrange(n)
            data = data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]
        elif op == 1:
            data = data[:pos]
        elif op == 2:
            data = data[:pos] + rng.choice(_INTERESTING) + data[pos:]
        elif op == 3 and n:
            j = min(n, pos + rng.randint(1, 40))
            data = data[:pos] + data[j:]
        elif op == 4 and n:
            j = min(n, pos + rng.randint(1, 200))
            data = data[:j] + data[pos:j] + data[j:]
        else:
            data = data[:pos] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) \
                + data[pos:]
    return data


def _check(read: Reader, data: bytes) -> None:
    try:
        loaded = read(data, "fuzz.input")
    except LoadError as err:
        assert_placed(err)
        return
    assert_valid(loaded)


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_mutated_real_files(fmt: str) -> None:
    read, seeds = SEEDS[fmt]
    rng = random.Random(f"summit-{fmt}")
    for seed in seeds:
        _check(read, seed)
    for i in range(MUTATIONS_PER_FORMAT):
        data = _mutate(rng, seeds[i % len(seeds)])
        try:
            _check(read, data)
        except AssertionError as err:
            raise AssertionError(f"mutation {i} of {fmt}: {data[:300]!r}") from err


_FUZZ = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("fmt", sorted(SEEDS))
@_FUZZ
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes(fmt: str, data: bytes) -> None:
    _check(SEEDS[fmt][0], data)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False)
    | st.text(max_size=12) | st.sampled_from(["2024", "05", "-473", "", "x", "<b>x</b>"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["year", "month", "day", "hour", "text", "headline", "group", "media",
                         "url", "unique_id", "display_date", "start_date", "end_date",
                         "events", "eras", "title", "timeline", "date", "startDate"]),
        inner, max_size=5),
    max_leaves=25)


@_FUZZ
@given(events=st.lists(_json_values, max_size=5), extra=_json_values)
def test_structured_timelinejs(events: list[object], extra: object) -> None:
    for doc in ({"events": events, "eras": extra}, {"timeline": {"date": events}},
                {"events": events, "title": extra}):
        _check(timelinejs.read, json.dumps(doc).encode())


_cell = st.sampled_from(["", "2024", "2024-05", "2024-05-16", "13", "-50", "x", "held",
                         "planned", "summit", "a;b", "title", "era", '"', "2024-05~", "3",
                         "Y-20000", "..", "2024/2025"]) | st.text(max_size=6)


@_FUZZ
@given(rows=st.lists(st.lists(_cell, min_size=1, max_size=18), max_size=6))
def test_structured_csv(rows: list[list[str]]) -> None:
    import csv
    import io
    for header, read in ((list(csv_plain.COLUMNS), csv_plain.read),
                         (["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day",
                           "End Time", "Display Date", "Headline", "Text", "Media",
                           "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group",
                           "Background"], timelinejs_csv.read)):
        out = io.StringIO()
        csv.writer(out).writerows([header, *rows])
        _check(read, out.getvalue().encode())


@_FUZZ
@given(lines=st.lists(st.sampled_from([
    "DTSTART:20240101T100000Z", "DTSTART;VALUE=DATE:20240229", "DTEND;VALUE=DATE:20240101",
    "DTSTART;TZID=Nowhere/Zone:20240101T100000", "DURATION:P3D", "DURATION:PT1H",
    "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "RRULE:FREQ=MONTHLY;COUNT=99999",
    "RRULE:FREQ=WEEKLY;UNTIL=99991231", "EXDATE:20240101T100000Z", "RDATE;VALUE=DATE:20250101",
    "RECURRENCE-ID;VALUE=DATE:20240101", "STATUS:TENTATIVE", "UID:x", "UID:x", "SUMMARY:s",
    "GEO:91;200", "GEO:1;2", "LOCATION:Here", "ATTENDEE;CN=A:mailto:a@x", "CATEGORIES:A,B",
    "BEGIN:VALARM", "END:VALARM", "X-SUMMIT-WHEN:2024-05", "X-SUMMIT-STATUS:postponed",
    "ATTACH:https://x", "BEGIN:VEVENT", "END:VEVENT", "garbage"]), max_size=14))
def test_structured_ics(lines: list[str]) -> None:
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", *lines, "END:VEVENT",
                        "END:VCALENDAR", ""])
    _check(_ics_read, body.encode())


# ---------------------------------------------------------------- resource limits


def test_deeply_nested_json_is_refused_before_parsing() -> None:
    data = b'{"events": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(LoadError) as info:
        timelinejs.read(data, "deep.json")
    assert_placed(info.value)
    assert "nested more than 64" in str(info.value)
    assert info.value.problems[0].column == 12 + 63  # the bracket that opens level 65


def test_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"events": [], "title": {"text": {"headline": "[" * 500}}})
    timelinejs.read(text.encode(), "ok.json")


def test_long_line_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real limit is 1 MiB; a smaller one keeps the test light while using the same code.
    data = b"id,title,when\n" + b"a,b,2024\n" * 10 + b"x" * 5000 + b"\n"
    with pytest.raises(LoadError) as info:
        limits.check_line_length(data, "long.csv", limit=4096)
    assert info.value.problems[0].line == 12
    limits.check_line_length(data, "long.csv", limit=5000)
    big = b"id,title,when\n" + b"y" * (limits.MAX_LINE_BYTES + 10)
    for read in (csv_plain.read, timelinejs_csv.read, _ics_read):
        with pytest.raises(LoadError) as info:
            read(big, "big")
        assert_placed(info.value)


def test_huge_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    for read in (timelinejs.read, csv_plain.read, timelinejs_csv.read, thetimelineproj.read,
                 _ics_read):
        with pytest.raises(LoadError) as info:
            read(b" " * 1001, "huge")
        assert "limit" in str(info.value)


def test_entity_bomb_is_refused_quickly() -> None:
    with pytest.raises(LoadError) as info:
        thetimelineproj.read(fixture("entity_bomb.timeline"), "bomb.timeline")
    assert "entity" in str(info.value)


def test_recurrence_never_expands_past_the_bounds() -> None:
    data = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTART;VALUE=DATE:20240101\r\n"
            b"RRULE:FREQ=DAILY;COUNT=1000000\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
            b"BEGIN:VEVENT\r\nUID:s\r\nDTSTART;VALUE=DATE:20240101\r\n"
            b"RRULE:FREQ=YEARLY\r\nSUMMARY:y\r\nEND:VEVENT\r\n"
            b"BEGIN:VEVENT\r\nUID:t\r\nDTSTART:20240101T000000\r\n"
            b"RRULE:FREQ=SECONDLY\r\nSUMMARY:z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    loaded = ics.read(data, "r.ics")
    ids = [e.id for e in loaded.timeline.events]
    assert len([i for i in ids if i.startswith("r-")]) == limits.MAX_OCCURRENCES
    yearly = [i for i in ids if i.startswith("s-")]
    assert yearly[-1] == "s-2034-01-01" and len(yearly) == 11
    assert ids[-1] == "t"  # sub-daily: first occurrence only, with a warning
    assert "more often than daily" in "\n".join(map(str, loaded.warnings))


# ---------------------------------------------------------------- recurrence rules

_RULE_PARTS = st.fixed_dictionaries({}, optional={
    "INTERVAL": st.integers(-2, 400).map(str) | st.sampled_from(["", "x", "99999999"]),
    "COUNT": st.integers(-1, 10**9).map(str),
    "UNTIL": st.sampled_from(["20240129T070000Z", "20240129", "20240129T100000", "19991231",
                              "99991231T235959Z", "2024", "20240230"]),
    "BYMONTH": st.lists(st.integers(-1, 14), min_size=1, max_size=3),
    "BYWEEKNO": st.lists(st.integers(-54, 54), min_size=1, max_size=3),
    "BYYEARDAY": st.lists(st.integers(-367, 367), min_size=1, max_size=3),
    "BYMONTHDAY": st.lists(st.integers(-32, 32), min_size=1, max_size=3),
    "BYDAY": st.lists(st.sampled_from(["MO", "TU", "SU", "1MO", "-1FR", "5SA", "53TH", "0WE",
                                       "54MO", "XX"]), min_size=1, max_size=3),
    "BYSETPOS": st.lists(st.integers(-367, 367), min_size=1, max_size=2),
    "BYHOUR": st.lists(st.integers(0, 25), min_size=1, max_size=4),
    "BYMINUTE": st.lists(st.integers(0, 61), min_size=1, max_size=3),
    "WKST": st.sampled_from(["MO", "SU", "XX"]),
})


@_FUZZ
@given(freq=st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "FOO", ""]),
       parts=_RULE_PARTS,
       start=st.sampled_from(["DTSTART;VALUE=DATE:20240229", "DTSTART:20240101T100000Z",
                              "DTSTART;TZID=Europe/Moscow:20241231T235900",
                              "DTSTART:20240101T100000", "DTSTART;VALUE=DATE:99991230",
                              "DTSTART;VALUE=DATE:00010101"]),
       extra=st.lists(st.sampled_from(["EXDATE;VALUE=DATE:20240307", "RDATE;VALUE=DATE:20250101",
                                       "RDATE:garbage", "RRULE:FREQ=DAILY;COUNT=2"]),
                      max_size=2))
def test_generated_recurrence_rules(freq: str, parts: dict[str, object], start: str,
                                    extra: list[str]) -> None:
    """Any rule, however odd, ends with a located error or events and warnings, at once."""
    text = ";".join([f"FREQ={freq}"] + [
        f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}" for k, v in parts.items()])
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:r", "SUMMARY:r",
                        start, f"RRULE:{text}", *extra, "END:VEVENT", "END:VCALENDAR", ""])
    try:
        loaded = _ics_read(body.encode(), "rules.ics")
    except LoadError as err:
        assert_placed(err)
        return
    assert_valid(loaded)
    assert 1 <= len(loaded.timeline.events) <= limits.MAX_OCCURRENCES + 2


# ---------------------------------------------------------------- one problem in a big file


_SPOILERS = [b'"colour_hint": 1', b'"importance": "high"', b'"importance": ' + b"9" * 5000,
             b'"title": "\\udc00"', b'"when": "2024-13-01"', b'"track": 5']
"""Each goes last in its event, so that no later key of the same name overrides it."""


@pytest.mark.parametrize("size", [1_000, 10_000])
def test_one_problem_anywhere_in_a_big_file_is_located(size: int) -> None:
    """A spoiler dropped at random events of files of two size classes: every problem is
    placed on the line of the event it was dropped into."""
    from summit_timeline.commands.synthetic import synthetic_timeline

    clean = native.encode(synthetic_timeline(size, seed=size))
    starts = [m.start() for m in __import__("re").finditer(rb'"id": "e', clean)]
    rng = random.Random(size)
    for spoiler in _SPOILERS:
        end = clean.index(b"\n    }", rng.choice(starts))
        data = clean[:end] + b",\n      " + spoiler + clean[end:]
        line = clean.count(b"\n", 0, end) + 2
        try:
            loaded = native.decode(data, "big.timeline.json")
        except LoadError as err:
            assert_placed(err)
            assert [p.line for p in err.problems] == [line], (spoiler, err.problems)
            continue
        assert [w.line for w in loaded.warnings] == [line], spoiler
