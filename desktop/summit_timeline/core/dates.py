"""EDTF dates (ISO 8601-2 level 0 and the level 1 forms timelines need).

A timeline must draw a date with the precision it really has: "May 2024" is a
span over May, never a made-up 1 May. So every parsed date carries the earliest
and latest day it can mean, as integer day numbers that numpy arrays can hold
and compare cheaply.

Files with a million events are loaded in about a second, and nearly all of
their dates are ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``DAY/DAY``. Those go
through a fast path built from dictionary look-ups and string slicing; every
other form (and every error) goes through a small general grammar, so the two
paths can be checked against each other.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Final, cast

__all__ = [
    "EdtfDate",
    "EdtfError",
    "Precision",
    "day_number",
    "format_day",
    "from_day_number",
    "is_valid",
    "parse",
    "today_number",
]

# date(1970, 1, 1).toordinal(): day numbers count from the Unix epoch so that they
# line up with timestamps other tools produce.
_EPOCH_ORDINAL: Final = 719163
# The Gregorian calendar repeats exactly every 400 years, which is what lets years
# outside datetime's 1..9999 reuse its arithmetic.
_CYCLE_YEARS: Final = 400
_CYCLE_DAYS: Final = 146097
_MAX_ORDINAL: Final = date.max.toordinal()
# Day numbers stay below 2**53 so that they survive a trip through float64 (plot
# coordinates) without rounding; the longest year EDTF examples use is ~1.7e8.
_MAX_ABS_YEAR: Final = 10**13 - 1

_SHORT_MONTHS: Final = (
    "", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
_LONG_MONTHS: Final = (
    "", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_SEASON_NAMES: Final = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}
# Meteorological seasons of the northern hemisphere, as (first month, months long).
# Winter starts in December of its own year so that every season is one unbroken
# span; "Winter 2024" therefore reaches into February 2025.
_SEASON_MONTHS: Final = {21: (3, 3), 22: (6, 3), 23: (9, 3), 24: (12, 3)}

_CACHE_LIMIT: Final = 1 << 20


class EdtfError(ValueError):
    """Raised for text that is not a date we accept.

    The message names the offending text because it usually ends up in a dialog
    or a log line far away from the file it came from.
    """

    def __init__(self, text: object, reason: str) -> None:
        shown = text if not isinstance(text, str) or len(text) <= 60 else text[:57] + "..."
        super().__init__(f"{shown!r} is not a valid EDTF date: {reason}")
        self.text = text
        self.reason = reason

    def __reduce__(self) -> tuple[type[EdtfError], tuple[object, str]]:
        # The two-argument constructor would break the default exception pickling.
        return (EdtfError, (self.text, self.reason))


class Precision(enum.IntEnum):
    """How finely a date is known; larger is finer so ``min`` gives the coarser."""

    YEAR = 1
    SEASON = 2
    MONTH = 3
    DAY = 4


_YEAR: Final = Precision.YEAR
_SEASON: Final = Precision.SEASON
_MONTH: Final = Precision.MONTH
_DAY: Final = Precision.DAY


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """One parsed EDTF string: the text as written plus everything drawing needs.

    ``lower`` and ``upper`` are inclusive day numbers so that a month-precision
    date covers its whole month and an interval covers both end days.
    """

    text: str
    lower: int
    upper: int
    precision: Precision
    approximate: bool
    uncertain: bool
    is_interval: bool
    open_start: bool
    open_end: bool
    unspecified: bool

    def display(self) -> str:
        """Short English label; computed from the text, so it is cached by text."""
        return _display(self.text)


class _Unfrozen:
    """EdtfDate's exact slot layout without the frozen guard.

    The generated __init__ of a frozen dataclass costs about 1 µs, going through
    object.__setattr__ by name for each field: most of the time budget for loading
    a million events. Filling these plain slots and then switching the class (which
    Python allows between classes with identical slots) costs a third of that and
    gives an ordinary, frozen, equal-comparing EdtfDate.
    """

    __slots__ = EdtfDate.__slots__
    text: str
    lower: int
    upper: int
    precision: Precision
    approximate: bool
    uncertain: bool
    is_interval: bool
    open_start: bool
    open_end: bool
    unspecified: bool

    def __init__(self, text: str, lower: int, upper: int, precision: Precision, interval: bool):
        self.text = text
        self.lower = lower
        self.upper = upper
        self.precision = precision
        self.approximate = False
        self.uncertain = False
        self.is_interval = interval
        self.open_start = False
        self.open_end = False
        self.unspecified = False


def _new_plain(text: str, lower: int, upper: int, precision: Precision, interval: bool) -> EdtfDate:
    """Same result as ``EdtfDate(...)`` with no qualifiers, open ends or X digits."""
    obj = _Unfrozen(text, lower, upper, precision, interval)
    obj.__class__ = EdtfDate  # type: ignore[assignment]
    return cast(EdtfDate, obj)


# --------------------------------------------------------------------------- day numbers


def day_number(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar (year 0 = 1 BCE).

    Raises ValueError for a month or day that does not exist.
    """
    if 1 <= year <= 9999:
        return date(year, month, day).toordinal() - _EPOCH_ORDINAL
    cycles = (year - 1) // _CYCLE_YEARS
    shifted = date(year - cycles * _CYCLE_YEARS, month, day).toordinal()
    return shifted - _EPOCH_ORDINAL + cycles * _CYCLE_DAYS


