"""The timeline drawn offscreen at 1600×900: the pixels a reader relies on."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from summit_timeline.commands.synthetic import synthetic_timeline
from summit_timeline.core.index import EventIndex
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.plot.timeline_view import TimelineView
from summit_timeline.qt.state import ViewState

MakeView = Callable[[int, int], tuple[TimelineView, ViewState]]
"""The ``make_timeline_view`` fixture (tests/qt/conftest.py)."""


@pytest.fixture
def view(make_timeline_view: MakeView) -> tuple[TimelineView, ViewState]:
    return make_timeline_view(1600, 900)


def _render(widget: TimelineView) -> QImage:
    image = widget.plot_widget.viewport().grab().toImage()
    assert image.width() >= 1000
    return image


def _shape(widget: TimelineView, state: ViewState, event_id: str) -> tuple[float, ...]:
    assert state.index is not None
    position = state.index.position_of(event_id)
    frame = widget.events_item.frame()
    data = widget.events_item.draw_set()
    assert frame is not None and data is not None and frame.mode == "detail"
    (i,) = np.flatnonzero(data.position[frame.which] == position)
    return frame.left[i], frame.top[i], frame.right[i], frame.bottom[i], frame.cy[i]


def _px(image: QImage, x: float, y: float) -> QColor:
    return image.pixelColor(round(x), round(y))


def test_planned_kazan_is_hollow_and_held_beijing_is_filled(view: tuple[TimelineView, ViewState]
                                                            ) -> None:
    widget, state = view
    image = _render(widget)
    left, top, right, bottom, cy = _shape(widget, state, "putin-xi-2024-10-22-kazan")
    cx = (left + right) / 2
    background = _px(image, cx, bottom + 4)
    assert _px(image, cx, cy) == background, "a planned event must be hollow"
    outline = [_px(image, left, y) for y in np.linspace(top + 1, bottom - 1, 12)]
    assert any(c != background for c in outline), "a planned event keeps a visible outline"

    left, top, right, bottom, cy = _shape(widget, state, "putin-xi-2024-05-16-beijing")
    centre = _px(image, (left + right) / 2, cy)
    assert centre != _px(image, (left + right) / 2, bottom + 6), "a held event is filled"


def test_labels_never_overlap_and_name_the_meetings(view: tuple[TimelineView, ViewState]
                                                    ) -> None:
    widget, _ = view
    _render(widget)
    rects = widget.labels_item.label_rects()
    assert len(rects) >= 5
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b), (a, b)
    widget.zoom(0.25)
    _render(widget)
    rects = widget.labels_item.label_rects()
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


def test_selection_is_drawn_and_survives_zoom(view: tuple[TimelineView, ViewState]) -> None:
    widget, state = view
    assert state.index is not None
    before = _render(widget)
    position = state.index.position_of("putin-xi-2024-07-03-astana")
    assert position is not None
    state.select(position)
    after = _render(widget)
    left, top, _, _, _ = _shape(widget, state, "putin-xi-2024-07-03-astana")
    ring = (left - 5, top - 5)
    assert _px(after, *ring) != _px(before, *ring)


def test_dense_timeline_turns_into_density_and_back(qtbot: QtBot) -> None:
    make_application()
    state = ViewState()
    widget = TimelineView(state)
    qtbot.addWidget(widget)
    widget.resize(1600, 900)
    widget.show()
    state.set_timeline(EventIndex.build(synthetic_timeline(20_000)), None)
    _render(widget)
    frame = widget.events_item.frame()
    assert frame is not None and frame.mode == "density"
    assert widget.labels_item.label_rects() == []
    x0, _ = widget.visible_range()
    widget.set_visible_range(x0 + 4000, x0 + 4010)
    _render(widget)
    frame = widget.events_item.frame()
    assert frame is not None and frame.mode == "detail" and len(frame.which) > 0
    assert widget.labels_item.label_rects()
    widget.close()
