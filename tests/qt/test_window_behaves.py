"""The window behaves as a reader of a timeline expects: labels stay when the list is
narrowed, a click on a visible event leaves the view where it is, labels stay in the
plot and beside their markers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from summit_timeline.core import dates
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


KAZAN = "putin-xi-2024-10-22-kazan"
ASTANA = "putin-xi-2024-07-03-astana"


def _position(window: MainWindow, event_id: str) -> int:
    assert window.state.index is not None
    position = window.state.index.position_of(event_id)
    assert position is not None
    return position


def _click_event(window: MainWindow, qtbot: QtBot, position: int) -> None:
    """Click the middle of the event's shape, as drawn."""
    view = window.timeline_view
    rect = _painted(window).shapes.rect_of(position)
    origin = view.scene_item.plot_origin()
    assert rect is not None and origin is not None
    x = (rect[0] + rect[2]) / 2 + origin.x()
    y = (rect[1] + rect[3]) / 2 + origin.y()
    qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(round(x), round(y)))


def test_clicking_an_event_in_view_leaves_the_view_where_it_is(window: MainWindow,
                                                               qtbot: QtBot) -> None:
    """A click on the Kazan band re-centred on it, throwing Astana's labels off the edge."""
    view = window.timeline_view
    before = view.visible_range()
    named = _named(window)
    for event_id in (KAZAN, ASTANA):
        _click_event(window, qtbot, _position(window, event_id))
        assert window.state.selection == _position(window, event_id)
        assert view.visible_range() == before
    assert _named(window) == named


