"""One drawing: the window's painter and the export's painter get the same scene.

For the bundled timeline as known on 3 July and on 23 October 2024, and for a
synthetic file, the window is set to a view, then File → Export "Current view,
as on screen" writes an SVG of it.  What each painter was handed is recorded
where it paints, and the two scenes must be equal in every shape, label,
tick, marker and colour; the SVG must carry every label line the window
shows, status suffixes included.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from summit_timeline.commands.synthetic import synthetic_timeline
from summit_timeline.core import dates
from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.index import EventIndex
from summit_timeline.qt.export.dialogs import (
    ExportOptionsDialog,
    OnScreen,
    export_with_options,
)
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.paint.vector_painter import VectorPainter
from summit_timeline.qt.plot.timeline_view import TimelineView
from summit_timeline.qt.state import ViewState
from summit_timeline.resources import default_dataset
from summit_timeline.scene.scene import Scene

SVG = "{http://www.w3.org/2000/svg}"


def _differences(a: Any, b: Any, where: str = "scene") -> list[str]:
    """Where two scenes differ (empty: equal), comparing arrays by value."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        same = isinstance(a, np.ndarray) and isinstance(b, np.ndarray) \
            and a.shape == b.shape and np.array_equal(a, b)
        return [] if same else [where]
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        if type(a) is not type(b):
            return [where]
        out: list[str] = []
        for f in dataclasses.fields(a):
            out += _differences(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
        return out
    if isinstance(a, tuple) and isinstance(b, tuple):
        if len(a) != len(b):
            return [f"{where} (length {len(a)} != {len(b)})"]
        return [d for k, (x, y) in enumerate(zip(a, b, strict=True))
                for d in _differences(x, y, f"{where}[{k}]")]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


@pytest.fixture
def exported(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Scene]]:
    """The scenes the export's vector painter was handed, recorded as it paints them."""
    got: list[Scene] = []
    paint = VectorPainter.paint

    def spy(self: VectorPainter, painter: Any, scene: Scene, origin: Any) -> None:
        got.append(scene)
        paint(self, painter, scene, origin)

    monkeypatch.setattr(VectorPainter, "paint", spy)
    yield got


def _svg_lines(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


CASES = [("bundled", "2024-07-03", None), ("bundled", "2024-07-03", ("2024-06-20", "2024-07-20")),
         ("bundled", "2024-10-23", None), ("bundled", "2024-10-23", ("2024-10-01", "2024-11-01")),
         ("synthetic", None, ("2001-03-01", "2001-05-01")), ("synthetic", None, None)]


@pytest.mark.parametrize(("source", "known_on", "days"), CASES)
def test_window_and_export_paint_the_same_scene(qtbot: QtBot, tmp_path: Path,
                                                exported: list[Scene], source: str,
                                                known_on: str | None,
                                                days: tuple[str, str] | None) -> None:
    make_application()
    state = ViewState()
    view = TimelineView(state)
    qtbot.addWidget(view)
    view.resize(1400, 700)
    view.show()
    timeline = load_any(default_dataset()).timeline if source == "bundled" \
        else synthetic_timeline(3000, lanes=4)
    day = dates.parse(known_on).upper if known_on else None
    state.set_timeline(EventIndex.build(timeline), None, day)
    if days is not None:
        view.set_visible_range(dates.parse(days[0]).lower, dates.parse(days[1]).lower)
    view.plot_widget.viewport().grab()
    shown = view.scene_item.painted
    assert shown is not None and shown is view.scene()
    on_screen = view.on_screen()
    assert on_screen is not None
    dialog = ExportOptionsDialog(".svg")
    qtbot.addWidget(dialog)
    dialog.scope.setCurrentIndex(dialog.scope.findData("view"))
    out = tmp_path / "view.svg"
    returned = export_with_options(state, out, dialog, OnScreen(*on_screen))
    assert len(exported) == 1 and exported[0] is returned
    assert _differences(shown, exported[0]) == []
    if source == "synthetic" and days is None:
        assert shown.mode == "density" and shown.badges
    else:
        assert shown.mode == "detail" and shown.labels
    lines = _svg_lines(out)
    for label in shown.labels:
        for line in label.lines:
            assert line in lines, (line, label.text)
    if known_on == "2024-07-03":
        assert any(label.text.endswith("(planned)") for label in shown.labels)
        assert "data as of 3 Jul 2024" in " ".join(lines)
    view.close()
