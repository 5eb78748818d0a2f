"""HTML reports to PDF with Qt's own text engine, headings never left at a page's foot.

``QTextDocument`` ignores CSS ``break-after: avoid``, so a "Note" heading could
end one page and its text begin the next.  After laying the document out on
the page, each heading (or run of headings) whose following text starts on a
later page gets a page break before it, in document order, so that every
heading shares its page with the first line of what it introduces.

PySide6 is imported only here, when a PDF is asked for: Markdown and HTML
reports need no Qt.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.atomic import write_atomic
from .offscreen import application

if TYPE_CHECKING:
    from PySide6.QtGui import QTextBlock, QTextDocument


class PdfError(Exception):
    """A PDF could not be made; the message is one line for the user."""


def write_pdf(html_text: str, output: Path, title: str) -> None:
    """Lay the HTML out on A4 and write a PDF, atomically (temporary name, then rename).

    Works without a display: with no QGuiApplication yet, one is made on the
    ``offscreen`` platform (fonts need a GUI application; a window does not).
    """
    try:
        from PySide6.QtCore import QMarginsF, QSizeF
        from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
    except ImportError as error:
        raise PdfError(f"PDF needs PySide6 ({error}); write .html or .md instead") from None
    app = application()
    partial = output.with_name(f".{output.name}.partial")
    writer = QPdfWriter(os.fspath(partial))
    writer.setTitle(title)
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
    keep_headings_with_text(document)
    document.print_(writer)
    del writer  # the PDF is finished when the writer goes away
    try:
        data = partial.read_bytes()
    finally:
        partial.unlink(missing_ok=True)
    if not data.startswith(b"%PDF"):
        raise PdfError(f"{output}: Qt did not produce a PDF")
    write_atomic(output, data)
    del app


def keep_headings_with_text(document: QTextDocument) -> int:
    """Break before each heading that would end a page apart from its text; returns how many.

    Runs of headings ("Events" then the first event's title) move as one. One
    pass in document order is enough: a break only moves what follows it.
    """
    from PySide6.QtGui import QTextBlockFormat, QTextCursor

    page = document.pageSize().height()
    if page <= 0:
        return 0
    # A full layout before measuring, and again at the end: measuring a half-done
    # incremental layout and then editing it left Qt printing only the pages laid
    # out so far.  (Laying out again after every break gave the same pages, at
    # twice the time for a long report.)
    document.pageCount()
    moved = 0
    block = document.begin()
    while block.isValid():
        if not _is_heading(block) or _is_heading(block.previous()):
            block = block.next()
            continue
        text = block.next()
        while text.isValid() and _is_heading(text):
            text = text.next()
        if text.isValid() and _first_line_page(document, block, page) != \
                _first_line_page(document, text, page):
            cursor = QTextCursor(block)
            breaking = QTextBlockFormat()
            breaking.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            cursor.mergeBlockFormat(breaking)
            moved += 1
        block = text if text.isValid() else block.next()
    document.pageCount()
    return moved


def _is_heading(block: QTextBlock) -> bool:
    return block.isValid() and block.blockFormat().headingLevel() > 0


def _first_line_page(document: QTextDocument, block: QTextBlock, page: float) -> int:
    """The page a block's first line is printed on; the layout moves a line that
    would cross a page's foot to the next page, so its middle says which page."""
    top = document.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    if layout is not None and layout.lineCount() > 0:
        line = layout.lineAt(0)
        return int((top + line.y() + line.height() / 2) // page)
    return int(top // page)
