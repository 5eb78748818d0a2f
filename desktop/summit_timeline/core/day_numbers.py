"""Day numbers: the calendar arithmetic every EDTF date is measured in.

Dates are compared, stored in numpy arrays and drawn as integer days since
1970-01-01 in the proleptic Gregorian calendar, for any year, including the
years before 1 and after 9999 that ``datetime`` cannot hold. The month names
and the BCE year label live here too, because both the grammar's error
messages and the display labels write dates in them.
"""

from __future__ import annotations

from datetime import date
from typing import Final

# date(1970, 1, 1).toordinal(): day numbers count from the Unix epoch so that they
# line up with timestamps other tools produce.
_EPOCH_ORDINAL: Final = 719163
# The Gregorian calendar repeats exactly every 400 years, which is what lets years
# outside datetime's 1..9999 reuse its arithmetic.
_CYCLE_YEARS: Final = 400
_CYCLE_DAYS: Final = 146097
_MAX_ORDINAL: Final = date.max.toordinal()

SHORT_MONTHS: Final = (
    "", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
LONG_MONTHS: Final = (
    "", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


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


def year_label(year: int) -> str:
    """A year as readers write it, e.g. "2024", "12,000" or "44 BCE"."""
    # EDTF years are astronomical, readers expect BCE: year 0 is 1 BCE.
    if year >= 1:
        return str(year) if year < 10000 else f"{year:,}"
    bce = 1 - year
    return (str(bce) if bce < 10000 else f"{bce:,}") + " BCE"


def days_in_month(year: int, month: int) -> int:
    """Length of a month in the proleptic Gregorian calendar, for any year."""
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31
