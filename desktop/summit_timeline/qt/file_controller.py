"""File → Open, Open Recent, drag-and-drop and the command-line file, in one place.

Whatever the entry point, a file goes through the background loader; a bad
one produces the problem dialog and leaves the current timeline on screen.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from ..core.problems import LoadError
from ..core.views import UnknownViewError, find_view
from ..resources import default_dataset, is_default_dataset
from .file_loader import FileLoader, LoadResult
from .settings import Settings
from .state import ViewState


def open_filters() -> str:
    """Every readable kind first, then one filter per format, then all files."""
    from ..core.formats.registry import all_formats, file_filters

    readable = [f for f in all_formats() if f.read is not None]
    every = " ".join(dict.fromkeys(f"*{e}" for f in readable for e in f.extensions))
    return ";;".join([f"All timelines ({every})", *file_filters(readable), "All files (*)"])


class FileController(QObject):
    sigProblemShown = Signal(object)
    """The dialog just opened for a file that failed (tests close it)."""
    sigReloaded = Signal(object, object)
    """The open file was read again: the old and the new ``EventIndex``."""
    sigReloadFailed = Signal(object)
    """The open file changed into something unreadable (a ``LoadError``); the last good
    version stays on screen and no dialog interrupts the reader."""
    sigViewNotFound = Signal(str)
    """A view asked for (on the command line) is not in the file: the message, naming
    the views it has.  A notice, not a dialog: a scripted or offscreen start has no
    one to click a box away."""

    def __init__(self, state: ViewState, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self._state = state
        self._settings = settings
        self._window = window
        self.loader = FileLoader(self)
        self.recent_menu = QMenu("Open &Recent", window)
        self.last_problem: QMessageBox | None = None
        self.last_warnings: QMessageBox | None = None
        self._fallback = False
        self._reloading: str | None = None
        self._wanted_view: str | None = None
        self._deferred_reload: str | None = None
        """The open file changed on disk while another load was running."""
        self.loader.sigLoaded.connect(self._on_loader_loaded)
        self.loader.sigIdle.connect(self._on_loader_idle)
        self.loader.sigFailed.connect(self._on_loader_failed)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def open(self, path: str | os.PathLike[str], day: int | None = None, *,
             fallback_to_default: bool = False, view: str | None = None) -> None:
        """Start loading; with ``fallback_to_default``, a failure opens the bundled data.

        ``view`` names one of the file's views (id or name); an unknown one is
        reported, listing the views, and the file opens in its default view."""
        self._fallback = fallback_to_default
        self._reloading = None
        self._wanted_view = view
        self.loader.load(path, day, self._state.opening_plans())

    def reload(self) -> None:
        """Read the open file again (it changed on disk), keeping the reader's place.

        While another file is being opened, the reload waits until the loader is
        idle (a new load would cancel the open) and is dropped if that open
        replaced the file on screen."""
        if self._state.file is None:
            return
        if self.loader.busy and self._reloading is None:
            self._deferred_reload = self._state.file
            return
        self._deferred_reload = None
        self._fallback = False
        self._reloading = self._state.file
        self.loader.load(self._state.file, self._state.knowledge_day,
                         self._state.opening_plans())

    def _on_loader_idle(self) -> None:
        if self._deferred_reload is not None:
            # Next turn: the other sigIdle handlers (status bar, progress) run first.
            QTimer.singleShot(0, self, self._run_deferred_reload)

    def _run_deferred_reload(self) -> None:
        wanted, self._deferred_reload = self._deferred_reload, None
        if wanted is not None and wanted == self._state.file and not self.loader.busy:
            self.reload()

    def open_default(self) -> None:
        self.open(default_dataset())

    def open_dialog(self) -> None:
        start = self._state.file or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self._window, "Open timeline", start,
                                              open_filters())
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
        reloading, self._reloading = self._reloading, None
        old = self._state.index
        for take_over in result.ready:
            take_over()
        if reloading is not None and reloading == self._state.file and old is not None:
            self._state.reload_timeline(result.index, result.snapshot)
            self.sigReloaded.emit(old, result.index)
            return
        wanted, self._wanted_view = self._wanted_view, None
        view = None
        if wanted:
            try:
                view = find_view(result.index.timeline, wanted)
            except UnknownViewError as error:
                self.sigViewNotFound.emit(f"{Path(result.file).name}: {error}. "
                                          "It opens in its default view.")
        self._state.set_timeline(result.index, result.file, result.day, view, result.snapshot)
        if not is_default_dataset(result.file):
            self._settings.add_recent_file(result.file)
        if result.warnings:
            from .widgets.load_warnings import load_warnings_box  # rare: not at start-up

            self.last_warnings = load_warnings_box(result.file, result.warnings, self._window)
            self.last_warnings.open()

    def export_data(self) -> None:
        """File → Export data: the open timeline, as loaded, in another format."""
        if self._state.index is None:
            return
        from .data_export import export_data_dialog

        export_data_dialog(self._window, self._state.index.timeline, self._state.file)

    def _on_loader_failed(self, error: LoadError) -> None:
        if self._reloading is not None:
            self._reloading = None
            self.sigReloadFailed.emit(error)
            return
        from .widgets.problem_dialog import problem_dialog  # only on a failed load

        self.last_problem = problem_dialog(error, self._window)
        self.last_problem.open()
        self.sigProblemShown.emit(self.last_problem)
        if self._fallback:
            self._fallback = False
            self.open_default()
