"""A drawing's heading states the days it was asked for, not the margins drawn around them.

Exports headed the default view (16 May – 31 October 2024) "9 May 2024 – 17 Nov 2024"
and the whole record "29 Aug 2012 – 2 Apr 2026": the padding that leaves room for the
labels at the edges, stated as if it were the view.
"""

from __future__ import annotations

from summit_timeline.core import views
from summit_timeline.core.event_filter import EventFilter
from summit_timeline.core.model import Timeline
from summit_timeline.scene.build import Look, build_scene
from summit_timeline.scene.palette import PAPER
from summit_timeline.scene.scene import View
from summit_timeline.scene.snapshot import Snapshot, file_day


class Fixed:
    key = "fixed"
    line_height = 14.0

    def width(self, text: str) -> float:
        return 7.0 * len(text)


def _subtitle(snap: Snapshot, lo: float, hi: float) -> str:
    return build_scene(snap, View(lo, hi, 1600.0, 700.0), Look(PAPER, Fixed())).subtitle


def test_a_named_view_is_headed_with_its_own_months(timeline: Timeline) -> None:
    view = timeline.view("reported-2024-07-03")
    assert view is not None
    days = views.view_range(view)
    assert days is not None
    snap = Snapshot.build(timeline, knowledge_day=file_day(timeline),
                          day_range=views.framed(*days), wanted=EventFilter(days=days))
    subtitle = _subtitle(snap, *snap.extent())
    assert "16 May 2024 – 31 Oct 2024" in subtitle, subtitle
    assert "9 May" not in subtitle and "Nov 2024" not in subtitle


def test_without_a_range_the_heading_states_the_span_of_the_events_shown(
        timeline: Timeline) -> None:
    snap = Snapshot.build(timeline, knowledge_day=None)
    lo, hi = snap.extent()
    first = min(snap.known.start[snap.walk])
    assert lo < first, "the drawing has a margin before the first event"
    subtitle = _subtitle(snap, lo, hi)
    # Xi's first visit as president to the Beijing commemorations: no margin stated.
    assert "· 22 Mar 2013 – 3 Sep 2025 ·" in subtitle, subtitle
    assert "2012" not in subtitle


def test_a_drawing_of_part_of_the_range_states_that_part(timeline: Timeline) -> None:
    """A page of a multi-page PDF, or a window zoomed in: what it draws bounds what it says."""
    snap = Snapshot.build(timeline, knowledge_day=None)
    july = views.view_range(timeline.view("reported-2024-07-03"))  # type: ignore[arg-type]
    assert july is not None
    lo = july[0]
    subtitle = _subtitle(snap, lo, lo + 31.0)
    assert "16 May 2024 – 15 Jun 2024" in subtitle, subtitle
