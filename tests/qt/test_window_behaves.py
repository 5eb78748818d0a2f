"""The window behaves as a reader of a timeline expects: labels stay when the list is
narrowed, a click on a visible event leaves the view where it is, labels stay in the
plot and beside their markers."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from summit_timeline.qt.main_window import MainWindow
from summit_timeline.scene.scene import Scene


def _painted(window: MainWindow) -> Scene:
    """What the timeline drew on its last paint (painting it now)."""
    view = window.timeline_view
    view.plot_widget.viewport().grab()
    scene = view.scene_item.painted
    assert scene is not None
    return scene


def _named(window: MainWindow) -> set[str]:
    """Titles of the events the timeline names, as drawn."""
    state = window.state
    assert state.index is not None
    return {state.index.event(label.position).title for label in _painted(window).labels}


def _search(window: MainWindow, qtbot: QtBot, text: str) -> None:
    window.event_list.search.setText(text)
    window.event_list.go_to_first_match()
    window.state.select(-1)
    qtbot.waitUntil(lambda: not window.state.busy)


@pytest.mark.parametrize(("text", "count"), [("Astana", 9), ("Harbin", 2), ("Bürgenstock", 1)])
def test_a_search_leaves_every_match_named(window: MainWindow, qtbot: QtBot,
                                           text: str, count: int) -> None:
    """Nine meetings of one afternoon in Astana, or one meeting alone, were drawn bare."""
    _search(window, qtbot, text)
    state = window.state
    assert state.index is not None
    matches = {state.index.event(int(p)).title for p in state.shown_positions()}
    assert len(matches) == count
    assert _named(window) == matches


def test_a_place_clicked_on_the_map_leaves_its_events_named(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    map_widget = window.map_panel.map
    qtbot.waitUntil(lambda: map_widget.isVisible() and map_widget.width() > 100)
    scene = map_widget.scene()
    assert scene is not None
    astana = next(s for s in scene.sites if s.name == "Astana")
    qtbot.mouseClick(map_widget, Qt.MouseButton.LeftButton,
                     pos=QPoint(round(astana.x), round(astana.y)))
    state = window.state
    assert state.filter.places == astana.place_ids
    assert state.index is not None
    shown = {state.index.event(int(p)).title for p in state.shown_positions()}
    assert len(shown) == 9
    assert _named(window) == shown


def test_narrowing_to_one_track_keeps_labels_as_a_search_does(window: MainWindow,
                                                              qtbot: QtBot) -> None:
    _search(window, qtbot, "Astana")
    searched = _named(window)
    box = window.event_list.track_box
    box.setCurrentIndex(box.findText("Context"))
    qtbot.waitUntil(lambda: not window.state.busy)
    tracked = _named(window)
    assert tracked and tracked < searched
    assert np.all([("Astana" in t or "SCO" in t) for t in tracked])
