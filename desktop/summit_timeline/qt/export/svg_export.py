"""SVG export: vector shapes, and titles and dates as ``<text>`` that can be searched and edited.

Qt names only the one font family it drew with; a browser or slide tool that
lacks it falls back to a serif.  The text therefore names a list of families
every one of them knows, starting with the one the PNG uses.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QFont, QFontInfo, QPainter
from PySide6.QtSvg import QSvgGenerator

from ...scene.palette import PAPER, Palette
from ...scene.scene import Scene
from ...scene.snapshot import Snapshot
from ..paint.fonts import SVG_DPI, font_list
from .image_export import check_size, page_font
from .output import ExportError, memory_device, save_bytes
from .timeline_page import paint_timeline_page

__all__ = ["SVG_DPI", "export_svg", "font_list", "render_svg"]


def render_svg(snap: Snapshot, width: int, height: int, scale: float | None = None, *,
               x_range: tuple[float, float] | None = None, font: QFont | None = None,
               palette: Palette = PAPER, plot_size: tuple[float, float] | None = None,
               closed: bool = True,
               ) -> tuple[bytes, Scene]:
    check_size(width, height, "drawing")
    buffer = memory_device()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(SVG_DPI)  # the declared size in mm follows from it
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(snap.title)
    generator.setDescription("Summit Timeline export")
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError("cannot start the SVG drawing")
    font = font or page_font(height, scale)
    try:
        scene = paint_timeline_page(painter, QRectF(0, 0, width, height), snap, palette,
                                    x_range or snap.extent(), font, plot_size=plot_size,
                                    closed=closed)
    finally:
        painter.end()
    return font_list(bytes(buffer.data().data()), QFontInfo(font).family()), scene


def export_svg(snap: Snapshot, path: str | os.PathLike[str], *, width: int = 1920,
               height: int = 1080, scale: float | None = None,
               x_range: tuple[float, float] | None = None, font: QFont | None = None,
               palette: Palette = PAPER, plot_size: tuple[float, float] | None = None,
               closed: bool = True) -> Scene:
    """Write ``snap`` as SVG with a ``width``×``height`` view box; raises ExportError.

    Returns the scene painted: the one the window paints for the same view and font."""
    data, scene = render_svg(snap, width, height, scale, x_range=x_range, font=font,
                             palette=palette, plot_size=plot_size, closed=closed)
    save_bytes(path, data)
    return scene
