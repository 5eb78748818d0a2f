"""A window on a writable copy of the bundled timeline, with a reviewer already named.

The copy sits in tmp_path, so its sidecar is written beside it (never in the
installation or the real home); settings and XDG_DATA_HOME are redirected by
the top-level conftest.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from review_support import REVIEWER, OpenWindow

from summit_timeline.qt.gui import make_application
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.settings import Settings
from summit_timeline.resources import default_dataset


@pytest.fixture
def timeline_file(tmp_path: Path) -> Path:
    target = tmp_path / "meetings" / "putin-xi.timeline.json"
    target.parent.mkdir()
    shutil.copyfile(default_dataset(), target)
    return target


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[OpenWindow]:
    """Opens windows on a file; each is closed (and its notes saved) at the end."""
    make_application()
    Settings().set_reviewer_name(REVIEWER)
    opened: list[MainWindow] = []

    def open_on(path: Path) -> MainWindow:
        win = MainWindow()
        qtbot.addWidget(win)
        win.resize(1600, 900)
        win.show()
        with qtbot.waitSignal(win.state.sigTimelineChanged, timeout=10_000):
            win.files.open(path)
        opened.append(win)
        return win

    yield open_on
    for win in opened:
        win.close()
        win.files.loader.shutdown()


@pytest.fixture
def window(open_window: OpenWindow, timeline_file: Path) -> MainWindow:
    return open_window(timeline_file)
