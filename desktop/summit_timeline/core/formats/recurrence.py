"""iCalendar recurrence rules (RFC 5545 RRULE) read and expanded to calendar days.

The model keeps days, not times, so a rule is evaluated on the days of a
bounded window (at most ``limits.MAX_RECURRENCE_YEARS`` years) with numpy
masks: one array per calendar property (month, day of month, weekday, week
number…), one boolean mask per BY* part.  The cost is fixed by the window,
whatever the rule says: a rule that can never match (``BYMONTH=2;
BYMONTHDAY=30``) costs the same as one that matches every day.  Iterating
libraries look for the next match and check UNTIL only on matches, so such
a rule, or ``INTERVAL=0``, keeps them busy until the year 9999.

Times of day collapse onto their day: ``FREQ=WEEKLY;BYHOUR=9,10,11`` is one
event a week, not three on the same day.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Final

import numpy as np
from numpy.typing import NDArray

FREQS: Final = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
SUB_DAILY: Final = frozenset({"HOURLY", "MINUTELY", "SECONDLY"})
WEEKDAYS: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_RANGES: Final[dict[str, tuple[int, int, bool]]] = {
    # part: (lowest, highest, negative values allowed)
    "BYMONTH": (1, 12, False),
    "BYWEEKNO": (1, 53, True),
    "BYYEARDAY": (1, 366, True),
    "BYMONTHDAY": (1, 31, True),
    "BYSETPOS": (1, 366, True),
    "BYHOUR": (0, 23, False),
    "BYMINUTE": (0, 59, False),
    "BYSECOND": (0, 60, False),
}
_BYDAY: Final = re.compile(r"([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL: Final = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?")
_EPOCH_ORDINAL: Final = dt.date(1970, 1, 1).toordinal()


class RuleError(ValueError):
    """A rule that cannot be used; ``part`` names the rule part to blame (``BYMONTH=13``)."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(message)
        self.part = part


class RuleRefused(RuleError):
    """A rule no calendar program could have meant (``INTERVAL=0``): the file is refused."""


@dataclass(frozen=True)
class Until:
    day: dt.date
    time: dt.time | None
    utc: bool


@dataclass(frozen=True)
class Rule:
    freq: str
    interval: int = 1
    count: int | None = None
    until: Until | None = None
    by: dict[str, tuple[int, ...]] = field(default_factory=dict)
    byday: tuple[tuple[int, int], ...] = ()
    """(ordinal or 0, weekday 0 = Monday) for each BYDAY entry."""
    wkst: int = 0

    @property
    def times_per_day(self) -> int:
        """Instances on one day (BYHOUR × BYMINUTE × BYSECOND); COUNT counts those."""
        return math.prod(len(self.by.get(p, (0,))) for p in ("BYHOUR", "BYMINUTE", "BYSECOND"))


