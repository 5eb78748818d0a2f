"""The composition root: parse the command line, then run a command or the window."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from .cli import COMMANDS, build_parser, run_command


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return run_command(args)
    options = build_parser().parse_args(args)
    if options.install_desktop or options.uninstall_desktop:
        return _desktop_integration(install=options.install_desktop)
    if not _display_available():
        print("summit-timeline: no display to open the window on (DISPLAY and WAYLAND_DISPLAY "
              "are not set). Run it in a desktop session, or use a command that needs no "
              "window: validate, convert, export, review-report, changes.", file=sys.stderr)
        return 1
    from .qt.gui import run_gui

    return run_gui(options)


def _display_available() -> bool:
    """On Linux, Qt aborts with a cryptic plugin error when there is no display."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _desktop_integration(*, install: bool) -> int:
    from . import desktop_integration

    try:
        files = desktop_integration.install() if install else desktop_integration.uninstall()
    except (FileNotFoundError, OSError) as error:
        print(f"summit-timeline: {error}", file=sys.stderr)
        return 1
    for path in files:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
