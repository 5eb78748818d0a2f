"""Labels after panning are exactly those a fresh layout of the same view gives."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from summit_timeline.qt.plot.timeline_view import TimelineView
from summit_timeline.qt.state import ViewState

MakeView = Callable[[int, int], tuple[TimelineView, ViewState]]
"""The ``make_timeline_view`` fixture (tests/qt/conftest.py)."""


def _labels(widget: TimelineView) -> list[tuple[int, str, float, float, float]]:
    """(event, text, left and right in days, top in pixels) of every drawn label."""
    widget.plot_widget.viewport().grab()
    frame = widget.events_item.frame()
    assert frame is not None
    item = widget.labels_item
    return [(p, t, (r.left() - frame.dx) / frame.sx, (r.right() - frame.dx) / frame.sx, r.top())
            for p, t, r in zip(item.labelled_positions(), item.label_texts(),
                               item.label_rects(), strict=True)]


def test_cached_layout_after_pan_equals_a_fresh_layout(make_timeline_view: MakeView) -> None:
    widget, _ = make_timeline_view(1600, 900)
    widget.zoom(0.5)
    _labels(widget)
    for step in (0.05, 0.05, -0.02, 0.03):
        widget.pan(step)
        _labels(widget)
    panned = _labels(widget)
    assert _labels(widget) == panned, "a repaint of the same view reuses the same labels"
    widget.labels_item.reset()
    fresh = _labels(widget)
    assert panned and len(panned) == len(fresh)
    for a, b in zip(panned, fresh, strict=True):
        assert a[:2] == b[:2]
        assert np.allclose(a[2:], b[2:], rtol=0, atol=1e-9)
    assert any(t.endswith(" (planned)") for _, t, *_ in fresh)
    widget.close()
