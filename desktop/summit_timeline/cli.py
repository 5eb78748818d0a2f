"""The command line: one parser for the app and its window-less commands.

Each command lives in ``commands/<name>.py`` with ``configure(parser)`` and
``run(args) -> int``; they are imported only when used, so ``validate`` and
friends start fast and never load Qt unless they draw something.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

from . import __version__

COMMANDS: dict[str, str] = {
    "validate": "check timeline files (any importable format) without opening a window",
    "convert": "convert between timeline formats (native, TimelineJS, iCalendar, CSV…)",
    "bench": "measure load and drawing speed on synthetic timelines",
    "export": "render a timeline to PNG, SVG or PDF, or a slides handout, with no window",
    "bench-startup": "time start-up to the first painted frame against a bare Qt window",
    "review-report": "write a reviewer's notes as a Markdown, HTML or PDF report",
    "changes": "list what became known between two knowledge dates (or write it as a report)",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summit-timeline",
        description="Offline viewer for timelines of leaders' meetings. With no FILE, opens the "
        "bundled Putin–Xi timeline (2013–2025).",
        epilog="commands: " + "; ".join(f"{name}: {text}" for name, text in COMMANDS.items())
        + ". Run 'summit-timeline COMMAND --help' for details.",
    )
    parser.add_argument("--version", action="version", version=f"summit-timeline {__version__}")
    parser.add_argument("file", nargs="?", help="timeline file to open")
    parser.add_argument("--install-desktop", action="store_true",
                        help="add the app to your desktop menu and make it open *.timeline.json")
    parser.add_argument("--uninstall-desktop", action="store_true",
                        help="remove what --install-desktop added")
    parser.add_argument("--present", action="store_true",
                        help="open straight into full-screen presenter mode (F5 in the app)")
    parser.add_argument("--as-of", metavar="DATE", help="open as known on DATE (2024-10-23 or "
                        "23 Oct 2024); default: the file's default view, else its as_of date")
    parser.add_argument("--view", metavar="NAME", help="open in the file's named view NAME "
                        "(its id or name): its knowledge date, date range and tracks")
    return parser


def run_command(argv: Sequence[str]) -> int:
    name = argv[0]
    module = importlib.import_module(f"summit_timeline.commands.{name.replace('-', '_')}")
    parser = argparse.ArgumentParser(prog=f"summit-timeline {name}", description=COMMANDS[name])
    module.configure(parser)
    return int(module.run(parser.parse_args(argv[1:])))
