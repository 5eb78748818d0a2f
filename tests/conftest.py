"""Shared fixtures: settings redirected to a temporary directory for every test.

No test may read or write the real user's settings, and Qt's default
settings location is global, so this runs for every test automatically.
"""

from __future__ import annotations

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