def test_an_event_off_screen_comes_in_by_the_least_movement(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    """Chosen in the list (or by a key), an event out of sight is brought just inside
    the edge it lies beyond, not to the middle."""
    view = window.timeline_view
    kazan = _position(window, KAZAN)
    assert window.state.known is not None
    start = float(window.state.known.start[kazan])
    x0, x1 = view.visible_range()
    width = x1 - x0
    view.set_visible_range(start - width - 20, start - 20)
    window.state.select(kazan)
    lo, hi = view.visible_range()
    end = float(window.state.known.end[kazan])
    assert lo < start and end <= hi, "the whole band is in view"
    assert hi - end < width * 0.1, "and it came in at the right edge, not the middle"
    # In view, a step to it again moves nothing.
    window.state.select(-1)
    window.state.select(kazan)
    assert view.visible_range() == (lo, hi)


def _text_pixels(window: MainWindow, box: tuple[float, float, float, float]) -> int:
    """Pixels near the label text colour inside ``box`` (plot pixels) of the drawing."""
    view = window.timeline_view
    image = view.plot_widget.viewport().grab().toImage()
    scene = view.scene_item.painted
    origin = view.scene_item.plot_origin()
    assert scene is not None and origin is not None
    text = np.array(scene.palette.text[:3], np.int64)
    left, top, right, bottom = box
    count = 0
    for y in range(round(top + origin.y()) + 1, round(bottom + origin.y()) - 1):
        for x in range(max(round(left + origin.x()), round(origin.x())) + 1,
                       min(round(right + origin.x()), round(origin.x() + scene.view.width)) - 1):
            c = image.pixelColor(x, y)
            if np.abs(np.array([c.red(), c.green(), c.blue()]) - text).sum() < 90:
                count += 1
    return count


def test_a_label_whose_event_scrolled_away_is_not_left_cut_at_the_edge(
        window: MainWindow, qtbot: QtBot) -> None:
    """Panned or zoomed so that Astana's markers are just past the left edge, their
    labels were drawn cut off beside the lane titles ("Putin–Xing in Astana")."""
    view = window.timeline_view
    assert window.state.known is not None
    astana = float(window.state.known.start[_position(window, ASTANA)])
    x0, x1 = view.visible_range()
    _painted(window)
    view.set_visible_range(astana + 2, astana + 2 + (x1 - x0))  # a pan: same scale
    scene = _painted(window)
    region = scene.region
    assert region is not None
    gone = [label for label in region.labels
            if label.rect[2] + scene.offset > 0 and label.rect[0] + scene.offset < 0]
    assert gone, "some region label runs across the left edge"
    for label in scene.labels:
        rect = scene.shapes.rect_of(label.position)
        assert rect is not None and rect[2] > 0 and rect[0] < scene.view.width
    for label in gone:
        left, top, right, bottom = label.rect
        assert _text_pixels(window, (left + scene.offset, top, right + scene.offset,
                                     bottom)) == 0, window.state.index.event(
            label.position).title if window.state.index else ""
    # A zoom about a point just right of them: a new scale, drawn afresh.
    view.set_visible_range(astana + 1, astana + 1 + (x1 - x0) / 3)
    scene = _painted(window)
    for label in scene.labels:
        rect = scene.shapes.rect_of(label.position)
        assert rect is not None and rect[2] > 0 and rect[0] < scene.view.width


TIMELINEJS = """{
  "title": {"text": {"headline": "A TimelineJS file", "text": "<p>From Caesar to Kazan</p>"}},
  "events": [
    {"start_date": {"year": "2024", "month": "5", "day": "16"},
     "text": {"headline": "Beijing talks", "text": "<p>Putin and Xi met.</p>"},
     "group": "Bilateral"},
    {"start_date": {"year": "2024", "month": "7", "day": "3"},
     "end_date": {"year": "2024", "month": "7", "day": "4"},
     "text": {"headline": "SCO Astana"}, "group": "Summits"},
    {"start_date": {"year": "-44", "month": "3", "day": "15"},
     "text": {"headline": "Ides of March"}},
    {"start_date": {"year": "2024", "month": "10"}, "text": {"headline": "Kazan"}}
  ],
  "eras": [{"start_date": {"year": "2024"}, "end_date": {"year": "2025"},
            "text": {"headline": "2024 era"}}]
}
"""


def test_a_click_in_a_timelinejs_file_keeps_the_axis_in_its_centuries(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """One click on Beijing moved the axis out to the year 3200."""
    path = tmp_path / "caesar-to-kazan.json"
    path.write_text(TIMELINEJS, encoding="utf-8")
    with qtbot.waitSignal(window.state.sigTimelineChanged, timeout=10_000):
        window.files.open(path)
    qtbot.waitUntil(lambda: window.state.index is not None
                    and window.state.index.timeline.title == "A TimelineJS file")
    view = window.timeline_view
    before = view.visible_range()
    beijing = next(p for p in range(len(window.state.index))
                   if window.state.index.event(p).title == "Beijing talks")
    _click_event(window, qtbot, beijing)
    assert window.state.selection == beijing
    assert view.visible_range() == before
    assert view.visible_range()[1] < dates.parse("2200").lower


@pytest.mark.parametrize("view_id", ["2024-in-hindsight", "since-2013"])
def test_a_view_of_everything_known_says_so_and_a_date_can_be_typed_from_there(
        window: MainWindow, qtbot: QtBot, view_id: str) -> None:
    """"2024 in hindsight" showed "—" in the Known-on box and left the slider where it was."""
    bar = window.knowledge_bar
    start = bar.slider.value()
    window.named_views.actions[f"view.named.{view_id}"].trigger()
    assert window.state.knowledge_day is None
    assert bar.date_edit.text() == "Everything known"
    assert bar.slider.value() == bar.slider.maximum() != start
    field = bar.date_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "23 Oct 2024")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    day = dates.day_number(2024, 10, 23)
    assert window.state.knowledge_day == day
    assert bar.slider.value() == day
    assert field.text() == "23 Oct 2024"
    window.named_views.actions[f"view.named.{view_id}"].trigger()
    assert field.text() == "Everything known", "and back again"


# ------------------------------------------------------------ first size

def test_a_first_start_on_a_laptop_screen_uses_the_whole_screen(qtbot: QtBot) -> None:
    """At 85% of 1280×720 the window was 1088×612 and the list showed four rows; on a
    small screen with nothing saved the window takes all of it and opens maximised."""
    from summit_timeline.qt.gui import make_application
    from summit_timeline.qt.main_window import fills_screen

    make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    restored = window.restore_settings()
    assert not restored, "a first start has no saved window"
    window.show_first(restored)
    qtbot.waitExposed(window)
    if fills_screen(area.width(), area.height()):
        assert window.isMaximized() or window.size() == area.size()
        assert window.width() >= area.width() - 2 and window.height() >= area.height() - 40
    else:
        assert not window.isMaximized() and window.width() < area.width()
    # The event list gets its third of the height, not the 200 pixels of its size hint.
    qtbot.waitUntil(lambda: window.list_dock.height() >= window.height() * 0.3)
    assert fills_screen(1280, 720) and fills_screen(1366, 768)
    assert not fills_screen(1920, 1080) and not fills_screen(2560, 1440)
    window.close()
