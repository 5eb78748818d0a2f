"""The composition root: parse the command line, then run a command or the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .cli import COMMANDS, build_parser, run_command


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return run_command(args)
    options = build_parser().parse_args(args)
    from .qt.gui import run_gui

    return run_gui(options)


if __name__ == "__main__":
    raise SystemExit(main())
