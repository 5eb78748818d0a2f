"""Qt fixtures: a main window on the bundled dataset, closed after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.index import EventIndex
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.plot.timeline_view import TimelineView
from summit_timeline.qt.state import ViewState
from summit_timeline.resources import default_dataset

MakeView = Callable[[int, int], tuple[TimelineView, ViewState]]


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    make_application()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    with qtbot.waitSignal(win.state.sigTimelineChanged, timeout=10_000):
        win.files.open(default_dataset())
    yield win
    win.close()
    win.files.loader.shutdown()


@pytest.fixture
def make_timeline_view(qtbot: QtBot) -> Iterator[MakeView]:
    """The timeline view alone, on the bundled dataset, at a given size."""
    made: list[TimelineView] = []

    def make(width: int, height: int) -> tuple[TimelineView, ViewState]:
        make_application()
        state = ViewState()
        widget = TimelineView(state)
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        state.set_timeline(EventIndex.build(load_any(default_dataset()).timeline), None)
        made.append(widget)
        return widget, state

    yield make
    for widget in made:
        widget.close()
