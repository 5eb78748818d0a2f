"""``summit-timeline review-report [FILE] [--review R] [--reviewer NAME] [--as-of DATE] -o OUT``.

Writes one reviewer's report as Markdown, HTML or PDF, chosen by the output
extension.  Markdown and HTML need no Qt; PDF is drawn by Qt's own text
engine (``qt.html_pdf``), imported only for PDF so that the command
starts fast and works where Qt is not installed for the other two.
The File → Export review report action calls ``write_report`` too, so the
menu and the command line produce the same document.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from ..core import review
from ..core.date_input import DateInputError, read_day
from ..core.formats.registry import load_any
from ..core.model import Timeline
from ..core.problems import LoadError
from ..core.review_files import adopt_former_sidecar
from ..core.review_store import sidecar_path
from ..qt.report_writer import KINDS, ReportError, write_pdf, write_report
from ..resources import FORMER_DEFAULT_NAMES, default_dataset

__all__ = ["KINDS", "ReportError", "configure", "report_command", "run", "write_pdf",
           "write_report"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="timeline file; omit or '-' for the bundled Putin–Xi timeline")
    parser.add_argument("--review", metavar="REVIEW.json",
                        help="review file; default: the notes the app keeps for FILE")
    parser.add_argument("--reviewer", metavar="NAME",
                        help="whose notes to report; needed when the file has several reviewers")
    parser.add_argument("--as-of", metavar="DATE",
                        help="the knowledge date the review was made against, e.g. 2024-10-23 "
                        "or 23 Oct 2024; 'latest' for everything known; default: the file's "
                        "as_of date, as the window opens it")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="report to write: .md, .html or .pdf")


def run(args: argparse.Namespace) -> int:
    return report_command(args.file, args.review, args.reviewer, args.output, err=sys.stderr,
                          as_of=args.as_of)


def report_command(file: str | None, review_path: str | None, reviewer: str | None,
                   output: str, *, err: TextIO, as_of: str | None = None) -> int:
    try:
        bundled = file in (None, "", "-")
        timeline_path = default_dataset() if bundled else Path(str(file))
        timeline = load_any(timeline_path).timeline
        if bundled and not review_path:
            adopt_former_sidecar(timeline_path, FORMER_DEFAULT_NAMES)
        day = knowledge_day(as_of, timeline)
        sidecar = Path(review_path) if review_path else sidecar_path(timeline_path, bundled)
        doc = read_review(sidecar, explicit=bool(review_path), err=err)
        name = choose_reviewer(doc, reviewer, sidecar)
        write_report(timeline, doc, name, Path(output), day)
    except LoadError as error:
        print(error.summary(), file=err)
        return 1
    except ReportError as error:
        print(f"review-report: {error}", file=err)
        return 1
    except OSError as error:
        print(f"review-report: {error.filename or output}: {error.strerror or error}", file=err)
        return 1
    return 0


def knowledge_day(text: str | None, timeline: Timeline) -> int | None:
    """The day asked for, else the file's ``as_of`` (as the window opens); 'latest': None."""
    if text == "latest":
        return None
    try:
        if text:
            return read_day(text)
        return read_day(timeline.as_of) if timeline.as_of else None
    except DateInputError as error:
        raise ReportError(f"--as-of: {error}" if text else f"the file's as_of: {error}") from None


def read_review(path: Path, *, explicit: bool, err: TextIO | None = None
                ) -> review.ReviewDocument:
    """Read without moving anything aside: a report must never change the notes.

    With no notes yet (and no --review given) the report still has a use: it
    lists every event as unreviewed, a checklist to start from.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if explicit:
            raise ReportError(f"no review file at {path}") from None
        if err is not None:
            print(f"review-report: no notes yet ({path}); every event is listed as unreviewed",
                  file=err)
        return review.ReviewDocument(format="summit-timeline-review/1")
    return review.decode(data, os.fspath(path))


def choose_reviewer(doc: review.ReviewDocument, reviewer: str | None, path: Path) -> str:
    names = review.reviewer_names(doc)
    if reviewer is not None:
        if reviewer not in names:
            raise ReportError(f"{path}: no notes by {reviewer!r} (reviewers: "
                              f"{', '.join(names) or 'none'})")
        return reviewer
    if len(names) == 1:
        return names[0]
    if not names:
        return ""
    raise ReportError(f"{path} has several reviewers ({', '.join(names)}); choose one "
                      "with --reviewer")
