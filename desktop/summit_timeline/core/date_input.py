"""Dates typed by a person: ``--as-of``, ``--from`` and ``--to``, and the window's date fields.

A file's dates are EDTF and a file's errors may speak EDTF.  A person typing a
date should not have to know it: they get the forms people write (2024-10-23,
23 Oct 2024, October 23, 2024) and, when a date cannot be read, a sentence
naming the accepted forms and the likely one they meant.  Day/month numbers
such as 23/10/2024 are read only when the caller knows the order (a date field
knows its locale's); elsewhere "03/07/2024" could be March or July, so it is
refused with both readings rather than guessed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Final, Literal

from . import dates
from .day_numbers import LONG_MONTHS, SHORT_MONTHS, days_in_month

ACCEPTED: Final = ("2024-10-23 (year-month-day) or 23 Oct 2024; "
                   "2024-10 for a whole month, 2024 for a year")
"""The forms named in every error message."""
ACCEPTED_DAY: Final = "2024-10-23 (year-month-day) or 23 Oct 2024"

NumericOrder = Literal["dmy", "mdy", "ymd"]

_ENGLISH_MONTHS: Final[dict[str, int]] = {
    **{name.casefold(): number for number, name in enumerate(LONG_MONTHS) if name},
    **{name.casefold(): number for number, name in enumerate(SHORT_MONTHS) if name},
    "sept": 9,
}
_SEPARATORS: Final = re.compile(r"[\s,/.\-]+")
_ORDINAL: Final = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_ISO_LIKE: Final = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_WITH_TIME: Final = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d")
_BASIC_ISO: Final = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class DateInputError(ValueError):
    """A typed date that cannot be read; ``str()`` is the whole sentence to show."""

    def __init__(self, text: str, reason: str, suggestions: tuple[str, ...] = (),
                 accepted: str = ACCEPTED) -> None:
        self.text = text
        self.reason = reason
        self.suggestions = suggestions
        shown = text if len(text) <= 40 else text[:37] + "..."
        self.sentences = [f"{shown!r} {reason}." if text.strip() else "No date given.",
                          f"Write dates as {accepted}."]
        """The message in sentences, for a tooltip that breaks its lines between them."""
        if suggestions:
            self.sentences.append("Did you mean " + " or ".join(suggestions) + "?")
        super().__init__(" ".join(self.sentences))


def read_date(text: str, *, order: NumericOrder | None = None,
              months: Mapping[str, int] | None = None, day_only: bool = False
              ) -> dates.EdtfDate:
    """The date a person meant by ``text``, or ``DateInputError`` saying how to write it.

    ``order`` reads numeric dates such as 23/10/2024 in a known order;
    ``months`` adds month names (lower case, e.g. a locale's ``"окт"``) to the
    English ones; ``day_only`` refuses months, years and spans (a date field
    shows one day).
    """
    accepted = ACCEPTED_DAY if day_only else ACCEPTED
    stripped = " ".join(text.split())
    if not stripped:
        raise DateInputError(text, "", accepted=accepted)
    if dates.is_valid(stripped):
        return _check_day(text, dates.parse(stripped), day_only, accepted)
    found = _read_loose(stripped, order, _month_table(months))
    if isinstance(found, str):
        return _check_day(text, dates.parse(found), day_only, accepted)
    reason, suggestions = found
    raise DateInputError(text, reason, suggestions, accepted)


def read_day(text: str, *, order: NumericOrder | None = None,
             months: Mapping[str, int] | None = None) -> int:
    """A knowledge date: the last day the typed date covers ("2024-10" is 31 October)."""
    return read_date(text, order=order, months=months).upper


def _check_day(text: str, date: dates.EdtfDate, day_only: bool, accepted: str
               ) -> dates.EdtfDate:
    if not day_only or (date.precision == dates.Precision.DAY and not date.is_interval
                        and not date.approximate and not date.uncertain):
        return date
    raise DateInputError(text, f"is not a single day ({date.display()})",
                         (dates.format_day(date.upper),), accepted)


def _month_table(extra: Mapping[str, int] | None) -> dict[str, int]:
    table = dict(_ENGLISH_MONTHS)
    for name, number in (extra or {}).items():
        key = name.casefold().rstrip(".")
        if key and 1 <= number <= 12:
            table.setdefault(key, number)
    return table


Outcome = str | tuple[str, tuple[str, ...]]
"""EDTF text when read; otherwise (reason, suggested EDTF texts)."""


def _read_loose(text: str, order: NumericOrder | None, months: dict[str, int]) -> Outcome:
    with_time = _ISO_WITH_TIME.match(text)
    if with_time:
        return "has a time of day; give the day alone", (with_time.group(1),)
    iso = _ISO_LIKE.match(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return _day_text(year, month, day) or (_range_reason(year, month, day), ())
    basic = _BASIC_ISO.match(text)
    if basic:
        year, month, day = (int(part) for part in basic.groups())
        found = _day_text(year, month, day)
        return "needs dashes between year, month and day", (found,) if found else ()
    tokens = [_ORDINAL.sub(r"\1", token) for token in _SEPARATORS.split(text.casefold())
              if token]
    if any(token.isalpha() for token in tokens):
        return _read_named(tokens, months)
    if tokens and all(token.isdigit() for token in tokens):
        return _read_numeric(tokens, order)
    return "is not a date this program can read", ()


def _read_named(tokens: list[str], months: dict[str, int]) -> Outcome:
    """Forms with the month's name: 23 Oct 2024, October 23 2024, 2024 Oct 23, Oct 2024."""
    words = [(i, token.rstrip(".")) for i, token in enumerate(tokens) if token.isalpha()]
    if len(words) != 1 or len(tokens) not in (2, 3):
        return "is not a date this program can read", ()
    at, word = words[0]
    numbers = [int(token) for i, token in enumerate(tokens) if i != at and token.isdigit()]
    if len(numbers) != len(tokens) - 1:
        return "is not a date this program can read", ()
    month = months.get(word)
    if month is None:
        close = difflib.get_close_matches(word, list(months), n=1, cutoff=0.6)
        if not close:
            return f"names no month this program knows ({word!r})", ()
        month = months[close[0]]
        reason = f"has {word!r} where a month's name was expected"
    else:
        reason = ""
    year, day = _year_and_day(numbers)
    if year is None:
        return "needs a four-digit year", ()
    found = _month_text(year, month) if day is None else _day_text(year, month, day)
    if found is None:
        return _range_reason(year, month, day or 1), ()
    return (reason, (found,)) if reason else found


def _year_and_day(numbers: list[int]) -> tuple[int | None, int | None]:
    """Which number is the year (the one above 31, or the last) and which the day."""
    if len(numbers) == 1:
        return (numbers[0], None) if numbers[0] >= 100 else (None, None)
    first, second = numbers
    if first > 31:
        return first, second
    if second >= 100:
        return second, first
    return None, None


def _read_numeric(tokens: list[str], order: NumericOrder | None) -> Outcome:
    """Numbers only: 2024/10/23 is unambiguous; 23/10/2024 only in a known order."""
    if len(tokens) == 2 and len(tokens[1]) == 4 and len(tokens[0]) <= 2:
        found = _month_text(int(tokens[1]), int(tokens[0]))
        return "is a month and year without the name of the month", (found,) if found else ()
    if len(tokens) != 3:
        return "is not a date this program can read", ()
    values = [int(token) for token in tokens]
    if len(tokens[0]) == 4:
        year, month, day = values
        return _day_text(year, month, day) or (_range_reason(year, month, day), ())
    a, b, year = values
    if len(tokens[2]) == 2:
        year += 2000
    elif len(tokens[2]) != 4:
        return "needs a four-digit year", ()
    if order is not None and order != "ymd":
        day, month = (a, b) if order == "dmy" else (b, a)
        found = _day_text(year, month, day)
        if found is not None:
            return found
    readings: list[str] = []
    for day, month in ((a, b), (b, a)):
        found = _day_text(year, month, day)
        if found is not None and found not in readings:
            readings.append(found)
    if not readings:
        if a > 12 and b > 12:
            months = str(a) if a == b else f"{a} or {b}"
            return f"is not a date: there is no month {months}", ()
        return "is not a date, whichever number is the day", ()
    return "gives the day and month as numbers, which can be read two ways", tuple(readings)


def _day_text(year: int, month: int, day: int) -> str | None:
    if not 1 <= month <= 12 or not 1 <= day <= days_in_month(year, month) or year > 9999:
        return None
    text = f"{year:04d}-{month:02d}-{day:02d}"
    return text if dates.is_valid(text) else None


def _month_text(year: int, month: int) -> str | None:
    if not 1 <= month <= 12 or not 0 <= year <= 9999:
        return None
    return f"{year:04d}-{month:02d}"


def _range_reason(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"has no month {month} (months run from 1 to 12)"
    return (f"has no day {day}: {LONG_MONTHS[month]} {year} has "
            f"{days_in_month(year, month)} days")
