"""What one frame of the timeline shows, in device pixels.

Computed once per view change and shared by the events item (to draw), the
labels item (to place labels beside what was drawn) and the view (to hit-test
hover and clicks), so all three agree on where every event is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray

from ...core.dates import Precision

POINT, BAR, BAND = 0, 1, 2
DETAIL_LIMIT: Final = 6000
"""Above this many events in view, or two per pixel column, draw density instead."""


@dataclass(frozen=True, eq=False)
class Frame:
    mode: Literal["detail", "density"]
    x0: float
    x1: float
    sx: float
    dx: float
    sy: float
    dy: float
    plot: tuple[float, float, float, float]
    """(left, top, right, bottom) of the plot area in device pixels."""
    marker: float
    """Diameter of a point marker in pixels."""
    which: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    """Indices into the DrawSet of the events drawn one by one."""
    kind: NDArray[np.int8] = field(default_factory=lambda: np.zeros(0, np.int8))
    left: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    top: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    right: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    bottom: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    cy: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))

    def hit(self, x: float, y: float, slack: float = 3.0) -> int | None:
        """Index into ``which`` of the event under (x, y); the smallest shape wins."""
        if self.mode != "detail" or len(self.which) == 0:
            return None
        inside = np.flatnonzero((self.left - slack <= x) & (self.right + slack >= x)
                                & (self.top - slack <= y) & (self.bottom + slack >= y))
        if len(inside) == 0:
            return None
        area = (self.right[inside] - self.left[inside]) * (self.bottom[inside] - self.top[inside])
        return int(inside[int(np.argmin(area))])

    def shapes(self) -> NDArray[np.float64]:
        return np.column_stack((self.left, self.top, self.right, self.bottom))


def shape_kinds(precision: NDArray[np.int8], start: NDArray[np.float64],
                end: NDArray[np.float64]) -> NDArray[np.int8]:
    """Exact single day → point, a span of days → bar, month/season/year → band."""
    kind = np.full(len(precision), BAND, np.int8)
    day = precision >= int(Precision.DAY)
    kind[day] = np.where(end[day] - start[day] <= 1.0, POINT, BAR)
    return kind
