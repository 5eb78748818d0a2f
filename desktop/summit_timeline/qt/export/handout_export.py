"""The slides handout: a PDF with a title page and one page per event, as presented.

Each page is drawn by the presenter's own ``SlidePainter`` on light paper,
so what the audience takes home matches what they saw, with its sources,
pictures and map insets; it has the deck's pages, title slide first.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from ...scene import camera
from ...scene.deck import Deck
from ...scene.palette import PAPER
from ...scene.snapshot import Snapshot
from ..paint.slide_painter import SlidePainter
from .output import ExportError, memory_device, save_bytes
from .pdf_pages import PAPERS, pdf_writer

HANDOUT_PRINT = 0.7
"""Text on a handout page may shrink to 70% of the smallest a projector shows (about
8 points on A4): read in the hand, a page keeps whole summaries beside their quotes."""


def render_handout(data: Snapshot, *, paper: str = "a4",
                   timeline_file: str | os.PathLike[str] | None = None,
                   problems: list[str] | None = None) -> bytes:
    """The handout's bytes; ``problems`` collects the images shown as placeholders."""
    if paper.lower() not in PAPERS:
        raise ExportError(f"unknown paper {paper!r} (use {' or '.join(PAPERS)})")
    deck = Deck.build(data, title_slide=True)
    buffer = memory_device()
    writer = pdf_writer(buffer, paper, f"{data.title} — handout")
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("cannot start the PDF document")
    rect = QRectF(0, 0, writer.width(), writer.height())
    slides = SlidePainter(deck, PAPER, source_lines=3, small_print=HANDOUT_PRINT,
                          timeline_file=os.fspath(timeline_file) if timeline_file else None)
    try:
        for step in range(len(deck)):
            if step:
                writer.newPage()
            slides.paint(painter, rect, step, camera.framing(deck, step))
    finally:
        painter.end()
    if problems is not None:
        problems.extend(slides.problems)
    return bytes(buffer.data().data())


def export_handout(data: Snapshot, path: str | os.PathLike[str], *, paper: str = "a4",
                   timeline_file: str | os.PathLike[str] | None = None) -> list[str]:
    """Write the handout PDF (1 title page + 1 page per shown event: the deck presenting
    ``data`` shows); raises ExportError.  Returns why images were shown as placeholders
    (media are found relative to ``timeline_file``)."""
    problems: list[str] = []
    save_bytes(path, render_handout(data, paper=paper, timeline_file=timeline_file,
                                    problems=problems))
    return problems
