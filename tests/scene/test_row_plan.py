"""Rows at the scale shown: labels get room, lanes share the height, a pile folds into "+N".

Built without Qt, with a fixed-width measure (7 px a character, 14 px a line,
about a 13 px sans font), on the bundled record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from summit_timeline.core import dates, views
from summit_timeline.core.model import Timeline
from summit_timeline.scene import row_plan, style
from summit_timeline.scene.build import Look, SceneBuilder, build_scene
from summit_timeline.scene.palette import PAPER
from summit_timeline.scene.scene import Scene, View
from summit_timeline.scene.snapshot import Snapshot


class Fixed:
    key = "fixed"
    line_height = 14.0

    def width(self, text: str) -> float:
        return 7.0 * len(text)


LOOK = Look(PAPER, Fixed())


def _view_snapshot(timeline: Timeline, name: str) -> tuple[Snapshot, tuple[float, float]]:
    """What ``export --view NAME`` draws: the view's date, tracks and framed months."""
    view = views.find_view(timeline, name)
    bounds = views.view_range(view)
    assert bounds is not None
    framed = views.framed(*bounds)
    return Snapshot.build(timeline, knowledge_day=views.view_day(view),
                          tracks=list(view.tracks) or None, day_range=framed), framed


def _lane(scene: Scene, track: str, snap: Snapshot) -> Any:
    return next(lane for lane in scene.lanes if snap.index.tracks[lane.lane].id == track)


def _positions(snap: Snapshot, track: str) -> set[int]:
    return {int(p) for p in snap.walk if snap.event(int(p)).track == track}


def test_every_putin_xi_meeting_is_named_in_full_in_the_whole_record(
        timeline: Timeline) -> None:
    snap, (lo, hi) = _view_snapshot(timeline, "All meetings since 2013")
    scene = build_scene(snap, View(lo, hi, 1700.0, 880.0), LOOK)
    meetings = _positions(snap, "putin-xi")
    assert len(meetings) == 41
    named = {label.position: label for label in scene.labels}
    for position in meetings:
        label = named.get(position)
        assert label is not None, snap.event(position).title
        assert " ".join(label.lines) == label.text, "whole, on one line or two"
    assert not scene.badges, "room for every event of every lane"


def test_a_pile_on_one_day_does_not_take_the_plot_from_the_meetings(
        timeline: Timeline) -> None:
    """A short plot: the seven Astana meetings of 3 July 2024 fold into "+N" in their lane,
    while every Putin–Xi meeting keeps its row and that lane is the tallest."""
    snap, (lo, hi) = _view_snapshot(timeline, "All meetings since 2013")
    scene = build_scene(snap, View(lo, hi, 1100.0, 330.0), LOOK)
    putin_xi, context = _lane(scene, "putin-xi", snap), _lane(scene, "context", snap)
    assert putin_xi.bottom - putin_xi.top > context.bottom - context.top
    assert _positions(snap, "putin-xi") <= set(scene.shapes.position.tolist())
    folded = [badge for badge in scene.badges if badge.positions]
    assert folded and all(badge.text == f"+{len(badge.positions)}" for badge in folded)
    hidden = {p for badge in folded for p in badge.positions}
    assert not hidden & _positions(snap, "putin-xi"), "the lighter lanes give way"
    assert not hidden & set(scene.shapes.position.tolist()), "counted, not drawn"
    astana = {p for p in _positions(snap, "context")
              if dates.format_day(int(snap.known.start[p])) in ("3 Jul 2024", "4 Jul 2024")}
    assert len(hidden & astana) >= 3


def test_a_folded_event_is_drawn_and_named_once_selected(timeline: Timeline) -> None:
    snap, (lo, hi) = _view_snapshot(timeline, "All meetings since 2013")
    view = View(lo, hi, 1100.0, 330.0)
    before = build_scene(snap, view, LOOK)
    badge = next(b for b in before.badges if len(b.positions) >= 2)
    chosen = badge.positions[1]
    after = build_scene(snap.with_selection(chosen), view, LOOK)
    assert chosen in after.shapes.position.tolist() and after.selection is not None
    assert any(label.position == chosen and label.current for label in after.labels)
    counts = {b.text for b in after.badges}
    assert f"+{len(badge.positions) - 1}" in counts
    assert all(chosen not in b.positions for b in after.badges)


