"""``summit-timeline bench-startup``: time from launch to the first painted frame.

Launches, in one run, each variant as a fresh process and measures the wall
time from ``Popen`` to the moment the process prints the first-frame marker:

- ``floor``: a bare PySide6 main window holding one empty pyqtgraph
  PlotWidget (the least any app on these libraries can do);
- ``source``: the app from this Python environment, default dataset;
- ``bundle``: the PyInstaller bundle, if ``dist/summit-timeline/summit-timeline``
  (or ``--bundle PATH``) exists;
- ``--launcher NAME=PATH`` (repeatable): an installed copy, as its users
  start it, e.g. ``wheel=VENV/bin/summit-timeline`` or
  ``deb=/usr/bin/summit-timeline``.

The app signals its first frame when ``SUMMIT_TIMELINE_EXIT_AFTER_FIRST_FRAME=1``
is set: after the first paint of its main window it prints
``summit-timeline: first frame`` and quits (see ``qt/first_frame.py``; the
floor uses the very same code).

Cold and warm.  Real cold start (after a reboot) reads every library from
disk.  Dropping the kernel's page cache needs root on the host
(``/proc/sys/vm/drop_caches``), which we do not assume.  Instead, before the
cold run of each variant, every file the variant may read (its Python
prefix and site-packages or its bundle folder, the app's resources, the
system's shared libraries, fonts and font caches) is evicted from the page
cache with ``posix_fadvise(POSIX_FADV_DONTNEED)``, which any user may do for
files they can read.  Pages that another running process has mapped stay,
as they would on a desktop (libc, and whatever the desktop itself uses); on
a VM the "disk" may still be the host's cache, so cold here is a lower
bound of a true cold start.  Compiled bytecode is left in place, as a
user's installation has it.  ``warm_s`` is the median of ``--runs``
launches right after.  Output: one JSON object per line.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

# Kept in step with qt/first_frame.py, which this module must not import
# (the bench runs without importing Qt itself).
ENV_FLAG = "SUMMIT_TIMELINE_EXIT_AFTER_FIRST_FRAME"
MARKER = "summit-timeline: first frame"

FLOOR_SCRIPT = '''
import sys
from summit_timeline.qt.first_frame import install_first_frame_probe
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("floor")
window.setCentralWidget(pg.PlotWidget())
window.resize(1280, 800)
install_first_frame_probe(app, window)
window.show()
sys.exit(app.exec())
'''


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--runs", type=int, default=5, help="warm launches per variant (median)")
    parser.add_argument("--variants", default="floor,source,bundle",
                        help="comma-separated subset of floor,source,bundle")
    parser.add_argument("--bundle", type=Path, default=None,
                        help="bundled executable (default: dist/summit-timeline/summit-timeline)")
    parser.add_argument("--launcher", action="append", default=[], metavar="NAME=PATH",
                        type=_launcher, help="also time an installed launcher (repeatable), "
                        "e.g. deb=/usr/bin/summit-timeline")
    parser.add_argument("--no-evict", action="store_true",
                        help="skip the page-cache eviction (cold = first launch only)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per launch")


def _launcher(text: str) -> tuple[str, Path]:
    name, sep, path = text.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"expected NAME=PATH, got {text!r}")
    return name, Path(path)


def run(args: argparse.Namespace) -> int:
    wanted = [v.strip() for v in args.variants.split(",") if v.strip()]
    if getattr(sys, "frozen", False):
        print("bench-startup: run it from a Python environment (a venv or the source "
              "checkout), with --bundle or --launcher for this copy", file=sys.stderr)
        return 2
    if "source" in wanted:  # as pip would have compiled an installed copy
        compileall.compile_dir(str(Path(__file__).resolve().parents[1]), quiet=1)
    failed = False
    # A bundle that was never built is skipped; a launcher asked for by name is not.
    runs = [(variant, *_variant(variant, args.bundle), False) for variant in wanted]
    runs += [(name, *_installed(path), True) for name, path in args.launcher]
    for variant, command, trees, required in runs:
        if command is None:
            if required:
                print(json.dumps({"bench": "startup", "variant": variant,
                                  "error": "no launcher there"}), flush=True)
                failed = True
            continue
        result = measure(variant, command, trees, runs=args.runs, timeout=args.timeout,
                         drop_cache=not args.no_evict)
        failed |= "error" in result
        print(json.dumps(result), flush=True)
    return 1 if failed else 0


def _variant(name: str, bundle: Path | None) -> tuple[list[str] | None, list[Path]]:
    python_trees = [Path(sys.prefix), Path(sys.base_prefix)]
    package = Path(__file__).resolve().parents[1]
    if name == "floor":
        return [sys.executable, "-c", FLOOR_SCRIPT], python_trees
    if name == "source":
        from ..resources import resource_root

        return ([sys.executable, "-m", "summit_timeline"],
                [*python_trees, package, resource_root()])
    if name == "bundle":
        exe = bundle or _default_bundle()
        if exe is None or not exe.is_file():
            return None, []
        return [str(exe)], [exe.resolve().parent]
    raise SystemExit(f"bench-startup: unknown variant {name!r}")


def _installed(launcher: Path) -> tuple[list[str] | None, list[Path]]:
    """An installed copy: the launcher, and the tree it runs from (the venv
    it belongs to, or the bundle folder a link such as /usr/bin points into)."""
    if not launcher.is_file():
        return None, []
    exe = launcher.resolve()
    venv = exe.parent.parent
    trees = [venv, Path(sys.base_prefix)] if (venv / "pyvenv.cfg").is_file() else [exe.parent]
    return [str(launcher)], trees


def _default_bundle() -> Path | None:
    checkout = Path(__file__).resolve().parents[3]  # the repository, when run from one
    for base in (Path.cwd(), checkout):
        exe = base / "dist" / "summit-timeline" / "summit-timeline"
        if exe.is_file():
            return exe
    return None


SYSTEM_TREES = [
    Path("/usr/lib/x86_64-linux-gnu"), Path("/usr/lib/aarch64-linux-gnu"), Path("/usr/lib64"),
    Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path("/var/cache/fontconfig"),
    Path.home() / ".cache" / "fontconfig", Path("/usr/share/X11/xkb"),
]


def evict(trees: Iterable[Path]) -> tuple[int, int]:
    """Ask the kernel to drop cached pages of every file under ``trees``."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return 0, 0
    files = size = 0
    seen: set[Path] = set()
    for tree in trees:
        tree = tree.resolve()
        if tree in seen or not tree.exists():
            continue
        seen.add(tree)
        for root, _dirs, names in os.walk(tree):
            for name in names:
                path = os.path.join(root, name)
                try:
                    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
                except OSError:
                    continue
                try:
                    size += os.fstat(fd).st_size
                    advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                    files += 1
                except OSError:
                    pass
                finally:
                    os.close(fd)
    return files, size


