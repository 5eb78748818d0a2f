"""What the window remembers between runs, under versioned keys.

Keys start with a version (``v1/``, ``v2/``) so that a later layout can
ignore (not misread) what an older version stored; a key's version goes up
when the meaning of its value, or the default it replaces, changes.
Geometry is only restored when it lands on a screen that exists now: a
laptop undocked from its monitor must not open its window off-screen.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

GEOMETRY: Final = "v1/geometry"
WINDOW_STATE: Final = "v3/window_state"
"""v3: the Map dock beside the list (v2 had no map; v1 stacked Details and Review); an
older layout is left unread, so the map is not lost in it."""
LAST_FILE: Final = "v1/last_file"
RECENT_FILES: Final = "v1/recent_files"
VIEW_RANGE: Final = "v1/view_range"
THEME: Final = "v1/theme"
REVIEWER_NAME: Final = "v1/review/reviewer_name"
SAVE_FOLDER: Final = "v1/save_folder"
MAX_RECENT: Final = 8


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    # ------------------------------------------------------------ files

    def recent_files(self) -> list[str]:
        value = self._store.value(RECENT_FILES, [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent_file(self, path: str) -> None:
        files = [path, *(f for f in self.recent_files() if f != path)][:MAX_RECENT]
        self._store.setValue(RECENT_FILES, files)
        self._store.setValue(LAST_FILE, path)

    def clear_recent_files(self) -> None:
        self._store.setValue(RECENT_FILES, [])

    def last_file(self) -> str | None:
        value = self._store.value(LAST_FILE)
        return str(value) if value else None

    def save_folder(self) -> str | None:
        """The folder something was last exported or saved to."""
        value = self._store.value(SAVE_FOLDER)
        return str(value) if value else None

    def set_save_folder(self, folder: str) -> None:
        self._store.setValue(SAVE_FOLDER, folder)

    # ------------------------------------------------------------ view

    def theme(self) -> str:
        return str(self._store.value(THEME, "system"))

    def set_theme(self, name: str) -> None:
        self._store.setValue(THEME, name)

    def view_range(self, file: str) -> tuple[float, float] | None:
        """The days last shown for ``file``; another file's range would show nothing useful."""
        value = self._store.value(VIEW_RANGE)
        try:
            saved, lo, hi = value  # type: ignore[misc]
            lo, hi = float(lo), float(hi)
        except (TypeError, ValueError):
            return None
        return (lo, hi) if saved == file and hi > lo else None

    def set_view_range(self, file: str, lo: float, hi: float) -> None:
        self._store.setValue(VIEW_RANGE, [file, lo, hi])

    # ------------------------------------------------------------ review

    def reviewer_name(self) -> str:
        """Asked once on the first edit; notes are keyed by it, so it must stay stable."""
        value = self._store.value(REVIEWER_NAME, "")
        return str(value).strip() if value else ""

    def set_reviewer_name(self, name: str) -> None:
        self._store.setValue(REVIEWER_NAME, name.strip())

    # ------------------------------------------------------------ window

    def save_window(self, window: QMainWindow) -> None:
        self._store.setValue(GEOMETRY, window.saveGeometry())
        self._store.setValue(WINDOW_STATE, window.saveState())

    def restore_window(self, window: QMainWindow) -> bool:
        geometry = self._store.value(GEOMETRY)
        state = self._store.value(WINDOW_STATE)
        restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            window.restoreState(state)
        if restored:
            clamp_to_screen(window)
        return restored

    def sync(self) -> None:
        self._store.sync()


def clamp_to_screen(window: QMainWindow) -> None:
    """Move (and shrink) the window onto the screen it overlaps most, or the primary one."""
    frame = window.frameGeometry()
    screens = QGuiApplication.screens()
    if not screens:
        return
    best = max(screens, key=lambda s: _area(s.availableGeometry().intersected(frame)))
    if _area(best.availableGeometry().intersected(frame)) == 0:
        best = QGuiApplication.primaryScreen() or screens[0]
    area = best.availableGeometry()
    width, height = min(frame.width(), area.width()), min(frame.height(), area.height())
    x = min(max(frame.x(), area.x()), area.right() - width + 1)
    y = min(max(frame.y(), area.y()), area.bottom() - height + 1)
    window.resize(width - (frame.width() - window.width()),
                  height - (frame.height() - window.height()))
    window.move(x, y)


def _area(rect: QRect) -> int:
    return max(rect.width(), 0) * max(rect.height(), 0)
