"""Bounds of many EDTF dates at once, with numpy.

Loading a million events means a million date strings, most of them the
plain forms ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and ``DAY/DAY``, some with a
final ``~``, ``?`` or ``%``.  Parsing
them one by one in Python costs microseconds each; here they are read as an
array of code points and converted in a handful of vectorised steps.
Anything else (qualifiers, X digits, seasons, open ends, bad text) falls back
to :func:`dates.parse`, which remains the one definition of the grammar; a
property test checks that both agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from . import dates

_WIDTH = 21
_DASH, _SLASH = 45, 47
_TILDE, _QUESTION, _PERCENT = ord("~"), ord("?"), ord("%")
_CUMULATIVE = np.array([0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365], np.int64)


@dataclass(frozen=True, eq=False)
class DateArrays:
    lower: NDArray[np.int64]
    upper: NDArray[np.int64]
    """Inclusive, like ``EdtfDate.upper``."""
    precision: NDArray[np.int8]
    interval: NDArray[np.bool_]
    approximate: NDArray[np.bool_]
    uncertain: NDArray[np.bool_]
    plain: NDArray[np.bool_]
    """True where the vectorised path decided; False where ``dates.parse`` must."""


def _days_from_civil(y: NDArray[np.int64], m: NDArray[np.int64],
                     d: NDArray[np.int64]) -> NDArray[np.int64]:
    """Proleptic Gregorian day numbers since 1970-01-01 for arrays of y, m, d."""
    y = y - (m <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    mp = (m + 9) % 12
    doy = (153 * mp + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    result: NDArray[np.int64] = era * 146097 + doe - 719468
    return result


def _leap(y: NDArray[np.int64]) -> NDArray[np.bool_]:
    leap: NDArray[np.bool_] = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    return leap


def _month_length(y: NDArray[np.int64], m: NDArray[np.int64]) -> NDArray[np.int64]:
    safe = np.clip(m, 1, 12)
    length: NDArray[np.int64] = _CUMULATIVE[safe] - _CUMULATIVE[safe - 1]
    length = length + ((safe == 2) & _leap(y))
    return length


def plain_bounds(texts: Sequence[str]) -> DateArrays:
    n = len(texts)
    lengths = np.fromiter(map(len, texts), np.int64, n)
    codes = np.array(texts, dtype=f"<U{_WIDTH}").view(np.uint32).reshape(n, _WIDTH)
    codes = codes.astype(np.int64)
    last = codes[np.arange(n), np.clip(lengths - 1, 0, _WIDTH - 1)]
    approximate = (last == _TILDE) | (last == _PERCENT)
    uncertain = (last == _QUESTION) | (last == _PERCENT)
    qualified = approximate | uncertain
    span_lengths = np.where(qualified, -1, lengths)  # qualified spans take the slow path
    lengths = lengths - qualified
    digit = codes - 48
    isdig = (digit >= 0) & (digit <= 9)

    def number(first: int, count: int) -> NDArray[np.int64]:
        value = np.zeros(n, np.int64)
        for col in range(first, first + count):
            value = value * 10 + digit[:, col]
        return value

    def day_shape(at: int) -> NDArray[np.bool_]:
        cols = [at + c for c in (0, 1, 2, 3, 5, 6, 8, 9)]
        shape: NDArray[np.bool_] = (isdig[:, cols].all(axis=1) & (codes[:, at + 4] == _DASH)
                                    & (codes[:, at + 7] == _DASH))
        return shape

    year, month, day = number(0, 4), number(5, 2), number(8, 2)
    month_ok = (month >= 1) & (month <= 12)
    day_ok = month_ok & (day >= 1) & (day <= _month_length(year, month))
    is_day = (lengths == 10) & day_shape(0) & day_ok
    is_month = ((lengths == 7) & isdig[:, [0, 1, 2, 3, 5, 6]].all(axis=1)
                & (codes[:, 4] == _DASH) & month_ok)
    is_year = (lengths == 4) & isdig[:, :4].all(axis=1)

    end_year, end_month, end_day = number(11, 4), number(16, 2), number(19, 2)
    end_ok = ((end_month >= 1) & (end_month <= 12) & (end_day >= 1)
              & (end_day <= _month_length(end_year, end_month)))
    is_span = (span_lengths == 21) & (codes[:, 10] == _SLASH) & day_shape(0) & day_shape(11)
    is_span &= day_ok & end_ok

    one = np.ones(n, np.int64)
    start_day = _days_from_civil(year, np.where(month_ok, month, 1), np.where(day_ok, day, 1))
    month_first = _days_from_civil(year, np.where(month_ok, month, 1), one)
    year_first = _days_from_civil(year, one, one)
    span_end = _days_from_civil(end_year, np.where(end_ok, end_month, 1),
                                np.where(end_ok, end_day, 1))
    is_span &= span_end >= start_day

    lower = np.select([is_day | is_span, is_month, is_year], [start_day, month_first,
                                                                year_first], 0)
    upper = np.select(
        [is_day, is_span, is_month, is_year],
        [start_day, span_end, month_first + _month_length(year, month) - 1,
         year_first + 364 + _leap(year)],
        0,
    )
    precision = np.select([is_day | is_span, is_month, is_year],
                          [int(dates.Precision.DAY), int(dates.Precision.MONTH),
                           int(dates.Precision.YEAR)], 0).astype(np.int8)
    plain = is_day | is_span | is_month | is_year
    return DateArrays(lower.astype(np.int64), upper.astype(np.int64), precision, is_span,
                      approximate & plain, uncertain & plain, plain)
