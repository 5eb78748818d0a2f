"""How every event looks, in one table: status × shape × fuzzy date → fill, dash, strike.

Both painters and both legends read this table and nothing else, so a planned
month-long meeting is the same hollow dashed band in the window, on paper and
in the key under each.  Status never relies on colour alone: held is filled,
planned hollow with a dashed outline, postponed hatched (a half-filled dot),
cancelled muted and struck through.  The shape says how precisely the date
is known: a point for one day, a bar for a span of days, a soft band for a
date known only to the month, season or year.  An event under way on the
knowledge date is held up to the "known on" line and hollow and dashed, as
planned, after it: what was still to come is not drawn as done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray

from ..core.dates import Precision

POINT, BAR, BAND = 0, 1, 2
SHAPES: Final = ("point", "bar", "band")
HELD, PLANNED, POSTPONED, CANCELLED, UNDER_WAY = 0, 1, 2, 3, 4
"""Same numbers as ``core.index.STATUS_CODE`` and ``core.knowledge.UNDER_WAY``."""
STATUS_WORDS: Final = ("held", "planned", "postponed", "cancelled", "under way")
_STATUS_COUNT: Final = len(STATUS_WORDS)

Fill = Literal["solid", "none", "hatch", "half", "muted"]


@dataclass(frozen=True)
class Style:
    shape: int
    status: int
    fuzzy: bool
    """An approximate (~) or uncertain (?) date: a soft halo behind the shape."""
    fill: Fill
    """``half``: a point half filled; ``hatch``: a bar or band with diagonal lines."""
    fill_alpha: int
    """Opacity of the lane colour inside the shape (bands are translucent)."""
    outline_alpha: int
    outline_darker: bool
    """Held shapes have an outline a little darker than their fill."""
    dash: bool
    strike: bool
    """A line through the shape (cancelled bars and bands; a cancelled point has its own)."""
    legend: str
    """Key of the legend entry that explains this look."""
    rest: int = -1
    """Under way: the style code of the part after the knowledge date (``Scene.known_x``),
    drawn as not yet held; -1: the whole shape is drawn in this style."""


def _style(shape: int, status: int, fuzzy: bool) -> Style:
    if status == UNDER_WAY:
        held = _style(shape, HELD, fuzzy)
        return Style(shape=shape, status=status, fuzzy=fuzzy, fill=held.fill,
                     fill_alpha=held.fill_alpha, outline_alpha=held.outline_alpha,
                     outline_darker=held.outline_darker, dash=False, strike=False,
                     legend="under_way", rest=code(shape, PLANNED, fuzzy))
    band = shape == BAND
    fill: Fill = ("solid", "none", "half" if shape == POINT else "hatch", "muted")[status]
    alpha = 70 if band else 235
    if status == CANCELLED:
        alpha = min(alpha, 110)
    return Style(
        shape=shape, status=status, fuzzy=fuzzy, fill=fill, fill_alpha=alpha,
        outline_alpha=150 if band and status != PLANNED else 255,
        outline_darker=status == HELD, dash=status == PLANNED,
        strike=status == CANCELLED and shape != POINT,
        legend=STATUS_WORDS[status] if shape == POINT else SHAPES[shape],
    )


def code(shape: int, status: int, fuzzy: bool) -> int:
    return (shape * _STATUS_COUNT + status) * 2 + int(fuzzy)


def codes(shape: NDArray[np.int8], status: NDArray[np.int8],
          fuzzy: NDArray[np.bool_]) -> NDArray[np.int16]:
    """``code`` for whole arrays at once."""
    return ((shape.astype(np.int16) * _STATUS_COUNT + status) * 2 + fuzzy).astype(np.int16)


STYLES: Final[tuple[Style, ...]] = tuple(
    _style(shape, status, fuzzy) for shape in (POINT, BAR, BAND)
    for status in range(_STATUS_COUNT) for fuzzy in (False, True))
"""Indexed by ``code(shape, status, fuzzy)``."""


def shapes_of(precision: NDArray[np.int8], start: NDArray[np.float64],
              end: NDArray[np.float64], day_px: float, marker: float) -> NDArray[np.int8]:
    """Exact single day → point, a span of days → bar, month/season/year → band.

    Zoomed in until a day is wider than a point marker, a one-day meeting is
    drawn across its day: a dot in the middle of a wide day hides when it was.
    """
    kind = np.full(len(precision), BAND, np.int8)
    day = precision >= int(Precision.DAY)
    one_day = (end - start) <= 1.0
    kind[day] = np.where(one_day[day] & (day_px <= marker), POINT, BAR)
    return kind


@dataclass(frozen=True)
class LegendEntry:
    key: str
    text: str
    tip: str
    sample: Literal["style", "line", "dashed_line", "badge", "glyph"]
    style: int = -1
    """For ``style`` samples: the style code drawn as the sample."""
    badge: int = 0
    """For ``badge`` samples: the review flag code."""


LEGEND: Final[tuple[LegendEntry, ...]] = (
    LegendEntry("held", "held", "Held: a filled mark", "style", code(POINT, HELD, False)),
    LegendEntry("planned", "planned", "Planned: hollow, dashed outline, labelled",
                "style", code(POINT, PLANNED, False)),
    LegendEntry("postponed", "postponed", "Postponed: half filled", "style",
                code(POINT, POSTPONED, False)),
    LegendEntry("cancelled", "cancelled", "Cancelled: struck through", "style",
                code(POINT, CANCELLED, False)),
    LegendEntry("bar", "several days",
                "An event over several days: a bar from its first to its last day", "style",
                code(BAR, HELD, False)),
    LegendEntry("band", "month or year only",
                "A date known only to the month, season or year: a soft band over all of it",
                "style", code(BAND, HELD, False)),
    LegendEntry("fuzzy", "~ approx. ? uncertain",
                "Approximate (~) and uncertain (?) dates glow and are marked beside the event",
                "glyph"),
)
"""What every drawing shows; the marker and review entries follow when present."""

UNDER_WAY_ENTRY: Final = LegendEntry(
    "under_way", "under way",
    "Under way on the knowledge date: held up to the “known on” line, the days after it "
    "not yet held", "style", code(BAR, UNDER_WAY, False))
"""Shown where an event under way is drawn."""
KNOWN_ENTRY: Final = LegendEntry("known", "known on",
                                 "The knowledge date: the timeline as it was known on this day",
                                 "line")
AS_OF_ENTRY: Final = LegendEntry("as_of", "data as of",
                                 "The date the data describes (the source's own date)",
                                 "dashed_line")
REVIEW_ENTRIES: Final = (
    LegendEntry("review.1", "checked", "Your review flag: checked", "badge", badge=1),
    LegendEntry("review.2", "needs work", "Your review flag: needs work", "badge", badge=2),
    LegendEntry("review.3", "disputed", "Your review flag: disputed", "badge", badge=3),
)
