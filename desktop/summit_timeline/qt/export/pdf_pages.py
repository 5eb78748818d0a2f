"""PDF page setup shared by timeline and handout exports: A4 or Letter, landscape.

Pages are laid out in "pixels" of a 96-dpi page, so a unit means the same on
paper as on a screen at 100 %, and the text stays vector text.
"""

from __future__ import annotations

from typing import Final, Literal

from PySide6.QtCore import QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

PaperName = Literal["a4", "letter"]
PAPERS: Final[dict[str, QPageSize.PageSizeId]] = {
    "a4": QPageSize.PageSizeId.A4,
    "letter": QPageSize.PageSizeId.Letter,
}
RESOLUTION: Final = 96


def pdf_writer(device: QIODevice, paper: str, title: str) -> QPdfWriter:
    """A landscape, margin-less writer; the page content draws its own margins."""
    writer = QPdfWriter(device)
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(PAPERS[paper.lower()]))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(title)
    writer.setCreator("Summit Timeline")
    return writer
