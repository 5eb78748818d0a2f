"""EDTF dates as a user of the timeline meets them: spans, labels and refusals."""

from __future__ import annotations

import calendar
import dataclasses
import pickle
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summit_timeline.core import dates
from summit_timeline.core.dates import (
    EdtfDate,
    EdtfError,
    Precision,
    day_number,
    format_day,
    from_day_number,
    is_valid,
    parse,
    today_number,
)

D = day_number


# --------------------------------------------------------------------------- day numbers


def test_day_number_counts_from_1970() -> None:
    assert D(1970, 1, 1) == 0
    assert D(1970, 1, 2) == 1
    assert D(1969, 12, 31) == -1
    assert D(2024, 5, 16) == (date(2024, 5, 16) - date(1970, 1, 1)).days


def test_day_numbers_before_year_one_follow_the_proleptic_calendar() -> None:
    # Year 0 (1 BCE) is a leap year, like every year divisible by 400.
    assert D(1, 1, 1) - D(0, 12, 31) == 1
    assert D(0, 3, 1) - D(0, 2, 28) == 2
    assert D(-1, 3, 1) - D(-1, 2, 28) == 1
    assert D(-400, 1, 1) == D(0, 1, 1) - 146097
    assert from_day_number(D(-43, 3, 15)) == (-43, 3, 15)
    assert from_day_number(D(170000002, 12, 31)) == (170000002, 12, 31)


def test_day_number_rejects_days_that_do_not_exist() -> None:
    with pytest.raises(ValueError):
        D(2023, 2, 29)
    with pytest.raises(ValueError):
        D(-5, 13, 1)


def test_format_day_and_today() -> None:
    assert format_day(D(2024, 5, 16)) == "16 May 2024"
    assert format_day(D(-43, 3, 15)) == "15 Mar 44 BCE"
    assert from_day_number(today_number()) == date.today().timetuple()[:3]


# --------------------------------------------------------------------------- level 0


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("2024", D(2024, 1, 1), D(2024, 12, 31), Precision.YEAR),
        ("2024-05", D(2024, 5, 1), D(2024, 5, 31), Precision.MONTH),
        ("2024-05-16", D(2024, 5, 16), D(2024, 5, 16), Precision.DAY),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), Precision.MONTH),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28), Precision.MONTH),
        ("1900-02", D(1900, 2, 1), D(1900, 2, 28), Precision.MONTH),
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29), Precision.MONTH),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29), Precision.DAY),
        ("0000", D(0, 1, 1), D(0, 12, 31), Precision.YEAR),
        ("-0044-03-15", D(-44, 3, 15), D(-44, 3, 15), Precision.DAY),
        ("2024-07-03T18:30:00", D(2024, 7, 3), D(2024, 7, 3), Precision.DAY),
        ("2024-07-03T18:30:00Z", D(2024, 7, 3), D(2024, 7, 3), Precision.DAY),
        # Late evening with a far-east offset stays on the date as written.
        ("2024-07-03T23:30:00+14:00", D(2024, 7, 3), D(2024, 7, 3), Precision.DAY),
        ("2024-07-03T00:30:00-11:00", D(2024, 7, 3), D(2024, 7, 3), Precision.DAY),
    ],
)
def test_bounds_and_precision(text: str, lower: int, upper: int, precision: Precision) -> None:
    d = parse(text)
    assert (d.lower, d.upper, d.precision) == (lower, upper, precision)
    assert d.text == text
    assert not (d.approximate or d.uncertain or d.is_interval or d.unspecified)


@pytest.mark.parametrize(
    "text",
    [
        # Level 0 examples of the specification: dates, date-times, intervals.
        "1985-04-12",
        "1985-04",
        "1985",
        "1985-04-12T23:20:30",
        "1985-04-12T23:20:30Z",
        "1985-04-12T23:20:30-04",
        "1985-04-12T23:20:30+04:30",
        "1964/2008",
        "2004-06/2006-08",
        "2004-02-01/2005-02-08",
        "2004-02-01/2005-02",
        "2004-02-01/2005",
        "2005/2006-02",
        # Level 1 examples: long years, seasons, qualifiers, X digits, open ends.
        "Y170000002",
        "Y-170000002",
        "2001-21",
        "2001-22",
        "2001-23",
        "2001-24",
        "1984?",
        "2004-06~",
        "2004-06-11%",
        "201X",
        "20XX",
        "2004-XX",
        "1985-04-XX",
        "1985-XX-XX",
        "1985-04-12/..",
        "1985-04/..",
        "1985/..",
        "../1985-04-12",
        "../1985-04",
        "../1985",
        "1985-04-12/",
        "1985-04/",
        "1985/",
        "/1985-04-12",
        "/1985-04",
        "/1985",
        "-1985",
        "1984~/2004-06",
        "1984/2004-06~",
        "1984~/2004~",
        "1984-06?/2004-08?",
        "1984-08-22?/2004-08?",
        "1984?/2004%",
        "2004-06-11%/2004-06-20?",
    ],
)
def test_specification_examples_are_accepted(text: str) -> None:
    assert is_valid(text)
    d = parse(text)
    assert d.lower <= d.upper
    assert d.display()


