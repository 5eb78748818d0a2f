"""Display text for dates: short English labels a reader expects.

A label is computed from the EDTF text alone, so it is cached by text, and
from the same parsed sides the grammar produces, so a label never claims more
precision than the date has ("May 2024", never "1 May 2024").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from .day_numbers import LONG_MONTHS, SHORT_MONTHS, from_day_number, year_label
from .edtf_grammar import OPEN, Precision, Side, parse_set, parse_side, split_interval

_SEASON_NAMES: Final = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}

_YEAR: Final = Precision.YEAR
_MONTH: Final = Precision.MONTH
_DAY: Final = Precision.DAY


def format_day(n: int) -> str:
    """A day number as a reader expects it, e.g. "16 May 2024"."""
    y, m, d = from_day_number(n)
    return f"{d} {SHORT_MONTHS[m]} {year_label(y)}"


def _side_core(s: Side) -> str:
    if s.x_year:
        if s.x_year == 1 and s.year >= 1:
            return f"{s.year}s"
        low = s.lower
        high = s.upper
        low_year, high_year = from_day_number(low)[0], from_day_number(high)[0]
        if low_year >= 1:
            return f"{low_year}–{high_year}"
        return f"{year_label(low_year)} – {year_label(high_year)}"
    year = year_label(s.year)
    if s.season:
        return f"{_SEASON_NAMES[s.season]} {year}"
    if s.day:
        return f"{s.day} {SHORT_MONTHS[s.month]} {year}" + (f", {s.time}" if s.time else "")
    if s.month:
        return f"{LONG_MONTHS[s.month]} {year}" + (" (day unknown)" if s.x_day else "")
    if s.x_month:
        return year + (" (month and day unknown)" if s.x_day else " (month unknown)")
    return year


def _side_text(s: Side) -> str:
    core = _side_core(s)
    if s.approximate:
        core = "c. " + core
    if s.uncertain:
        core += "?"
    return core


def _plain_range(a: Side, b: Side) -> str | None:
    """The collapsed form of a range of like precision ("22–24 Oct 2024"), if any."""
    if not (a.plain and b.plain) or a.precision != b.precision:
        return None
    same_year = a.year == b.year
    year = year_label(a.year)
    if a.precision == _DAY:
        if same_year and a.month == b.month:
            if a.day == b.day:
                return f"{a.day} {SHORT_MONTHS[a.month]} {year}"
            return f"{a.day}–{b.day} {SHORT_MONTHS[a.month]} {year}"
        if same_year:
            return f"{a.day} {SHORT_MONTHS[a.month]} – {b.day} {SHORT_MONTHS[b.month]} {year}"
        return f"{format_day(a.lower)} – {format_day(b.lower)}"
    if a.precision == _MONTH:
        if same_year and a.month == b.month:
            return f"{LONG_MONTHS[a.month]} {year}"
        if same_year:
            return f"{SHORT_MONTHS[a.month]} – {SHORT_MONTHS[b.month]} {year}"
        end_year = year_label(b.year)
        return f"{SHORT_MONTHS[a.month]} {year} – {SHORT_MONTHS[b.month]} {end_year}"
    if a.precision == _YEAR:
        if same_year:
            return year
        if a.year >= 1:
            return f"{a.year}–{b.year}"
        return f"{year} – {year_label(b.year)}"
    return None


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _one_of(candidates: list[tuple[Side, Side]]) -> str:
    """"14 or 15 Jul 2014": the candidates, with what they share said once."""
    days = [a for a, b in candidates if a is b and a.plain and a.precision == _DAY]
    if len(days) == len(candidates):
        if len({(s.year, s.month) for s in days}) == 1:
            first = days[0]
            return f"{_or([str(s.day) for s in days])} {SHORT_MONTHS[first.month]} " \
                   f"{year_label(first.year)}"
        if len({s.year for s in days}) == 1:
            return f"{_or([f'{s.day} {SHORT_MONTHS[s.month]}' for s in days])} " \
                   f"{year_label(days[0].year)}"
    words = []
    for a, b in candidates:
        if a is b:
            words.append(_side_text(a))
        else:
            run = _plain_range(a, b) or f"{_side_text(a)} – {_side_text(b)}"
            words.append(f"one day of {run}")
    return _or(words)


@lru_cache(maxsize=1 << 16)
def display_text(text: str) -> str:
    if text.startswith("["):
        return _one_of(parse_set(text))
    if "/" not in text:
        return _side_text(parse_side(text, text))
    start, end = split_interval(text)
    if isinstance(start, Side) and isinstance(end, Side):
        collapsed = _plain_range(start, end)
        return collapsed or f"{_side_text(start)} – {_side_text(end)}"
    if isinstance(start, Side):
        return ("from " if end == OPEN else "") + _side_text(start) + ("" if end else " – ?")
    assert isinstance(end, Side)
    return ("until " if start == OPEN else "? – ") + _side_text(end)