def from_day_number(n: int) -> tuple[int, int, int]:
    """Inverse of :func:`day_number`, for any year including negative ones."""
    ordinal = n + _EPOCH_ORDINAL
    if 1 <= ordinal <= _MAX_ORDINAL:
        d = date.fromordinal(ordinal)
        return d.year, d.month, d.day
    cycles = (ordinal - 1) // _CYCLE_DAYS
    d = date.fromordinal(ordinal - cycles * _CYCLE_DAYS)
    return d.year + cycles * _CYCLE_YEARS, d.month, d.day


def today_number() -> int:
    """Today's local calendar date, for "now" markers and the default knowledge date."""
    return date.today().toordinal() - _EPOCH_ORDINAL


def _year_label(year: int) -> str:
    # EDTF years are astronomical, readers expect BCE: year 0 is 1 BCE.
    if year >= 1:
        return str(year) if year < 10000 else f"{year:,}"
    bce = 1 - year
    return (str(bce) if bce < 10000 else f"{bce:,}") + " BCE"


def format_day(n: int) -> str:
    """A day number as a reader expects it, e.g. "16 May 2024"."""
    y, m, d = from_day_number(n)
    return f"{d} {_SHORT_MONTHS[m]} {_year_label(y)}"


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


# --------------------------------------------------------------------------- fast path

# Two-character fields looked up in a dict: one step both validates (only ASCII
# digits in range are keys) and converts, which is faster than isdigit() + int().
_MONTH_OF: Final = {f"{m:02d}": m for m in range(1, 13)}
_DAY_OF: Final = {f"{d:02d}": d for d in range(1, 32)}
_DIGITS: Final = frozenset("0123456789")

# Filled lazily with (first day number, number of days); only valid keys are stored,
# so garbage input cannot grow them and they hold at most 10000 and 120000 entries.
_YEAR_INFO: dict[str, tuple[int, int]] = {}
_MONTH_INFO: dict[str, tuple[int, int]] = {}

_CACHE: dict[str, EdtfDate] = {}


def _plain_year(key: str) -> int | None:
    if len(key) == 4 and _DIGITS.issuperset(key):
        return int(key)
    return None


def _year_info(key: str) -> tuple[int, int] | None:
    year = _plain_year(key)
    if year is None:
        return None
    first = day_number(year, 1, 1)
    info = (first, day_number(year, 12, 31) - first + 1)
    _YEAR_INFO[key] = info
    return info


def _month_info(key: str) -> tuple[int, int] | None:
    year = _plain_year(key[:4])
    month = _MONTH_OF.get(key[5:])
    if year is None or month is None or len(key) != 7 or key[4] != "-":
        return None
    info = (day_number(year, month, 1), _days_in_month(year, month))
    _MONTH_INFO[key] = info
    return info


def _fast_day(s: str) -> int | None:
    if s[4] != "-" or s[7] != "-":
        return None
    info = _MONTH_INFO.get(s[:7]) or _month_info(s[:7])
    day = _DAY_OF.get(s[8:])
    if info is None or day is None or day > info[1]:
        return None
    return info[0] + day - 1


def parse(text: str) -> EdtfDate:
    """Parse an EDTF string; the same string returns the same (immutable) object.

    Raises EdtfError, naming the text and the reason, for anything else.
    """
    hit = _CACHE.get(text)
    if hit is not None:
        return hit
    result = _parse_fast(text) if type(text) is str else None
    if result is None:
        result = _parse_general(text)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[text] = result
    return result


