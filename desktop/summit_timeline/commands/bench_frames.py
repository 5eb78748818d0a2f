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

The sweep (``frame_sweep``) times pan at every zoom level from the whole
timeline down to a few days, halving the range each time, because the costly
frames are the ones where thousands of events are still drawn one by one with
labels, not the far-out ones drawn as density strips.  A level fails the run
when a paint raised or a frame with events in view drew nothing: an error
must never look like a fast frame.
"""

from __future__ import annotations

import contextlib
import gc
import json
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..core.model import Timeline, Track
from ..qt.file_loader import LoadResult, prepare
from .synthetic import synthetic_timeline

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

_STEPS = 40
_SIZE = (1920, 1080)
_SWEEP_PANS = 10
_SWEEP_MIN_DAYS = 2.0
"""The window's narrowest range: the data know days, not hours."""


class BenchFailure(Exception):
    """A frame that raised or drew nothing: its time means nothing."""


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


def _inked(image: QImage, left: int, top: int, width: int, height: int) -> int:
    """Pixels of the plot area that differ from its top-left pixel (the background)."""
    from PySide6.QtGui import QImage as _QImage

    image = image.convertToFormat(_QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint32,
                           image.height() * image.bytesPerLine() // 4)
    pixels = pixels.reshape(image.height(), image.bytesPerLine() // 4)
    area = pixels[top:top + height, left:left + width]
    return int((area != area[0, 0]).sum()) if area.size else 0


def _sweep(result: LoadResult, app: QApplication) -> list[list[float]]:
    """[[days_visible, pan_median_ms, drawn_events, drawn_labels], …] from fit-all down."""
    from ..qt.main_window import MainWindow
    from ..qt.plot import paint_guard

    gc.collect()
    window = MainWindow()
    window.resize(*_SIZE)
    window.show()
    app.processEvents()
    window.files.loader.deliver(result)
    app.processEvents()
    window.grab()
    view = window.timeline_view
    plot = view.plot_widget
    view.fit_all()
    plot.grab()
    x0, x1 = view.visible_range()
    mid, span = (x0 + x1) / 2, x1 - x0
    levels: list[list[float]] = []
    try:
        while span >= _SWEEP_MIN_DAYS:
            view.set_visible_range(mid - span / 2, mid + span / 2)
            plot.grab()
            errors = paint_guard.error_count()
            times = []
            for k in range(_SWEEP_PANS):
                view.pan(0.03 if k < _SWEEP_PANS // 2 else -0.03)
                t0 = time.perf_counter()
                frame = plot.grab()
                times.append((time.perf_counter() - t0) * 1000)
            scene = view.scene()
            snap = window.state.snapshot
            if paint_guard.error_count() != errors:
                raise BenchFailure(f"a paint raised at {span:.1f} days in view")
            if scene is None or snap is None:
                raise BenchFailure("no scene to draw")
            lo, hi = view.visible_range()
            in_view = snap.draw.count_between(lo, hi) if len(snap.draw) else 0
            if in_view and scene.drawn == 0:
                raise BenchFailure(f"{in_view} events in view at {span:.1f} days, none drawn")
            origin = view.scene_item.plot_origin()
            if in_view and origin is not None and not _inked(
                    frame.toImage(), round(origin.x()), round(origin.y()),
                    round(scene.view.width), round(scene.view.height)):
                raise BenchFailure(f"{in_view} events in view at {span:.1f} days, blank frame")
            levels.append([round(hi - lo, 2), round(float(np.median(times)), 2), scene.drawn,
                           len(scene.labels)])
            span /= 2
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return levels


def run_sweep(sizes: list[int], app: QApplication, folder: Path) -> int:
    """``frame_sweep`` lines: every size's worst zoom level against an empty timeline's.

    The empty timeline is swept again right before each size: on a shared machine
    the load changes by the minute, and a ratio means something only between
    numbers taken under the same load.
    """
    _sweep(prepare(_empty(), str(folder / "warm-up.timeline.json"), None), app)
    status = 0
    for size in sizes:
        result = prepare(synthetic_timeline(size), str(folder / f"sweep-{size}.timeline.json"),
                         None)
        empty = _sweep(prepare(_empty(), str(folder / "empty.timeline.json"), None), app)
        empty_ms = float(np.median([level[1] for level in empty]))
        line: dict[str, object] = {"bench": "frame_sweep", "events": size}
        try:
            levels = _sweep(result, app)
        except BenchFailure as failure:
            line["error"] = str(failure)
            status = 1
        else:
            worst = max(level[1] for level in levels)
            line.update(levels=levels, worst_pan_median_ms=worst,
                        empty_pan_median_ms=round(empty_ms, 2))
        print(json.dumps(line), flush=True)
        del result
    return status


@contextlib.contextmanager
def scratch_gui() -> Iterator[tuple[QApplication, Path]]:
    """The application, with settings and files in a folder removed afterwards.

    The benches must not leave window geometry, view ranges, recent files or
    review notes in the user's settings or beside any real file.  With no display (a
    server, CI) the window is drawn on Qt's offscreen platform, as ``export`` is."""
    from ..qt.offscreen import ensure_platform

    ensure_platform()
    from PySide6.QtCore import QSettings

    from ..qt.gui import make_application

    app = make_application()
    with tempfile.TemporaryDirectory(prefix="summit-frame-bench-") as scratch:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        yield app, Path(scratch)


def run_frame_bench(sizes: list[int], *, sweep_only: bool = False,
                    map_only: bool = False) -> int:
    from .bench_map import run_map_bench

    with scratch_gui() as (app, folder):
        if map_only:
            return run_map_bench(sizes, app, folder)
        if sweep_only:
            return run_sweep(sizes, app, folder)
        status = _frames(sizes, app, folder)
        return status | run_map_bench(sizes, app, folder)


def _frames(sizes: list[int], app: QApplication, folder: Path) -> int:
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
    return run_sweep(sorted({1000, *sizes}), app, folder)
