"""Labels after panning are exactly those a fresh layout of the same view gives."""

from __future__ import annotations

import numpy as np
from pytestqt.qtbot import QtBot

from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.index import EventIndex
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.plot.timeline_view import TimelineView
from summit_timeline.qt.state import ViewState
from summit_timeline.resources import default_dataset


def _labels(widget: TimelineView) -> list[tuple[int, str, float, float, float]]:
    """(event, text, left and right in days, top in pixels) of every drawn label."""
    widget.plot_widget.viewport().grab()
    frame = widget.events_item.frame()
    assert frame is not None
    item = widget.labels_item
    return [(p, t, (r.left() - frame.dx) / frame.sx, (r.right() - frame.dx) / frame.sx, r.top())
            for p, t, r in zip(item.labelled_positions(), item.label_texts(),
                               item.label_rects(), strict=True)]


def test_cached_layout_after_pan_equals_a_fresh_layout(qtbot: QtBot) -> None:
    make_application()
    state = ViewState()
    widget = TimelineView(state)
    qtbot.addWidget(widget)
    widget.resize(1600, 900)
    widget.show()
    state.set_timeline(EventIndex.build(load_any(default_dataset()).timeline), None)
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
