"""The Map dock in the window: a click on a place lists its events, hover names it, the same
zoom and pan keys as the timeline, and what it paints is the map scene of the shared state."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from summit_timeline.core import dates
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.paint.map_painter import MapPainter
from summit_timeline.qt.settings import Settings
from summit_timeline.qt.widgets.map_widget import MapWidget
from summit_timeline.resources import default_dataset
from summit_timeline.scene.map_build import MapBuilder
from summit_timeline.scene.map_scene import MapScene, MapSite

KAZAN_MEETING = "putin-xi-2024-10-22-kazan"


def _site(map_widget: MapWidget, name: str) -> MapSite:
    scene = map_widget.scene()
    assert scene is not None
    return next(s for s in scene.sites if s.name == name)


def _shown(window: MainWindow, qtbot: QtBot) -> MapWidget:
    map_widget = window.map_panel.map
    qtbot.waitUntil(lambda: map_widget.isVisible() and map_widget.width() > 100)
    return map_widget


def test_clicking_a_place_lists_and_selects_its_events(window: MainWindow, qtbot: QtBot) -> None:
    map_widget = _shown(window, qtbot)
    state = window.state
    everywhere = len(state.shown_positions())
    kazan = _site(map_widget, "Kazan")
    assert kazan.count == 2
    qtbot.mouseClick(map_widget, Qt.MouseButton.LeftButton, pos=QPoint(round(kazan.x),
                                                                       round(kazan.y)))
    assert state.filter.places == kazan.place_ids
    assert state.selection == kazan.positions[0], "the first event there, in time"
    listed = {window.event_list.model.position_at(r)
              for r in range(window.event_list.model.rowCount())}
    assert listed == set(kazan.positions.tolist()), "the list shows the events at Kazan"
    assert set(state.shown_positions().tolist()) == listed, "and so does the timeline"
    assert "2 events at Kazan, Russia" in window.map_panel.caption.text()
    assert window.map_panel.show_all.isVisibleTo(window.map_panel)
    scene = map_widget.scene()
    assert scene is not None and len(scene.sites) > 1, "other places stay to be clicked"
    assert [s.name for s in scene.sites if s.chosen] == ["Kazan"]
    # the same place again shows every place; so does Esc, as for any filter
    again = _site(map_widget, "Kazan")
    qtbot.mouseClick(map_widget, Qt.MouseButton.LeftButton, pos=QPoint(round(again.x),
                                                                       round(again.y)))
    assert state.filter.places is None and len(state.shown_positions()) == everywhere
    beijing = _site(map_widget, "Beijing")
    qtbot.mouseClick(map_widget, Qt.MouseButton.LeftButton, pos=QPoint(round(beijing.x),
                                                                       round(beijing.y)))
    assert state.filter.places == beijing.place_ids
    window.actions["edit.clear_search"].trigger()
    assert state.filter.places is None


def test_hovering_a_place_names_it_and_counts_its_events(window: MainWindow,
                                                         qtbot: QtBot) -> None:
    map_widget = _shown(window, qtbot)
    astana = _site(map_widget, "Astana")
    text = map_widget.tooltip_text(astana)
    assert text.startswith("<b>Astana, Kazakhstan</b> — 9 events")
    assert "3 Jul 2024: Putin–Xi meeting in Astana" in text
    qtbot.mouseMove(map_widget, QPoint(round(astana.x), round(astana.y)))
    qtbot.waitUntil(lambda: map_widget.cursor().shape() == Qt.CursorShape.PointingHandCursor)


def test_the_knowledge_date_changes_what_the_map_shows(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    map_widget = _shown(window, qtbot)
    state = window.state
    index = state.index
    assert index is not None
    meeting = index.position_of(KAZAN_MEETING)
    assert meeting in _site(map_widget, "Kazan").positions
    state.set_knowledge_day(dates.day_number(2024, 5, 20))
    scene = map_widget.scene()
    assert scene is not None
    assert all(meeting not in site.positions for site in scene.sites), \
        "not yet reported on 20 May 2024"
    state.set_knowledge_day(dates.day_number(2024, 10, 23))
    assert meeting in _site(map_widget, "Kazan").positions


def test_zoom_and_pan_keys_move_the_map_and_not_the_timeline(window: MainWindow,
                                                             qtbot: QtBot) -> None:
    map_widget = _shown(window, qtbot)
    window.focus_map()
    qtbot.waitUntil(map_widget.hasFocus)
    timeline_range = window.timeline_view.visible_range()
    fitted = map_widget.map_view()
    assert fitted is not None
    qtbot.keyClick(map_widget, Qt.Key.Key_Plus)
    zoomed = map_widget.map_view()
    assert zoomed is not None and np.isclose(zoomed.span_km, fitted.span_km / 2)
    qtbot.keyClick(map_widget, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    panned = map_widget.map_view()
    assert panned is not None and panned.frame.x0 > zoomed.frame.x0
    assert window.timeline_view.visible_range() == timeline_range, "keys went to the map"
    qtbot.keyClick(map_widget, Qt.Key.Key_Home)
    assert map_widget.map_view() == fitted
    # the wheel zooms about the pointer, as on the timeline
    point = QPointF(map_widget.width() * 0.7, map_widget.height() * 0.4)
    view = map_widget.map_view()
    assert view is not None
    under = view.frame.to_projected(point.x(), point.y())
    wheel = QWheelEvent(point, map_widget.mapToGlobal(point), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(map_widget, wheel)
    after = map_widget.map_view()
    assert after is not None and after.span_km < view.span_km
    assert np.allclose(after.frame.to_projected(point.x(), point.y()), under)
    # with the timeline focused, + zooms the timeline again
    window.timeline_view.plot_widget.setFocus()
    qtbot.waitUntil(window.timeline_view.plot_widget.hasFocus)
    before = map_widget.map_view()
    qtbot.keyClick(window.timeline_view.plot_widget, Qt.Key.Key_Plus)
    assert map_widget.map_view() == before


def test_plus_and_minus_zoom_about_the_selected_place_in_view(window: MainWindow,
                                                              qtbot: QtBot) -> None:
    """As the timeline keeps its selected event in place, the map keeps the selected
    event's place: zooming about the middle lost Kazan off the edge after a few presses."""
    map_widget = _shown(window, qtbot)
    state = window.state
    position = state.index.position_of(KAZAN_MEETING) if state.index is not None else None
    assert position is not None
    state.select(position)
    window.focus_map()
    qtbot.waitUntil(map_widget.hasFocus)
    kazan = _site(map_widget, "Kazan")
    middle = (map_widget.width() / 2, map_widget.height() / 2)
    assert abs(kazan.x - middle[0]) + abs(kazan.y - middle[1]) > 20, "not at the middle"
    spans = []
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Plus, Qt.Key.Key_Minus):
        qtbot.keyClick(map_widget, key)
        view = map_widget.map_view()
        assert view is not None
        spans.append(view.span_km)
        moved = _site(map_widget, "Kazan")
        assert moved.selected
        assert np.allclose((moved.x, moved.y), (kazan.x, kazan.y), atol=0.5), \
            "the selected place stays where it was on screen"
    assert np.isclose(spans[1], spans[0] / 2) and np.isclose(spans[2], spans[0])
    # panned out of sight, the selected place no longer anchors the zoom: the middle does
    for _ in range(6):
        qtbot.keyClick(map_widget, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert map_widget.selected_point() is None
    view = map_widget.map_view()
    assert view is not None
    centre = view.frame.to_projected(*middle)
    qtbot.keyClick(map_widget, Qt.Key.Key_Plus)
    after = map_widget.map_view()
    assert after is not None and np.isclose(after.span_km, view.span_km / 2)
    assert np.allclose(after.frame.to_projected(*middle), centre)


def test_a_file_opened_is_prepared_for_the_views_on_the_loaders_worker(
        window: MainWindow, qtbot: QtBot) -> None:
    """The views' opening plans run with the new file's first snapshot on the loader's
    worker and are taken over just before it is shown; one that fails leaves the file
    to open all the same, and the map it shows is the one a fresh build gives."""
    map_widget = _shown(window, qtbot)
    state = window.state
    ran: list[tuple[threading.Thread, object]] = []
    taken: list[object] = []
    shown_when_taken: list[object] = []

    def plan(snap: object) -> Any:
        ran.append((threading.current_thread(), snap))
        return lambda: (taken.append(snap), shown_when_taken.append(state.snapshot))

    def broken(snap: object) -> Any:
        raise RuntimeError("a bug in a view's plan")

    state.add_opening_planner(lambda: plan)
    state.add_opening_planner(lambda: broken)
    old = state.snapshot
    with qtbot.waitSignal(state.sigTimelineChanged, timeout=10_000):
        window.files.open(default_dataset())
    assert len(ran) == 1 and ran[0][0] is not threading.main_thread()
    assert taken == [ran[0][1]] and shown_when_taken == [old], "taken over before shown"
    snap = state.snapshot
    assert snap is not None and snap.index is not old.index  # type: ignore[union-attr]
    view, scene = map_widget.map_view(), map_widget.scene()
    assert view is not None and scene is not None
    fresh = MapBuilder().build(snap, view, map_widget.look())
    assert _differences(scene, fresh) == []


def _differences(a: Any, b: Any, where: str = "scene") -> list[str]:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        same = isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and \
            a.shape == b.shape and np.array_equal(a, b)
        return [] if same else [where]
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        if type(a) is not type(b):
            return [where]
        return [d for f in dataclasses.fields(a)
                for d in _differences(getattr(a, f.name), getattr(b, f.name),
                                      f"{where}.{f.name}")]
    if isinstance(a, tuple) and isinstance(b, tuple):
        if len(a) != len(b):
            return [f"{where} (length)"]
        return [d for k, (x, y) in enumerate(zip(a, b, strict=True))
                for d in _differences(x, y, f"{where}[{k}]")]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


def test_the_dock_paints_the_map_scene_the_vector_painter_paints(window: MainWindow,
                                                                 qtbot: QtBot) -> None:
    """One map, two painters: the dock's raster (cached land) and the vector painter of
    insets and exports get equal scenes and draw the same pixels."""
    map_widget = _shown(window, qtbot)
    window.state.select(window.state.shown_positions()[3])
    window.timeline_view.plot_widget.setFocus()  # no focus frame on the map
    shot = map_widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    painted = map_widget.painted
    assert painted is not None and painted.sites
    view = map_widget.map_view()
    snap = window.state.snapshot
    assert view is not None and snap is not None
    fresh: MapScene = MapBuilder().build(snap, view, map_widget.look())
    assert _differences(painted, fresh) == []
    image = QImage(shot.size(), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    MapPainter(map_widget.font()).paint(painter, fresh, QPointF(0, 0))
    painter.end()
    def close(x: int, y: int) -> bool:
        a, b = shot.pixelColor(x, y), image.pixelColor(x, y)
        return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
                   abs(a.blue() - b.blue())) <= 24

    points = [(x, y) for x in range(0, shot.width(), 3) for y in range(0, shot.height(), 3)]
    alike = sum(close(x, y) for x, y in points)
    assert alike / len(points) > 0.995, "the same map, up to the smoothing of coastlines"


def test_the_map_dock_keeps_its_place_between_runs(window: MainWindow, qtbot: QtBot) -> None:
    assert window.dockWidgetArea(window.map_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, window.map_dock)
    window.settings.save_window(window)
    again = MainWindow(Settings())
    qtbot.addWidget(again)
    try:
        again.restore_settings()
        assert again.dockWidgetArea(again.map_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
        again.reset_layout()
        assert again.dockWidgetArea(again.map_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    finally:
        again.close()
        again.files.loader.shutdown()