# --------------------------------------------------------------------------- level 1


def test_negative_years_are_astronomical() -> None:
    d = parse("-0043")
    assert (d.lower, d.upper) == (D(-43, 1, 1), D(-43, 12, 31))
    assert d.display() == "44 BCE"
    assert parse("0000").display() == "1 BCE"


def test_long_years() -> None:
    d = parse("Y170000002")
    assert (d.lower, d.upper, d.precision) == (
        D(170000002, 1, 1),
        D(170000002, 12, 31),
        Precision.YEAR,
    )
    assert parse("Y-170000002").lower == D(-170000002, 1, 1)
    assert parse("Y-170000002").display() == "170,000,003 BCE"


@pytest.mark.parametrize(
    ("text", "lower", "upper", "label"),
    [
        ("2024-21", D(2024, 3, 1), D(2024, 5, 31), "Spring 2024"),
        ("2024-22", D(2024, 6, 1), D(2024, 8, 31), "Summer 2024"),
        ("2024-23", D(2024, 9, 1), D(2024, 11, 30), "Autumn 2024"),
        ("2023-24", D(2023, 12, 1), D(2024, 2, 29), "Winter 2023"),
    ],
)
def test_seasons(text: str, lower: int, upper: int, label: str) -> None:
    d = parse(text)
    assert (d.lower, d.upper, d.precision) == (lower, upper, Precision.SEASON)
    assert d.display() == label


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [("2024-05~", True, False), ("2024?", False, True), ("2024-10-22%", True, True)],
)
def test_qualifiers_keep_the_bounds(text: str, approximate: bool, uncertain: bool) -> None:
    d = parse(text)
    plain = parse(text[:-1])
    assert (d.lower, d.upper, d.precision) == (plain.lower, plain.upper, plain.precision)
    assert (d.approximate, d.uncertain) == (approximate, uncertain)


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("201X", D(2010, 1, 1), D(2019, 12, 31), Precision.YEAR),
        ("20XX", D(2000, 1, 1), D(2099, 12, 31), Precision.YEAR),
        ("2024-XX", D(2024, 1, 1), D(2024, 12, 31), Precision.YEAR),
        ("2024-05-XX", D(2024, 5, 1), D(2024, 5, 31), Precision.MONTH),
        ("2024-02-XX", D(2024, 2, 1), D(2024, 2, 29), Precision.MONTH),
        ("1985-XX-XX", D(1985, 1, 1), D(1985, 12, 31), Precision.YEAR),
        ("-004X", D(-49, 1, 1), D(-40, 12, 31), Precision.YEAR),
    ],
)
def test_unspecified_digits_cover_every_possible_value(
    text: str, lower: int, upper: int, precision: Precision
) -> None:
    d = parse(text)
    assert (d.lower, d.upper, d.precision, d.unspecified) == (lower, upper, precision, True)


# --------------------------------------------------------------------------- intervals


def test_closed_intervals() -> None:
    d = parse("2024-10-22/2024-10-24")
    assert (d.lower, d.upper, d.precision, d.is_interval) == (
        D(2024, 10, 22),
        D(2024, 10, 24),
        Precision.DAY,
        True,
    )
    assert not (d.open_start or d.open_end)
    m = parse("2024-05/2024-07")
    assert (m.lower, m.upper, m.precision) == (D(2024, 5, 1), D(2024, 7, 31), Precision.MONTH)
    # The coarser side decides the precision.
    assert parse("2024/2025-03-01").precision == Precision.YEAR
    assert parse("2024-10-22/2024-10-22").lower == parse("2024-10-22/2024-10-22").upper


