"""A summit still going on on the knowledge date is under way, not held, wherever it shows."""

from __future__ import annotations

import numpy as np
import pytest

from summit_timeline.core import dates, knowledge
from summit_timeline.core.event_html import event_html
from summit_timeline.core.model import Timeline
from summit_timeline.scene import style
from summit_timeline.scene.build import Look, build_scene
from summit_timeline.scene.palette import PAPER
from summit_timeline.scene.scene import View
from summit_timeline.scene.slide_content import event_content
from summit_timeline.scene.snapshot import Snapshot

SCO = "sco-summit-astana-2024-07"
BRICS = "brics-summit-kazan-2024-10"


class Fixed:
    key = "fixed"
    line_height = 14.0

    def width(self, text: str) -> float:
        return 7.0 * len(text)


def _snap(timeline: Timeline, day: str) -> Snapshot:
    return Snapshot.build(timeline, knowledge_day=dates.parse(day).upper)


def _shown(snap: Snapshot, event_id: str) -> str:
    position = snap.index.position_of(event_id)
    assert position is not None
    return knowledge.SHOWN_STATUSES[int(snap.known.shown_status[position])]


@pytest.mark.parametrize(("event_id", "day", "shown"), [
    (SCO, "2024-07-02", "planned"), (SCO, "2024-07-03", "under way"), (SCO, "2024-07-04", "held"),
    (BRICS, "2024-10-22", "under way"), (BRICS, "2024-10-23", "under way"),
    (BRICS, "2024-10-24", "held"), ("putin-xi-2024-07-03-astana", "2024-07-03", "held")])
def test_held_and_not_over_on_the_day_is_under_way(timeline: Timeline, event_id: str, day: str,
                                                   shown: str) -> None:
    snap = _snap(timeline, day)
    assert _shown(snap, event_id) == shown
    position = snap.index.position_of(event_id)
    assert position is not None
    assert knowledge.shown_status(snap.known_state(position), snap.knowledge_day) == shown
    # The model keeps its four statuses: filters and files see "held".
    assert knowledge.STATUSES[int(snap.known.status[position])] in knowledge.STATUSES


def test_the_timeline_draws_the_days_after_the_known_on_line_as_not_yet_held(
        timeline: Timeline) -> None:
    snap = _snap(timeline, "2024-07-03")
    lo, hi = dates.parse("2024-06-28").lower, dates.parse("2024-07-08").lower
    scene = build_scene(snap, View(float(lo), float(hi), 1200.0, 500.0), Look(PAPER, Fixed()))
    position = snap.index.position_of(SCO)
    at = int(np.flatnonzero(scene.shapes.position == position)[0])
    drawn = style.STYLES[int(scene.shapes.style[at])]
    assert drawn.status == style.UNDER_WAY and drawn.fill == "solid"
    assert style.STYLES[drawn.rest].fill == "none" and style.STYLES[drawn.rest].dash, \
        "the rest looks planned: hollow and dashed"
    assert scene.known_x is not None
    assert scene.shapes.left[at] < scene.known_x < scene.shapes.right[at], \
        "the known-on line falls inside the bar: held before it, not yet after"
    assert any(label.text == "SCO summit in Astana (under way)" for label in scene.labels)
    assert "under_way" in [entry.key for entry in scene.legend], "the legend explains it"
    later = build_scene(_snap(timeline, "2024-07-05"), View(float(lo), float(hi), 1200.0, 500.0),
                        Look(PAPER, Fixed()))
    at = int(np.flatnonzero(later.shapes.position == position)[0])
    assert style.STYLES[int(later.shapes.style[at])].status == style.HELD
    assert "under_way" not in [entry.key for entry in later.legend]


def test_details_and_slide_say_under_way(timeline: Timeline) -> None:
    snap = _snap(timeline, "2024-07-03")
    position = snap.index.position_of(SCO)
    assert position is not None
    html = event_html(timeline, snap.event(position), snap.known_state(position),
                      snap.knowledge_day)
    assert "UNDER WAY" in html and "HELD" not in html and "runs to 4 Jul 2024" in html
    slide = event_content(snap, position)
    assert slide.status == "Under way — as of 3 Jul 2024" and slide.status_code == "under way"
