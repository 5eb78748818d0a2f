"""``summit-timeline validate FILE…``: one line per problem, exit 1 if any error."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from ..core.formats.registry import load_any
from ..core.problems import LoadError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only")


def run(args: argparse.Namespace) -> int:
    return validate_files(args.files, quiet=args.quiet, out=sys.stdout)


def validate_files(files: Sequence[str], *, quiet: bool, out: TextIO) -> int:
    failed = 0
    for name in files:
        try:
            loaded = load_any(name)
        except LoadError as err:
            failed += 1
            for problem in err.problems:
                print(problem, file=out)
            continue
        for warning in loaded.warnings:
            print(warning, file=out)
        if not quiet:
            count = len(loaded.timeline.events)
            print(f"{name}: valid, {count} event{'s' * (count != 1)}", file=out)
    return 1 if failed else 0
