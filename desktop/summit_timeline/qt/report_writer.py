"""Writing a review report to a file: Markdown and HTML as text, PDF through Qt's text engine.

The File → Export review report action and ``summit-timeline review-report``
both call ``write_report``, so the menu and the command line produce the same
document.  Qt is imported only for PDF, so the command starts fast and writes
Markdown and HTML where Qt is not installed.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core import review
from ..core.atomic import write_atomic
from ..core.model import Timeline
from ..core.review_report import render_html, render_markdown
from .offscreen import application

KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
         ".pdf": "pdf"}


class ReportError(Exception):
    """A problem the user can fix; its message is the one line printed."""


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