@pytest.mark.parametrize(
    ("text", "open_start", "open_end"),
    [
        ("2024-10-22/..", False, True),
        ("../2024-10-22", True, False),
        ("2024-10-22/", False, True),
        ("/2024-10-22", True, False),
    ],
)
def test_open_and_unknown_ends(text: str, open_start: bool, open_end: bool) -> None:
    d = parse(text)
    assert (d.open_start, d.open_end, d.is_interval) == (open_start, open_end, True)
    assert d.lower == d.upper == D(2024, 10, 22)
    assert d.precision == Precision.DAY


def test_open_end_of_a_month_covers_the_month() -> None:
    d = parse("2024-05/..")
    assert (d.lower, d.upper, d.precision) == (D(2024, 5, 1), D(2024, 5, 31), Precision.MONTH)


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [
        ("2024-05~/2024-07", True, False),
        ("2024-05/2024-07?", False, True),
        ("2024-05%/2024-07", True, True),
        ("2024-05?/2024-07~", True, True),
        ("../2024-07~", True, False),
    ],
)
def test_each_side_may_carry_qualifiers(text: str, approximate: bool, uncertain: bool) -> None:
    d = parse(text)
    assert (d.approximate, d.uncertain) == (approximate, uncertain)
    assert d.upper == D(2024, 7, 31)


def test_interval_ending_before_it_starts_is_rejected() -> None:
    with pytest.raises(EdtfError, match=r"'2024-10-24/2024-10-22'.*before the start"):
        parse("2024-10-24/2024-10-22")
    with pytest.raises(EdtfError):
        parse("2025/2024")
    # An end that may still fall after the start is fine.
    assert is_valid("2024-05-20/2024-05")


# --------------------------------------------------------------------------- display


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2024-05-16", "16 May 2024"),
        ("2024-05", "May 2024"),
        ("2024-09", "September 2024"),
        ("2024", "2024"),
        ("2024-05~", "c. May 2024"),
        ("2024-05?", "May 2024?"),
        ("2024-05%", "c. May 2024?"),
        ("2024-10-22/2024-10-24", "22–24 Oct 2024"),
        ("2024-06-30/2024-07-02", "30 Jun – 2 Jul 2024"),
        ("2024-12-30/2025-01-02", "30 Dec 2024 – 2 Jan 2025"),
        ("2024-05/2024-07", "May – Jul 2024"),
        ("2024-10-22/..", "from 22 Oct 2024"),
        ("../2024-10-22", "until 22 Oct 2024"),
        ("2024-10-22/", "22 Oct 2024 – ?"),
        ("/2024-10-22", "? – 22 Oct 2024"),
        ("-0043", "44 BCE"),
        ("201X", "2010s"),
        ("2024-XX", "2024 (month unknown)"),
        ("2024-21", "Spring 2024"),
        ("2024-07-03T18:30:00", "3 Jul 2024, 18:30"),
        ("2024-05~/2024-07", "c. May 2024 – July 2024"),
        ("[2014-07-14,2014-07-15]", "14 or 15 Jul 2014"),
        ("[2014-07-14,2014-07-15,2014-07-16]", "14, 15 or 16 Jul 2014"),
        ("[2014-06-30,2014-07-01]", "30 Jun or 1 Jul 2014"),
        ("[2013-12-31,2014-01-01]", "31 Dec 2013 or 1 Jan 2014"),
        ("[2014-07,2014-08]", "July 2014 or August 2014"),
        ("[2014-07-14..2014-07-16]", "one day of 14–16 Jul 2014"),
    ],
)
def test_display(text: str, label: str) -> None:
    assert parse(text).display() == label


