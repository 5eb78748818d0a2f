"""The keyboard walk order, and settings that survive a lost screen."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from summit_timeline.core.event_filter import EventFilter
from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.index import EventIndex
from summit_timeline.qt.settings import Settings, clamp_to_screen
from summit_timeline.qt.state import NO_SELECTION, ViewState
from summit_timeline.resources import default_dataset


def test_walk_follows_time_within_the_filter(qtbot: QtBot) -> None:
    state = ViewState()
    index = EventIndex.build(load_any(default_dataset()).timeline)
    state.set_timeline(index, None)
    state.set_filter(replace(state.filter, lane=0))  # the Putin–Xi track, in the view
    seen = []
    for _ in range(4):
        state.select(state.step(1))
        seen.append(index.event(state.selection).id)
    assert seen[:3] == ["putin-xi-2024-05-16-beijing", "putin-xi-2024-07-03-astana",
                        "putin-xi-2024-10-22-kazan"]
    assert seen[3] == seen[2], "the walk stops at the last event"
    state.set_filter(EventFilter(text="no such words anywhere"))
    assert state.step(1) == NO_SELECTION


def test_geometry_is_clamped_onto_an_existing_screen(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setGeometry(QRect(50_000, 40_000, 800, 600))
    clamp_to_screen(window)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert screen.intersects(window.frameGeometry())


def test_recent_files_are_remembered_most_recent_first() -> None:
    settings = Settings()
    for name in ("a", "b", "a", "c"):
        settings.add_recent_file(f"/tmp/{name}.timeline.json")
    assert settings.recent_files() == ["/tmp/c.timeline.json", "/tmp/a.timeline.json",
                                       "/tmp/b.timeline.json"]
    assert settings.last_file() == "/tmp/c.timeline.json"


def test_view_range_is_remembered_per_file() -> None:
    settings = Settings()
    settings.set_view_range("/data/a.timeline.json", 19000.0, 19100.0)
    assert settings.view_range("/data/a.timeline.json") == (19000.0, 19100.0)
    assert settings.view_range("/data/b.timeline.json") is None
