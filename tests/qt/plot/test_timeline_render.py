"""The timeline drawn offscreen at 1600×900: the pixels a reader relies on."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from summit_timeline.commands.synthetic import synthetic_timeline
from summit_timeline.core import dates
from summit_timeline.core.index import EventIndex
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.plot.timeline_view import TimelineView
from summit_timeline.qt.state import ViewState
from summit_timeline.scene.scene import Scene

MakeView = Callable[[int, int], tuple[TimelineView, ViewState]]
"""The ``make_timeline_view`` fixture (tests/qt/conftest.py)."""


@pytest.fixture
def view(make_timeline_view: MakeView) -> tuple[TimelineView, ViewState]:
    return make_timeline_view(1600, 900)


def _render(widget: TimelineView) -> QImage:
    image = widget.plot_widget.viewport().grab().toImage()
    assert image.width() >= 1000
    return image


def _scene(widget: TimelineView) -> Scene:
    scene = widget.scene()
    assert scene is not None
    return scene


def _shape(widget: TimelineView, state: ViewState, event_id: str) -> tuple[float, ...]:
    """The event's shape in the grabbed image's pixels: left, top, right, bottom, centre y."""
    assert state.index is not None
    position = state.index.position_of(event_id)
    assert position is not None
    rect = _scene(widget).shapes.rect_of(position)
    origin = widget.scene_item.plot_origin()
    assert rect is not None and origin is not None
    left, top, right, bottom = rect
    dx, dy = origin.x(), origin.y()
    return left + dx, top + dy, right + dx, bottom + dy, (top + bottom) / 2 + dy


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
    outline = [_px(image, left, top + (bottom - top) * k / 11) for k in range(1, 11)]
    assert any(c != background for c in outline), "a planned event keeps a visible outline"

    left, top, right, bottom, cy = _shape(widget, state, "putin-xi-2024-05-16-beijing")
    centre = _px(image, (left + right) / 2, cy)
    assert centre != _px(image, (left + right) / 2, bottom + 6), "a held event is filled"


def test_labels_never_overlap_and_name_the_meetings(view: tuple[TimelineView, ViewState]
                                                    ) -> None:
    widget, _ = view
    day = dates.parse("2024-07-03").lower
    for span in (None, 40.0):  # as opened, then around the crowded days in Astana
        if span is not None:
            widget.set_visible_range(day - span / 2, day + span / 2)
        _render(widget)
        scene = _scene(widget)
        rects = [label.rect for label in scene.labels]
        assert len(rects) >= (5 if span is None else 8)
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_selection_is_drawn_and_survives_zoom(view: tuple[TimelineView, ViewState]) -> None:
    widget, state = view
    assert state.index is not None
    astana = "putin-xi-2024-07-03-astana"
    position = state.index.position_of(astana)
    assert position is not None
    day = dates.parse("2024-07-03").lower
    for span in (None, 60.0, 8.0):  # as opened, then zoomed in twice around the meeting
        if span is not None:
            widget.set_visible_range(day - span / 2, day + span / 2)
        state.select(-1)
        before = _render(widget)
        state.select(position)
        after = _render(widget)
        left, _, _, _, _ = _shape(widget, state, astana)
        ring = _scene(widget).selection
        assert ring is not None, span
        origin = widget.scene_item.plot_origin()
        assert origin is not None
        x, y = ring[0] + origin.x(), (ring[1] + ring[3]) / 2 + origin.y()
        assert x < left, "the ring surrounds the meeting"
        assert _px(after, x, y) != _px(before, x, y), f"a ring is drawn (span {span})"


def test_dense_timeline_turns_into_density_and_back(qtbot: QtBot) -> None:
    make_application()
    state = ViewState()
    widget = TimelineView(state)
    qtbot.addWidget(widget)
    widget.resize(1600, 900)
    widget.show()
    state.set_timeline(EventIndex.build(synthetic_timeline(20_000)), None)
    image = _render(widget)
    scene = _scene(widget)
    assert scene.mode == "density" and scene.labels == () and scene.badges
    assert scene.density is not None and scene.density.counted == 20_000
    strip = scene.density
    origin = widget.scene_item.plot_origin()
    assert origin is not None
    y = (strip.tops[0] + strip.bottoms[0]) / 2
    middles = (strip.edges[:-1] + strip.edges[1:]) / 2
    # The strongest tint where no count badge is painted over the strip.
    covered = [any(b.rect[0] - 2 <= m <= b.rect[2] + 2 and b.rect[1] <= y <= b.rect[3]
                   for b in scene.badges) for m in middles.tolist()]
    tint = strip.colours[0].astype(int).sum(axis=1) + np.array(covered) * 10_000
    busy = int(tint.argmin())
    assert not covered[busy]
    x = middles[busy] + origin.x()
    y += origin.y()
    r, g, b = strip.colours[0][busy]
    assert _px(image, x, y) == QColor(int(r), int(g), int(b)), "the strip is painted"
    x0, _ = widget.visible_range()
    widget.set_visible_range(x0 + 4000, x0 + 4010)
    _render(widget)
    scene = _scene(widget)
    assert scene.mode == "detail" and len(scene.shapes) > 0
    assert scene.labels
    widget.close()


def test_a_summit_under_way_is_filled_only_up_to_the_known_on_line(
        view: tuple[TimelineView, ViewState]) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPainter

    from summit_timeline.qt.paint.vector_painter import VectorPainter

    widget, state = view
    day = dates.parse("2024-07-03").lower
    widget.set_visible_range(day - 6, day + 6)
    image = _render(widget)
    scene = _scene(widget)
    left, _, right, bottom, cy = _shape(widget, state, "sco-summit-astana-2024-07")
    origin = widget.scene_item.plot_origin()
    assert origin is not None and scene.known_x is not None
    line = scene.known_x + origin.x()
    assert left + 6 < line < right - 6
    background = _px(image, (left + line) / 2, bottom + 6)
    assert _px(image, (left + line) / 2, cy) != background, "held up to the line: filled"
    assert _px(image, (line + right) / 2 + 3, cy) == background, "after it: hollow"
    # The export's painter draws the same.
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor(*scene.palette.background[:3]))
    painter = QPainter(paper)
    VectorPainter(widget.font()).paint(painter, scene, QPointF(origin.x(), origin.y()))
    painter.end()
    assert _px(paper, (left + line) / 2, cy) != _px(paper, (left + line) / 2, bottom + 6)
    assert _px(paper, (line + right) / 2 + 3, cy) == _px(paper, (line + right) / 2 + 3,
                                                         bottom + 6)
