"""Check an installed Summit Timeline the way a user meets it, headless.

    python3 packaging/smoke_check.py [--version V] [--desktop] LAUNCHER

LAUNCHER is what a user runs: ``dist/summit-timeline/summit-timeline`` (the
bundle), ``VENV/bin/summit-timeline`` (a wheel install) or
``/usr/bin/summit-timeline`` (the .deb).  Every check runs it in a scratch
folder with a scratch HOME, so nothing of the person running it is read or
changed, and with ``QT_QPA_PLATFORM=offscreen``:

- ``--version`` names the version;
- ``validate`` passes the bundled timeline(s) found in the installed
  package data, and rejects a broken file naming the file, line and column;
- ``export`` with no file writes the bundled timeline as PNG, SVG and PDF;
- the window paints its first frame (``SUMMIT_TIMELINE_EXIT_AFTER_FIRST_FRAME``);
- with ``--desktop``: ``--install-desktop`` writes a menu entry whose
  ``Exec`` starts this very installation (and that validates), and
  ``--uninstall-desktop`` removes it again.

One line per check (``ok`` or ``FAIL``); exit 1 if any failed.  Standard
library only, so it runs with any Python 3, outside every venv.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

FIRST_FRAME_FLAG = "SUMMIT_TIMELINE_EXIT_AFTER_FIRST_FRAME"
FIRST_FRAME_MARKER = "summit-timeline: first frame"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class Checker:
    def __init__(self, launcher: Path, scratch: Path) -> None:
        self.launcher = launcher
        self.scratch = scratch
        self.failed = 0
        self.env = {
            **os.environ,
            "HOME": str(scratch / "home"),
            "XDG_DATA_HOME": str(scratch / "home" / "share"),
            "XDG_CONFIG_HOME": str(scratch / "home" / "config"),
            "XDG_CACHE_HOME": str(scratch / "home" / "cache"),
            # A private runtime folder: a copy of the app someone else started
            # as this user must not receive our launches (single instance).
            "XDG_RUNTIME_DIR": str(scratch / "runtime"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        self.env.pop(FIRST_FRAME_FLAG, None)
        (scratch / "home").mkdir(parents=True, exist_ok=True)
        (scratch / "runtime").mkdir(mode=0o700, exist_ok=True)

    def run(self, *args: str, timeout: float = 120,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.launcher), *args], cwd=self.scratch, env=env or self.env,
                              capture_output=True, text=True, timeout=timeout, check=False)

    def report(self, passed: bool, text: str, detail: str = "") -> None:
        if passed:
            print(f"ok    {text}", flush=True)
            return
        self.failed += 1
        tail = " | ".join(detail.strip().splitlines()[-4:])
        print(f"FAIL  {text}{': ' + tail if tail else ''}", flush=True)


def installed_resources(launcher: Path) -> Path | None:
    """The package data beside this installation: a bundle keeps it in
    ``_internal/``, a venv in its site-packages."""
    exe = launcher.resolve()
    candidates = [exe.parent / "_internal" / "summit_timeline" / "resources"]
    candidates += sorted((exe.parent.parent / "lib").glob(
        "python3*/site-packages/summit_timeline/resources"))
    return next((c for c in candidates if c.is_dir()), None)


def check_version(c: Checker, want: str | None) -> None:
    done = c.run("--version")
    out = done.stdout.strip()
    good = done.returncode == 0 and out.startswith("summit-timeline ")
    if want is not None:
        good = good and out == f"summit-timeline {want}"
    c.report(good, f"--version: {out or '(nothing)'}", done.stderr)


def check_validate(c: Checker) -> None:
    resources = installed_resources(c.launcher)
    datasets = sorted(resources.glob("data/*.timeline.json")) if resources else []
    c.report(bool(datasets), f"bundled timeline found in {resources}")
    for dataset in datasets:
        done = c.run("validate", str(dataset))
        c.report(done.returncode == 0 and "valid" in done.stdout,
                 f"validate {dataset.name}: {done.stdout.strip()[-60:]}", done.stderr)
    broken = c.scratch / "broken.timeline.json"
    broken.write_text('{"format": "summit-timeline/1",\n "events": [\n  {"id": "a",,}\n ]\n}\n',
                      encoding="utf-8")
    done = c.run("validate", str(broken))
    message = done.stdout.strip()
    c.report(done.returncode == 1 and message.startswith(f"{broken}:3:")
             and "Traceback" not in done.stderr,
             f"validate rejects a broken file with its place: {message[:90]}", done.stderr)


def _png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != PNG_MAGIC:
        return 0, 0
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def check_export(c: Checker) -> None:
    for suffix in ("png", "svg", "pdf"):
        out = c.scratch / f"export.{suffix}"
        done = c.run("export", "-o", str(out), "--width", "1280", "--height", "720")
        data = out.read_bytes() if out.is_file() else b""
        if suffix == "png":
            good = _png_size(data) == (1280, 720)
        elif suffix == "svg":
            good = b"<svg" in data[:2000] and b"<text" in data  # labels drawn as text
        else:
            good = data[:5] == b"%PDF-" and len(data) > 2000
        c.report(done.returncode == 0 and good,
                 f"export {suffix.upper()} of the bundled timeline: {len(data)} bytes",
                 done.stderr)


def check_first_frame(c: Checker) -> None:
    env = {**c.env, FIRST_FRAME_FLAG: "1"}
    try:
        done = c.run(timeout=90, env=env)
    except subprocess.TimeoutExpired:
        c.report(False, "window painted its first frame", "no first frame within 90 s")
        return
    c.report(done.returncode == 0 and FIRST_FRAME_MARKER in done.stdout,
             "window painted its first frame and quit", done.stderr)


def check_desktop(c: Checker) -> None:
    done = c.run("--install-desktop")
    entry = Path(c.env["XDG_DATA_HOME"]) / "applications" / "summit-timeline.desktop"
    text = entry.read_text(encoding="utf-8") if entry.is_file() else ""
    exec_line = next((line[5:] for line in text.splitlines() if line.startswith("Exec=")), "")
    words = shlex.split(exec_line.replace("\\\\", "\\")) if exec_line else []
    program = Path(words[0]) if words else None
    this = c.launcher.resolve()
    starts_us = program is not None and program.resolve() == this
    c.report(done.returncode == 0 and starts_us,
             f"--install-desktop: Exec={exec_line or '(missing)'}", done.stderr)
    validator = shutil.which("desktop-file-validate")
    if validator and entry.is_file():
        check = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        c.report(check.returncode == 0, "installed menu entry validates", check.stdout)
    icon = Path(c.env["XDG_DATA_HOME"]) / "icons/hicolor/48x48/apps/summit-timeline.png"
    c.report(icon.is_file() and icon.read_bytes()[:8] == PNG_MAGIC, f"icon installed: {icon}")
    done = c.run("--uninstall-desktop")
    c.report(done.returncode == 0 and not entry.exists() and not icon.exists(),
             "--uninstall-desktop removed the menu entry and icons", done.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("launcher", type=Path)
    parser.add_argument("--version", dest="want", help="the version --version must print")
    parser.add_argument("--desktop", action="store_true",
                        help="also check --install-desktop and --uninstall-desktop")
    args = parser.parse_args(argv)
    if not (args.launcher.is_file() and os.access(args.launcher, os.X_OK)):
        print(f"FAIL  no launcher at {args.launcher}")
        return 1
    with tempfile.TemporaryDirectory(prefix="summit-smoke-") as tmp:
        checker = Checker(args.launcher.absolute(), Path(tmp))
        check_version(checker, args.want)
        check_validate(checker)
        check_export(checker)
        check_first_frame(checker)
        if args.desktop:
            check_desktop(checker)
    return 1 if checker.failed else 0


if __name__ == "__main__":
    sys.exit(main())