def parse_rule(text: str) -> Rule:
    """Parse ``FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20240129T070000Z``; ``RuleError`` says why not."""
    parts: dict[str, str] = {}
    for piece in text.strip().split(";"):
        if not piece:
            continue
        name, eq, value = piece.partition("=")
        name = name.strip().upper()
        if not eq or not name:
            raise RuleError(piece[:30], f"'{piece[:30]}' is not NAME=VALUE")
        if name in parts:
            raise RuleError(name, f"{name} appears twice")
        parts[name] = value.strip()
    freq = parts.pop("FREQ", "").upper()
    if not freq:
        raise RuleError("FREQ", "the rule has no FREQ")
    if freq not in FREQS:
        raise RuleError(f"FREQ={freq[:20]}", f"FREQ={freq[:20]} is not a frequency")
    interval = _whole(parts.pop("INTERVAL", "1"), "INTERVAL")
    if interval < 1:
        raise RuleRefused(f"INTERVAL={interval}", f"INTERVAL={interval}: the interval must be "
                                                  "a whole number of at least 1")
    count = None
    if "COUNT" in parts:
        count = _whole(parts.pop("COUNT"), "COUNT")
        if count < 1:
            raise RuleError(f"COUNT={count}", f"COUNT={count}: the count must be at least 1")
    until = None
    if "UNTIL" in parts:
        if count is not None:
            raise RuleError("UNTIL", "the rule has both COUNT and UNTIL")
        until = _until(parts.pop("UNTIL"))
    by: dict[str, tuple[int, ...]] = {}
    for name, (low, high, negative) in _RANGES.items():
        if name not in parts:
            continue
        values = tuple(_whole(v, name) for v in parts.pop(name).split(","))
        for v in values:
            if not (low <= v <= high or (negative and -high <= v <= -low)):
                span = f"{low}–{high}" + (f" or -{high}–-{low}" if negative else "")
                raise RuleError(f"{name}={v}", f"{name}={v} is outside {span}")
        by[name] = values
    byday: list[tuple[int, int]] = []
    if "BYDAY" in parts:
        for item in parts.pop("BYDAY").upper().split(","):
            m = _BYDAY.fullmatch(item.strip())
            if m is None:
                raise RuleError(f"BYDAY={item[:10]}", f"BYDAY={item[:10]} is not a weekday "
                                                      "such as MO, 2TU or -1FR")
            n = int(m.group(2) or 0) * (-1 if m.group(1) == "-" else 1)
            if m.group(2) is not None and not 1 <= abs(n) <= 53:
                raise RuleError(f"BYDAY={item}", f"BYDAY={item}: the ordinal must be 1–53 or "
                                                 "-53–-1")
            byday.append((n, WEEKDAYS.index(m.group(3))))
    wkst = 0
    if "WKST" in parts:
        name = parts.pop("WKST").upper()
        if name not in WEEKDAYS:
            raise RuleError(f"WKST={name[:10]}", f"WKST={name[:10]} is not a weekday")
        wkst = WEEKDAYS.index(name)
    unknown = [p for p in parts if not p.startswith("X-")]
    if unknown:
        raise RuleError(unknown[0][:20], f"the rule part {unknown[0][:20]} is not one this app "
                                         "understands")
    return Rule(freq, interval, count, until, by, tuple(byday), wkst)


def _whole(text: str, name: str) -> int:
    if not re.fullmatch(r"[+-]?\d{1,12}", text.strip()):
        raise RuleError(f"{name}={text[:12]}", f"{name}={text[:12]} is not a whole number")
    return int(text)


def _until(text: str) -> Until:
    m = _UNTIL.fullmatch(text.strip().upper())
    if m is None:
        raise RuleError("UNTIL", f"UNTIL={text[:20]} is not a date or date-time")
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        time = dt.time(int(m.group(4)), int(m.group(5)), min(59, int(m.group(6)))) \
            if m.group(4) else None
    except ValueError:
        raise RuleError("UNTIL", f"UNTIL={text[:20]} is not a date that exists") from None
    return Until(day, time, bool(m.group(7)))


# ---------------------------------------------------------------- expansion


