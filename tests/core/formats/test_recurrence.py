"""Recurrence rules: expanded to the days a calendar program shows, in bounded time.

The expander is checked against python-dateutil (the reference most Python
calendar code uses) on generated rules, and against ``date.isocalendar`` for
week numbers, where dateutil itself is wrong near the turn of some years.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from dateutil import rrule
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from summit_timeline.core.formats import ics, limits
from summit_timeline.core.formats.recurrence import (
    WEEKDAYS,
    RuleError,
    RuleRefused,
    expand,
    parse_rule,
)
from summit_timeline.core.problems import LoadError


def _calendar(*events: str) -> bytes:
    body = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    for n, event in enumerate(events):
        body += ["BEGIN:VEVENT", f"UID:e{n}", "SUMMARY:event", *event.split("\n"), "END:VEVENT"]
    return ("\r\n".join([*body, "END:VCALENDAR", ""])).encode()


def _days(rule: str, start: dt.date, years: int = 10) -> list[dt.date]:
    return expand(parse_rule(rule), start, dt.date(start.year + years, start.month, 28), 500)


# ---------------------------------------------------------------- the reproducers


@pytest.mark.parametrize("freq", ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"])
def test_interval_zero_is_refused_with_its_line(freq: str) -> None:
    data = _calendar(f"DTSTART;VALUE=DATE:20240101\nRRULE:FREQ={freq};INTERVAL=0")
    with pytest.raises(LoadError) as info:
        ics.read(data, "zero.ics")
    problem = info.value.problems[0]
    assert (problem.line, problem.path) == (7, "VEVENT[1].RRULE")
    assert "INTERVAL=0" in problem.message


def test_impossible_rules_keep_the_first_occurrence_with_one_grouped_warning() -> None:
    rules = ["FREQ=DAILY;BYMONTH=13", "FREQ=YEARLY;BYYEARDAY=0", "FREQ=WEEKLY;BYWEEKNO=0",
             "FREQ=MONTHLY;BYMONTHDAY=0", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
             "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31"] * 4
    data = _calendar(*(f"DTSTART;VALUE=DATE:20240101\nRRULE:{r}" for r in rules))
    loaded = ics.read(data, "impossible.ics")
    assert [e.when for e in loaded.timeline.events] == ["2024-01-01"] * len(rules)
    text = [w.message for w in loaded.warnings]
    assert len(text) == 2, text  # one for out-of-range parts, one for rules that never match
    assert "(16 times" in text[0] and "BYMONTH=13 is outside 1–12" in text[0]
    assert "(8 times" in text[1] and "give no date" in text[1]


def test_weekly_with_times_of_day_is_one_event_a_week() -> None:
    data = _calendar("DTSTART;VALUE=DATE:20240101\n"
                     "RRULE:FREQ=WEEKLY;BYHOUR=9,10,11;BYMINUTE=0,30;BYSECOND=0,1;COUNT=24")
    days = [e.when for e in ics.read(data, "w.ics").timeline.events]
    # 24 instances at 12 a day are two days: two weekly events, not 24 on one day.
    assert days == ["2024-01-01", "2024-01-08"]
    many = _calendar("DTSTART:20240101T090000\nRRULE:FREQ=WEEKLY;BYHOUR=9,10,11,12")
    whens = [e.when for e in ics.read(many, "w.ics").timeline.events]
    assert len(whens) == len(set(whens))


@pytest.mark.parametrize(("text", "part"), [
    ("FREQ=YEARLY;BYMONTH=13", "BYMONTH=13"), ("FREQ=YEARLY;BYYEARDAY=0", "BYYEARDAY=0"),
    ("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO=54"), ("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY=-32"),
    ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY=0MO"), ("FREQ=MONTHLY;BYDAY=XX", "BYDAY=XX"),
    ("FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY"), ("INTERVAL=2", "FREQ"),
    ("FREQ=DAILY;COUNT=0", "COUNT=0"), ("FREQ=DAILY;RSCALE=HEBREW", "RSCALE"),
    ("FREQ=DAILY;UNTIL=2024-13-01", "UNTIL"), ("FREQ=DAILY;BYSETPOS=0", "BYSETPOS=0"),
])
def test_unusable_rules_name_the_part(text: str, part: str) -> None:
    with pytest.raises(RuleError) as info:
        parse_rule(text)
    assert info.value.part == part
    assert not isinstance(info.value, RuleRefused)


def test_until_in_utc_for_a_zoned_start_counts_on_the_start_calendar() -> None:
    data = _calendar("DTSTART;TZID=Europe/Moscow:20240101T100000\n"
                     "RRULE:FREQ=WEEKLY;UNTIL=20240129T070000Z")
    assert len(ics.read(data, "u.ics").timeline.events) == 5
    # UNTIL one hour before the 29 January occurrence (10:00 in Moscow) leaves it out.
    early = _calendar("DTSTART;TZID=Europe/Moscow:20240101T100000\n"
                      "RRULE:FREQ=WEEKLY;UNTIL=20240129T060000Z")
    assert len(ics.read(early, "u.ics").timeline.events) == 4


# ---------------------------------------------------------------- bounded cost


def test_cost_does_not_depend_on_what_the_rule_says() -> None:
    """Every rule is evaluated on at most the window's days: a rule that never
    matches ends as soon as one that always does (no search to the year 9999)."""
    start = dt.date(2024, 1, 1)
    never = parse_rule("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")
    assert expand(never, start, dt.date(9999, 12, 31), 500) == []
    assert expand(parse_rule("FREQ=DAILY"), start, dt.date(9999, 12, 31), 500)[-1] == \
        dt.date(2025, 5, 15)


def test_count_and_limits() -> None:
    start = dt.date(2024, 1, 31)
    assert _days("FREQ=MONTHLY;COUNT=3", start) == [dt.date(2024, 1, 31), dt.date(2024, 3, 31),
                                                    dt.date(2024, 5, 31)]
    assert len(_days("FREQ=DAILY", start)) == 501
    assert _days("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", dt.date(2024, 2, 29), 9) == \
        [dt.date(2024, 2, 29), dt.date(2028, 2, 29), dt.date(2032, 2, 29)]
    assert _days("FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=1;COUNT=2", start) == \
        [dt.date(2024, 2, 23), dt.date(2024, 3, 29)]


def test_a_file_has_an_expansion_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_EXPANDED", 1000)
    data = _calendar(*["DTSTART;VALUE=DATE:20240101\nRRULE:FREQ=DAILY"] * 5)
    loaded = ics.read(data, "budget.ics")
    assert len(loaded.timeline.events) == 500 + 500 + 1 + 1 + 1
    assert any("past the first 1,000 occurrences" in w.message for w in loaded.warnings)


# ---------------------------------------------------------------- against references

_BY_VALUES = {
    "BYMONTH": [1, 2, 3, 6, 12],
    "BYYEARDAY": [1, 2, 59, 60, 100, 365, 366, -1, -366, -100],
    "BYMONTHDAY": [1, 2, 15, 28, 29, 30, 31, -1, -2, -31],
    "BYSETPOS": [1, 2, 3, -1, -2],
}


@st.composite
def _rules(draw: st.DrawFn) -> str:
    freq = draw(st.sampled_from(["YEARLY", "MONTHLY", "WEEKLY", "DAILY"]))
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 4))}")
    for name, values in _BY_VALUES.items():
        if name == "BYSETPOS" and freq == "WEEKLY":
            continue  # dateutil counts the first week from DTSTART, not from its start
        if draw(st.integers(0, 3)) == 0:
            chosen = draw(st.lists(st.sampled_from(values), min_size=1, max_size=3, unique=True))
            parts.append(f"{name}={','.join(map(str, chosen))}")
    if draw(st.integers(0, 2)) == 0:
        days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True))
        if freq in ("MONTHLY", "YEARLY") and draw(st.booleans()):
            # All with ordinals (dateutil reads a mix of plain and ordinal days as "both").
            days = [f"{draw(st.sampled_from([1, 2, 3, -1, -2]))}{d}" for d in days]
        parts.append(f"BYDAY={','.join(days)}")
    if draw(st.integers(0, 3)) == 0:
        parts.append(f"COUNT={draw(st.integers(1, 40))}")
    return ";".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_rules(), start=st.dates(dt.date(1980, 1, 1), dt.date(2040, 12, 28)))
def test_generated_rules_give_the_days_dateutil_gives(text: str, start: dt.date) -> None:
    last = start.replace(year=start.year + 4)
    ours = expand(parse_rule(text), start, last, 500)
    assume(ours)  # dateutil searches to the year 9999 for a rule that never matches
    reference = rrule.rrulestr(f"RRULE:{text}", dtstart=dt.datetime.combine(start, dt.time()))
    theirs = [d.date() for d in itertools.takewhile(
        lambda d: d.date() <= last, itertools.islice(iter(reference), 501))]
    assert ours == theirs


@settings(max_examples=60, deadline=None)
@given(week=st.integers(-53, 53).filter(bool), start=st.dates(dt.date(1990, 1, 1),
                                                              dt.date(2040, 1, 1)))
def test_week_numbers_are_iso_weeks(week: int, start: dt.date) -> None:
    days = _days(f"FREQ=YEARLY;BYWEEKNO={week}", start, 3)
    for day in days[:60]:
        year, number, _ = day.isocalendar()
        weeks = dt.date(year, 12, 28).isocalendar()[1]
        assert number == week if week > 0 else number - weeks - 1 == week
