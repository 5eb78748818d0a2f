"""The map benchmark prints a line per timeline and fails when a frame raised or drew nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summit_timeline.commands.bench_map import run_map_bench
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.paint.map_painter import MapPainter


def _lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_the_map_bench_times_the_record_and_a_synthetic_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = make_application()
    assert run_map_bench([2000], app, tmp_path) == 0
    lines = _lines(capsys.readouterr().out)
    assert [line["events"] for line in lines] == [69, 2000]
    record = lines[0]
    assert record["sites"] == 32 and record["route_legs"] == 39
    assert all(float(line["pan_median_ms"]) > 0 and float(line["pan_ratio"]) > 0  # type: ignore[arg-type]
               for line in lines)


def test_a_map_frame_that_raises_fails_the_bench(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    app = make_application()

    def broken(self: MapPainter, painter: object, scene: object) -> None:
        if scene.sites:  # type: ignore[attr-defined]
            raise IndexError("a bug in the overlay")

    monkeypatch.setattr(MapPainter, "paint_overlay", broken)
    assert run_map_bench([], app, tmp_path) == 1
    line = _lines(capsys.readouterr().out)[0]
    assert "raised" in str(line["error"]) and "pan_median_ms" not in line