def test_a_pan_keeps_every_row_and_stacks_nothing_again(
        timeline: Timeline, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    stack: Callable[..., Any] = row_plan.stack

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return stack(*args, **kwargs)

    monkeypatch.setattr(row_plan, "stack", counted)
    snap, (lo, hi) = _view_snapshot(timeline, "All meetings since 2013")
    builder = SceneBuilder()
    span = (hi - lo) / 3

    def rows_at(x0: float, width: float = span) -> dict[int, float]:
        scene = builder.build(snap, View(x0, x0 + width, 1200.0, 600.0, closed=False), LOOK)
        return dict(zip(scene.shapes.position.tolist(), scene.shapes.cy.tolist(),
                        strict=True))

    first = rows_at(lo + span)
    stacked = len(calls)
    assert stacked >= 1
    for step in (0.1, 0.35, -0.2, 0.6):
        panned = rows_at(lo + span * (1 + step))
        same = first.keys() & panned.keys()
        assert same and all(first[p] == panned[p] for p in same), "no event changes row"
    assert len(calls) == stacked, "panning re-stacks nothing"
    rows_at(lo + span, span / 4)
    assert len(calls) > stacked, "zooming in four times stacks anew, labels being shorter"


def test_a_page_spends_no_rows_on_events_it_does_not_show(timeline: Timeline) -> None:
    """July 2024 alone on a page: the Putin–Xi lane has one meeting there (Astana) and one
    row, though at this scale June 2019's three meetings in ten days need more."""
    snap = Snapshot.build(timeline, knowledge_day=None)
    lo, hi = float(dates.parse("2024-06-25").lower), float(dates.parse("2024-07-20").lower)
    draw = snap.draw
    slot = draw.lanes.index(next(k for k, t in enumerate(snap.index.tracks)
                                 if t.id == "putin-xi"))

    def title(i: int) -> str:
        return snap.event(int(draw.position[i])).title

    sx = 1200.0 / (hi - lo)
    page = row_plan.RowPlanner().plan(draw, title, sx, 600.0, Fixed(), dense=False,
                                      within=(lo, hi))
    pans = row_plan.RowPlanner().plan(draw, title, sx, 600.0, Fixed(), dense=False)
    assert page.folded is not None and pans.folded is not None
    assert page.folded.rows[slot] == 1
    assert pans.folded.rows[slot] > 1


@pytest.mark.parametrize(("known_on", "line"), [("2024-07-03", True), ("2024-10-23", False),
                                                (None, False)])
def test_the_data_as_of_line_is_drawn_only_where_it_is_true(
        timeline: Timeline, known_on: str | None, line: bool) -> None:
    """The file's as_of is 3 July 2024 and it holds meetings of 2025: beside everything
    known, or later knowledge, a "data as of 3 Jul 2024" line would misdate them."""
    day = dates.parse(known_on).upper if known_on else None
    snap = Snapshot.build(timeline, knowledge_day=day)
    lo, hi = float(dates.parse("2024-05-01").lower), float(dates.parse("2024-11-30").lower)
    scene = build_scene(snap, View(lo, hi, 1200.0, 500.0), LOOK)
    kinds = {marker.kind for marker in scene.markers}
    assert ("as_of" in kinds) is line
    assert (style.AS_OF_ENTRY in scene.legend) is line
    assert ("data as of 3 Jul 2024" in scene.subtitle) is line
    if known_on is None:
        assert "everything known" in scene.subtitle
        assert "data checked 1 Dec 2026" in scene.subtitle


def test_the_whole_record_is_framed_to_early_2026_not_2027() -> None:
    lo, hi = (float(d) for d in (dates.parse("2013-03").lower, dates.parse("2025-09").upper + 1))
    _, end = views.framed(lo, hi)
    assert end < dates.parse("2026-06-01").lower
    months = (float(dates.parse("2024-05-16").lower), float(dates.parse("2024-10-31").lower))
    _, short_end = views.framed(*months)
    assert short_end - months[1] == pytest.approx((months[1] - months[0]) * 0.10), \
        "a few months keep the wide right margin for labels"


def test_labels_hold_their_rows_in_every_lane_of_a_page(timeline: Timeline) -> None:
    """No label of the whole record overlaps another or any event."""
    snap, (lo, hi) = _view_snapshot(timeline, "All meetings since 2013")
    for width, height in ((1700.0, 880.0), (1100.0, 560.0), (1100.0, 330.0)):
        scene = build_scene(snap, View(lo, hi, width, height), LOOK)
        rects = np.array([label.rect for label in scene.labels])
        shapes = np.column_stack((scene.shapes.left, scene.shapes.top, scene.shapes.right,
                                  scene.shapes.bottom))
        for k, (label, rect) in enumerate(zip(scene.labels, rects, strict=True)):
            others = np.delete(rects, k, axis=0)
            assert not np.any((others[:, 0] < rect[2]) & (others[:, 2] > rect[0])
                              & (others[:, 1] < rect[3]) & (others[:, 3] > rect[1]))
            own = scene.shapes.position == label.position
            hit = (shapes[:, 0] < rect[2]) & (shapes[:, 2] > rect[0]) \
                & (shapes[:, 1] < rect[3]) & (shapes[:, 3] > rect[1]) & ~own
            assert not hit.any(), label.text
            assert rect[0] >= 0 and rect[2] <= width, "inside the page"


def test_a_big_file_keeps_each_event_in_its_row_wherever_the_view_pans() -> None:
    """Every lane too big to stack exactly: rows come from the events around the view, and
    an event keeps its row from one stretch to the next."""
    from summit_timeline.commands.synthetic import synthetic_timeline

    snap = Snapshot.build(synthetic_timeline(7000, lanes=3), knowledge_day=None)
    lo, _ = snap.extent()
    builder = SceneBuilder()
    seen: dict[int, float] = {}
    checked = 0
    for step in range(12):
        x0 = lo + 4000.0 + step * 25.0
        scene = builder.build(snap, View(x0, x0 + 60.0, 1200.0, 600.0, closed=False), LOOK)
        assert scene.mode == "detail" and len(scene.shapes)
        for position, cy in zip(scene.shapes.position.tolist(), scene.shapes.cy.tolist(),
                                strict=True):
            if position in seen:
                assert seen[position] == cy, position
                checked += 1
            seen[position] = cy
    assert checked > 100