# --------------------------------------------------------------------------- rejections


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-13-01", "month 13 is out of range"),
        ("2024-00", "month 00 is out of range"),
        ("2024-02-30", "day 30 is out of range for February 2024"),
        ("2023-02-29", "day 29 is out of range for February 2023"),
        ("2024-5-1", "two"),
        ("hello", "expected a date"),
        ("", "empty"),
        (" 2024", "spaces"),
        ("24", "four digits"),
        ("2024-05-16T25:00:00", "out of range"),
        ("2024-05-16T18:30", "expected a date"),
        ("2024-05-16T18:30:00?", "qualifier"),
        ("2024-21-01", "season"),
        ("2024-25", "out of range"),
        ("2X24", "rightmost"),
        ("201X-05", "XX"),
        ("2024-1X", "XX"),
        ("2024-XX-05", "XX"),
        ("XXXX", "rightmost"),
        ("-0000", "year zero"),
        ("../..", "known end"),
        ("/", "known end"),
        ("2024/2025/2026", "one '/'"),
        ("2024??", "expected a date"),
        ("?2024", "expected a date"),
        ("Y2024", "expected a date"),
        ("２０２４", "expected a date"),
        ("2024-05-16/2024-13", "month 13"),
        ("[]", "at least one date"),
        ("[2014-07-14,]", "empty place"),
        ("[2014-07-14", "both brackets"),
        ("[..2014-07-14]", "open ends"),
        ("[2014-07-14/2014-07-15]", "not intervals"),
        ("[2014-07-16..2014-07-14]", "before"),
        ("[2014-07-32,2014-07-15]", "day 32"),
        ("{2014-07-14,2014-07-15}", "'all of' sets"),
    ],
)
def test_rejections_name_the_text_and_the_reason(text: str, reason: str) -> None:
    with pytest.raises(EdtfError) as info:
        parse(text)
    message = str(info.value)
    assert message.startswith(f"{text!r} is not a valid EDTF date: ")
    assert reason in message
    assert isinstance(info.value, ValueError)
    assert not is_valid(text)


def test_error_message_format_and_pickling() -> None:
    with pytest.raises(EdtfError) as info:
        parse("2024-13-01")
    assert str(info.value) == "'2024-13-01' is not a valid EDTF date: month 13 is out of range"
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value)


def test_non_text_is_rejected_with_edtf_error() -> None:
    with pytest.raises(EdtfError):
        parse(2024)  # type: ignore[arg-type]
    assert not is_valid(None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- caching


def test_parse_is_cached_and_frozen() -> None:
    text = "".join(["2024", "-05-16"])  # a fresh string object, equal to an earlier one
    first = parse(text)
    assert parse("2024-05-16") is first
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.lower = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    "text", ["2024", "2024-05", "2024-05-16", "2024-10-22/2024-10-24", "0000-02-29"]
)
def test_fast_path_matches_the_general_grammar(text: str) -> None:
    fast = dates._parse_fast(text)
    assert fast is not None
    assert type(fast) is EdtfDate
    assert fast == dates._parse_general(text)
    assert hash(fast) == hash(dates._parse_general(text))
    assert pickle.loads(pickle.dumps(fast)) == fast


# --------------------------------------------------------------------------- properties


@st.composite
def _valid_days(draw: st.DrawFn) -> tuple[int, int, int]:
    year = draw(st.integers(min_value=-9999, max_value=9999))
    month = draw(st.integers(min_value=1, max_value=12))
    # The 2001 row of the calendar gives the month lengths of a common year.
    longest = 29 if month == 2 and calendar.isleap(year) else calendar.monthrange(2001, month)[1]
    return year, month, draw(st.integers(min_value=1, max_value=longest))


def _edtf(year: int, month: int, day: int) -> str:
    sign = "-" if year < 0 else ""
    return f"{sign}{abs(year):04d}-{month:02d}-{day:02d}"


@settings(max_examples=300, deadline=None)
@given(_valid_days())
def test_random_valid_days_are_exact_and_round_trip(ymd: tuple[int, int, int]) -> None:
    year, month, day = ymd
    n = day_number(year, month, day)
    d = parse(_edtf(year, month, day))
    assert d.lower == d.upper == n
    assert d.precision == Precision.DAY
    assert from_day_number(n) == (year, month, day)
    assert dates._parse_general(d.text) == d


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_day_numbers_round_trip(n: int) -> None:
    assert day_number(*from_day_number(n)) == n


_edtf_alphabet = st.sampled_from([*"0123456789-/.XYTZ:+?~% ", "\u0663", "\u00b2"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=30), st.text(_edtf_alphabet, max_size=25)))
def test_parse_only_ever_raises_edtf_error(text: str) -> None:
    try:
        d = parse(text)
    except EdtfError as err:
        shown = text if len(text) <= 60 else text[:57] + "..."
        assert str(err).startswith(f"{shown!r} is not a valid EDTF date: ")
        return
    assert d.lower <= d.upper
    assert isinstance(d.display(), str)


def test_one_of_a_set_is_bounded_by_its_candidates_and_uncertain() -> None:
    date = parse("[2014-07-15,2014-07-14]")
    assert (date.lower, date.upper) == (day_number(2014, 7, 14), day_number(2014, 7, 15))
    assert date.one_of and date.uncertain and not date.is_interval
    assert date.precision == Precision.DAY
    assert not parse("2014-07-14").one_of
