"""``make bench`` (frame part): how fast the window draws at 10k, 100k and 1M events.

Each size is measured against an empty timeline in the same run and process,
so the numbers compare like with like on whatever machine runs them.  Frames
are timed as a synchronous ``grab()`` of the timeline after each programmatic
pan or zoom step: the whole paint path, with no event-loop waiting included.
"""

from __future__ import annotations

import gc
import json
import tempfile
import time
from collections.abc import Callable

import numpy as np

from ..commands.synthetic import synthetic_timeline
from ..core.index import EventIndex
from ..core.model import Timeline, Track

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


def _measure(index: EventIndex) -> dict[str, float]:
    from .main_window import MainWindow

    gc.collect()
    t0 = time.perf_counter()
    window = MainWindow()
    window.resize(*_SIZE)
    window.show()
    window.state.set_timeline(index, None)
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
    return {
        "first_frame_s": first,
        "pan_median_ms": float(np.median(pan)), "pan_p95_ms": float(np.percentile(pan, 95)),
        "zoom_median_ms": float(np.median(zoom)),
        "zoom_p95_ms": float(np.percentile(zoom, 95)),
    }


def run_frame_bench(sizes: list[int]) -> int:
    from PySide6.QtCore import QSettings

    from .gui import make_application

    app = make_application()
    # The bench must not leave window geometry or view ranges in the user's settings.
    scratch = tempfile.TemporaryDirectory(prefix="summit-frame-bench-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch.name)
    empty = _measure(EventIndex.build(_empty()))
    app.processEvents()
    for size in sizes:
        t0 = time.perf_counter()
        index = EventIndex.build(synthetic_timeline(size))
        prepared = time.perf_counter() - t0
        ours = _measure(index)
        app.processEvents()
        print(json.dumps({
            "bench": "frame",
            "events": size,
            "first_frame_s": round(ours["first_frame_s"], 4),
            "empty_first_frame_s": round(empty["first_frame_s"], 4),
            "pan_median_ms": round(ours["pan_median_ms"], 2),
            "pan_p95_ms": round(ours["pan_p95_ms"], 2),
            "zoom_median_ms": round(ours["zoom_median_ms"], 2),
            "zoom_p95_ms": round(ours["zoom_p95_ms"], 2),
            "empty_pan_median_ms": round(empty["pan_median_ms"], 2),
            "empty_zoom_median_ms": round(empty["zoom_median_ms"], 2),
            "synthetic_build_s": round(prepared, 2),
        }), flush=True)
        del index
    scratch.cleanup()
    return 0
