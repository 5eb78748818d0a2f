"""The slides handout: a PDF with a title page and one page per event, as presented.

Each page is drawn by the presenter's own ``SlidePainter`` on light paper,
so what the audience takes home matches what they saw, with its sources.
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


def render_handout(data: Snapshot, *, paper: str = "a4") -> bytes:
    if paper.lower() not in PAPERS:
        raise ExportError(f"unknown paper {paper!r} (use {' or '.join(PAPERS)})")
    deck = Deck.build(data, title_slide=True)
    buffer = memory_device()
    writer = pdf_writer(buffer, paper, f"{data.timeline.title} — handout")
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("cannot start the PDF document")
    rect = QRectF(0, 0, writer.width(), writer.height())
    slides = SlidePainter(deck, PAPER, source_lines=4)
    try:
        for step in range(len(deck)):
            if step:
                writer.newPage()
            slides.paint(painter, rect, step, camera.framing(deck, step))
    finally:
        painter.end()
    return bytes(buffer.data().data())


def export_handout(data: Snapshot, path: str | os.PathLike[str], *,
                   paper: str = "a4") -> None:
    """Write the handout PDF (1 title page + 1 page per shown event); raises ExportError."""
    save_bytes(path, render_handout(data, paper=paper))
