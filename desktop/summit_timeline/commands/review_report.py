"""``summit-timeline review-report [FILE] [--review R] [--reviewer NAME] -o OUT``.

Writes one reviewer's report as Markdown, HTML or PDF, chosen by the output
extension.  Markdown and HTML need no Qt; PDF is drawn by Qt's own text
engine (``QTextDocument`` + ``QPdfWriter``), imported only for PDF so that the
command starts fast and works where Qt is not installed for the other two.
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
from ..core.atomic import write_atomic
from ..core.formats.registry import load_any
from ..core.model import Timeline
from ..core.problems import LoadError
from ..core.review_report import render_html, render_markdown
from ..core.review_store import sidecar_path
from ..qt.offscreen import application
from ..resources import default_dataset

KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
         ".pdf": "pdf"}


class ReportError(Exception):
    """A problem the user can fix; its message is the one line printed."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="timeline file; omit or '-' for the bundled 2024 Putin–Xi timeline")
    parser.add_argument("--review", metavar="REVIEW.json",
                        help="review file; default: the notes the app keeps for FILE")
    parser.add_argument("--reviewer", metavar="NAME",
                        help="whose notes to report; needed when the file has several reviewers")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="report to write: .md, .html or .pdf")


def run(args: argparse.Namespace) -> int:
    return report_command(args.file, args.review, args.reviewer, args.output, err=sys.stderr)


def report_command(file: str | None, review_path: str | None, reviewer: str | None,
                   output: str, *, err: TextIO) -> int:
    try:
        bundled = file in (None, "", "-")
        timeline_path = default_dataset() if bundled else Path(str(file))
        timeline = load_any(timeline_path).timeline
        sidecar = Path(review_path) if review_path else sidecar_path(timeline_path, bundled)
        doc = read_review(sidecar, explicit=bool(review_path), err=err)
        name = choose_reviewer(doc, reviewer, sidecar)
        write_report(timeline, doc, name, Path(output))
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


def write_report(timeline: Timeline, doc: review.ReviewDocument, reviewer: str,
                 output: Path) -> None:
    kind = KINDS.get(output.suffix.lower())
    if kind is None:
        raise ReportError(f"{output}: unknown report type; use .md, .html or .pdf")
    _render(timeline, doc, reviewer, output, kind)


def _render(timeline: Timeline, doc: review.ReviewDocument, reviewer: str, output: Path,
            kind: str) -> None:
    if kind == "markdown":
        write_atomic(output, render_markdown(timeline, doc, reviewer).encode("utf-8"))
    elif kind == "html":
        write_atomic(output, render_html(timeline, doc, reviewer).encode("utf-8"))
    else:
        write_pdf(render_html(timeline, doc, reviewer), output)


def write_pdf(html_text: str, output: Path) -> None:
    """Lay the HTML out with Qt's rich-text engine on A4 and write a PDF.

    Works without a display: with no QGuiApplication yet, one is made on the
    ``offscreen`` platform (fonts need a GUI application; a window does not).
    Written to a temporary name and renamed, like every save.
    """
    try:
        from PySide6.QtCore import QMarginsF, QSizeF
        from PySide6.QtGui import (
            QPageLayout,
            QPageSize,
            QPdfWriter,
            QTextDocument,
        )
    except ImportError as error:
        raise ReportError(f"PDF needs PySide6 ({error}); write .html or .md instead") from None
    app = application()
    partial = output.with_name(f".{output.name}.partial")
    writer = QPdfWriter(os.fspath(partial))
    writer.setTitle("Review report")
    writer.setCreator("Summit Timeline")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    document = QTextDocument()
    # Lay text out with the writer's resolution; otherwise point sizes are
    # measured at screen DPI and the printed text comes out a third the size.
    document.documentLayout().setPaintDevice(writer)
    document.setHtml(html_text)
    paint_rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(paint_rect.size()))
    document.print_(writer)
    del writer  # the PDF is finished when the writer goes away
    try:
        data = partial.read_bytes()
    finally:
        partial.unlink(missing_ok=True)
    if not data.startswith(b"%PDF"):
        raise ReportError(f"{output}: Qt did not produce a PDF")
    write_atomic(output, data)
    del app
