"""PDF export of the timeline: one page that fits it all, or the date range split over N pages.

Splitting keeps the scale readable for long timelines on paper; each page
says which part of the range it holds.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from ...scene.palette import PAPER
from ...scene.snapshot import Snapshot
from ..paint.fonts import sans_font
from .output import ExportError, memory_device, save_bytes
from .pdf_pages import PAPERS, pdf_writer
from .timeline_page import paint_timeline_page

PAGE_UNIT = 11.0
"""Label height on paper in 1/96 inch: about 8 pt."""
MAX_PAGES = 200


def split_range(lo: float, hi: float, pages: int) -> list[tuple[float, float]]:
    """``pages`` equal, touching parts of [lo, hi)."""
    step = (hi - lo) / pages
    return [(lo + k * step, lo + (k + 1) * step) for k in range(pages)]


def render_pdf(snap: Snapshot, *, paper: str = "a4", pages: int = 1) -> bytes:
    if paper.lower() not in PAPERS:
        raise ExportError(f"unknown paper {paper!r} (use {' or '.join(PAPERS)})")
    if not 1 <= pages <= MAX_PAGES:
        raise ExportError(f"pages must be 1…{MAX_PAGES}, not {pages}")
    buffer = memory_device()
    writer = pdf_writer(buffer, paper, snap.title)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("cannot start the PDF document")
    rect = QRectF(0, 0, writer.width(), writer.height())
    parts = split_range(*snap.extent(), pages)
    font = sans_font(PAGE_UNIT)
    try:
        for k, part in enumerate(parts):
            if k:
                writer.newPage()
            note = f"page {k + 1} of {pages}" if pages > 1 else ""
            paint_timeline_page(painter, rect, snap, PAPER, part, font, note)
    finally:
        painter.end()
    return bytes(buffer.data().data())


def export_pdf(snap: Snapshot, path: str | os.PathLike[str], *, paper: str = "a4",
               pages: int = 1) -> None:
    """Write a vector PDF, landscape ``paper``, over ``pages`` pages; raises ExportError."""
    save_bytes(path, render_pdf(snap, paper=paper, pages=pages))
