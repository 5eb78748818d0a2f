"""Snapshots: each change derives a new one, recomputing only what the change touches."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from summit_timeline.core import dates, knowledge
from summit_timeline.core.event_filter import EventFilter
from summit_timeline.core.index import EventIndex
from summit_timeline.core.model import Timeline
from summit_timeline.scene.snapshot import NO_SELECTION, Snapshot

KAZAN = "putin-xi-2024-10-22-kazan"
PUTIN_XI = ["putin-xi-2024-05-16-beijing", "putin-xi-2024-07-03-astana", KAZAN]


def _ids(snap: Snapshot) -> list[str]:
    return [snap.event(int(p)).id for p in snap.walk]


def test_opens_as_known_on_the_files_date_in_its_default_view(timeline: Timeline) -> None:
    snap = Snapshot.open(EventIndex.build(timeline))
    assert snap.knowledge_day == dates.parse("2024-07-03").upper == snap.as_of_day
    assert snap.status(snap.index.position_of(KAZAN) or 0) == "planned"
    # The default view frames May to October 2024: the meetings known then and in those
    # months, not the whole record.
    lo, hi = dates.parse("2024-05-16").lower, dates.parse("2024-10-31").upper + 1
    known = knowledge.timeline_as_of(timeline, snap.knowledge_day).events
    expected = {e.id for e in known
                if dates.parse(e.when).lower < hi and dates.parse(e.when).upper + 1 > lo}
    assert set(_ids(snap)) == expected and len(snap.draw) == len(expected)
    assert len(expected) < len(known) < len(timeline.events)


def test_a_later_knowledge_date_shows_kazan_held_and_leaves_the_first_alone(
        timeline: Timeline) -> None:
    first = Snapshot.open(EventIndex.build(timeline))
    later = first.with_knowledge(dates.parse("2024-10-23").upper)
    kazan = first.index.position_of(KAZAN)
    assert kazan is not None
    assert later.status(kazan) == "held" and first.status(kazan) == "planned"
    assert later.index is first.index and later.people is first.people


def test_a_filter_narrows_the_walk_and_the_drawing_to_its_lane(timeline: Timeline) -> None:
    opened = Snapshot.open(EventIndex.build(timeline))
    snap = opened.with_filter(replace(opened.filter, lane=0))  # the view's months, one lane
    assert _ids(snap) == PUTIN_XI
    assert snap.lanes == (0,) and len(snap.draw) == 3 and snap.draw.lanes == (0,)
    assert _ids(snap.with_filter(opened.filter)) == _ids(opened)
    assert len(_ids(opened.with_filter(EventFilter()))) > len(_ids(opened)), \
        "without the view's months, the whole record known then"


def test_selection_and_flags_reuse_the_rows(timeline: Timeline) -> None:
    snap = Snapshot.open(EventIndex.build(timeline))
    chosen = snap.with_selection(int(snap.walk[1]))
    assert chosen.draw is snap.draw and chosen.selection == int(snap.walk[1])
    assert snap.with_selection(10_000).selection == NO_SELECTION
    flags = np.zeros(len(snap.index), np.int8)
    flags[int(snap.walk[0])] = 2
    flagged = snap.with_review(flags)
    assert flagged.draw.position is snap.draw.position, "a flag does not sort the events again"
    assert int(flagged.draw.review[list(flagged.draw.position).index(int(snap.walk[0]))]) == 2
    only = flagged.with_filter(EventFilter(review=2))
    assert [int(p) for p in only.walk] == [int(snap.walk[0])]


def test_tracks_and_range_limit_what_an_export_draws(timeline: Timeline) -> None:
    july = (float(dates.parse("2024-07-01").lower), float(dates.parse("2024-08-01").lower))
    snap = Snapshot.build(timeline, knowledge_day=None, tracks=["putin-xi"], day_range=july)
    assert _ids(snap) == ["putin-xi-2024-07-03-astana"]
    assert snap.extent() == july
