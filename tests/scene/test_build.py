"""Open views: a selection is drawn over the laid-out region, never laid out again."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from summit_timeline.commands.synthetic import synthetic_timeline
from summit_timeline.core.index import EventIndex
from summit_timeline.core.model import Timeline
from summit_timeline.scene.build import Look, SceneBuilder, build_scene
from summit_timeline.scene.palette import PAPER
from summit_timeline.scene.scene import Rect, Scene, View
from summit_timeline.scene.snapshot import Snapshot


class Fixed:
    key = "fixed"
    line_height = 14.0

    def width(self, text: str) -> float:
        return 7.0 * len(text)


LOOK = Look(PAPER, Fixed())


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _opened() -> tuple[Snapshot, View]:
    snap = Snapshot.build(EventIndex.build(synthetic_timeline(3000, seed=3)))
    middle = float(snap.known.start[snap.walk[len(snap.walk) // 2]])
    return snap, View(middle - 40.0, middle + 40.0, 1200.0, 500.0, closed=False)


def _in_view(scene: Scene, position: int) -> bool:
    at = int(np.flatnonzero(scene.shapes.position == position)[0])
    return scene.shapes.left[at] >= 0 and scene.shapes.right[at] <= scene.view.width


def test_selecting_an_event_without_room_for_its_label_lays_its_label_over_the_others(
        ) -> None:
    snap, view = _opened()
    builder = SceneBuilder()
    plain = builder.build(snap, view, LOOK)
    assert plain.mode == "detail" and plain.labels
    labelled = {label.position for label in plain.labels}
    bare = next(int(p) for p in plain.shapes.position
                if int(p) not in labelled and _in_view(plain, int(p)))
    chosen = snap.with_selection(bare)
    scene = builder.build(chosen, view, LOOK)
    assert scene.region is plain.region, "the region was not laid out again"
    assert scene.selection is not None
    current = [label for label in scene.labels if label.current]
    assert [label.position for label in current] == [bare]
    title = snap.event(bare).title
    assert current[0].text.startswith(title) and current[0].lines == (current[0].text,)
    assert not any(_overlap(current[0].rect, other.rect)
                   for other in scene.labels if other is not current[0])
    # What an export of this view gets, built with nothing remembered, is the same.
    fresh = build_scene(chosen, view, LOOK)
    assert [(label.position, label.rect, label.current) for label in fresh.labels] == \
        [(label.position, label.rect, label.current) for label in scene.labels]
    assert fresh.selection == scene.selection


def test_selecting_a_labelled_event_marks_its_label_and_moves_only_the_ring() -> None:
    snap, view = _opened()
    builder = SceneBuilder()
    plain = builder.build(snap, view, LOOK)
    first, second = (label.position for label in plain.labels[:2])
    one = builder.build(snap.with_selection(first), view, LOOK)
    two = builder.build(snap.with_selection(second), view, LOOK)
    assert one.region is two.region is plain.region
    assert one.selection != two.selection
    assert [label.position for label in two.labels if label.current] == [second]
    assert [label.position for label in two.labels] == [label.position
                                                         for label in plain.labels]


def test_a_second_file_is_labelled_with_its_own_titles() -> None:
    """Positions mean other events in another file: one builder (the window's) must not
    label the second file's events with the first file's titles."""
    import msgspec

    first = synthetic_timeline(40, seed=5)
    renamed = tuple(msgspec.structs.replace(e, title=f"Second file event {k}")
                    for k, e in enumerate(first.events))
    second = msgspec.structs.replace(first, events=renamed)
    builder = SceneBuilder()
    for timeline in (first, second):
        snap = Snapshot.build(EventIndex.build(timeline))
        lo, hi = snap.extent()
        scene = builder.build(snap, View(lo, hi, 4000.0, 600.0, closed=True), LOOK)
        assert scene.labels
        for label in scene.labels:
            assert label.text.startswith(snap.event(label.position).title[:8]), label.text


def test_an_open_view_of_one_afternoons_meetings_names_them(timeline: Timeline) -> None:
    """A search leaving nine meetings on 3–4 July cut the region to those two days: a
    strip a few pixels wide, with room for no label, so every marker was drawn bare."""
    snap = Snapshot.open(EventIndex.build(timeline))
    assert snap.filter.days is not None
    searched = snap.with_filter(replace(snap.filter, text="Astana"))
    assert len(searched.walk) == 9
    view = View(*snap.filter.days, 1200.0, 500.0, closed=False)
    scene = SceneBuilder().build(searched, view, LOOK)
    assert sorted(label.position for label in scene.labels) == sorted(searched.walk.tolist())
    for label in scene.labels:
        assert label.rect[0] >= 0 and label.rect[2] <= view.width
