"""The calendar axis under the timeline: pyqtgraph's AxisItem showing the scene's ticks.

It overrides only tick placement and text, and takes both from the scene the
timeline paints, so the window's dates are the ones an export of the same
view prints; all drawing stays pyqtgraph's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyqtgraph as pg

from ...scene.scene import Scene


class DateAxisItem(pg.AxisItem):
    def __init__(self, source: Callable[[], Scene | None], **kwargs: Any) -> None:
        super().__init__(orientation="bottom", **kwargs)
        self.enableAutoSIPrefix(False)
        self._source = source
        self._texts: dict[float, str] = {}

    def tickValues(self, minVal: float, maxVal: float, size: float
                   ) -> list[tuple[float, list[float]]]:
        scene = self._source()
        if scene is None:
            return []
        self._texts = {tick.day: tick.text for tick in scene.ticks}
        major = [tick.day for tick in scene.ticks]
        spacing = major[1] - major[0] if len(major) > 1 else 1.0
        levels = [(spacing, major)]
        if len(scene.minor):
            levels.append((spacing / 2, scene.minor.tolist()))
        return levels

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [self._texts.get(value, "") for value in values]
