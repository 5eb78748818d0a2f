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


def _same_drawing(a: Snapshot, b: Snapshot) -> None:
    """Two snapshots that show the same events, walked and drawn the same way."""
    assert np.array_equal(a.shown, b.shown)
    assert np.array_equal(a.walk, b.walk)
    assert np.array_equal(a.draw.position, b.draw.position)
    assert np.array_equal(a.draw.slot, b.draw.slot)
    assert a.lanes == b.lanes and a.knowledge_day == b.knowledge_day and a.filter == b.filter


def test_several_changes_at_once_show_what_the_same_changes_one_by_one_show() -> None:
    """What a worker makes of a date and a search asked for together is what the window
    showed when each was applied on its own."""
    from summit_timeline.commands.synthetic import synthetic_timeline

    index = EventIndex.build(synthetic_timeline(4000, reported=0.3, seed=9))
    first = Snapshot.open(index)
    day = dates.parse("2010-06-01").upper
    wanted = EventFilter(text="pipeline", status=0)
    together = first.derive(day, wanted)
    _same_drawing(together, first.with_knowledge(day).with_filter(wanted))
    assert not np.array_equal(together.shown, first.shown), "the changes show other events"
    assert first.derive(first.knowledge_day, first.filter).shown is first.shown, \
        "asking for what is shown re-lays nothing"
    assert first.relays(day, first.filter) and not first.relays(first.knowledge_day,
                                                                first.filter)


def test_the_walk_knows_each_events_place_in_time(timeline: Timeline) -> None:
    """``walk_rank`` is where each walked event falls in time order: the next event after
    the selection is found by a binary search over it."""
    snap = Snapshot.open(EventIndex.build(timeline)).with_filter(EventFilter(lane=0))
    assert np.array_equal(snap.walk_rank, snap.rank[snap.walk])
    assert (np.diff(snap.walk_rank) > 0).all()


def test_drawn_events_picked_from_the_time_order_are_those_sorted_afresh() -> None:
    """The rows picked from the snapshot's time order, ties included, are those a sort
    of the shown events gives (days repeat a lot in a synthetic file)."""
    from summit_timeline.commands.synthetic import synthetic_timeline
    from summit_timeline.scene.draw_set import DrawSet

    snap = Snapshot.build(EventIndex.build(synthetic_timeline(5000, seed=4)),
                          wanted=EventFilter(status=0))
    picked = DrawSet.build(snap.index, snap.known, snap.shown, lanes=snap.lanes,
                           order=snap.order)
    sorted_afresh = DrawSet.build(snap.index, snap.known, snap.shown, lanes=snap.lanes)
    assert np.array_equal(picked.position, sorted_afresh.position)
    assert np.array_equal(picked.slot, sorted_afresh.slot)
