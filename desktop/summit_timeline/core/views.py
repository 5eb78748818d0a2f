"""Named views: the questions a data file ships with, resolved to days and tracks.

A view is chosen by id or by name (``--view "2024 in hindsight"``), from the
View menu, or by the file's ``default_view``; the window, ``export`` and
presenter mode all resolve it here, so they agree on what "as reported on
3 July 2024" shows.
"""

from __future__ import annotations

from . import dates
from .event_filter import EventFilter
from .index import EventIndex
from .model import Timeline, View


class UnknownViewError(ValueError):
    """A view asked for by name that the file does not have; the message lists those it has."""


def default_view(timeline: Timeline) -> View | None:
    return timeline.view(timeline.default_view)


def find_view(timeline: Timeline, wanted: str) -> View:
    """The view whose id is ``wanted``, else whose name matches it ignoring case.

    Raises ``UnknownViewError`` naming every view the file has.
    """
    by_id = timeline.view(wanted)
    if by_id is not None:
        return by_id
    folded = " ".join(wanted.split()).casefold()
    for view in timeline.views:
        if " ".join(view.name.split()).casefold() == folded:
            return view
    raise UnknownViewError(f"no view {wanted!r}; {describe_views(timeline)}")


def describe_views(timeline: Timeline) -> str:
    """"views: reported-2024-07-03 (As reported on 3 July 2024), …" for messages."""
    if not timeline.views:
        return "this file has no named views"
    return "views: " + ", ".join(f"{v.id} ({v.name})" for v in timeline.views)


def view_day(view: View) -> int | None:
    """The knowledge day of the view (the last day its ``as_of`` allows); None: everything."""
    return dates.parse(view.as_of).upper if view.as_of else None


def view_range(view: View) -> tuple[float, float] | None:
    """[start, end) in day numbers: the first day of ``range`` to the day after its last."""
    if not view.range:
        return None
    parsed = dates.parse(view.range)
    return float(parsed.lower), float(parsed.upper + 1)


FRAME_MARGINS = (0.04, 0.10)
"""Room left and right of framed days, as parts of their span: the right is wider, for
the labels that sit right of their events."""
LABEL_DAYS = 36.5
"""The right margin never needs more than this: over a span of years a label is a few
weeks wide, and labels at the very end go left of their events."""


def framed(lo: float, hi: float) -> tuple[float, float]:
    """Days [lo, hi) with the margins a framed range is shown with (window and exports).

    Over a few months the right margin holds labels; over years it is no wider than
    the left one, so the record of 2013 to September 2025 ends early in 2026, not 2027.
    """
    span = max(hi - lo, 2.0)
    left, right = span * FRAME_MARGINS[0], span * FRAME_MARGINS[1]
    return lo - left, hi + min(right, max(left, LABEL_DAYS))


def view_tip(timeline: Timeline, view: View) -> str:
    """"As known on 3 Jul 2024 · May – Oct 2024 · Putin–Xi" for menus and tooltips."""
    day = view_day(view)
    parts = [f"As known on {dates.format_day(day)}" if day is not None else
             "Everything known"]
    if view.range:
        parts.append(dates.parse(view.range).display())
    if view.tracks:
        tracks = [(timeline.track(t), t) for t in view.tracks]
        parts.append(", ".join(track.title if track else t for track, t in tracks))
    return " · ".join(parts)



def view_filter(index: EventIndex, view: View) -> EventFilter:
    """The view's tracks and dates as a filter: one track shows in the list's track box.

    The window shows what the view's exports and slides show, so "as reported on
    3 July 2024" lists and walks the meetings of its months, not the whole record."""
    days = view_range(view)
    if not view.tracks:
        return EventFilter(days=days)
    lanes = tuple(k for k, track in enumerate(index.tracks) if track.id in view.tracks)
    return EventFilter(lane=lanes[0], days=days) if len(lanes) == 1 else \
        EventFilter(lanes=lanes, days=days)
