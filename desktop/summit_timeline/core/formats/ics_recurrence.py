"""Recurring iCalendar events (RRULE, RDATE, EXDATE) expanded into their days.

A timeline shows each occurrence as its own event, but a rule may repeat
forever, so expansion is bounded: at most ``limits.MAX_OCCURRENCES``
occurrences within ``limits.MAX_RECURRENCE_YEARS`` years of the first, and a
COUNT or UNTIL in the rule stops it sooner. Rules more frequent than daily
are not expanded at all, because the model keeps days, not times.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from dateutil import rrule

from . import limits
from .ics_values import dates_of


def window_end(start: dt.date) -> dt.date:
    """The last day expansion may reach (a 29 February start counts whole years of days)."""
    if not (start.month == 2 and start.day == 29):
        return start.replace(year=min(9999, start.year + limits.MAX_RECURRENCE_YEARS))
    return start + dt.timedelta(days=365 * limits.MAX_RECURRENCE_YEARS)


def occurrence_days(ev: Any, start: dt.date, end: dt.date) -> list[dt.date] | None:
    """Days the VEVENT recurs on from ``start`` up to ``end``, in order.

    Returns up to ``limits.MAX_OCCURRENCES + 1`` days, so that the caller can
    tell that expansion was cut short, or None for a rule more frequent than
    daily. Any exception means the rule could not be read.
    """
    raw = ev.get("RRULE")
    rules = raw if isinstance(raw, list) else [raw]
    base = dt.datetime(start.year, start.month, start.day)
    parsed = [rrule.rrulestr("RRULE:" + r.to_ical().decode("ascii", "replace"),
                             dtstart=base) for r in rules]
    if not all(isinstance(r, rrule.rrule) for r in parsed):
        raise ValueError("not a single rule")
    freqs = {getattr(r, "_freq", None) for r in parsed}
    if freqs & {rrule.HOURLY, rrule.MINUTELY, rrule.SECONDLY}:
        return None
    limited = rrule.rruleset()
    horizon = dt.datetime.combine(end, dt.time(0))
    for r in parsed:
        assert isinstance(r, rrule.rrule)
        count = getattr(r, "_count", None)
        until = getattr(r, "_until", None)
        if isinstance(until, dt.datetime):
            horizon_r = min(horizon, until.replace(tzinfo=None))
        else:
            horizon_r = horizon
        bounded = r.replace(count=None, until=horizon_r)
        if count is not None:
            for moment in itertools.islice(iter(bounded),
                                           min(count, limits.MAX_OCCURRENCES + 1)):
                limited.rdate(moment)
        else:
            limited.rrule(bounded)
    for exdate in dates_of(ev.get("EXDATE")):
        limited.exdate(dt.datetime(exdate.year, exdate.month, exdate.day))
    for rdate in dates_of(ev.get("RDATE")):
        if start <= rdate <= end:
            limited.rdate(dt.datetime(rdate.year, rdate.month, rdate.day))
    return [o.date() for o in itertools.islice(iter(limited), limits.MAX_OCCURRENCES + 1)]
