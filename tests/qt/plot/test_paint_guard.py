"""A bug inside an item's paint() leaves that item blank instead of crashing the app."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from summit_timeline.qt.plot import paint_guard
from summit_timeline.qt.plot.scene_item import SceneItem
from summit_timeline.qt.plot.timeline_view import TimelineView
from summit_timeline.qt.state import ViewState

MakeView = Callable[[int, int], tuple[TimelineView, ViewState]]


def test_an_error_while_drawing_is_reported_and_the_window_survives(
        make_timeline_view: MakeView, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(paint_guard, "_reported", set())
    widget, _ = make_timeline_view(800, 400)

    def broken(*_args: object) -> None:
        raise IndexError("a bug in drawing")

    monkeypatch.setattr(SceneItem, "_lanes", broken)
    for _ in range(3):
        image = widget.plot_widget.viewport().grab().toImage()
    assert image.width() >= 700
    err = capsys.readouterr().err
    assert err.count("error while drawing (SceneItem.paint)") == 1
    assert "IndexError: a bug in drawing" in err
