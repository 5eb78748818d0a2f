"""Calendar tick positions and labels in day numbers: pure functions, no Qt.

Ticks are computed on calendar day numbers (days since 1970-01-01), never on
epoch seconds through the local time zone, so 16 May is drawn on 16 May on
every computer and a month tick lands on the 1st of the month.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, Literal

from ..core.dates import day_number, from_day_number

Unit = Literal["hour", "day", "month", "year"]
_MONTHS: Final = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                  "Nov", "Dec")
_MAX_TICKS: Final = 400


@dataclass(frozen=True)
class Step:
    unit: Unit
    count: int

    @property
    def days(self) -> float:
        """Approximate length, only for choosing between steps."""
        scale = {"hour": 1 / 24, "day": 1.0, "month": 30.44, "year": 365.25}[self.unit]
        return scale * self.count

    @property
    def label_px(self) -> int:
        """Room a label of this step needs, so labels never crowd each other."""
        return {"hour": 96, "day": 78, "month": 70, "year": 56}[self.unit]


STEPS: Final = (
    *(Step("hour", n) for n in (1, 3, 6, 12)),
    *(Step("day", n) for n in (1, 2, 7, 14)),
    *(Step("month", n) for n in (1, 3, 6)),
    *(Step("year", n) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000,
                                100000, 1000000)),
)


@dataclass(frozen=True)
class TickPlan:
    major: Step
    minor: Step | None


_ORDER: Final = ("hour", "day", "month", "year")


def plan(lo: float, hi: float, pixels: float, finest: Unit = "hour") -> TickPlan:
    """Choose labelled and unlabelled steps for ``pixels`` of width showing [lo, hi] days.

    ``finest``: the smallest unit worth a tick.  Dates known to the day get
    day ticks at most, never "13 May 00:00 / 12:00", which would claim a time
    of day nobody knows.
    """
    span = max(hi - lo, 1e-6)
    per_day = max(pixels, 1.0) / span
    steps = [s for s in STEPS if _ORDER.index(s.unit) >= _ORDER.index(finest)]
    major = steps[-1]
    for step in steps:
        if step.days * per_day >= step.label_px:
            major = step
            break
    minor = None
    for step in steps:
        if step.days >= major.days:
            break
        if step.days * per_day >= 14 and _divides(step, major):
            minor = step
            break
    return TickPlan(major, minor)


def _divides(small: Step, big: Step) -> bool:
    if small.unit == big.unit:
        return big.count % small.count == 0
    if small.unit == "hour":
        return 24 % small.count == 0
    if small.unit == "day":
        return small.count == 1 or big.unit == "day"
    if small.unit == "month":
        return 12 % small.count == 0
    return False


def values(lo: float, hi: float, step: Step) -> list[float]:
    """Tick positions in [lo, hi], aligned to the calendar (1st of month, 1 Jan, midnight)."""
    if hi <= lo:
        return []
    if step.unit == "hour":
        size = step.count / 24
        first = math.ceil(lo / size) * size
        n = min(int((hi - first) / size) + 1, _MAX_TICKS)
        return [first + i * size for i in range(max(n, 0))]
    if step.unit == "day":
        count = step.count
        # Weekly ticks on Mondays; day 0 (1970-01-01) was a Thursday.
        offset = 4 if count % 7 == 0 else 0
        first = math.ceil((lo - offset) / count) * count + offset
        n = min(int((hi - first) // count) + 1, _MAX_TICKS)
        return [float(first + i * count) for i in range(max(n, 0))]
    y, m, _ = from_day_number(math.floor(lo))
    out: list[float] = []
    if step.unit == "month":
        index = y * 12 + (m - 1)
        index = math.ceil(index / step.count) * step.count
        while len(out) < _MAX_TICKS:
            day = day_number(index // 12, index % 12 + 1, 1)
            if day > hi:
                break
            if day >= lo:
                out.append(float(day))
            index += step.count
        return out
    year = math.ceil(y / step.count) * step.count
    while len(out) < _MAX_TICKS:
        day = day_number(year, 1, 1)
        if day > hi:
            break
        if day >= lo:
            out.append(float(day))
        year += step.count
    return out


def _year(y: int) -> str:
    return str(y) if y >= 1 else f"{1 - y} BCE"


def labels(ticks: list[float], step: Step) -> list[str]:
    """Short labels; the first tick and each new year (or day) carry the larger unit."""
    out = []
    for i, value in enumerate(ticks):
        day = math.floor(value + 1e-9)
        y, m, d = from_day_number(day)
        if step.unit == "year":
            out.append(_year(y))
        elif step.unit == "month":
            out.append(f"{_MONTHS[m]} {_year(y)}" if i == 0 or m == 1 else _MONTHS[m])
        elif step.unit == "day":
            text = f"{d} {_MONTHS[m]}"
            out.append(f"{text} {_year(y)}" if i == 0 or (m == 1 and d == 1) else text)
        else:
            minutes = round((value - day) * 24 * 60)
            clock = f"{minutes // 60:02d}:{minutes % 60:02d}"
            out.append(f"{d} {_MONTHS[m]} {clock}" if i == 0 or minutes == 0 else clock)
    return out
