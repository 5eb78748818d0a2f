"""``make bench``: load speed against ``json.loads`` on the same bytes, one run.

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
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), mode], check=True,
                          capture_output=True, text=True)
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


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="comma-separated event counts (default: %(default)s)")
    parser.add_argument("--only", choices=("load", "frame", "sweep"),
                        help="run one part only (sweep: the zoom sweep of the frame part)")


def run(args: argparse.Namespace) -> int:
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    status = 0
    if args.only in (None, "load"):
        status |= run_load_bench(sizes)
    if args.only in (None, "frame", "sweep"):
        try:
            from .bench_frames import run_frame_bench
        except ImportError:
            return status
        status |= run_frame_bench(sizes, sweep_only=args.only == "sweep")
    return status
