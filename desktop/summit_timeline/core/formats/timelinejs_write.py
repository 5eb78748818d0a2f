"""TimelineJS3 JSON writing: one slide per event, loadable with ``new TL.Timeline``.

Each event's date becomes ``start_date``/``end_date`` objects at its
precision (a month stays a month), tracks become ``group`` (TimelineJS can
only order groups by their first event), and a status other than "held"
travels as a ``display_date`` suffix such as "(planned)", which TimelineJS
shows and the reader understands.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any, Final

from .. import dates
from ..model import Event, Timeline
from .held import Loss, not_held
from .sanitize import text_to_html
from .timelinejs_fields import timelinejs_year

HELD: Final = frozenset({"description", "status", "summary", "media", "media_captions",
                         "media_alt", "one_of"})
"""A date that is one of a set goes as its span with a ``display_date`` naming the days,
which the reader turns back into the date."""


def _side(side: str, upper: bool) -> dict[str, int] | None:
    if side in ("", ".."):
        return None
    try:
        d = dates.parse(side)
    except dates.EdtfError:
        return None
    y, m, day = dates.from_day_number(d.upper if upper else d.lower)
    if d.text.lstrip("-").startswith("Y"):
        return {"year": y}
    y = timelinejs_year(y)  # TimelineJS shows -44 as "44 BCE", which EDTF writes -0043
    if d.precision == dates.Precision.YEAR:
        return {"year": y}
    if d.precision in (dates.Precision.MONTH, dates.Precision.SEASON):
        return {"year": y, "month": m}
    return {"year": y, "month": m, "day": day}


def tl_dates(when: str) -> tuple[dict[str, int] | None, dict[str, int] | None]:
    """TimelineJS start and end date objects for an EDTF date (the end only if it differs)."""
    if "/" in when:
        a, b = when.split("/", 1)
        start = _side(a, False) or _side(b, False)
        end = _side(b, True) if a not in ("", "..") else None
    else:
        start, end = _side(when, False), _side(when, True)
    return start, (end if end != start else None)


def _slide(event: Event, timeline: Timeline, escape: Callable[[str], str]) -> dict[str, Any]:
    start, end = tl_dates(event.when)
    slide: dict[str, Any] = {"unique_id": event.id, "start_date": start or {"year": 1970}}
    if end is not None:
        slide["end_date"] = end
    slide["text"] = {"headline": escape(event.title), "text": text_to_html(event.summary)}
    track = timeline.track(event.track)
    if track is not None:
        slide["group"] = escape(track.title)
    one_of = event.when.startswith("[")
    if event.status != "held" or one_of:
        # TimelineJS has no "one of these days": its span is the days the date could
        # fall on, and the label says which ("14 or 15 Jul 2014").
        try:
            shown = dates.parse(event.when).display()
        except dates.EdtfError:
            shown = event.when
        slide["display_date"] = shown if event.status == "held" else f"{shown} ({event.status})"
    if event.media:
        m = event.media[0]
        media = {"url": m.url or m.file}
        if m.caption:
            media["caption"] = escape(m.caption)
        if m.credit:
            media["credit"] = escape(m.credit)
        if m.alt:
            media["alt"] = m.alt  # TimelineJS puts it in the image's alt attribute
        slide["media"] = media
    return slide


def write(timeline: Timeline) -> bytes:
    """TimelineJS3 JSON; load it with ``new TL.Timeline(id, url)``."""
    def escape(s: str) -> str:
        return html.escape(s, quote=False)
    doc: dict[str, Any] = {"title": {"text": {"headline": escape(timeline.title),
                                              "text": text_to_html(timeline.description)}}}
    # Tracks keep their order in TimelineJS only as the order of first appearance.
    doc["events"] = [_slide(e, timeline, escape) for e in timeline.events]
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def losses(timeline: Timeline) -> list[Loss]:
    lost = not_held(timeline, HELD)
    tracks = timeline.ordered_tracks()
    if len(tracks) > 1:
        lost.append(Loss("track order", "TimelineJS orders the groups by their first event"))
    return lost
