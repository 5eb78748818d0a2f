"""Where the strip looks for each slide, and how it travels between two slides.

Pure arithmetic on day ranges, so it is tested without a window.  The framing
always holds the whole current event with a margin and, when they are near,
its neighbours; the path between two framings widens half-way when they are
far apart (zoom out, pan, zoom in), so the audience sees where the next event
lies instead of a blur across empty months.
"""

from __future__ import annotations

import math

from .deck import TITLE, Deck

Range = tuple[float, float]
MIN_WIDTH = 21.0
"""Three weeks: narrower, and one-day events would swell to fill the strip."""
NEIGHBOUR_SPAN = 150.0
"""Neighbours join the framing while the whole view stays within about five months."""


def whole(deck: Deck) -> Range:
    """Every event of the deck, with a margin: the title slide's view."""
    positions = deck.event_positions()
    known = deck.data.known
    if not positions:
        return deck.data.extent()
    lo = min(float(known.start[p]) for p in positions)
    hi = max(float(known.end[p]) for p in positions)
    return _padded(lo, hi, 0.06)


def framing(deck: Deck, step: int) -> Range:
    """The range to show for ``step``: the event, and its neighbours if they are close."""
    value = deck.steps[step]
    if value == TITLE:
        return whole(deck)
    known = deck.data.known
    lo, hi = float(known.start[value]), float(known.end[value])
    events = deck.event_positions()
    at = events.index(value)
    for neighbour in (events[at - 1] if at > 0 else None,
                      events[at + 1] if at + 1 < len(events) else None):
        if neighbour is None:
            continue
        n_lo, n_hi = float(known.start[neighbour]), float(known.end[neighbour])
        if max(hi, n_hi) - min(lo, n_lo) <= NEIGHBOUR_SPAN:
            lo, hi = min(lo, n_lo), max(hi, n_hi)
    return _padded(lo, hi, 0.18)


def _padded(lo: float, hi: float, share: float) -> Range:
    width = max(hi - lo, MIN_WIDTH / (1 + 2 * share))
    mid = (lo + hi) / 2
    half = width * (0.5 + share)
    # The right side gets a little more room: labels are drawn to the right of markers.
    return mid - half * 0.9, mid + half * 1.1


def blend(start: Range, end: Range, t: float) -> Range:
    """The range at ``t`` in [0, 1] between two framings, eased, widening when far apart."""
    if t <= 0.0:
        return start
    if t >= 1.0:
        return end  # exactly, so the last frame is the framing itself
    eased = t * t * (3 - 2 * t)
    lo = start[0] + (end[0] - start[0]) * eased
    hi = start[1] + (end[1] - start[1]) * eased
    union = (min(start[0], end[0]), max(start[1], end[1]))
    width = max(start[1] - start[0], end[1] - end[0], 1e-9)
    distance = abs((start[0] + start[1]) / 2 - (end[0] + end[1]) / 2)
    far = min(max(distance / width - 0.5, 0.0), 1.0)
    bump = math.sin(math.pi * t) * far
    return lo + (union[0] - lo) * bump, hi + (union[1] - hi) * bump


def contains(view: Range, inner: Range) -> bool:
    return view[0] <= inner[0] and inner[1] <= view[1]
