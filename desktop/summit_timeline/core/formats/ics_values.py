"""iCalendar property values as plain calendar dates, shared by reading and writing.

icalendar hands back dates, date-times (UTC, zoned or floating), durations or
values it could not parse; the model wants the calendar day the event has
where it was written, as EDTF text or a day number counted from the epoch.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from .builder import day_text

EPOCH: Final = dt.date(1970, 1, 1)


def prop_moment(value: Any) -> Any:
    """The ``dt`` of a property, or None for a value icalendar could not parse."""
    try:
        return getattr(value, "dt", None)
    except Exception:
        return None


def dates_of(value: Any) -> list[dt.date]:
    """The dates of an EXDATE or RDATE property (one or a list of them)."""
    out: list[dt.date] = []
    for item in value if isinstance(value, list) else [value]:
        for d in getattr(item, "dts", []) or []:
            when = prop_moment(d)
            if isinstance(when, dt.datetime):
                out.append(when.date())
            elif isinstance(when, dt.date):
                out.append(when)
    return out


def calendar_day(value: dt.date, zone: dt.tzinfo | None) -> tuple[dt.date, bool, bool]:
    """(calendar date, had a time, was UTC without a zone to convert to)."""
    if isinstance(value, dt.datetime):
        utc = value.tzinfo is not None and value.utcoffset() == dt.timedelta(0) \
            and value.tzname() in ("UTC", "Z", "GMT")
        if utc and zone is not None:
            return value.astimezone(zone).date(), True, False
        return value.date(), True, utc
    return value, False, False


def edtf_day(day: dt.date) -> str:
    """A calendar date as EDTF day text."""
    return day_text((day - EPOCH).days)
