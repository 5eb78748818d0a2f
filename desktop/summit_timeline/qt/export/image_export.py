"""PNG export: the timeline page at an exact pixel size.

``scale`` enlarges text and lines, not the canvas: 3840×2160 at scale 2
looks like a crisp 1920×1080 slide, which is what people paste into decks.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from ...scene.snapshot import TimelineData
from .look import Look, paper_look
from .output import ExportError, memory_device, save_bytes
from .timeline_page import paint_timeline_page

BASE_UNIT = 15.0
"""Label text height in pixels at scale 1 (a 1080-pixel-high image)."""
MAX_SIDE = 16384


def auto_scale(height: int) -> float:
    """Text that reads the same share of the picture at any height."""
    return max(0.75, height / 1080)


def render_image(data: TimelineData, width: int, height: int, scale: float | None = None,
                 look: Look | None = None) -> QImage:
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise ExportError(f"image size {width}×{height} is outside 1…{MAX_SIDE} pixels")
    look = look or paper_look()
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(look.background)
    painter = QPainter(image)
    unit = BASE_UNIT * (scale if scale else auto_scale(height))
    try:
        paint_timeline_page(painter, QRectF(0, 0, width, height), data, look, data.extent(),
                            unit)
    finally:
        painter.end()  # an active painter outliving its device crashes Qt
    return image


def export_png(data: TimelineData, path: str | os.PathLike[str], *, width: int = 1920,
               height: int = 1080, scale: float | None = None) -> None:
    """Write ``data`` as a PNG of exactly ``width``×``height`` pixels; raises ExportError."""
    image = render_image(data, width, height, scale)
    buffer = memory_device()
    if not image.save(buffer, "PNG"):
        raise ExportError(f"cannot encode {path} as PNG")
    save_bytes(path, bytes(buffer.data().data()))