def _parse_fast(text: str) -> EdtfDate | None:
    """The common plain forms; None means "ask the general grammar", never an error."""
    n = len(text)
    if n == 10:
        lower = _fast_day(text)
        if lower is not None:
            return _new_plain(text, lower, lower, _DAY, False)
    elif n == 7:
        if text[4] == "-":
            info = _MONTH_INFO.get(text) or _month_info(text)
            if info is not None:
                first = info[0]
                last = first + info[1] - 1
                return _new_plain(text, first, last, _MONTH, False)
    elif n == 4:
        info = _YEAR_INFO.get(text) or _year_info(text)
        if info is not None:
            first = info[0]
            last = first + info[1] - 1
            return _new_plain(text, first, last, _YEAR, False)
    elif n == 21 and text[10] == "/":
        start = _fast_day(text[:10])
        end = _fast_day(text[11:])
        if start is not None and end is not None and start <= end:
            return _new_plain(text, start, end, _DAY, True)
    return None


def is_valid(text: str) -> bool:
    """True if :func:`parse` accepts the text; for validating form fields as people type."""
    if not isinstance(text, str):
        return False
    try:
        parse(text)
    except EdtfError:
        return False
    return True


# --------------------------------------------------------------------------- general path

_SIDE_RE: Final = re.compile(
    r"(?:Y(?P<long>-?[1-9][0-9]{4,})"
    r"|(?P<year>-?[0-9X]{4})"
    r"(?:-(?P<month>[0-9X]{2})"
    r"(?:-(?P<day>[0-9X]{2})"
    r"(?:T(?P<hh>[0-9]{2}):(?P<mi>[0-9]{2}):(?P<ss>[0-9]{2})"
    r"(?P<tz>Z|[+-][0-9]{2}(?::[0-9]{2})?)?)?)?)?)"
    r"(?P<q>[?~%])?"
)
# Dates that only got the digit counts wrong, so the message can say so.
_SLOPPY_RE: Final = re.compile(r"-?[0-9]{1,6}(?:-[0-9]{1,3}){0,2}")

_OPEN: Final = ".."


@dataclass(frozen=True, slots=True)
class _Side:
    """One end of an interval (or a whole single date), with what display needs."""

    lower: int
    upper: int
    precision: Precision
    approximate: bool
    uncertain: bool
    year: int
    month: int  # 0 when not given or unspecified
    day: int  # 0 when not given or unspecified
    season: int  # 21..24, or 0
    x_year: int  # how many trailing year digits are X
    x_month: bool
    x_day: bool
    time: str  # display text of a time of day, or ""

    @property
    def unspecified(self) -> bool:
        return self.x_year > 0 or self.x_month or self.x_day

    @property
    def plain(self) -> bool:
        return not (
            self.approximate
            or self.uncertain
            or self.unspecified
            or self.season
            or self.time
            or abs(self.year) > 9999
        )


def _fail(text: object, reason: str) -> EdtfError:
    return EdtfError(text, reason)


def _general_reason(side: str) -> str:
    if not side:
        return "the text is empty"
    if side != side.strip():
        return "remove the spaces around the date"
    if _SLOPPY_RE.fullmatch(side):
        return "the year needs four digits, the month and day two each (like 2024-05-01)"
    if side.count("/") > 1:
        return "an interval has exactly one '/'"
    return "expected a date like 2024, 2024-05, 2024-05-16 or 2024-05-16/2024-05-18"


def _parse_time(text: str, hh: str, mi: str, ss: str, tz: str | None) -> str:
    hour, minute, second = int(hh), int(mi), int(ss)
    if hour > 23 or minute > 59 or second > 59:
        raise _fail(text, f"time {hh}:{mi}:{ss} is out of range")
    shown = f"{hh}:{mi}" if second == 0 else f"{hh}:{mi}:{ss}"
    if tz is None:
        return shown
    if tz == "Z":
        return shown + " UTC"
    off_h = int(tz[1:3])
    off_m = int(tz[4:6]) if len(tz) > 3 else 0
    if off_h > 23 or off_m > 59:
        raise _fail(text, f"time zone offset {tz} is out of range")
    return f"{shown} UTC{tz[0]}{tz[1:3]}:{off_m:02d}"


def _x_year_bounds(text: str, digits: str, negative: bool) -> tuple[int, int, int]:
    """Lowest and highest year a year with trailing X digits can be, and the X count."""
    known = digits.rstrip("X")
    count = len(digits) - len(known)
    if not known or "X" in known:
        raise _fail(text, "unspecified digits (X) must be the rightmost digits of the year")
    unit = 10**count
    low = int(known) * unit
    high = low + unit - 1
    return (-high, -low, count) if negative else (low, high, count)


