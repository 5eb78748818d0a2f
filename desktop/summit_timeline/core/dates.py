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

The grammar lives in :mod:`.edtf_grammar`, the day arithmetic in
:mod:`.day_numbers` and the labels in :mod:`.date_labels`; this module keeps
the public API, the cache and the fast path, which is the hot one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, cast

from .date_labels import display_text, format_day
from .day_numbers import day_number, days_in_month, from_day_number, today_number
from .edtf_grammar import EdtfError, Precision, Side, parse_set, parse_side, split_interval

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


_CACHE_LIMIT: Final = 1 << 20

_YEAR: Final = Precision.YEAR
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
        return display_text(self.text)

    @property
    def one_of(self) -> bool:
        """A "one of a set" date (``[2014-07-14,2014-07-15]``): one of the candidates,
        sources disagree which; ``lower``/``upper`` bound them all."""
        return self.text.startswith("[")


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
    info = (day_number(year, month, 1), days_in_month(year, month))
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


def _parse_set(text: str) -> EdtfDate:
    """A "one of" set: bounds over every candidate, and always uncertain."""
    sides = [side for pair in parse_set(text) for side in pair]
    return EdtfDate(
        text,
        min(s.lower for s in sides),
        max(s.upper for s in sides),
        min(s.precision for s in sides),
        any(s.approximate for s in sides),
        True,
        False,
        False,
        False,
        any(s.unspecified for s in sides),
    )


def _parse_general(text: object) -> EdtfDate:
    """Any form the grammar accepts, as the same EdtfDate the fast path would give."""
    if not isinstance(text, str):
        raise EdtfError(text, f"expected text, got {type(text).__name__}")
    if text[:1] in ("[", "{"):
        return _parse_set(text)
    if "/" not in text:
        s = parse_side(text, text)
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
    start, end = split_interval(text)
    if isinstance(start, Side) and isinstance(end, Side):
        if end.upper < start.lower:
            start_text, _, end_text = text.partition("/")
            raise EdtfError(text, f"the end {end_text} is before the start {start_text}")
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
    if isinstance(start, Side):
        known = start
    else:
        assert isinstance(end, Side)  # split_interval guarantees one known end
        known = end
    return EdtfDate(
        text,
        known.lower,
        known.upper,
        known.precision,
        known.approximate,
        known.uncertain,
        True,
        not isinstance(start, Side),
        not isinstance(end, Side),
        known.unspecified,
    )
