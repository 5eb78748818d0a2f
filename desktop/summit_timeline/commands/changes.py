"""``summit-timeline changes [FILE] --from DATE --to DATE [-o OUT.md|.html|.pdf]``.

What became known between two knowledge dates, on any file ``validate``
reads.  Without ``-o`` it prints one line per change on standard output
(``ID: what: before → after``, a long value shortened with "…"), nothing else,
so the output can be piped to grep or diffed; counts go to standard error.
With ``-o`` it writes a report, every text whole.  Both exit 0 whether or not
anything changed.  Notes from the review sidecar (the one the window keeps for
FILE, or ``--review``) mark changes on events already checked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..core.date_input import DateInputError, read_day
from ..core.formats.registry import load_any
from ..core.known_changes import LINE_LIMIT, changes_between
from ..core.model import Timeline
from ..core.problems import LoadError
from ..core.review_files import sidecar_path
from ..core.review_flags import Flag
from ..qt.report_writer import ReportError, write_changes
from ..resources import default_dataset
from .review_report import choose_reviewer, read_review


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="timeline file (any importable format); omit or '-' for the "
                        "bundled 2024 Putin–Xi timeline")
    parser.add_argument("--from", dest="from_date", metavar="DATE",
                        help="the earlier knowledge date, e.g. 2024-07-03 or 3 Jul 2024; "
                        "default: the file's as_of date")
    parser.add_argument("--to", dest="to_date", metavar="DATE", default="latest",
                        help="the later knowledge date; default: 'latest', everything the file "
                        "knows")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="write a report (.md, .html or .pdf) instead of printing lines")
    parser.add_argument("--review", metavar="REVIEW.json",
                        help="review file whose checked events are flagged when they changed; "
                        "default: the notes the app keeps for FILE")
    parser.add_argument("--reviewer", metavar="NAME",
                        help="whose flags to use when the review file has several reviewers")


def run(args: argparse.Namespace) -> int:
    return changes_command(args.file, args.from_date, args.to_date, args.output,
                           review_path=args.review, reviewer=args.reviewer,
                           out=sys.stdout, err=sys.stderr)


def changes_command(file: str | None, from_text: str | None, to_text: str | None,
                    output: str | None, *, review_path: str | None = None,
                    reviewer: str | None = None, out: TextIO, err: TextIO) -> int:
    try:
        bundled = file in (None, "", "-")
        timeline_path = default_dataset() if bundled else Path(str(file))
        timeline = load_any(timeline_path).timeline
        from_day = _day("--from", from_text, timeline)
        to_day = _day("--to", to_text, timeline)
        flags, name = _flags(timeline_path, bundled, timeline, review_path, reviewer)
        found = changes_between(timeline, from_day, to_day, flags, name)
        if output:
            write_changes(found, Path(output))
        else:
            for line in found.lines(LINE_LIMIT):
                print(line, file=out)
    except LoadError as error:
        print(error.summary(), file=err)
        return 1
    except ReportError as error:
        print(f"changes: {error}", file=err)
        return 1
    except OSError as error:
        print(f"changes: {error.filename or output}: {error.strerror or error}", file=err)
        return 1
    cut = not output and found.shortened(LINE_LIMIT)
    print(f"changes: {found.count} change{'s' * (found.count != 1)} to {len(found.events)} "
          f"event{'s' * (len(found.events) != 1)} {found.span_text()}"
          + (f"; written to {output}" if output else "")
          + ("; long texts are shortened with …, -o writes them whole" if cut else ""),
          file=err)
    return 0


def _day(option: str, text: str | None, timeline: Timeline) -> int | None:
    if text == "latest":
        return None
    if text is None:
        if not timeline.as_of:
            raise ReportError(f"{option}: this file gives no as_of date; name a date, e.g. "
                              f"{option} 2024-07-03")
        text = timeline.as_of
    try:
        return read_day(text)
    except DateInputError as error:
        raise ReportError(f"{option}: {error}") from None


def _flags(timeline_path: Path, bundled: bool, timeline: Timeline, review_path: str | None,
           reviewer: str | None) -> tuple[dict[str, Flag], str]:
    """One reviewer's flags by event id; none (and no complaint) when there are no notes."""
    from ..core import review

    sidecar = Path(review_path) if review_path else sidecar_path(timeline_path, bundled)
    doc = read_review(sidecar, explicit=bool(review_path))
    name = choose_reviewer(doc, reviewer, sidecar)
    if not name:
        return {}, ""
    return {event_id: record.flag for event_id, record in review.events_of(doc, name).items()
            if timeline.event(event_id) is not None}, name

