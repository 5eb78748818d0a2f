"""``make bench``: load speed against ``json.loads`` on the same bytes, one run, and the
load of a file with one problem (an unknown key, a wrong type) against a clean load.

Each measurement runs in a fresh child process so that peak memory is that
of one load and earlier sizes leave no warm caches behind.  Times are the
best of three inside the child, each with the date cache emptied first; the
ratio is what to compare across machines, since both sides ran on the same
machine in the same minute.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ..core.formats import native
from .synthetic import synthetic_timeline

_CHILD = r"""
import gc, json, resource, sys, time
from pathlib import Path
path, mode = sys.argv[1], sys.argv[2]
data = Path(path).read_bytes()
best = float("inf")
from summit_timeline.core import dates
for _ in range(3):
    dates._CACHE.clear()  # each load starts cold, as in a freshly started app
    gc.collect()
    t0 = time.perf_counter()
    if mode == "json":
        obj = json.loads(data)
    else:
        from summit_timeline.core.formats import native
        from summit_timeline.core.index import EventIndex
        obj = EventIndex.build(native.decode(data, path).timeline)
    best = min(best, time.perf_counter() - t0)
    del obj
print(json.dumps({"s": best, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _measure(path: Path, mode: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), mode],
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"bench {mode} on {path.name} failed: {done.stderr.strip()[-500:]}")
    result: dict[str, float] = json.loads(done.stdout)
    return result


def run_load_bench(sizes: list[int]) -> int:
    with tempfile.TemporaryDirectory(prefix="summit-bench-") as tmp:
        for size in sizes:
            path = Path(tmp) / f"synthetic-{size}.timeline.json"
            path.write_bytes(native.encode(synthetic_timeline(size)))
            baseline = _measure(path, "json")
            ours = _measure(path, "load")
            print(json.dumps({
                "bench": "load",
                "events": size,
                "file_mb": round(path.stat().st_size / 2**20, 2),
                "load_s": round(ours["s"], 4),
                "json_loads_s": round(baseline["s"], 4),
                "ratio": round(ours["s"] / baseline["s"], 3),
                "peak_rss_mb": round(ours["rss_mb"], 1),
                "json_peak_rss_mb": round(baseline["rss_mb"], 1),
            }), flush=True)
    return 0


PROBLEM_TARGET = 1.5
"""A file with one problem loads (or is refused) within this many times a clean load."""

_PAIR_CHILD = r"""
import gc, json, resource, sys, time
from pathlib import Path
from summit_timeline.core import dates
from summit_timeline.core.formats import native
from summit_timeline.core.index import EventIndex
from summit_timeline.core.problems import LoadError

clean, spoiled = Path(sys.argv[1]).read_bytes(), Path(sys.argv[2]).read_bytes()
problem = sys.argv[3]


def load_clean():
    loaded = native.decode(clean, "clean.timeline.json")
    index = EventIndex.build(loaded.timeline)
    if loaded.warnings or len(index) == 0:
        raise SystemExit("the clean file did not load cleanly")


def load_spoiled():
    try:
        loaded = native.decode(spoiled, "spoiled.timeline.json")
    except LoadError as err:
        if problem != "type_error" or len(err.errors) != 1 or err.errors[0].line < 1:
            raise SystemExit(f"unexpected errors: {err.summary()}")
        return
    index = EventIndex.build(loaded.timeline)
    if problem != "unknown_key" or len(loaded.warnings) != 1 or len(index) == 0:
        raise SystemExit(f"expected one located warning, got {loaded.warnings[:3]}")


best = {"clean": float("inf"), "problem": float("inf")}
for _ in range(3):  # alternating, so both see the same machine load
    for name, run in (("clean", load_clean), ("problem", load_spoiled)):
        dates._CACHE.clear()
        gc.collect()
        t0 = time.perf_counter()
        run()
        best[name] = min(best[name], time.perf_counter() - t0)
best["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(best))
"""


def _spoiled(clean: bytes, problem: str) -> bytes:
    """The clean file with one problem in its last event: the worst place for it, since
    everything before it decodes first.  Last in its object, so no key of the same name
    after it wins (the events come last in the file)."""
    end = clean.rindex(b"}", 0, clean.rindex(b"]"))
    spoiler = b', "colour_hint": "red"' if problem == "unknown_key" else \
        b', "importance": "high"'
    return clean[:end] + spoiler + clean[end:]


def run_problem_bench(sizes: list[int]) -> int:
    status = 0
    with tempfile.TemporaryDirectory(prefix="summit-bench-") as tmp:
        for size in sizes:
            clean = native.encode(synthetic_timeline(size))
            path = Path(tmp) / f"clean-{size}.timeline.json"
            path.write_bytes(clean)
            for problem in ("unknown_key", "type_error"):
                spoiled = Path(tmp) / f"{problem}-{size}.timeline.json"
                spoiled.write_bytes(_spoiled(clean, problem))
                done = subprocess.run([sys.executable, "-c", _PAIR_CHILD, str(path),
                                       str(spoiled), problem], capture_output=True, text=True)
                if done.returncode:
                    raise SystemExit(f"bench {problem} at {size} events failed: "
                                     f"{done.stderr.strip()[-500:]}")
                times = json.loads(done.stdout)
                ratio = times["problem"] / times["clean"]
                within = ratio < PROBLEM_TARGET
                status |= 0 if within else 1
                print(json.dumps({
                    "bench": "load_with_problem",
                    "events": size,
                    "problem": problem,
                    "where": "last event",
                    "problem_s": round(times["problem"], 4),
                    "clean_load_s": round(times["clean"], 4),
                    "ratio": round(ratio, 3),
                    "target_ratio": PROBLEM_TARGET,
                    "within_target": within,
                    "peak_rss_mb": round(times["rss_mb"], 1),
                }), flush=True)
            path.unlink()
    return status


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="comma-separated event counts (default: %(default)s)")
    parser.add_argument("--only", choices=("load", "problem", "frame", "sweep", "map",
                                           "interact"),
                        help="run one part only (sweep: the zoom sweep of the frame part; "
                             "map: the Map dock's frames; interact: stalls of the window's "
                             "interactions, at the largest size)")


def run(args: argparse.Namespace) -> int:
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    status = 0
    if args.only in (None, "load"):
        status |= run_load_bench(sizes)
    if args.only in (None, "problem"):
        status |= run_problem_bench(sizes)
    if args.only in (None, "frame", "sweep", "map"):
        try:
            from .bench_frames import run_frame_bench
        except ImportError:
            return status
        status |= run_frame_bench(sizes, sweep_only=args.only == "sweep",
                                  map_only=args.only == "map")
    if args.only in (None, "interact"):
        try:
            from .bench_interact import run_interact_bench
        except ImportError:
            return status
        status |= run_interact_bench(sizes)
    return status
