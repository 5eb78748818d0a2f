"""PNG export: the timeline page at an exact pixel size.

``scale`` enlarges text and lines, not the canvas: 3840×2160 at scale 2
looks like a crisp 1920×1080 slide, which is what people paste into decks.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QImage, QPainter

from ...scene.palette import PAPER, Palette
from ...scene.scene import Scene
from ...scene.snapshot import Snapshot
from ..paint.fonts import sans_font
from ..paint.shapes import qcolor
from .output import ExportError, memory_device, save_bytes
from .timeline_page import paint_timeline_page

BASE_UNIT = 15.0
"""Label text height in pixels at scale 1 (a 1080-pixel-high image)."""
MAX_SIDE = 16384


def auto_scale(height: int) -> float:
    """Text that reads the same share of the picture at any height."""
    return max(0.75, height / 1080)


def page_font(height: int, scale: float | None) -> QFont:
    return sans_font(BASE_UNIT * (scale if scale else auto_scale(height)))


def check_size(width: int, height: int, what: str) -> None:
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise ExportError(f"{what} size {width}×{height} is outside 1…{MAX_SIDE} pixels")


def render_image(snap: Snapshot, width: int, height: int, scale: float | None = None, *,
                 palette: Palette = PAPER, x_range: tuple[float, float] | None = None,
                 font: QFont | None = None,
                 plot_size: tuple[float, float] | None = None,
                 closed: bool = True) -> tuple[QImage, Scene]:
    """The page as an image, and the scene painted on it."""
    check_size(width, height, "image")
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(qcolor(palette.background))
    painter = QPainter(image)
    try:
        scene = paint_timeline_page(painter, QRectF(0, 0, width, height), snap, palette,
                                    x_range or snap.extent(), font or page_font(height, scale),
                                    plot_size=plot_size, closed=closed)
    finally:
        painter.end()  # an active painter outliving its device crashes Qt
    return image, scene


def export_png(snap: Snapshot, path: str | os.PathLike[str], *, width: int = 1920,
               height: int = 1080, scale: float | None = None,
               x_range: tuple[float, float] | None = None, font: QFont | None = None,
               palette: Palette = PAPER, plot_size: tuple[float, float] | None = None,
               closed: bool = True) -> Scene:
    """Write ``snap`` as a PNG of exactly ``width``×``height`` pixels; raises ExportError.

    Returns the scene painted: the one the window paints for the same view and font."""
    image, scene = render_image(snap, width, height, scale, palette=palette, x_range=x_range,
                                font=font, plot_size=plot_size, closed=closed)
    buffer = memory_device()
    if not image.save(buffer, "PNG"):
        raise ExportError(f"cannot encode {path} as PNG")
    save_bytes(path, bytes(buffer.data().data()))
    return scene
