"""File → Open, Open Recent, drag-and-drop and the command-line file, in one place.

Whatever the entry point, a file goes through the background loader; a bad
one produces the problem dialog and leaves the current timeline on screen.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from ..core.problems import LoadError
from ..resources import default_dataset
from .file_loader import FileLoader, LoadResult
from .settings import Settings
from .state import ViewState
from .widgets.problem_dialog import problem_dialog

FILE_FILTERS = "Timelines (*.timeline.json *.json);;All files (*)"


class FileController(QObject):
    sigProblemShown = Signal(object)
    """The dialog just opened for a file that failed (tests close it)."""

    def __init__(self, state: ViewState, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self._state = state
        self._settings = settings
        self._window = window
        self.loader = FileLoader(self)
        self.recent_menu = QMenu("Open &Recent", window)
        self.last_problem: QMessageBox | None = None
        self._fallback = False
        self.loader.sigLoaded.connect(self._on_loader_loaded)
        self.loader.sigFailed.connect(self._on_loader_failed)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def open(self, path: str | os.PathLike[str], day: int | None = None, *,
             fallback_to_default: bool = False) -> None:
        """Start loading; with ``fallback_to_default``, a failure opens the bundled data."""
        self._fallback = fallback_to_default
        self.loader.load(path, day)

    def open_default(self) -> None:
        self.open(default_dataset())

    def open_dialog(self) -> None:
        start = self._state.file or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self._window, "Open timeline", start, FILE_FILTERS)
        if path:
            self.open(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self._settings.recent_files()
        for number, path in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open(p))
        if not files:
            self.recent_menu.addAction("(none)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", self._settings.clear_recent_files)

    def _on_loader_loaded(self, result: LoadResult) -> None:
        self._fallback = False
        self._state.set_timeline(result.index, result.file, result.day)
        if Path(result.file).resolve() != default_dataset().resolve():
            self._settings.add_recent_file(result.file)

    def _on_loader_failed(self, error: LoadError) -> None:
        self.last_problem = problem_dialog(error, self._window)
        self.last_problem.open()
        self.sigProblemShown.emit(self.last_problem)
        if self._fallback:
            self._fallback = False
            self.open_default()