def expand(rule: Rule, start: dt.date, last: dt.date, limit: int) -> list[dt.date]:
    """The days from ``start`` to ``last`` (inclusive) the rule gives, at most ``limit + 1``.

    ``last`` is the caller's bound: the expansion window and UNTIL, already
    turned into a day where the event is.  DTSTART itself is not added: a
    start that does not match its rule is the caller's to keep.
    """
    if rule.freq in SUB_DAILY:
        raise ValueError("sub-daily rules are not expanded")
    if last < start:
        return []
    by = _defaults(rule, start)
    lo = _period_start(rule, start)
    hi = _period_end(rule, last)
    days = _Days(lo, hi, rule.wkst)
    keep = _in_interval(rule, days, start) & _filters(rule, by, days)
    if "BYSETPOS" in rule.by:
        keep = _set_positions(keep, days.period(rule, start), rule.by["BYSETPOS"])
    first, last_ord = start.toordinal(), last.toordinal()
    keep &= (days.ordinal >= first) & (days.ordinal <= last_ord)
    ordinals = days.ordinal[keep]
    wanted = limit + 1
    if rule.count is not None:
        wanted = min(wanted, -(-rule.count // rule.times_per_day))
    return [dt.date.fromordinal(int(o)) for o in ordinals[:wanted]]


def _defaults(rule: Rule, start: dt.date) -> dict[str, tuple[int, ...]]:
    """The parts DTSTART fills in when the rule names no day: ``FREQ=YEARLY`` alone
    repeats the start's month and day, ``MONTHLY`` its day, ``WEEKLY`` its weekday."""
    by = dict(rule.by)
    if any(p in by for p in ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY")) or rule.byday:
        return by
    if rule.freq == "YEARLY":
        by.setdefault("BYMONTH", (start.month,))
        by["BYMONTHDAY"] = (start.day,)
    elif rule.freq == "MONTHLY":
        by["BYMONTHDAY"] = (start.day,)
    elif rule.freq == "WEEKLY":
        by["_WEEKDAY"] = (start.weekday(),)
    return by


def _week_start(ordinal: int, wkst: int) -> int:
    return ordinal - ((ordinal - 1 - wkst) % 7)


def _period_start(rule: Rule, day: dt.date) -> dt.date:
    if rule.freq == "YEARLY":
        return day.replace(month=1, day=1)
    if rule.freq == "MONTHLY":
        return day.replace(day=1)
    if rule.freq == "WEEKLY":
        return dt.date.fromordinal(max(1, _week_start(day.toordinal(), rule.wkst)))
    return day


def _period_end(rule: Rule, day: dt.date) -> dt.date:
    if rule.freq == "YEARLY":
        return day.replace(month=12, day=31)
    if rule.freq == "MONTHLY":
        following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    if rule.freq == "WEEKLY":
        return dt.date.fromordinal(min(dt.date.max.toordinal(),
                                       _week_start(day.toordinal(), rule.wkst) + 6))
    return day


class _Days:
    """Calendar properties of every day from ``lo`` to ``hi``, as arrays."""

    def __init__(self, lo: dt.date, hi: dt.date, wkst: int) -> None:
        self.ordinal = np.arange(lo.toordinal(), hi.toordinal() + 1, dtype=np.int64)
        d64 = (self.ordinal - _EPOCH_ORDINAL).astype("datetime64[D]")
        months = d64.astype("datetime64[M]")
        years = d64.astype("datetime64[Y]")
        self.year = years.astype(np.int64) + 1970
        self.month_index = months.astype(np.int64)
        self.month = self.month_index % 12 + 1
        self.mday = (d64 - months.astype("datetime64[D]")).astype(np.int64) + 1
        self.month_len = ((months + 1).astype("datetime64[D]")
                          - months.astype("datetime64[D]")).astype(np.int64)
        self.yday = (d64 - years.astype("datetime64[D]")).astype(np.int64) + 1
        self.year_len = ((years + 1).astype("datetime64[D]")
                         - years.astype("datetime64[D]")).astype(np.int64)
        self.weekday = (self.ordinal - 1) % 7
        self.wkst = wkst
        self.week_start = self.ordinal - ((self.weekday - wkst) % 7)

    def period(self, rule: Rule, start: dt.date) -> NDArray[np.int64]:
        """Which period (year, month, week or day, counted from DTSTART's) each day is in."""
        if rule.freq == "YEARLY":
            return self.year - start.year
        if rule.freq == "MONTHLY":
            return self.month_index - ((start.year - 1970) * 12 + start.month - 1)
        if rule.freq == "WEEKLY":
            return (self.week_start - _week_start(start.toordinal(), self.wkst)) // 7
        return self.ordinal - start.toordinal()

    def week_numbers(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Week number of each day and the same counted from the end (-1 the last week).

        Week 1 is the first week with at least four days in the year (RFC 5545,
        ISO 8601 with the week starting on WKST): a week belongs to the year
        that holds its fourth day.
        """
        fourth = self.week_start + 3
        d64 = (fourth - _EPOCH_ORDINAL).astype("datetime64[D]")
        years = d64.astype("datetime64[Y]")
        jan1 = years.astype("datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL
        number = (fourth - jan1) // 7 + 1
        # The weeks in that year: the week of its 31 December if that week's
        # fourth day is in the year, else the week before.
        dec31 = (years + 1).astype("datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL - 1
        last_start = dec31 - ((dec31 - 1 - self.wkst) % 7)
        last_start = np.where(last_start + 3 <= dec31, last_start, last_start - 7)
        weeks = (last_start + 3 - jan1) // 7 + 1
        return number, number - weeks - 1


def _in_interval(rule: Rule, days: _Days, start: dt.date) -> NDArray[np.bool_]:
    mask: NDArray[np.bool_] = days.period(rule, start) % rule.interval == 0
    return mask


def _isin(values: NDArray[np.int64], wanted: tuple[int, ...]) -> NDArray[np.bool_]:
    return np.isin(values, np.asarray(wanted, dtype=np.int64))


def _filters(rule: Rule, by: dict[str, tuple[int, ...]], days: _Days) -> NDArray[np.bool_]:
    keep = np.ones(len(days.ordinal), dtype=bool)
    if "BYMONTH" in by:
        keep &= _isin(days.month, by["BYMONTH"])
    if "BYWEEKNO" in by:
        number, from_end = days.week_numbers()
        keep &= _isin(number, by["BYWEEKNO"]) | _isin(from_end, by["BYWEEKNO"])
    if "BYYEARDAY" in by:
        keep &= _isin(days.yday, by["BYYEARDAY"]) | \
            _isin(days.yday - days.year_len - 1, by["BYYEARDAY"])
    if "BYMONTHDAY" in by:
        keep &= _isin(days.mday, by["BYMONTHDAY"]) | \
            _isin(days.mday - days.month_len - 1, by["BYMONTHDAY"])
    if "_WEEKDAY" in by:
        keep &= _isin(days.weekday, by["_WEEKDAY"])
    if rule.byday:
        keep &= _weekday_mask(rule, days)
    return keep


def _weekday_mask(rule: Rule, days: _Days) -> NDArray[np.bool_]:
    """BYDAY: plain weekdays, or the n-th weekday of the month (MONTHLY, or YEARLY
    with BYMONTH) or of the year (YEARLY); ordinals mean nothing in shorter periods."""
    ordinals = rule.freq in ("MONTHLY", "YEARLY")
    in_month = rule.freq == "MONTHLY" or "BYMONTH" in rule.by
    if in_month:
        nth, nth_back = (days.mday - 1) // 7 + 1, -((days.month_len - days.mday) // 7 + 1)
    else:
        nth, nth_back = (days.yday - 1) // 7 + 1, -((days.year_len - days.yday) // 7 + 1)
    mask = np.zeros(len(days.ordinal), dtype=bool)
    for n, weekday in rule.byday:
        on_day = days.weekday == weekday
        if n and ordinals:
            on_day &= (nth == n) | (nth_back == n)
        mask |= on_day
    return mask


def _set_positions(keep: NDArray[np.bool_], period: NDArray[np.int64],
                   positions: tuple[int, ...]) -> NDArray[np.bool_]:
    """BYSETPOS: the n-th (or n-th from last) of each period's days."""
    index = np.flatnonzero(keep)
    if not len(index):
        return keep
    groups = period[index]
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    sizes = np.diff(np.r_[starts, len(index)])
    rank = np.arange(len(index)) - np.repeat(starts, sizes) + 1
    from_end = rank - np.repeat(sizes, sizes) - 1
    chosen = _isin(rank, positions) | _isin(from_end, positions)
    out = np.zeros_like(keep)
    out[index[chosen]] = True
    return out
