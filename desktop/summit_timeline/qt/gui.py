"""Start the window: application, palette, main window, first file, event loop.

Imported only when the window is wanted, and importing as little as possible
before the first frame: command-line commands never pay for Qt.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, Final, Protocol

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .single_instance import SingleInstance


class GuiOptions(Protocol):
    file: str | None
    as_of: str | None
    present: bool
    view: str | None


def _knowledge_day(text: str | None) -> tuple[int | None, str | None]:
    if not text:
        return None, None
    from ..core.date_input import DateInputError, read_day

    try:
        return read_day(text), None
    except DateInputError as error:
        return None, str(error)


SWITCH_INTERVAL_S: Final = 0.001
"""How long a thread may keep the interpreter while another waits for it.  Python's
default, 5 ms, let a worker working out a snapshot hold up every paint and every key of
the window by 5 ms a time, which added up to 100 ms stalls; at 1 ms the work itself is
no slower."""


def keep_start_up() -> None:
    """What starting the app made (Qt's and pyqtgraph's objects, the window, its
    widgets) lives as long as the app: hide it from the cyclic garbage collector.

    A full collection walked those 75,000 objects every few seconds, 30-45 ms
    each time on whatever the window was doing; frozen, they are skipped, and a
    collection walks only what was made since.  Freed objects are still freed
    (by their reference counts); only a cycle among them would outlive its use.
    """
    gc.freeze()


def make_application() -> QApplication:
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Summit Timeline")
    app.setOrganizationName("Summit Timeline")
    app.setDesktopFileName("summit-timeline")
    app.setStyle("Fusion")
    return app


def _present_when_loaded(window: MainWindow) -> None:
    """``--present``: the file loads on a worker, so start once the timeline is shown."""
    from .present import start_presentation

    def present_once() -> None:
        window.state.sigTimelineChanged.disconnect(present_once)
        start_presentation(window.state, window)

    window.state.sigTimelineChanged.connect(present_once)


def _open_handed(window: MainWindow, paths: list[str]) -> None:
    """Files double-clicked while we run arrive here instead of in a second copy."""
    if paths:
        window.files.open(paths[0], None, fallback_to_default=False)
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def run_gui(options: GuiOptions) -> int:
    from .single_instance import SingleInstance

    instance = SingleInstance()
    if instance.may_be_running() and instance.try_handoff([options.file] if options.file
                                                          else []):
        return 0  # the running copy opened the file and raised its window
    app = make_application()
    from .main_window import MainWindow
    from .settings import Settings
    from .theme import THEMES, apply_theme

    settings = Settings()
    theme = os.environ.get("SUMMIT_TIMELINE_THEME") or settings.theme()
    apply_theme(app, theme if theme in THEMES else "system")
    window = MainWindow(settings)
    restored = window.restore_settings()
    day, problem = _knowledge_day(options.as_of)
    _listen_after_first_frame(instance, window)
    from .first_frame import after_first_frame

    after_first_frame(app, window, window.state.sigTimelineChanged, keep_start_up)
    window.review.open_after_first_frame(app)
    instance.sigFilesReceived.connect(lambda paths: _open_handed(window, paths))
    from PySide6.QtGui import QIcon

    from ..resources import resource
    from .first_frame import install_first_frame_probe

    if getattr(options, "present", False):
        _present_when_loaded(window)
    window.files.sigViewNotFound.connect(
        lambda message: print(f"summit-timeline: --view: {message}", file=sys.stderr))
    if problem:
        # Said in the window's notice strip, not a dialog: an offscreen or scripted
        # start has no one to close a box, and would wait for ever.
        print(f"summit-timeline: --as-of: {problem}", file=sys.stderr)
        ended = problem if problem.endswith((".", "?", "!")) else problem + "."
        window.info_bar.show_message(
            f"--as-of: {ended} The timeline opens as of its own date.", "warning")
    # Start reading on the worker now, so decoding overlaps showing the window
    # (the result arrives through the event loop, after show()).
    _open_first_file(window, options.file, day, getattr(options, "view", None))
    app.setWindowIcon(QIcon(str(resource("icons/summit-timeline.svg"))))
    install_first_frame_probe(app, window, window.state.sigTimelineChanged)
    window.show_first(restored)
    return app.exec()


def _open_first_file(window: MainWindow, file: str | None, day: int | None,
                     view: str | None = None) -> None:
    if file:
        window.files.open(file, day, fallback_to_default=True, view=view)
    else:
        from ..resources import default_dataset

        window.files.open(default_dataset(), day, view=view)


LISTEN_LATEST_MS = 1000
"""Listen by then even if no timeline was shown (every load failed)."""


def _listen_after_first_frame(instance: SingleInstance, window: MainWindow) -> None:
    """Accept handoffs from later copies once the first timeline is on screen.

    Listening loads QtNetwork, which the first frame does not need; a copy
    started in the meantime simply opens its own window, as it would have had
    it started a moment earlier.
    """
    from PySide6.QtCore import QTimer

    from .first_frame import after_first_frame

    tried = False

    def listen() -> None:
        nonlocal tried
        if not tried:
            tried = True
            instance.listen()

    app = QApplication.instance()
    if app is not None:
        after_first_frame(app, window, window.state.sigTimelineChanged, listen)
    QTimer.singleShot(LISTEN_LATEST_MS, listen)