def _parse_side(text: str, side: str) -> _Side:
    m = _SIDE_RE.fullmatch(side)
    if m is None:
        raise _fail(text, _general_reason(side))
    qualifier = m["q"] or ""
    approximate = qualifier in ("~", "%")
    uncertain = qualifier in ("?", "%")

    if m["long"] is not None:
        year = int(m["long"])
        if abs(year) > _MAX_ABS_YEAR:
            raise _fail(text, f"year {year} is too far from the present")
        lower, upper = day_number(year, 1, 1), day_number(year, 12, 31)
        return _Side(
            lower, upper, _YEAR, approximate, uncertain, year, 0, 0, 0, 0, False, False, ""
        )

    year_text: str = m["year"]
    negative = year_text.startswith("-")
    digits = year_text.lstrip("-")
    month_text: str | None = m["month"]
    day_text: str | None = m["day"]
    if m["hh"] is not None and qualifier:
        raise _fail(text, "a qualifier (?, ~ or %) cannot follow a time of day")

    if "X" in digits:
        low, high, x_year = _x_year_bounds(text, digits, negative)
        if month_text not in (None, "XX") or day_text not in (None, "XX"):
            raise _fail(text, "after an unspecified year the month and day must be XX too")
        if m["hh"] is not None:
            raise _fail(text, "a time of day needs a fully known date")
        return _Side(
            day_number(low, 1, 1),
            day_number(high, 12, 31),
            _YEAR,
            approximate,
            uncertain,
            low,
            0,
            0,
            0,
            x_year,
            month_text == "XX",
            day_text == "XX",
            "",
        )

    if negative and digits == "0000":
        raise _fail(text, "year zero is written 0000, without a minus sign")
    year = -int(digits) if negative else int(digits)

    if month_text is None:
        lower, upper = day_number(year, 1, 1), day_number(year, 12, 31)
        return _Side(
            lower, upper, _YEAR, approximate, uncertain, year, 0, 0, 0, 0, False, False, ""
        )

    if month_text == "XX":
        if day_text not in (None, "XX"):
            raise _fail(text, "after an unspecified month the day must be XX too")
        if m["hh"] is not None:
            raise _fail(text, "a time of day needs a fully known date")
        lower, upper = day_number(year, 1, 1), day_number(year, 12, 31)
        return _Side(
            lower,
            upper,
            _YEAR,
            approximate,
            uncertain,
            year,
            0,
            0,
            0,
            0,
            True,
            day_text == "XX",
            "",
        )
    if "X" in month_text:
        raise _fail(text, f"month {month_text} must be two digits or XX")
    month = int(month_text)

    if month in _SEASON_MONTHS:
        if day_text is not None:
            raise _fail(text, f"season {month} cannot have a day")
        first_month, length = _SEASON_MONTHS[month]
        last_month = first_month + length - 1
        last_year = year + (last_month - 1) // 12
        last_month = (last_month - 1) % 12 + 1
        lower = day_number(year, first_month, 1)
        upper = day_number(last_year, last_month, _days_in_month(last_year, last_month))
        return _Side(
            lower, upper, _SEASON, approximate, uncertain, year, 0, 0, month, 0, False, False, ""
        )
    if not 1 <= month <= 12:
        raise _fail(text, f"month {month_text} is out of range")

    length = _days_in_month(year, month)
    first = day_number(year, month, 1)
    if day_text is None:
        return _Side(
            first,
            first + length - 1,
            _MONTH,
            approximate,
            uncertain,
            year,
            month,
            0,
            0,
            0,
            False,
            False,
            "",
        )
    if day_text == "XX":
        if m["hh"] is not None:
            raise _fail(text, "a time of day needs a fully known date")
        return _Side(
            first,
            first + length - 1,
            _MONTH,
            approximate,
            uncertain,
            year,
            month,
            0,
            0,
            0,
            False,
            True,
            "",
        )
    if "X" in day_text:
        raise _fail(text, f"day {day_text} must be two digits or XX")
    day = int(day_text)
    if not 1 <= day <= length:
        raise _fail(
            text, f"day {day_text} is out of range for {_LONG_MONTHS[month]} {_year_label(year)}"
        )
    time = ""
    if m["hh"] is not None:
        time = _parse_time(text, m["hh"], m["mi"], m["ss"], m["tz"])
    lower = first + day - 1
    return _Side(
        lower, lower, _DAY, approximate, uncertain, year, month, day, 0, 0, False, False, time
    )


def _split(text: str) -> tuple[_Side | str, _Side | str]:
    """Both ends of an interval: a _Side, ``".."`` for open or ``""`` for unknown."""
    start_text, _, end_text = text.partition("/")
    if "/" in end_text:
        raise _fail(text, "an interval has exactly one '/'")
    if start_text in ("", _OPEN) and end_text in ("", _OPEN):
        raise _fail(text, "an interval needs at least one known end")
    start: _Side | str = start_text if start_text in ("", _OPEN) else _parse_side(text, start_text)
    end: _Side | str = end_text if end_text in ("", _OPEN) else _parse_side(text, end_text)
    return start, end


