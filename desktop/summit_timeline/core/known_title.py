"""A timeline's title and description as they could be written on a knowledge date.

A file's title and description are written with everything it knows: "Putin–Xi
meetings, 2013–2025", "…to the Beijing commemorations of September 2025".  Shown as
known on 3 July 2024 they told what was still to come.  With a knowledge date the
title keeps its words, without the years it ends with, and names the years of the
events known then ("Putin–Xi meetings, 2013–2024"); the description, which nobody
could have written then, gives way to a line of what was known.  The window, the
slides, the handout, every export and the review report take their title from here,
so they agree.
"""

from __future__ import annotations

import re
from typing import Final

from . import dates
from .date_labels import format_day
from .day_numbers import from_day_number
from .knowledge import known_state
from .model import Timeline

_YEARS: Final = re.compile(
    r"[\s,:;(–—-]*\b\d{4}(?:\s*(?:[–—/-]|to)\s*(?:\d{4}|\d{2}))?\)?\s*$")
"""Years a title ends with: ", 2013–2025", " (2013-25)", ": 2024"."""


def without_years(title: str) -> str:
    """``title`` without the year or span of years it ends with ("" if that is all)."""
    return _YEARS.sub("", title).strip()


def year_span(first_day: int, last_day: int) -> str:
    """"2013–2024", or "2024" when both days fall in one year."""
    first, last = from_day_number(first_day)[0], from_day_number(last_day)[0]
    return str(first) if first == last else f"{first}–{last}"


def known_title(title: str, day: int | None, days: tuple[int, int] | None) -> str:
    """The title shown as known on ``day`` (None: everything known, the file's own).

    ``days``: the first and last day of the events known on ``day`` (None: none)."""
    if day is None:
        return title
    words = without_years(title)
    if days is None:
        return words or title
    return f"{words}, {year_span(*days)}" if words else year_span(*days)


def known_description(description: str, day: int | None, count: int,
                      days: tuple[int, int] | None) -> str:
    """The description, for everything known only: it was written knowing it all.  On a
    knowledge date, a line of what was known then: "The record as known on 3 Jul 2024:
    63 events from 22 Mar 2013 to 31 Oct 2024." (``count`` events, ``days`` their span)."""
    if day is None:
        return description
    line = f"The record as known on {format_day(day)}: {count} event{'s' * (count != 1)}"
    return f"{line} from {format_day(days[0])} to {format_day(days[1])}." if days else \
        f"{line}."


def known_days(timeline: Timeline, day: int | None) -> tuple[int, int] | None:
    """First and last day of the events known on ``day``, each as known then."""
    first: int | None = None
    last: int | None = None
    for event in timeline.events:
        known = known_state(event, day)
        if known is None:
            continue
        when = dates.parse(known.when)
        first = when.lower if first is None else min(first, when.lower)
        last = when.upper if last is None else max(last, when.upper)
    return None if first is None or last is None else (first, last)


def timeline_title(timeline: Timeline, day: int | None) -> str:
    """``known_title`` of a timeline, reading its events (the review report's way; a
    snapshot has the known days at hand)."""
    return known_title(timeline.title, day, known_days(timeline, day) if day is not None
                       else None)
