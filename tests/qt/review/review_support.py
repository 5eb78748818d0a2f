"""Names and helpers shared by the review tests (a module, since conftest is not importable)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from summit_timeline.qt.main_window import MainWindow

REVIEWER = "Ann Analyst"
BEIJING = "putin-xi-2024-05-16-beijing"
ASTANA = "putin-xi-2024-07-03-astana"
KAZAN = "putin-xi-2024-10-22-kazan"

OpenWindow = Callable[[Path], MainWindow]


def select(window: MainWindow, event_id: str) -> int:
    index = window.state.index
    assert index is not None
    position = index.position_of(event_id)
    assert position is not None
    window.state.select(position)
    return position


def selected_id(window: MainWindow) -> str | None:
    index = window.state.index
    if index is None or window.state.selection < 0:
        return None
    return index.event(window.state.selection).id