def _parse_general(text: object) -> EdtfDate:
    if not isinstance(text, str):
        raise _fail(text, f"expected text, got {type(text).__name__}")
    if "/" not in text:
        s = _parse_side(text, text)
        return EdtfDate(
            text,
            s.lower,
            s.upper,
            s.precision,
            s.approximate,
            s.uncertain,
            False,
            False,
            False,
            s.unspecified,
        )
    start, end = _split(text)
    if isinstance(start, _Side) and isinstance(end, _Side):
        if end.upper < start.lower:
            start_text, _, end_text = text.partition("/")
            raise _fail(text, f"the end {end_text} is before the start {start_text}")
        return EdtfDate(
            text,
            start.lower,
            end.upper,
            min(start.precision, end.precision),
            start.approximate or end.approximate,
            start.uncertain or end.uncertain,
            True,
            False,
            False,
            start.unspecified or end.unspecified,
        )
    if isinstance(start, _Side):
        known = start
    else:
        assert isinstance(end, _Side)  # _split guarantees one known end
        known = end
    return EdtfDate(
        text,
        known.lower,
        known.upper,
        known.precision,
        known.approximate,
        known.uncertain,
        True,
        not isinstance(start, _Side),
        not isinstance(end, _Side),
        known.unspecified,
    )


# --------------------------------------------------------------------------- display


def _side_core(s: _Side) -> str:
    if s.x_year:
        if s.x_year == 1 and s.year >= 1:
            return f"{s.year}s"
        low = s.lower
        high = s.upper
        low_year, high_year = from_day_number(low)[0], from_day_number(high)[0]
        if low_year >= 1:
            return f"{low_year}–{high_year}"
        return f"{_year_label(low_year)} – {_year_label(high_year)}"
    year = _year_label(s.year)
    if s.season:
        return f"{_SEASON_NAMES[s.season]} {year}"
    if s.day:
        return f"{s.day} {_SHORT_MONTHS[s.month]} {year}" + (f", {s.time}" if s.time else "")
    if s.month:
        return f"{_LONG_MONTHS[s.month]} {year}" + (" (day unknown)" if s.x_day else "")
    if s.x_month:
        return year + (" (month and day unknown)" if s.x_day else " (month unknown)")
    return year


def _side_text(s: _Side) -> str:
    core = _side_core(s)
    if s.approximate:
        core = "c. " + core
    if s.uncertain:
        core += "?"
    return core


def _plain_range(a: _Side, b: _Side) -> str | None:
    """The collapsed form of a range of like precision ("22–24 Oct 2024"), if any."""
    if not (a.plain and b.plain) or a.precision != b.precision:
        return None
    same_year = a.year == b.year
    year = _year_label(a.year)
    if a.precision == _DAY:
        if same_year and a.month == b.month:
            if a.day == b.day:
                return f"{a.day} {_SHORT_MONTHS[a.month]} {year}"
            return f"{a.day}–{b.day} {_SHORT_MONTHS[a.month]} {year}"
        if same_year:
            return f"{a.day} {_SHORT_MONTHS[a.month]} – {b.day} {_SHORT_MONTHS[b.month]} {year}"
        return f"{format_day(a.lower)} – {format_day(b.lower)}"
    if a.precision == _MONTH:
        if same_year and a.month == b.month:
            return f"{_LONG_MONTHS[a.month]} {year}"
        if same_year:
            return f"{_SHORT_MONTHS[a.month]} – {_SHORT_MONTHS[b.month]} {year}"
        end_year = _year_label(b.year)
        return f"{_SHORT_MONTHS[a.month]} {year} – {_SHORT_MONTHS[b.month]} {end_year}"
    if a.precision == _YEAR:
        if same_year:
            return year
        if a.year >= 1:
            return f"{a.year}–{b.year}"
        return f"{year} – {_year_label(b.year)}"
    return None


@lru_cache(maxsize=1 << 16)
def _display(text: str) -> str:
    if "/" not in text:
        return _side_text(_parse_side(text, text))
    start, end = _split(text)
    if isinstance(start, _Side) and isinstance(end, _Side):
        collapsed = _plain_range(start, end)
        return collapsed or f"{_side_text(start)} – {_side_text(end)}"
    if isinstance(start, _Side):
        return ("from " if end == _OPEN else "") + _side_text(start) + ("" if end else " – ?")
    assert isinstance(end, _Side)
    return ("until " if start == _OPEN else "? – ") + _side_text(end)
