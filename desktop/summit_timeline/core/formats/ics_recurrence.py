"""A recurring VEVENT (RRULE, RDATE, EXDATE) as the list of days it happens on.

The rule itself is read and expanded by :mod:`.recurrence`; this module
adds what iCalendar puts around it: UNTIL written in UTC for a start with a
time zone (what Google Calendar and Outlook write) is compared on the
event's own calendar, several RRULEs are merged, RDATEs are added and
EXDATEs removed.  Expansion is bounded: at most ``limits.MAX_OCCURRENCES``
occurrences within ``limits.MAX_RECURRENCE_YEARS`` years of the first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import limits
from .ics_values import prop_moment
from .recurrence import SUB_DAILY, Rule, RuleError, Until, expand, parse_rule


def window_end(start: dt.date) -> dt.date:
    """The last day expansion may reach (a 29 February start counts whole years of days)."""
    if not (start.month == 2 and start.day == 29):
        return start.replace(year=min(9999, start.year + limits.MAX_RECURRENCE_YEARS))
    return min(dt.date(9999, 12, 31),
               start + dt.timedelta(days=365 * limits.MAX_RECURRENCE_YEARS))


@dataclass
class Occurrences:
    days: list[dt.date]
    """In order, DTSTART first; at most ``limits.MAX_OCCURRENCES``."""
    truncated: bool = False
    """More occurrences were left out (the limits, not the rule, ended the list)."""
    skipped: list[str] = field(default_factory=list)
    """RDATE and EXDATE values that could not be read, in words."""
    barren: bool = False
    """A rule gives no day at all within the window (``BYMONTH=2;BYMONTHDAY=30``)."""


def rule_texts(ev: Any) -> list[str]:
    """The text of each RRULE property, as written (icalendar may have parsed it)."""
    raw = ev.get("RRULE")
    out = []
    for value in raw if isinstance(raw, list) else [raw]:
        to_ical = getattr(value, "to_ical", None)
        if isinstance(value, dict) and to_ical is not None:
            text = to_ical()
            out.append(text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text))
        else:
            out.append(str(value))
    return out


def read_rules(ev: Any) -> list[Rule]:
    """Every RRULE of the event; raises ``RuleError`` naming the part that cannot be used."""
    return [parse_rule(text) for text in rule_texts(ev)]


def is_sub_daily(rules: list[Rule]) -> bool:
    return any(r.freq in SUB_DAILY for r in rules)


def until_day(until: Until, start: Any, zone: dt.tzinfo | None) -> dt.date:
    """The last day UNTIL allows, on the calendar of the event's start.

    RFC 5545 asks for UNTIL in UTC when DTSTART has a time zone, so 29 January
    at 10:00 in Moscow is written ``UNTIL=20240129T070000Z``; compared as
    written it would end the rule before the start's own time zone reaches it.
    """
    if until.time is None:
        return until.day
    moment = dt.datetime.combine(until.day, until.time)
    if until.utc:
        moment = moment.replace(tzinfo=dt.UTC)
        target = start.tzinfo if isinstance(start, dt.datetime) and start.tzinfo else zone
        moment = moment.astimezone(target).replace(tzinfo=None) if target else \
            moment.replace(tzinfo=None)
    day = moment.date()
    if isinstance(start, dt.datetime) and moment.time() < start.time().replace(tzinfo=None):
        day -= dt.timedelta(days=1)  # the occurrence on that day starts after UNTIL
    return day


def occurrence_days(ev: Any, rules: list[Rule], start: dt.date, zone: dt.tzinfo | None
                    ) -> Occurrences:
    """The days the event happens on, from DTSTART (always the first) on."""
    end = window_end(start)
    raw_start = prop_moment(ev.get("DTSTART"))
    found: set[dt.date] = set()
    truncated = barren = False
    for rule in rules:
        natural = None if rule.until is None else until_day(rule.until, raw_start, zone)
        days = expand(rule, start, end if natural is None else min(end, natural),
                      limits.MAX_OCCURRENCES)
        if not days:
            barren = True
        if rule.count is not None:
            wanted = -(-rule.count // rule.times_per_day)
            if start not in days:
                wanted -= 1  # DTSTART counts as the first occurrence
                days = days[: max(0, wanted)]
            truncated |= len(days) < wanted  # the window ended it before COUNT did
        elif natural is None or natural > end:
            truncated = True
        truncated |= len(days) > limits.MAX_OCCURRENCES
        found.update(days)
    skipped: list[str] = []
    for day in _dates(ev.get("RDATE"), "RDATE", skipped):
        if start <= day <= end:
            found.add(day)
    found.add(start)
    for day in _dates(ev.get("EXDATE"), "EXDATE", skipped):
        if day != start or len(found) > 1:
            found.discard(day)
    days = sorted(found)
    if len(days) > limits.MAX_OCCURRENCES:
        truncated = True
        days = days[: limits.MAX_OCCURRENCES]
    return Occurrences(days, truncated and len(days) > 1, skipped, barren)


def _dates(value: Any, prop: str, skipped: list[str]) -> list[dt.date]:
    """The days of an RDATE or EXDATE property (one or several lines; PERIODs by their start)."""
    out: list[dt.date] = []
    if value is None:
        return out
    for item in value if isinstance(value, list) else [value]:
        try:
            dts = item.dts
        except Exception:  # a value the parser could not read (it raises on access)
            dts = None
        if not isinstance(dts, list):
            skipped.append(f"{prop} value {str(item)[:40]!r} is not a date")
            continue
        for d in dts:
            when = prop_moment(d)
            if isinstance(when, tuple) and when:  # a PERIOD: (start, end or duration)
                when = when[0]
            if isinstance(when, dt.datetime):
                out.append(when.date())
            elif isinstance(when, dt.date):
                out.append(when)
            else:
                skipped.append(f"{prop} value {str(d)[:40]!r} is not a date")
    return out


__all__ = ["Occurrences", "RuleError", "is_sub_daily", "occurrence_days", "read_rules",
           "until_day", "window_end"]
