"""The interaction bench fails when an action did not happen: a no-op must not look fast."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from summit_timeline.commands.bench_interact import run_interact
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.main_window import MainWindow


def test_a_right_key_that_moves_nothing_fails_the_bench(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(MainWindow, "step", lambda self, direction: None)
    status = run_interact(6000, make_application(), tmp_path)
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 1
    assert [line["action"] for line in lines] == ["load_deliver", "next_event",
                                                  "knowledge_drag", "filter", "search_typing"]
    delivered, walked = lines[0], lines[1]
    assert "error" not in delivered and delivered["longest_gui_stall_ms"] > 0
    assert "median_ms" in delivered and "p95_ms" in delivered
    assert "did not walk the events" in walked["error"] and "median_ms" not in walked
    assert all("error" in line for line in lines[2:]), "nothing after a failure counts"
