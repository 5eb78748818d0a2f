"""What a drawing says about itself: its heading (title, knowledge date, data date,
tracks, days, count), its legend and whether a "data as of" line is true.

The window, exports, slides and the handout head and key their drawings with
these, so that every one of them says the same of the same view.
"""

from __future__ import annotations

import numpy as np

from ..core import dates
from . import style
from .draw_set import DrawSet
from .scene import View
from .snapshot import Snapshot


def data_line_day(snap: Snapshot) -> int | None:
    """The day of the "data as of" line, where it says something true, else None.

    Drawn in a view as known on a day up to the file's ``as_of``: there it marks
    how far the data reached.  Beside everything known, or as known on a later
    day, it would date before them events the file holds (the bundled record's
    ``as_of`` is the day it opens at, 3 July 2024, and it runs to 2025), so it is
    left out and the heading says when the data was last checked instead.
    """
    day, known = snap.as_of_day, snap.knowledge_day
    if day is None or known is None or known > day:
        return None
    return day


def legend_entries(snap: Snapshot) -> tuple[style.LegendEntry, ...]:
    """The key to a drawing of ``snap``: every look, then the lines and flags it has.
    Every frame asks; the answer is kept per draw set (a new status or flag makes a
    new one), as two of its questions look at every drawn event."""
    global _legend_seen
    known, as_of, flagged = (snap.knowledge_day is not None,
                             data_line_day(snap) is not None, snap.review is not None)
    seen = _legend_seen
    if seen is not None and seen[0] is snap.draw and seen[1] == (known, as_of, flagged):
        return seen[2]
    entries = list(style.LEGEND)
    if known:
        if (snap.draw.status == style.UNDER_WAY).any():
            entries.insert(entries.index(style.LEGEND[1]) + 1, style.UNDER_WAY_ENTRY)
        entries.append(style.KNOWN_ENTRY)
    if as_of:
        entries.append(style.AS_OF_ENTRY)
    if flagged and len(snap.draw.review):
        # Only the flags some drawn event carries: a key to marks nobody made takes a
        # row from a small window's timeline.
        used = np.flatnonzero(np.bincount(snap.draw.review.astype(np.intp), minlength=4))
        entries.extend(e for e in style.REVIEW_ENTRIES if e.badge in used)
    _legend_seen = (snap.draw, (known, as_of, flagged), tuple(entries))
    return _legend_seen[2]


_legend_seen: tuple[DrawSet, tuple[bool, bool, bool], tuple[style.LegendEntry, ...]] | None = \
    None


def stated_days(snap: Snapshot, lo: float, hi: float) -> tuple[int, int]:
    """First and last day a heading states for a drawing of days [lo, hi).

    The drawing adds margins around what it frames (room for the labels at the
    edges), and a heading stating them said "9 May 2024 – 17 Nov 2024" of a view of
    16 May to 31 October.  It states the asked-for days (a named view's months, a
    date filter), else the span of the events shown, within what is drawn; the drawn
    range itself only where neither reaches into it."""
    if snap.filter.days is not None:
        start, end = snap.filter.days
    elif snap.shown_span is not None:
        start, end = snap.shown_span
    else:
        start, end = lo, hi
    start, end = max(start, lo), min(end, hi)
    if end <= start:
        start, end = lo, hi
    return int(np.floor(start)), max(int(np.ceil(end)) - 1, int(np.floor(start)))


def heading(snap: Snapshot, view: View) -> tuple[str, str]:
    """Title, and what is shown: knowledge date, data date, tracks, range, count."""
    parts = []
    if snap.knowledge_day is not None:
        parts.append(f"as known on {dates.format_day(snap.knowledge_day)}")
    else:
        parts.append("everything known")
    data_day = data_line_day(snap)
    if data_day is not None:
        parts.append(f"data as of {dates.format_day(data_day)}")
    elif snap.timeline.checked:
        parts.append(f"data checked {dates.parse(snap.timeline.checked).display()}")
    tracks = snap.index.tracks
    if len(snap.lanes) < len(tracks):
        parts.append("tracks: " + ", ".join(tracks[k].title for k in snap.lanes))
    lo, hi = view.x0, view.x1
    first, last = stated_days(snap, lo, hi)
    parts.append(f"{dates.format_day(first)} – {dates.format_day(last)}")
    count = snap.draw.overlapping(lo, hi)
    parts.append(f"{count} event{'s' * (count != 1)}")
    return snap.title, " · ".join(parts)
