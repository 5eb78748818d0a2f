"""The general EDTF grammar: every accepted form of a date, and every refusal.

This covers ISO 8601-2 level 0, the level 1 forms timelines need:
qualifiers (``?``, ``~``, ``%``), unspecified digits (``X``), seasons, long
years (``Y…``), times of day and open or unknown interval ends, and one level 2
form: "one of a set", ``[2014-07-14,2014-07-15]``, for a day sources disagree on. It is the
slow, complete path behind :func:`summit_timeline.core.dates.parse`, whose
fast path handles only the plain ISO forms; keeping the two apart lets each be
checked against the other. The display labels read the same :class:`Side`
values, so what is shown is always what was parsed.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Final

from .day_numbers import LONG_MONTHS, day_number, days_in_month, year_label

# Day numbers stay below 2**53 so that they survive a trip through float64 (plot
# coordinates) without rounding; the longest year EDTF examples use is ~1.7e8.
_MAX_ABS_YEAR: Final = 10**13 - 1
# Meteorological seasons of the northern hemisphere, as (first month, months long).
# Winter starts in December of its own year so that every season is one unbroken
# span; "Winter 2024" therefore reaches into February 2025.
_SEASON_MONTHS: Final = {21: (3, 3), 22: (6, 3), 23: (9, 3), 24: (12, 3)}


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

OPEN: Final = ".."


@dataclass(frozen=True, slots=True)
class Side:
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


def parse_side(text: str, side: str) -> Side:
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
        return Side(lower, upper, _YEAR, approximate, uncertain, year, 0, 0, 0, 0, False, False, "")

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
        return Side(
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
        return Side(lower, upper, _YEAR, approximate, uncertain, year, 0, 0, 0, 0, False, False, "")

    if month_text == "XX":
        if day_text not in (None, "XX"):
            raise _fail(text, "after an unspecified month the day must be XX too")
        if m["hh"] is not None:
            raise _fail(text, "a time of day needs a fully known date")
        lower, upper = day_number(year, 1, 1), day_number(year, 12, 31)
        return Side(
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
        upper = day_number(last_year, last_month, days_in_month(last_year, last_month))
        return Side(
            lower, upper, _SEASON, approximate, uncertain, year, 0, 0, month, 0, False, False, ""
        )
    if not 1 <= month <= 12:
        raise _fail(text, f"month {month_text} is out of range")

    length = days_in_month(year, month)
    first = day_number(year, month, 1)
    if day_text is None or day_text == "XX":
        if day_text == "XX" and m["hh"] is not None:
            raise _fail(text, "a time of day needs a fully known date")
        return Side(
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
            day_text == "XX",
            "",
        )
    if "X" in day_text:
        raise _fail(text, f"day {day_text} must be two digits or XX")
    day = int(day_text)
    if not 1 <= day <= length:
        raise _fail(
            text, f"day {day_text} is out of range for {LONG_MONTHS[month]} {year_label(year)}"
        )
    time = ""
    if m["hh"] is not None:
        time = _parse_time(text, m["hh"], m["mi"], m["ss"], m["tz"])
    lower = first + day - 1
    return Side(
        lower, lower, _DAY, approximate, uncertain, year, month, day, 0, 0, False, False, time
    )


def split_interval(text: str) -> tuple[Side | str, Side | str]:
    """Both ends of an interval: a Side, ``".."`` for open or ``""`` for unknown."""
    start_text, _, end_text = text.partition("/")
    if "/" in end_text:
        raise _fail(text, "an interval has exactly one '/'")
    if start_text in ("", OPEN) and end_text in ("", OPEN):
        raise _fail(text, "an interval needs at least one known end")
    start: Side | str = start_text if start_text in ("", OPEN) else parse_side(text, start_text)
    end: Side | str = end_text if end_text in ("", OPEN) else parse_side(text, end_text)
    return start, end


def parse_set(text: str) -> list[tuple[Side, Side]]:
    """The candidates of a "one of a set" date, each as its first and last side.

    ``[2014-07-14,2014-07-15]`` is one of two days; ``[2014-07-14..2014-07-16]``
    one day of a run.  Open ends and "all of" sets (``{…}``) are refused:
    a timeline cannot draw "some day before 2014" honestly as one event.
    """
    if text.startswith("{"):
        raise _fail(text, "'all of' sets ({...}) are not supported; list one event per date")
    if not (text.startswith("[") and text.endswith("]")):
        raise _fail(text, "a 'one of' set is written [date,date], with both brackets")
    inner = text[1:-1]
    if not inner.strip():
        raise _fail(text, "a set needs at least one date inside the brackets")
    candidates: list[tuple[Side, Side]] = []
    for item in inner.split(","):
        if "/" in item:
            raise _fail(text, "a set lists dates, not intervals; write a run of days as a..b")
        first, dots, last = item.partition(OPEN)
        if dots and (not first or not last):
            raise _fail(text, "open ends (..) inside a set are not supported")
        if item and not dots:
            side = parse_side(text, item)
            candidates.append((side, side))
            continue
        if not item:
            raise _fail(text, "an empty place in the set (two commas, or a comma at an end)")
        start, end = parse_side(text, first), parse_side(text, last)
        if end.upper < start.lower:
            raise _fail(text, f"in the set, {last} is before {first}")
        candidates.append((start, end))
    return candidates
