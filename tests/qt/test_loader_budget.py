"""The window's loader: cancel stops the work, a load past its budget is stopped and
reported, and the application quits cleanly with a load in flight."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from summit_timeline.core.formats import csv_rows
from summit_timeline.qt.file_loader import FileLoader
from summit_timeline.qt.gui import make_application

ROWS = 200_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.csv"
    lines = ["title,when,track"] + [f"Meeting {i},2024-{1 + i % 12:02d}-{1 + i % 28:02d},"
                                    f"Lane {i % 5}" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def rows_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many CSV rows the readers have taken so far (across threads)."""
    count = [0]
    real = csv_rows._rows

    def counting(*args: object, **kwargs: object) -> Iterator[csv_rows.Row]:
        for row in real(*args, **kwargs):  # type: ignore[arg-type]
            count[0] += 1
            yield row

    monkeypatch.setattr(csv_rows, "_rows", counting)
    return count


@pytest.fixture
def loader(qtbot: QtBot) -> Iterator[FileLoader]:
    make_application()
    made = FileLoader()
    yield made
    made.shutdown()


def test_cancel_stops_the_work(loader: FileLoader, qtbot: QtBot, big_csv: Path,
                               rows_read: list[int]) -> None:
    results: list[object] = []
    loader.sigLoaded.connect(results.append)
    loader.sigFailed.connect(results.append)
    loader.load(big_csv)
    qtbot.waitUntil(lambda: rows_read[0] > 100, timeout=20_000)
    [worker] = loader._threads
    loader.cancel()
    assert not loader.busy
    assert worker.wait(20_000)
    qtbot.wait(50)
    assert results == []
    assert rows_read[0] < ROWS, "the reader stopped part-way instead of finishing unseen"


def test_a_load_past_its_budget_is_stopped_and_reported(loader: FileLoader, qtbot: QtBot,
                                                         big_csv: Path,
                                                         rows_read: list[int]) -> None:
    loader.budget_ms = 300
    loaded: list[object] = []
    loader.sigLoaded.connect(loaded.append)
    with qtbot.waitSignal(loader.sigFailed, timeout=20_000) as failed:
        loader.load(big_csv)
    error = failed.args[0]
    assert "longer than 0.3 seconds" in error.summary() and str(big_csv) in error.summary()
    assert not loader.busy
    assert all(t.wait(20_000) for t in list(loader._threads))
    qtbot.wait(50)
    assert loaded == [] and rows_read[0] < ROWS


_QUIT_MID_LOAD = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from summit_timeline.qt.gui import make_application
    from summit_timeline.qt.main_window import MainWindow

    app = make_application()
    window = MainWindow()
    window.show()
    window.files.loader.sigStarted.connect(
        lambda _path: QTimer.singleShot(int(sys.argv[2]), window.close))
    window.files.open(sys.argv[1])
    status = app.exec()
    print("busy at exit:", window.files.loader.busy or bool(window.files.loader._threads))
    sys.exit(status)
""")


@pytest.mark.parametrize("kind", ["csv", "ics"])
def test_closing_the_window_mid_load_quits_cleanly(tmp_path: Path, big_csv: Path,
                                                   kind: str) -> None:
    """The csv load stops at a checkpoint; the calendar is still inside the iCalendar
    parser (one long call) when the window closes, so its worker is abandoned."""
    path = big_csv
    if kind == "ics":
        path = tmp_path / "many.ics"
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
        for i in range(40_000):
            lines += ["BEGIN:VEVENT", f"UID:u{i}", "DTSTART;VALUE=DATE:20240101",
                      f"SUMMARY:Event {i}", "END:VEVENT"]
        path.write_text("\r\n".join([*lines, "END:VCALENDAR", ""]), encoding="utf-8")
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", _QUIT_MID_LOAD, str(path), "600"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "QThread" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "busy at exit: False" in done.stdout
