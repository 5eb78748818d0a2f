"""Shared fixtures: settings redirected to a temporary directory for every test.

No test may read or write the real user's settings, and Qt's default
settings location is global, so this runs for every test automatically.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Review notes for the bundled timeline go to the user's data folder: keep it in tmp.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    try:
        from PySide6.QtCore import QCoreApplication, QSettings
    except ImportError:  # the core tests also run where PySide6 is absent
        yield
        return
    QCoreApplication.setOrganizationName("Summit Timeline Tests")
    QCoreApplication.setApplicationName("Summit Timeline Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "settings"))
    yield


def _transient() -> tuple[object, ...]:
    """Popups Qt makes and keeps for itself (tooltips, menus) are not a test's leak."""
    from PySide6.QtCore import Qt

    return (Qt.WindowType.ToolTip, Qt.WindowType.Popup)


@pytest.fixture(autouse=True)
def _no_leaks() -> Iterator[None]:
    """Fail a test that leaves a thread running or a top-level widget alive.

    Leaked threads and widgets outlive the test that made them and crash a
    later one, or the interpreter at exit, far from their cause.  Runs last,
    after the other fixtures (qtbot's included) have closed what they own.
    """
    threads = set(threading.enumerate())
    qt = sys.modules.get("PySide6.QtWidgets")
    app = qt.QApplication.instance() if qt is not None else None
    widgets = {id(w) for w in app.topLevelWidgets()} if app is not None else set()
    yield
    deadline = time.monotonic() + 5.0
    running = [t for t in threading.enumerate() if t not in threads and t.is_alive()]
    while running and time.monotonic() < deadline:
        running[0].join(0.05)
        running = [t for t in running if t.is_alive()]
    assert not running, f"threads left running: {[t.name for t in running]}"
    qt = sys.modules.get("PySide6.QtWidgets")
    if qt is None or qt.QApplication.instance() is None:
        return
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QThread

    app = qt.QApplication.instance()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    busy = [o for o in gc.get_objects()
            if isinstance(o, QThread) and shiboken6.isValid(o) and o.isRunning()]
    while busy and time.monotonic() < deadline:
        busy[0].wait(50)
        busy = [t for t in busy if t.isRunning()]
    assert not busy, f"QThreads left running: {busy}"
    left = [w for w in app.topLevelWidgets()
            if id(w) not in widgets and w.isVisible() and w.windowType() not in _transient()]
    for widget in left:
        widget.close()  # one leak must not spill into the next test
    assert not left, f"top-level widgets left open: {[type(w).__name__ for w in left]}"
