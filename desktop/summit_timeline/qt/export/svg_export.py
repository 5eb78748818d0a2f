"""SVG export: vector shapes, and titles and dates as ``<text>`` that can be searched and edited."""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from ...scene.snapshot import TimelineData
from .image_export import BASE_UNIT, MAX_SIDE, auto_scale
from .look import paper_look
from .output import ExportError, memory_device, save_bytes
from .timeline_page import paint_timeline_page

SVG_DPI = 96
"""CSS pixels per inch: 1920×1080 declares 508 × 285.75 mm and opens at its pixel size."""


def render_svg(data: TimelineData, width: int, height: int, scale: float | None = None) -> bytes:
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise ExportError(f"drawing size {width}×{height} is outside 1…{MAX_SIDE} pixels")
    buffer = memory_device()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(SVG_DPI)  # the declared size in mm follows from it
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(data.timeline.title)
    generator.setDescription("Summit Timeline export")
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError("cannot start the SVG drawing")
    unit = BASE_UNIT * (scale if scale else auto_scale(height))
    try:
        paint_timeline_page(painter, QRectF(0, 0, width, height), data, paper_look(),
                            data.extent(), unit)
    finally:
        painter.end()
    return bytes(buffer.data().data())


def export_svg(data: TimelineData, path: str | os.PathLike[str], *, width: int = 1920,
               height: int = 1080, scale: float | None = None) -> None:
    """Write ``data`` as SVG with a ``width``×``height`` view box; raises ExportError."""
    save_bytes(path, render_svg(data, width, height, scale))
