"""Other tools' files in the window: open them, see what was not kept, export back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from summit_timeline.core.formats.registry import load_any
from summit_timeline.qt.file_controller import open_filters
from summit_timeline.qt.main_window import MainWindow

DATA = Path(__file__).parents[1] / "data" / "formats"


def test_open_dialog_offers_every_importable_kind() -> None:
    filters = open_filters()
    first = filters.split(";;")[0]
    for pattern in ("*.timeline.json", "*.ics", "*.csv", "*.timeline"):
        assert pattern in first
    assert "iCalendar" in filters and "TimelineJS" in filters


def test_timelinejs_file_opens_and_its_warnings_are_shown(window: MainWindow,
                                                           qtbot: QtBot) -> None:
    source = DATA / "tl3_meetings.json"
    expected = load_any(source)
    assert expected.warnings, "the fixture is meant to carry something we cannot hold"
    with qtbot.waitSignal(window.state.sigTimelineChanged, timeout=10_000):
        window.files.open(source)
    assert window.state.index is not None
    assert len(window.state.index) == len(expected.timeline.events)
    box = window.files.last_warnings
    assert box is not None and box.isVisible()
    assert str(len(expected.warnings)) in box.text()
    assert box.detailedText().count("\n") + 1 == len(expected.warnings)
    box.close()


@pytest.mark.parametrize("suffix", [".ics", ".csv", ".tl3.json"])
def test_export_data_writes_a_file_that_reads_back(window: MainWindow, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   suffix: str) -> None:
    out = tmp_path / f"meetings{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Save)
    window.files.export_data()
    assert out.exists()
    back = load_any(out).timeline
    assert window.state.index is not None
    titles = {e.title for e in window.state.index.timeline.events}
    assert {e.title for e in back.events} == titles
    if suffix == ".tl3.json":
        assert "events" in json.loads(out.read_text(encoding="utf-8"))
