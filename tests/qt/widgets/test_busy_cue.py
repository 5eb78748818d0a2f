"""The busy cue: shown only when a new snapshot takes long, gone when it lands."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from summit_timeline.commands.synthetic import synthetic_timeline
from summit_timeline.core.event_filter import EventFilter
from summit_timeline.core.index import EventIndex
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.scene.snapshot import Snapshot


def test_a_slow_change_says_updating_until_it_lands(qtbot: QtBot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt

    make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.state.inline_limit = 0  # a small file worked out as a big one is
    window.state.set_timeline(EventIndex.build(synthetic_timeline(2000, seed=5)), None)
    go = threading.Event()
    derive = Snapshot.derive

    def slow(snap: Snapshot, *args: Any, **kwargs: Any) -> Snapshot:
        go.wait(10)
        return derive(snap, *args, **kwargs)

    monkeypatch.setattr(Snapshot, "derive", slow)
    cue = window.busy_cue
    window.state.set_filter(EventFilter(status=1))
    assert window.state.busy and not cue.showing, "no flicker for a change that lands soon"
    qtbot.waitUntil(lambda: cue.showing, timeout=5_000)
    assert window.timeline_view.cursor().shape() == Qt.CursorShape.BusyCursor
    go.set()
    qtbot.waitUntil(lambda: not window.state.busy, timeout=10_000)
    assert not cue.showing
    assert window.timeline_view.cursor().shape() != Qt.CursorShape.BusyCursor
    assert window.state.snapshot is not None and window.state.snapshot.filter.status == 1
    window.close()
    qtbot.waitUntil(lambda: not any(t.name.startswith("snapshot-")
                                    for t in threading.enumerate()), timeout=10_000)
