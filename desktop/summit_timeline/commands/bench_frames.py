"""``make bench`` (frame part): how fast the window draws at 10k, 100k and 1M events.

Each size is measured against an empty timeline in the same run and process,
so the numbers compare like with like on whatever machine runs them.

``first_frame_s`` is what a user waits for once the file is loaded: from
handing the loader's finished result to an already shown 1920×1080 window
(``FileLoader.deliver``, the same call the worker's signal makes) until the
window has painted: every view's reaction to the new timeline, the posted
events that follow (layouts, update requests) and a synchronous ``grab()`` of
the whole window.  ``empty_first_frame_s`` is the same for an empty timeline,
measured after a throwaway warm-up window so one-time costs (fonts, caches)
do not flatter the ratio.  The worker's part (indexing and preparing the
arrays, off the GUI thread while the window stays responsive) is reported as
``prepare_s`` and the window's construction as ``window_s``; neither is in
``first_frame_s``.

Pan and zoom frames are timed as a synchronous ``grab()`` of the timeline after
each programmatic step: the whole paint path, with no event-loop waiting.
"""

from __future__ import annotations

import gc
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..core.model import Timeline, Track
from ..qt.file_loader import LoadResult, prepare
from .synthetic import synthetic_timeline

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

_STEPS = 40
_SIZE = (1920, 1080)


def _empty(lanes: int = 6) -> Timeline:
    return Timeline(format="summit-timeline/1", title="Empty",
                    tracks=tuple(Track(id=f"t{i}", title=f"Lane {i}", order=i)
                                 for i in range(lanes)))


def _timed(step: Callable[[], None], frame: Callable[[], object], count: int) -> list[float]:
    times = []
    for _ in range(count):
        step()
        t0 = time.perf_counter()
        frame()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def _measure(result: LoadResult, app: QApplication) -> dict[str, float]:
    from ..qt.main_window import MainWindow

    gc.collect()
    t0 = time.perf_counter()
    window = MainWindow()
    window.resize(*_SIZE)
    window.show()
    app.processEvents()
    window.grab()
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    window.files.loader.deliver(result)
    app.processEvents()
    window.grab()
    first = time.perf_counter() - t0
    view = window.timeline_view
    plot = view.plot_widget
    view.zoom(0.125)
    plot.grab()
    pan = _timed(lambda: view.pan(0.03), plot.grab, _STEPS // 2)
    pan += _timed(lambda: view.pan(-0.03), plot.grab, _STEPS // 2)
    view.fit_all()
    plot.grab()
    zoom = _timed(lambda: view.zoom(0.8), plot.grab, _STEPS // 2)
    zoom += _timed(lambda: view.zoom(1.25), plot.grab, _STEPS // 2)
    window.close()
    window.deleteLater()
    app.processEvents()
    return {
        "first_frame_s": first, "window_s": built,
        "pan_median_ms": float(np.median(pan)), "pan_p95_ms": float(np.percentile(pan, 95)),
        "zoom_median_ms": float(np.median(zoom)),
        "zoom_p95_ms": float(np.percentile(zoom, 95)),
    }


def run_frame_bench(sizes: list[int]) -> int:
    from PySide6.QtCore import QSettings

    from ..qt.gui import make_application

    app = make_application()
    # The bench must not leave window geometry, view ranges, recent files or review
    # notes in the user's settings or beside any real file.
    scratch = tempfile.TemporaryDirectory(prefix="summit-frame-bench-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch.name)
    folder = Path(scratch.name)
    _measure(prepare(_empty(), str(folder / "warm-up.timeline.json"), None), app)
    empty = _measure(prepare(_empty(), str(folder / "empty.timeline.json"), None), app)
    for size in sizes:
        t0 = time.perf_counter()
        timeline = synthetic_timeline(size)
        generated = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = prepare(timeline, str(folder / f"synthetic-{size}.timeline.json"), None)
        prepared = time.perf_counter() - t0
        ours = _measure(result, app)
        print(json.dumps({
            "bench": "frame",
            "events": size,
            "first_frame_s": round(ours["first_frame_s"], 4),
            "empty_first_frame_s": round(empty["first_frame_s"], 4),
            "first_frame_ratio": round(ours["first_frame_s"] / empty["first_frame_s"], 2),
            "pan_median_ms": round(ours["pan_median_ms"], 2),
            "pan_p95_ms": round(ours["pan_p95_ms"], 2),
            "zoom_median_ms": round(ours["zoom_median_ms"], 2),
            "zoom_p95_ms": round(ours["zoom_p95_ms"], 2),
            "empty_pan_median_ms": round(empty["pan_median_ms"], 2),
            "empty_zoom_median_ms": round(empty["zoom_median_ms"], 2),
            "window_s": round(ours["window_s"], 4),
            "prepare_s": round(prepared, 3),
            "synthetic_build_s": round(generated, 2),
        }), flush=True)
        del result, timeline
    scratch.cleanup()
    return 0
