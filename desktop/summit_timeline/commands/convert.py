"""``summit-timeline convert IN -o OUT [--to FORMAT]``: convert between timeline formats.

The input kind is detected from its content and extension; the output kind
from ``--to`` or OUT's extension.  Warnings (what the input had that the
model cannot hold, and what the output format cannot hold) go to stderr;
exit status 0 on success, 1 with one line naming the problem otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..core.atomic import write_atomic
from ..core.formats.registry import load_any, losses, writer_for, writers
from ..core.problems import LoadError


def configure(parser: argparse.ArgumentParser) -> None:
    names = ", ".join(f.name for f in writers())
    parser.add_argument("input", metavar="IN", help="file to convert (any importable format)")
    parser.add_argument("-o", "--output", metavar="OUT", required=True,
                        help="file to write; its extension picks the format unless --to is "
                             "given (.timeline.json native, .tl3.json TimelineJS, .ics, .csv)")
    parser.add_argument("--to", metavar="FORMAT", help=f"output format: {names}")


def run(args: argparse.Namespace) -> int:
    target = writer_for(args.output, args.to)
    if target is None or target.write is None:
        names = ", ".join(f.name for f in writers())
        what = f"unknown output format '{args.to}'" if args.to else \
            f"cannot tell the output format from '{args.output}'"
        print(f"summit-timeline convert: {what}; use --to with one of: {names}",
              file=sys.stderr)
        return 1
    try:
        same = os.path.exists(args.output) and os.path.samefile(args.input, args.output)
    except OSError:
        same = False
    if same:
        print(f"summit-timeline convert: {args.output}: refusing to overwrite the input file",
              file=sys.stderr)
        return 1
    try:
        loaded = load_any(args.input)
    except LoadError as err:
        print(f"summit-timeline convert: {err.summary()}", file=sys.stderr)
        return 1
    for warning in loaded.warnings:
        print(warning, file=sys.stderr)
    for loss in losses(target, loaded.timeline):
        print(f"{args.output}: warning: {target.label} cannot hold {loss}", file=sys.stderr)
    try:
        write_atomic(args.output, target.write(loaded.timeline))
    except OSError as err:
        print(f"summit-timeline convert: {args.output}: cannot write: {err.strerror or err}",
              file=sys.stderr)
        return 1
    count = len(loaded.timeline.events)
    print(f"{args.output}: wrote {count} event{'s' * (count != 1)} as {target.label}",
          file=sys.stderr)
    return 0
