"""The camera always frames the current event and moves continuously between framings."""

from __future__ import annotations

from summit_timeline.core.model import Timeline
from summit_timeline.scene import camera
from summit_timeline.scene.deck import TITLE, Deck
from summit_timeline.scene.snapshot import Snapshot, file_day


def test_every_framing_holds_its_event(timeline: Timeline) -> None:
    deck = Deck.build(Snapshot.build(timeline, knowledge_day=file_day(timeline)),
                      title_slide=True)
    known = deck.data.known
    for step, value in enumerate(deck.steps):
        view = camera.framing(deck, step)
        if value == TITLE:
            for p in deck.event_positions():
                assert camera.contains(view, (known.start[p], known.end[p]))
            continue
        assert camera.contains(view, (known.start[value], known.end[value]))
        assert view[1] - view[0] >= camera.MIN_WIDTH


def test_blend_starts_and_ends_on_the_framings_and_widens_between_far_ones() -> None:
    a, b = (0.0, 30.0), (300.0, 330.0)
    assert camera.blend(a, b, 0.0) == a
    assert camera.blend(a, b, 1.0) == b
    mid = camera.blend(a, b, 0.5)
    assert mid[0] <= 0.0 + 1e-9 and mid[1] >= 330.0 - 1e-9  # zoomed out over both
    near = camera.blend((0.0, 30.0), (5.0, 35.0), 0.5)
    assert near[1] - near[0] == 30.0
