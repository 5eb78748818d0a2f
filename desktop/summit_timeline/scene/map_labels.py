"""Place names beside their dots, none over another name or another dot.

Names are placed in order of importance (the selected place, a place the
list is filtered to, then the busiest places), each at the first free spot
of right, left, above and below its dot; a name with no free spot is left
out, and hovering its dot still names it.  On a closed view (a slide inset,
an export) names stay inside the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from .map_scene import MapLabel
from .scene import Rect
from .text import PAD, TextMeasure


@dataclass(frozen=True)
class Wanted:
    key: int
    text: str
    x: float
    y: float
    radius: float


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _hits_dot(rect: Rect, x: float, y: float, r: float) -> bool:
    nx = min(max(x, rect[0]), rect[2])
    ny = min(max(y, rect[1]), rect[3])
    return (nx - x) ** 2 + (ny - y) ** 2 < r * r


def _clustered(item: Wanted, x: float, y: float, r: float, line: float) -> bool:
    """A dot touching the labelled one (Tianjin beside Beijing on a world map) is part of
    its cluster: the cluster's name may cover it, or the busiest place goes unnamed."""
    reach = item.radius + r + line * 0.4
    return (x - item.x) ** 2 + (y - item.y) ** 2 <= reach * reach


def place_labels(wanted: list[Wanted], dots: list[tuple[float, float, float]],
                 measure: TextMeasure, width: float, height: float) -> dict[int, MapLabel]:
    """Labels for ``wanted`` (most important first), avoiding each other and ``dots``
    (x, y, radius), inside ``width`` × ``height``."""
    placed: dict[int, MapLabel] = {}
    taken: list[Rect] = []
    line = measure.line_height
    for item in wanted:
        w = measure.width(item.text) + PAD
        gap = line * 0.2
        r = item.radius
        spots = (
            (item.x + r + gap, item.y - line / 2),
            (item.x - r - gap - w, item.y - line / 2),
            (item.x - w / 2, item.y - r - gap - line),
            (item.x - w / 2, item.y + r + gap),
            (item.x + r * 0.7, item.y - r * 0.7 - line),
            (item.x + r * 0.7, item.y + r * 0.7),
        )
        for left, top in spots:
            rect = (left, top, left + w, top + line)
            if rect[0] < 0 or rect[1] < 0 or rect[2] > width or rect[3] > height:
                continue
            if any(_overlaps(rect, other) for other in taken):
                continue
            if any(_hits_dot(rect, x, y, dr) for x, y, dr in dots
                   if not _clustered(item, x, y, dr, line)):
                continue
            placed[item.key] = MapLabel(item.text, rect)
            taken.append(rect)
            break
    return placed
