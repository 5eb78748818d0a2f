"""Qt fixtures: a main window on the bundled dataset, closed after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from summit_timeline.qt.gui import make_application
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.resources import default_dataset


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
