"""The viewer's polish: work done off the GUI thread, labels that keep their status,
a toolbar and legend that fit a 1280-pixel window, focus after the first show, and
one-day meetings drawn across their day when zoomed in."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from summit_timeline.core import dates
from summit_timeline.core.formats.registry import load_any
from summit_timeline.qt.file_loader import prepare
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.plot.timeline_view import TimelineView
from summit_timeline.qt.state import ViewState
from summit_timeline.resources import default_dataset
from summit_timeline.scene import label_layout
from summit_timeline.scene.draw_set import DrawSet
from summit_timeline.scene.style import BAR, POINT, STYLES

MakeView = Callable[[int, int], tuple[TimelineView, ViewState]]
"""The ``make_timeline_view`` fixture (tests/qt/conftest.py)."""

KAZAN = "putin-xi-2024-10-22-kazan"
BEIJING = "putin-xi-2024-05-16-beijing"


@pytest.fixture
def narrow_view(make_timeline_view: MakeView) -> tuple[TimelineView, ViewState]:
    """The timeline alone at the width it gets inside a 1280×720 window."""
    return make_timeline_view(640, 360)


def _drawn_labels(widget: TimelineView, state: ViewState) -> dict[str, str]:
    """Event id → the label as drawn (its lines joined)."""
    widget.plot_widget.viewport().grab()
    scene = widget.scene()
    assert state.index is not None and scene is not None
    return {state.index.event(label.position).id: " ".join(label.lines)
            for label in scene.labels}


# ------------------------------------------------------------ work off the GUI thread

def test_loaded_file_arrives_with_the_views_arrays_made_on_the_worker(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """The loader's snapshot is what the state holds and the timeline draws: nothing is
    sorted or filtered again on the GUI thread (for a file with no view framing dates)."""
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    del doc["views"], doc["default_view"]
    plain = tmp_path / "no-views.timeline.json"
    plain.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with qtbot.waitSignal(window.files.loader.sigLoaded, timeout=10_000) as loaded:
        window.files.open(plain)
    result = loaded.args[0]
    state = window.state
    assert result.snapshot is not None and state.snapshot is not None
    assert state.snapshot.draw is result.snapshot.draw
    assert state.snapshot.known is result.snapshot.known
    assert state.index is not None and state.known is not None
    fresh = DrawSet.build(state.index, state.known, state.shown)
    assert np.array_equal(fresh.position, result.snapshot.draw.position)
    assert np.array_equal(fresh.slot, result.snapshot.draw.slot)
    assert np.array_equal(state.shown_positions(), result.snapshot.walk)


def test_a_view_that_frames_dates_reuses_the_workers_known_arrays(window: MainWindow,
                                                                  qtbot: QtBot) -> None:
    """The bundled file opens in a view of May–October 2024: only its events are drawn,
    and the knowledge arrays are the worker's, not computed again."""
    with qtbot.waitSignal(window.files.loader.sigLoaded, timeout=10_000) as loaded:
        window.files.open(default_dataset())
    result = loaded.args[0]
    state = window.state
    assert result.snapshot is not None and state.snapshot is not None
    assert state.known is result.snapshot.known
    assert state.view is not None and state.filter.days is not None
    assert state.index is not None
    drawn = state.snapshot.draw
    fresh = DrawSet.build(state.index, state.known, state.shown)
    assert np.array_equal(drawn.position, fresh.position)
    assert len(drawn.position) < len(state.index), "only the view's months are drawn"
    walk = result.snapshot.walk
    assert np.array_equal(state.shown_positions(), walk[state.shown[walk]])


def test_prepare_matches_what_the_state_computes_itself() -> None:
    result = prepare(load_any(default_dataset()).timeline, "x.timeline.json", None)
    assert result.snapshot is not None
    state = ViewState()
    state.set_timeline(result.index, None)  # the state computes its own
    assert state.known is not None and state.known is not result.snapshot.known
    walk = result.snapshot.walk
    assert np.array_equal(state.shown_positions(), walk[state.shown[walk]])
    assert np.array_equal(state.time_order(), result.snapshot.order)


# ------------------------------------------------------------ labels

