"""``summit-timeline export [FILE] -o OUT.png|.svg|.pdf``: pictures, maps and handouts with no
window.

Runs on servers and in CI: with no display it switches Qt to its offscreen
platform before any Qt object exists.  Errors are one line on stderr and exit
status 1.  A bad FILE with one problem is that one line, as with ``convert``;
with several, each is printed first (``file:line:column: path: message``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import knowledge, views
from ..core.date_input import DateInputError, read_date, read_day
from ..core.event_filter import EventFilter
from ..core.formats.registry import load_any
from ..core.model import Timeline, View
from ..core.problems import LoadError
from ..qt.offscreen import application
from ..resources import default_dataset

FORMATS = (".png", ".svg", ".pdf")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="timeline file; '-' or omitted: the bundled Putin–Xi timeline")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="output file; the format follows its suffix: .png, .svg or .pdf")
    parser.add_argument("--slides", action="store_true",
                        help="a PDF handout: a title page and one page per event")
    parser.add_argument("--map", action="store_true",
                        help="the map alone: where the events shown took place, and the "
                        "route of the --track asked for (else the first track)")
    parser.add_argument("--width", type=int, default=1920, help="PNG/SVG width in pixels")
    parser.add_argument("--height", type=int, default=1080, help="PNG/SVG height in pixels")
    parser.add_argument("--scale", type=float, default=None,
                        help="PNG/SVG text and line scale (default: follows the height)")
    parser.add_argument("--view", metavar="NAME",
                        help="one of the file's named views (id or name): its knowledge date, "
                        "range and tracks, unless --as-of, --range or --track say otherwise; "
                        "default: the file's default view, or with --as-of alone no view "
                        "(the whole timeline, as the window opens with --as-of)")
    parser.add_argument("--as-of", metavar="DATE",
                        help="as known on DATE (2024-10-23 or 23 Oct 2024); 'latest' for "
                        "everything known; default: the view's date, else the file's as_of date")
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
    if args.slides and args.map:
        raise _Failure("--slides and --map are two exports; ask for one at a time")
    name = str(default_dataset()) if args.file in (None, "-") else args.file
    try:
        loaded = load_any(name)
    except LoadError as err:
        raise _Failure(_load_summary(err)) from err
    timeline = loaded.timeline
    view = _view(timeline, args.view, dated=bool(args.as_of))
    day = _knowledge_day(args.as_of, timeline, view)
    asked = _day_range(args.range) if args.range or view is None else views.view_range(view)
    # The view's own days select the events (as in the window) and head the page; the
    # drawing adds margins around them for the labels at its edges.
    day_range = asked if args.range or view is None else _view_range(view)
    tracks = args.track or (list(view.tracks) if view is not None and view.tracks else None)
    _app = application()
    from ..qt import export

    try:
        data = export.Snapshot.build(timeline, knowledge_day=day, tracks=tracks,
                                     day_range=day_range,
                                     wanted=EventFilter(days=asked) if asked else None)
        if args.slides:
            for problem in export.export_handout(data, out, paper=args.paper,
                                                 timeline_file=name):
                print(f"summit-timeline export: warning: image not shown: {problem}",
                      file=sys.stderr)
        elif args.map:
            export.export_map(data, out, width=args.width, height=args.height,
                              scale=args.scale, paper=args.paper)
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


def _view(timeline: Timeline, wanted: str | None, *, dated: bool) -> View | None:
    """The asked-for view (an unknown name fails, listing the views), else the default.

    A knowledge date alone (``dated``) shows no named view, as in the window: the
    whole timeline as known on that day.  Keeping the default view's months there
    drew an empty page for any day before them (17 May 2014 framed May–Nov 2024)."""
    if not wanted:
        return None if dated else views.default_view(timeline)
    try:
        return views.find_view(timeline, wanted)
    except views.UnknownViewError as err:
        raise _Failure(f"--view: {err}") from err


def _view_range(view: View) -> tuple[float, float] | None:
    """The view's range with the margins the window frames it with, so edge events and
    their labels are drawn whole."""
    bounds = views.view_range(view)
    return None if bounds is None else views.framed(*bounds)


def _knowledge_day(text: str | None, timeline: Timeline, view: View | None) -> int | None:
    if text == "latest":
        return None
    if not text:
        return views.view_day(view) if view is not None else \
            knowledge.opening_day(timeline, None)
    try:
        return read_day(text)
    except DateInputError as err:
        raise _Failure(f"--as-of: {err}") from err


def _day_range(text: str | None) -> tuple[float, float] | None:
    """START/END as EDTF dates, both ends inclusive: 2024-05/2024-07 is 1 May to 31 July."""
    if not text:
        return None
    parts = text.split("/")
    if len(parts) != 2:
        raise _Failure(f"--range: {text!r} is not START/END (e.g. 2024-05/2024-07)")
    try:
        start, end = read_date(parts[0]), read_date(parts[1])
    except DateInputError as err:
        raise _Failure(f"--range: {err}") from err
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
