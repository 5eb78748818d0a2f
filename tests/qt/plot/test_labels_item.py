"""Labels after panning are exactly those a fresh scene of the same view gives."""

from __future__ import annotations

from collections.abc import Callable

from summit_timeline.qt.plot.timeline_view import TimelineView
from summit_timeline.qt.state import ViewState
from summit_timeline.scene.build import build_scene
from summit_timeline.scene.scene import Label

MakeView = Callable[[int, int], tuple[TimelineView, ViewState]]
"""The ``make_timeline_view`` fixture (tests/qt/conftest.py)."""


def _labels(widget: TimelineView) -> tuple[Label, ...]:
    widget.plot_widget.viewport().grab()
    scene = widget.scene()
    assert scene is not None
    return scene.labels


def test_labels_after_panning_equal_a_fresh_scene(make_timeline_view: MakeView) -> None:
    widget, state = make_timeline_view(1600, 900)
    widget.zoom(0.5)
    _labels(widget)
    for step in (0.05, 0.05, -0.02, 0.03):
        widget.pan(step)
        _labels(widget)
    panned = _labels(widget)
    assert _labels(widget) == panned, "a repaint of the same view draws the same labels"
    view = widget.current_view()
    assert view is not None and state.snapshot is not None
    fresh = build_scene(state.snapshot, view, widget.look()).labels
    assert panned and panned == fresh
    assert any(label.text.endswith(" (planned)") for label in fresh)
    widget.close()