def test_an_abbreviated_planned_label_keeps_its_planned_suffix(
        narrow_view: tuple[TimelineView, ViewState]) -> None:
    widget, state = narrow_view
    labels = _drawn_labels(widget, state)
    assert KAZAN in labels, "the Kazan meeting is labelled even in a narrow window"
    assert labels[KAZAN].endswith("(planned)"), labels[KAZAN]
    assert state.index is not None and state.known is not None
    for event_id, text in labels.items():
        position = state.index.position_of(event_id)
        assert position is not None
        if int(state.known.status[position]) == 1:  # planned
            assert text.endswith("(planned)"), text
    assert labels[KAZAN] == "Putin–Xi meeting in Kazan (planned)", "and here it is whole"


def test_a_short_span_is_labelled_in_full_when_there_is_room(
        narrow_view: tuple[TimelineView, ViewState]) -> None:
    widget, state = narrow_view
    widget.set_visible_range(dates.parse("2024-05-10").lower, dates.parse("2024-05-25").lower)
    labels = _drawn_labels(widget, state)
    assert "Putin's state visit to China" in labels.values()


def test_abbreviation_stops_at_each_labels_own_minimum() -> None:
    left = np.array([100.0, 180.0])
    right = left + 10
    placed = label_layout.place(left, right, np.array([50.0, 50.0]),
                                np.array([300.0, 300.0]), 16, np.array([2.0, 1.0]),
                                (0, 0, 400, 100), min_width=np.array([60.0, 220.0]))
    assert placed.which.tolist() == [0], "the second would be cut below its minimum"


# ------------------------------------------------------------ toolbar and legend

def test_knowledge_toolbar_and_legend_fit_a_1280_pixel_window(window: MainWindow) -> None:
    window.resize(1280, 720)
    bar = window.knowledge_bar
    assert bar.minimumSizeHint().width() <= 1280
    assert bar.sizeHint().width() <= 1280
    assert bar.slider.maximumWidth() < 1280 // 2
    for widget in (bar.slider, bar.date_edit, bar.reset_button):
        assert widget.toolTip()
    legend = window.timeline_view.legend
    boxes = legend.item_boxes(600)
    assert all(b.right() <= 600 for b in boxes), "the legend wraps instead of being cut"
    assert len({b.top() for b in boxes}) > 1


# ------------------------------------------------------------ focus

def test_timeline_has_focus_after_first_show_and_arrows_walk(qtbot: QtBot) -> None:
    make_application()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 720)
    with qtbot.waitSignal(win.state.sigTimelineChanged, timeout=10_000):
        win.files.open(default_dataset())
    win.show()
    plot = win.timeline_view.plot_widget
    assert plot.focusPolicy() == Qt.FocusPolicy.StrongFocus
    qtbot.waitUntil(lambda: QApplication.focusWidget() is plot, timeout=5000)
    assert win.state.index is not None
    walk = win.state.shown_positions()
    win.step(1)
    win.step(1)
    assert win.state.selection == int(walk[1])
    win.close()
    win.files.loader.shutdown()


# ------------------------------------------------------------ one day at high zoom

def test_one_day_event_is_a_marker_far_out_and_a_bar_across_its_day_zoomed_in(
        narrow_view: tuple[TimelineView, ViewState]) -> None:
    widget, state = narrow_view
    assert state.index is not None
    position = state.index.position_of(BEIJING)

    def shape() -> tuple[int, float, float, float]:
        widget.plot_widget.viewport().grab()
        scene = widget.scene()
        assert scene is not None and scene.mode == "detail"
        shapes = scene.shapes
        (i,) = np.flatnonzero(shapes.position == position)
        return (STYLES[int(shapes.style[i])].shape, float(shapes.left[i]),
                float(shapes.right[i]), scene.view.sx)

    kind, *_ = shape()
    assert kind == POINT
    day = dates.parse("2024-05-16").lower
    widget.set_visible_range(day - 3, day + 4)
    kind, left, right, sx = shape()
    assert kind == BAR
    assert right - left == pytest.approx(abs(sx), abs=1.0), "the bar spans exactly its day"
