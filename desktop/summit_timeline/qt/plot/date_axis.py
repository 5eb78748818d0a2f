"""The calendar axis under the timeline: pyqtgraph's AxisItem with day-number ticks."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg

from ...scene import date_ticks


class DateAxisItem(pg.AxisItem):
    """Overrides only tick placement and text; all drawing stays pyqtgraph's."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(orientation="bottom", **kwargs)
        self.enableAutoSIPrefix(False)
        self._steps: dict[float, date_ticks.Step] = {}

    def tickValues(self, minVal: float, maxVal: float, size: float
                   ) -> list[tuple[float, list[float]]]:
        chosen = date_ticks.plan(minVal, maxVal, size)
        self._steps = {chosen.major.days: chosen.major}
        levels = [(chosen.major.days, date_ticks.values(minVal, maxVal, chosen.major))]
        if chosen.minor is not None:
            self._steps[chosen.minor.days] = chosen.minor
            levels.append((chosen.minor.days, date_ticks.values(minVal, maxVal, chosen.minor)))
        return levels

    def tickStrings(self, values: list[float], scale: float, spacing: float
                    ) -> list[str]:
        step = self._steps.get(spacing)
        if step is None or spacing != max(self._steps):
            return [""] * len(values)
        return date_ticks.labels(list(values), step)
