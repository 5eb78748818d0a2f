"""Quit after the first painted frame, for start-up benchmarks.

Only active with ``SUMMIT_TIMELINE_EXIT_AFTER_FIRST_FRAME=1``.  The same
function serves the app and the bare-window floor the start-up bench
compares it with, so both are timed to the same event: an application-wide
event filter sees the first Paint of a widget in the window, and a
zero-delay timer fires once that paint pass has been flushed.  Deliberately
light on imports: the floor imports this module too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

ENV_FLAG = "SUMMIT_TIMELINE_EXIT_AFTER_FIRST_FRAME"
MARKER = "summit-timeline: first frame"


class _FirstFrame(QObject):
    def __init__(self, app: QCoreApplication, window: QWidget,
                 then: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._window = window
        self._then = then

    def arm(self, *_args: Any) -> None:
        self._app.installEventFilter(self)
        self._window.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window() is self._window):
            self._app.removeEventFilter(self)
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        if self._then is not None:
            self._then()
            return
        print(MARKER, flush=True)
        self._app.quit()


def after_first_frame(app: QCoreApplication, window: QWidget, ready_signal: Any,
                      callback: Callable[[], None]) -> QObject:
    """Run ``callback`` once the window has painted after ``ready_signal``: for
    start-up work the first frame does not need."""
    probe = _FirstFrame(app, window, callback)
    ready_signal.connect(probe.arm, type=Qt.ConnectionType.SingleShotConnection)
    return probe


def install_first_frame_probe(app: QCoreApplication, window: QWidget,
                              ready_signal: Any = None) -> QObject | None:
    """Arm on ``ready_signal`` (e.g. the timeline finished loading) or at once."""
    if os.environ.get(ENV_FLAG) != "1":
        return None
    probe = _FirstFrame(app, window)
    if ready_signal is None:
        probe.arm()
    else:
        ready_signal.connect(probe.arm, type=Qt.ConnectionType.SingleShotConnection)
    return probe
