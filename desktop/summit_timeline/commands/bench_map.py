"""``make bench`` (map part): how fast the Map dock draws a pan and a zoom step.

The dock is measured alone, 800 × 500 pixels, on the bundled record of every
meeting since 2013 (a world map, a route of forty journeys) and on synthetic
timelines whose events are spread over a hundred places on every continent,
against a timeline with no places at all, in the same run and process.  The
worst case a reader meets is the world at its widest with every route leg
drawn, so each size is fitted first and then panned and zoomed there.

Each frame is a synchronous ``grab()`` of the dock after a programmatic step:
building the map scene and painting it.  A size fails the run when a paint
raised or a map with places drew none: an error must never look like a fast
frame.
"""

from __future__ import annotations

import gc
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..core.formats.registry import load_any
from ..core.model import Timeline
from ..qt.file_loader import LoadResult, prepare
from ..resources import default_dataset
from .bench_frames import BenchFailure, _empty, _timed
from .synthetic import synthetic_timeline

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

_SIZE = (800, 500)
_STEPS = 30


def _frames(result: LoadResult, app: QApplication, view_id: str | None = None
            ) -> dict[str, float]:
    from ..qt.plot import paint_guard
    from ..qt.state import ViewState
    from ..qt.widgets.map_widget import MapWidget

    gc.collect()
    state = ViewState()
    widget = MapWidget(state)
    widget.resize(*_SIZE)
    widget.show()
    app.processEvents()
    view = result.index.timeline.view(view_id) if view_id else None
    state.set_timeline(result.index, result.file, view=view, prepared=result.snapshot)
    t0 = time.perf_counter()
    widget.grab()
    first = (time.perf_counter() - t0) * 1000
    errors = paint_guard.error_count()
    try:
        pan = _timed(lambda: widget.pan(0.03, 0.0), widget.grab, _STEPS // 2)
        pan += _timed(lambda: widget.pan(-0.03, 0.0), widget.grab, _STEPS // 2)
        zoom = _timed(lambda: widget.zoom(0.85), widget.grab, _STEPS // 2)
        zoom += _timed(lambda: widget.zoom(1 / 0.85), widget.grab, _STEPS // 2)
        if paint_guard.error_count() != errors:
            raise BenchFailure("a paint of the map raised")
        scene = widget.painted
        if scene is None:
            raise BenchFailure("the map drew nothing")
        sites, legs = len(scene.sites), len(scene.route.legs) if scene.route else 0
        has_places = bool(len(result.index)) and any(p.latitude is not None
                                                     for p in result.index.timeline.places)
        if has_places and sites == 0:
            raise BenchFailure("a timeline with places drew none on the map")
    finally:
        widget.close()
        widget.deleteLater()
        app.processEvents()
    return {"first_ms": first, "pan_median_ms": float(np.median(pan)),
            "zoom_median_ms": float(np.median(zoom)), "sites": sites, "legs": legs}


def run_map_bench(sizes: list[int], app: QApplication, folder: Path) -> int:
    """``map_frames`` lines: the bundled record and each size against an empty timeline."""
    _frames(prepare(_empty(), str(folder / "warm-up.timeline.json"), None), app)
    status = 0
    cases: list[tuple[str, Timeline, str | None]] = [
        ("bundled, all meetings since 2013", load_any(str(default_dataset())).timeline,
         "since-2013")]
    cases += [(f"{size} synthetic events", synthetic_timeline(size), None) for size in sizes]
    for name, timeline, view in cases:
        result = prepare(timeline, str(folder / "map.timeline.json"), None)
        empty = _frames(prepare(_empty(), str(folder / "empty.timeline.json"), None), app)
        line: dict[str, object] = {"bench": "map_frames", "timeline": name,
                                   "events": len(timeline.events), "size": list(_SIZE)}
        try:
            ours = _frames(result, app, view)
        except BenchFailure as failure:
            line["error"] = str(failure)
            status = 1
        else:
            line.update(
                sites=ours["sites"], route_legs=ours["legs"],
                first_frame_ms=round(ours["first_ms"], 2),
                pan_median_ms=round(ours["pan_median_ms"], 2),
                zoom_median_ms=round(ours["zoom_median_ms"], 2),
                empty_pan_median_ms=round(empty["pan_median_ms"], 2),
                empty_zoom_median_ms=round(empty["zoom_median_ms"], 2),
                pan_ratio=round(ours["pan_median_ms"] / max(empty["pan_median_ms"], 1e-3), 2),
                zoom_ratio=round(ours["zoom_median_ms"]
                                 / max(empty["zoom_median_ms"], 1e-3), 2))
        print(json.dumps(line), flush=True)
        del result
    return status
