"""Calendar ticks from day numbers: aligned to the calendar, never shifted by a time zone."""

from __future__ import annotations

import pytest

from summit_timeline.core.dates import day_number, from_day_number
from summit_timeline.scene import date_ticks


@pytest.mark.parametrize(("days", "unit"), [(0.25, "hour"), (20, "day"), (400, "month"),
                                             (20 * 365, "year"), (5000 * 365, "year")])
def test_step_adapts_to_zoom(days: float, unit: str) -> None:
    lo = day_number(2024, 5, 1)
    assert date_ticks.plan(lo, lo + days, 1200).major.unit == unit


def test_month_ticks_fall_on_the_first_and_carry_the_year_once() -> None:
    lo, hi = day_number(2024, 5, 10), day_number(2024, 11, 5)
    step = date_ticks.Step("month", 1)
    ticks = date_ticks.values(lo, hi, step)
    assert [from_day_number(int(t))[1:] for t in ticks] == [(m, 1) for m in range(6, 12)]
    assert date_ticks.labels(ticks, step) == ["Jun 2024", "Jul", "Aug", "Sep", "Oct", "Nov"]


def test_day_ticks_name_the_right_calendar_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    day = day_number(2024, 7, 3)
    labels = date_ticks.labels([float(day), float(day + 1)], date_ticks.Step("day", 1))
    assert labels == ["3 Jul 2024", "4 Jul"]


def test_hour_ticks_and_year_rollover() -> None:
    day = day_number(2024, 12, 31)
    hours = date_ticks.values(day + 0.85, day + 1.3, date_ticks.Step("hour", 3))
    assert date_ticks.labels(hours, date_ticks.Step("hour", 3)) == ["31 Dec 21:00",
                                                                     "1 Jan 00:00", "03:00",
                                                                     "06:00"]


def test_minor_steps_divide_major_and_labels_have_room() -> None:
    lo = day_number(2024, 1, 1)
    for span in (1, 10, 100, 1000, 10000):
        plan = date_ticks.plan(lo, lo + span, 1000)
        ticks = date_ticks.values(lo, lo + span, plan.major)
        assert 1 <= len(ticks) <= 1000 / 50 + 1
        if plan.minor is not None:
            assert plan.minor.days < plan.major.days


def test_day_precision_never_ticks_hours() -> None:
    """Zoomed to a few days, dates known to the day show days, not "13 May 00:00 / 12:00"."""
    lo = day_number(2024, 5, 13)
    for span in (0.25, 1.0, 3.0):
        plan = date_ticks.plan(lo, lo + span, 1200, finest="day")
        assert plan.major.unit == "day"
        assert plan.minor is None or plan.minor.unit != "hour"
        texts = date_ticks.labels(date_ticks.values(lo - 1, lo + span + 1, plan.major),
                                  plan.major)
        assert not any(":" in text for text in texts), texts
