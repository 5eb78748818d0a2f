"""A scene: everything one view of the timeline draws, in pixels of its plot area.

Coordinates are relative to the plot area's top-left corner; a painter shifts
them to wherever it puts the plot (a widget's view box, a page below its
heading).  Shapes are numpy arrays in draw order with runs of one style and
one lane, so a painter makes one call per run, never one per event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from .palette import Palette, Rgba
from .style import LegendEntry

Rect = tuple[float, float, float, float]
"""left, top, right, bottom."""


@dataclass(frozen=True)
class View:
    """Which days the plot shows, and how many pixels it has for them."""

    x0: float
    x1: float
    width: float
    height: float
    closed: bool = True
    """Labels stay inside the view (a page, a slide).  An open view (the window, which
    pans) lays out a wider region once and shows its part of it, so a label may run
    past the edge it is about to scroll through."""

    @property
    def sx(self) -> float:
        """Pixels per day."""
        return self.width / max(self.x1 - self.x0, 1e-9)

    def x(self, day: float) -> float:
        return (day - self.x0) * self.sx


@dataclass(frozen=True)
class Sizes:
    """Every length a painter needs, derived from the label text height."""

    line: float
    """Height of a line of label text."""
    label: float
    """Height of a one-line label box."""
    marker: float
    """Diameter of a point event."""
    row: float
    """Height of a row of events."""
    pen: float
    """Outline width of a shape."""
    badge: float
    """Diameter of a review badge."""


@dataclass(frozen=True)
class Lane:
    slot: int
    lane: int
    """Index into the timeline's tracks."""
    title: str
    top: float
    bottom: float
    shaded: bool
    colour: Rgba

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Tick:
    x: float
    day: float
    text: str


@dataclass(frozen=True)
class Marker:
    kind: Literal["known", "as_of"]
    x: float
    caption: str
    caption_rect: Rect
    colour: Rgba
    dashed: bool
    width: float


@dataclass(frozen=True)
class Label:
    position: int
    """The event's position in the timeline."""
    lines: tuple[str, ...]
    """What is drawn, line by line: the title (perhaps abbreviated) and its status."""
    text: str
    """The whole label as one string, never abbreviated ("… (planned)" included)."""
    rect: Rect
    struck: bool
    """Cancelled: drawn struck through and muted."""
    current: bool
    """The selected event: drawn in the text colour while others are muted on a slide."""


@dataclass(frozen=True, eq=False)
class Shapes:
    """The events drawn one by one, sorted into runs of one style and one lane."""

    position: NDArray[np.int64]
    left: NDArray[np.float64]
    top: NDArray[np.float64]
    right: NDArray[np.float64]
    bottom: NDArray[np.float64]
    cy: NDArray[np.float64]
    style: NDArray[np.int16]
    """Index into ``style.STYLES``."""
    lane: NDArray[np.int32]
    runs: tuple[tuple[int, int, int, int], ...]
    """(style, lane, first, end) of each run, in draw order: bands, then bars, then points."""
    review: NDArray[np.int8]
    """The reviewer's flag per shape (0: none)."""

    def __len__(self) -> int:
        return len(self.position)

    def hit(self, x: float, y: float, slack: float = 3.0) -> int | None:
        """Index of the shape under (x, y); the smallest shape wins."""
        if len(self.position) == 0:
            return None
        inside = np.flatnonzero((self.left - slack <= x) & (self.right + slack >= x)
                                & (self.top - slack <= y) & (self.bottom + slack >= y))
        if len(inside) == 0:
            return None
        area = (self.right[inside] - self.left[inside]) * (self.bottom[inside] - self.top[inside])
        return int(inside[int(np.argmin(area))])

    def rect_of(self, position: int) -> Rect | None:
        at = np.flatnonzero(self.position == position)
        if len(at) == 0:
            return None
        i = int(at[0])
        return (float(self.left[i]), float(self.top[i]), float(self.right[i]),
                float(self.bottom[i]))


@dataclass(frozen=True)
class Glyph:
    """A small mark of text beside an event ("~" approximate, "?" uncertain)."""

    x: float
    baseline: float
    text: str


@dataclass(frozen=True, eq=False)
class Density:
    """Where too many events for one pixel each: tinted strips per lane, with counts."""

    edges: NDArray[np.float64]
    """Bin edges in pixels (bins + 1)."""
    colours: NDArray[np.uint8]
    """(lanes, bins, 3) red, green, blue of each bin, already blended with its lane."""
    tops: NDArray[np.float64]
    bottoms: NDArray[np.float64]
    counted: int
    """Events in view."""


@dataclass(frozen=True)
class Badge:
    """A count of events in a stretch of a lane: in density view, or "+N" where a lane
    has no row left for them at this size and zoom."""

    rect: Rect
    text: str
    colour: Rgba
    positions: tuple[int, ...] = ()
    """The events a "+N" stands for, in time order (empty for density counts)."""


@dataclass(frozen=True, eq=False)
class Scene:
    view: View
    palette: Palette
    sizes: Sizes
    mode: Literal["detail", "density", "empty"]
    lanes: tuple[Lane, ...]
    lane_colours: tuple[Rgba, ...]
    """Colour of every track of the timeline (drawn or not), by track index."""
    grid: NDArray[np.float64]
    """x of each labelled tick: a vertical line across the plot."""
    ticks: tuple[Tick, ...]
    minor: NDArray[np.float64]
    """Day numbers of the unlabelled ticks between labelled ones."""
    shapes: Shapes
    labels: tuple[Label, ...]
    glyphs: tuple[Glyph, ...]
    selection: Rect | None
    """The ring around the selected event, when it is drawn."""
    marked: tuple[Rect, ...]
    """Rings around the events marked as changed between two knowledge dates."""
    density: Density | None
    badges: tuple[Badge, ...]
    markers: tuple[Marker, ...]
    legend: tuple[LegendEntry, ...]
    legend_colour: Rgba
    """The lane colour legend samples are drawn in."""
    title: str
    subtitle: str
    """What a picture without its window must say: knowledge date, data date, range, count."""
    emphasis: bool = False
    """A slide's strip: labels other than the current event's are muted."""
    drawn: int = field(default=0)
    """Events drawn in view, one by one or counted in density strips."""
    region: Scene | None = None
    """For an open view: the wider scene this one is a part of (shapes, labels, selection,
    density), laid out once for all the views that pan across it."""
    offset: float = 0.0
    """Where the region's x = 0 is in this view's pixels."""
    known_x: float | None = None
    """x of the knowledge date's end (the "known on" line, in view or not): where an event
    under way stops being drawn as held.  None: everything known."""

    def label_texts(self) -> list[str]:
        return [label.text for label in self.labels]
