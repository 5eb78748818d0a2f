"""A short window on the whole record: a lane short of rows shows "+N", which a reader can
hover to read and click to bring the first of those events out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from summit_timeline.core import views
from summit_timeline.qt.plot.timeline_view import TimelineView
from summit_timeline.qt.state import ViewState
from summit_timeline.scene.scene import Badge, Scene

MakeView = Callable[[int, int], tuple[TimelineView, ViewState]]
"""The ``make_timeline_view`` fixture (tests/qt/conftest.py)."""


def _whole_record(make: MakeView, width: int, height: int) -> tuple[TimelineView, ViewState]:
    widget, state = make(width, height)
    assert state.index is not None
    state.apply_view(views.find_view(state.index.timeline, "All meetings since 2013"))
    widget.plot_widget.viewport().grab()
    return widget, state


def _scene(widget: TimelineView) -> Scene:
    widget.plot_widget.viewport().grab()
    scene = widget.scene()
    assert scene is not None
    return scene


def _centre(widget: TimelineView, badge: Badge) -> QPoint:
    origin = widget.scene_item.plot_origin()
    assert origin is not None
    left, top, right, bottom = badge.rect
    return QPoint(round(origin.x() + (left + right) / 2), round(origin.y() + (top + bottom) / 2))


def test_a_count_is_painted_listed_and_clicked_open(make_timeline_view: MakeView,
                                                   qtbot: QtBot) -> None:
    widget, state = _whole_record(make_timeline_view, 900, 330)
    scene = _scene(widget)
    badge = next(b for b in scene.badges if b.positions)
    assert badge.text == f"+{len(badge.positions)}"
    assert not set(badge.positions) & set(scene.shapes.position.tolist())
    image = widget.plot_widget.viewport().grab().toImage()
    at = _centre(widget, badge)
    left = round(badge.rect[0] + widget.scene_item.plot_origin().x())  # type: ignore[union-attr]
    inked = {image.pixelColor(x, at.y()).name() for x in range(left + 1, at.x() + 4)}
    assert len(inked) > 1 and QColor(inked.pop()).isValid(), "the count is drawn"
    assert state.index is not None
    tip = widget.badge_text(badge)
    for position in badge.positions[:3]:
        assert state.index.event(position).title in tip
    qtbot.mouseClick(widget.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert state.selection == badge.positions[0]
    after = _scene(widget)
    assert badge.positions[0] in after.shapes.position.tolist(), "the chosen event is drawn"
    assert any(label.position == badge.positions[0] for label in after.labels)
    widget.close()


def test_every_meeting_of_the_heaviest_lane_keeps_its_row(make_timeline_view: MakeView
                                                          ) -> None:
    widget, state = _whole_record(make_timeline_view, 900, 330)
    scene = _scene(widget)
    assert state.snapshot is not None
    snap = state.snapshot
    putin_xi = {int(p) for p in snap.walk if snap.event(int(p)).track == "putin-xi"}
    assert len(putin_xi) == 41 and putin_xi <= set(scene.shapes.position.tolist())
    lanes = {snap.index.tracks[lane.lane].id: lane.bottom - lane.top for lane in scene.lanes}
    assert lanes["putin-xi"] == max(lanes.values())
    widget.close()
