"""Writing reports to a file: Markdown and HTML as text, PDF through Qt's text engine.

The window's menus and the command line (``review-report``, ``changes``) call
the same writers here, so both produce the same document.  Qt is imported only
for PDF (``html_pdf``), so a command starts fast and writes Markdown and HTML
where Qt is not installed.
"""

from __future__ import annotations

from pathlib import Path

from ..core import known_changes_report, review
from ..core.atomic import write_atomic
from ..core.known_changes import KnowledgeChanges
from ..core.model import Timeline
from ..core.review_report import render_html, render_markdown

KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
         ".pdf": "pdf"}


class ReportError(Exception):
    """A problem the user can fix; its message is the one line printed."""


def write_report(timeline: Timeline, doc: review.ReviewDocument, reviewer: str,
                 output: Path, knowledge_day: int | None = None) -> None:
    """``knowledge_day``: the day the timeline was shown as of while reviewing."""
    kind = KINDS.get(output.suffix.lower())
    if kind is None:
        raise ReportError(f"{output}: unknown report type; use .md, .html or .pdf")
    if kind == "markdown":
        text = render_markdown(timeline, doc, reviewer, knowledge_day=knowledge_day)
        write_atomic(output, text.encode("utf-8"))
    elif kind == "html":
        text = render_html(timeline, doc, reviewer, knowledge_day=knowledge_day)
        write_atomic(output, text.encode("utf-8"))
    else:
        write_pdf(render_html(timeline, doc, reviewer, knowledge_day=knowledge_day), output)


def write_changes(found: KnowledgeChanges, output: Path) -> None:
    """What changed between two knowledge dates, as the output's extension says."""
    kind = KINDS.get(output.suffix.lower())
    if kind is None:
        raise ReportError(f"{output}: unknown report type; use .md, .html or .pdf")
    if kind == "markdown":
        write_atomic(output, known_changes_report.render_markdown(found).encode("utf-8"))
    elif kind == "html":
        write_atomic(output, known_changes_report.render_html(found).encode("utf-8"))
    else:
        write_pdf(known_changes_report.render_html(found), output, "What changed")


def write_pdf(html_text: str, output: Path, title: str = "Review report") -> None:
    """The report as a PDF whose headings never end a page apart from their text."""
    from . import html_pdf

    try:
        html_pdf.write_pdf(html_text, output, title)
    except html_pdf.PdfError as error:
        raise ReportError(str(error)) from None
