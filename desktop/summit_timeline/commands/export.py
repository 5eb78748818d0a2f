"""``summit-timeline export [FILE] -o OUT.png|.svg|.pdf``: pictures and handouts with no window.

Runs on servers and in CI: with no display it switches Qt to its offscreen
platform before any Qt object exists.  Errors are one line on stderr and exit
status 1.  A bad FILE with one problem is that one line, as with ``convert``;
with several, each is printed first (``file:line:column: path: message``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import dates, knowledge
from ..core.formats.registry import load_any
from ..core.problems import LoadError
from ..qt.offscreen import application
from ..resources import default_dataset

FORMATS = (".png", ".svg", ".pdf")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="timeline file; '-' or omitted: the bundled 2024 Putin–Xi timeline")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="output file; the format follows its suffix: .png, .svg or .pdf")
    parser.add_argument("--slides", action="store_true",
                        help="a PDF handout: a title page and one page per event")
    parser.add_argument("--width", type=int, default=1920, help="PNG/SVG width in pixels")
    parser.add_argument("--height", type=int, default=1080, help="PNG/SVG height in pixels")
    parser.add_argument("--scale", type=float, default=None,
                        help="PNG/SVG text and line scale (default: follows the height)")
    parser.add_argument("--as-of", metavar="DATE",
                        help="as known on DATE (EDTF); 'latest' for everything known; "
                        "default: the file's as_of date")
    parser.add_argument("--track", action="append", metavar="ID",
                        help="only this track (repeat for several)")
    parser.add_argument("--range", metavar="START/END",
                        help="only this date range, e.g. 2024-05/2024-07 (EDTF dates)")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4",
                        help="PDF paper size, landscape (default: a4)")
    parser.add_argument("--pages", type=int, default=1,
                        help="PDF: split the date range across this many pages")


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except _Failure as failure:
        print(f"summit-timeline export: {failure}", file=sys.stderr)
        return 1


class _Failure(Exception):
    """One line for stderr."""


def _run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise _Failure(f"{out}: unknown format {suffix or '(no suffix)'}; use .png, .svg or .pdf")
    if args.slides and suffix != ".pdf":
        raise _Failure(f"{out}: --slides writes a PDF; name the output .pdf")
    name = str(default_dataset()) if args.file in (None, "-") else args.file
    try:
        loaded = load_any(name)
    except LoadError as err:
        raise _Failure(_load_summary(err)) from err
    timeline = loaded.timeline
    day = _knowledge_day(args.as_of, timeline.as_of)
    day_range = _day_range(args.range)
    _app = application()
    from ..qt import export

    try:
        data = export.Snapshot.build(timeline, knowledge_day=day, tracks=args.track,
                                     day_range=day_range)
        if args.slides:
            export.export_handout(data, out, paper=args.paper)
        elif suffix == ".png":
            export.export_png(data, out, width=args.width, height=args.height, scale=args.scale)
        elif suffix == ".svg":
            export.export_svg(data, out, width=args.width, height=args.height, scale=args.scale)
        else:
            export.export_pdf(data, out, paper=args.paper, pages=args.pages)
    except (export.ExportError, export.UnknownTrackError) as err:
        raise _Failure(str(err)) from err
    del _app
    return 0


def _load_summary(err: LoadError) -> str:
    """Like ``convert``: one problem is the one line; several are listed, then counted.

    Each listed problem is ``file:line:column: path: message``; the summary
    line names the first and how many more, in ``LoadError.summary`` words.
    """
    problems = err.errors or err.problems
    if len(problems) > 1:
        for problem in problems:
            print(problem, file=sys.stderr)
    elif len(problems) == 1 and not err.errors:
        return str(problems[0])
    return err.summary()


def _knowledge_day(text: str | None, file_as_of: str | None) -> int | None:
    if text == "latest":
        return None
    chosen = text or file_as_of
    if not chosen:
        return None
    try:
        return knowledge.parse_day(chosen)
    except dates.EdtfError as err:
        raise _Failure(f"--as-of: {err}") from err


def _day_range(text: str | None) -> tuple[float, float] | None:
    """START/END as EDTF dates, both ends inclusive: 2024-05/2024-07 is 1 May to 31 July."""
    if not text:
        return None
    try:
        start_text, end_text = text.split("/")
        start, end = dates.parse(start_text), dates.parse(end_text)
    except ValueError as err:
        raise _Failure(f"--range: {text!r} is not START/END (e.g. 2024-05/2024-07)") from err
    if end.upper < start.lower:
        raise _Failure(f"--range: {text!r} ends before it starts")
    return float(start.lower), float(end.upper + 1)


def main(argv: list[str] | None = None) -> int:
    """``python -m summit_timeline.commands.export``, for use before the command is registered."""
    parser = argparse.ArgumentParser(prog="summit-timeline export")
    configure(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