def _platform(env: Mapping[str, str]) -> str:
    """The Qt platform the launches use: the one set, else the screen there is,
    else offscreen (no screen: time the same work, drawn offscreen)."""
    if env.get("QT_QPA_PLATFORM"):
        return env["QT_QPA_PLATFORM"]
    if env.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb" if env.get("DISPLAY") else "offscreen"


def launch(command: Sequence[str], timeout: float) -> float:
    """Seconds from process start to the first-frame marker on its stdout."""
    env = dict(os.environ)
    env[ENV_FLAG] = "1"
    # An installed app has its bytecode compiled (pip does it; so does the first
    # launch); a shell that forbids writing it would time compiling, not starting.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["QT_QPA_PLATFORM"] = _platform(env)
    with tempfile.TemporaryDirectory(prefix="summit-bench-") as runtime:
        # A private runtime folder: a copy of the app already open for this user
        # would otherwise receive the launch (single instance) and nothing starts.
        env["XDG_RUNTIME_DIR"] = runtime
        return _time_first_frame(command, env, timeout)


def _time_first_frame(command: Sequence[str], env: dict[str, str], timeout: float) -> float:
    import selectors

    start = time.perf_counter()
    proc = subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    elapsed = None
    seen = b""
    deadline = start + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while elapsed is None:
            left = deadline - time.perf_counter()
            if left <= 0 or not selector.select(left):
                break
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            seen += chunk
            if MARKER.encode() in seen:
                elapsed = time.perf_counter() - start
    try:
        proc.wait(timeout=5 if elapsed is not None else 0.1)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stdout.close()
    proc.stderr.close()
    if elapsed is None:
        tail = " | ".join(err.strip().splitlines()[-3:])
        raise RuntimeError(f"no first-frame marker within {timeout:.0f} s "
                           f"(exit {proc.returncode}): {tail}")
    return elapsed


def measure(variant: str, command: Sequence[str], trees: Sequence[Path], *, runs: int,
            timeout: float, drop_cache: bool = True) -> dict[str, object]:
    result: dict[str, object] = {"bench": "startup", "variant": variant}
    try:
        if drop_cache:
            files, size = evict([*trees, *SYSTEM_TREES])
            result["evicted_files"] = files
            result["evicted_mb"] = round(size / 2**20, 1)
            time.sleep(0.2)
        cold = launch(command, timeout)
        warm = [launch(command, timeout) for _ in range(max(1, runs))]
    except (OSError, RuntimeError) as err:
        result["error"] = str(err)
        return result
    result["cold_s"] = round(cold, 3)
    result["warm_s"] = round(statistics.median(warm), 3)
    result["warm_min_s"] = round(min(warm), 3)
    result["runs"] = len(warm)
    result["qpa"] = _platform(os.environ)
    return result
