"""``summit-timeline validate FILE…``: one line per problem, exit 1 if any error.

Local pictures the views would show as placeholders (missing, cut short, too
large, an SVG that refers outside itself) are warnings.

``--strict`` adds the data author's rules (``core.formats.strict``): nothing
shown on a knowledge date may cite a source published later, every source is
dated to the day, every quote and figure says who said it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from ..core import media_files
from ..core.formats import native
from ..core.formats.json_locate import locate_line_column
from ..core.formats.registry import detect, load_any
from ..core.formats.strict import strict_checks
from ..core.problems import LoadError, Problem, Severity


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    parser.add_argument("--strict", action="store_true",
                        help="also fail when something shown on a knowledge date cites a source "
                        "published later, a source is not dated to the day, or a quote or "
                        "figure does not say who said it")


def run(args: argparse.Namespace) -> int:
    return validate_files(args.files, quiet=args.quiet, out=sys.stdout, strict=args.strict)


def validate_files(files: Sequence[str], *, quiet: bool, out: TextIO,
                   strict: bool = False) -> int:
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
        for warning in media_problems(loaded):
            print(warning, file=out)
        breaches = strict_problems(loaded) if strict else []
        for problem in breaches:
            print(problem, file=out)
        if breaches:
            failed += 1
            continue
        if not quiet:
            count = len(loaded.timeline.events)
            rules = " under the strict rules" if strict else ""
            print(f"{name}: valid{rules}, {count} event{'s' * (count != 1)}", file=out)
    return 1 if failed else 0


def strict_problems(loaded: native.Loaded) -> list[Problem]:
    """The strict rules' findings, placed by line and column in a native file."""
    found = strict_checks(loaded.timeline)
    return _placed(loaded, [(item.path, item.message) for item in found], "error")


def media_problems(loaded: native.Loaded) -> list[Problem]:
    """Pictures that are missing, damaged or too large, as warnings: the views show
    a placeholder for them, so the file is still valid."""
    return _placed(loaded, media_files.file_problems(loaded.timeline, loaded.file), "warning")


def _placed(loaded: native.Loaded, found: list[tuple[str, str]],
            severity: Severity) -> list[Problem]:
    """Problems at their line and column in a native file, in file order.

    Other formats are checked as imported; their problems carry the path in
    our model only, since it names no place in the original file.
    """
    if not found:
        return []
    data = native.read_bytes(loaded.file)
    fmt = detect(data, loaded.file)
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff") \
        if fmt is not None and fmt.name == "native" else None
    problems = []
    for path, message in found:
        line, column = locate_line_column(text, path) if text is not None else (0, 0)
        problems.append(Problem(loaded.file, message, path, line, column, severity))
    return sorted(problems, key=lambda p: (p.line, p.column))

