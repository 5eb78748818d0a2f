"""One slide as a PNG or SVG file, drawn by the very painter that put it on screen.

"Export this slide" from the presenter hands over its own ``SlidePainter``,
the slide's step, the strip's range and the screen's size, so the file is the
picture the audience saw (the speaker's notes are never in it).  The window's
"Export this slide…" builds the same painter the presenter would.  Lives here,
beside the painters, because the presenter and the exports may not import
each other.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QFontInfo, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from ...core.atomic import write_atomic
from .fonts import SVG_DPI, font_list, sans_font
from .slide_painter import SlidePainter

SLIDE_FORMATS = (".png", ".svg")


class SlideExportError(Exception):
    """The slide could not be written; ``str()`` names the file and the reason."""


def slide_image(slides: SlidePainter, step: int, size: QSize,
                strip_range: tuple[float, float]) -> QImage:
    image = QImage(size, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        slides.paint(painter, QRectF(0, 0, size.width(), size.height()), step, strip_range)
    finally:
        painter.end()
    return image


def slide_svg(slides: SlidePainter, step: int, size: QSize,
              strip_range: tuple[float, float]) -> bytes:
    buffer = QBuffer()
    buffer.setData(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(SVG_DPI)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(slides.deck.data.title)
    generator.setDescription("Summit Timeline slide")
    painter = QPainter()
    if not painter.begin(generator):
        raise SlideExportError("cannot start the SVG drawing")
    try:
        slides.paint(painter, QRectF(0, 0, size.width(), size.height()), step, strip_range)
    finally:
        painter.end()
    return font_list(bytes(buffer.data().data()), QFontInfo(sans_font(12)).family())


def save_slide(path: str | os.PathLike[str], slides: SlidePainter, step: int, size: QSize,
               strip_range: tuple[float, float]) -> Path:
    """Write slide ``step`` at ``size`` as PNG or SVG (by the suffix); raises
    ``SlideExportError``."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SLIDE_FORMATS:
        raise SlideExportError(f"{target.name}: choose a .png or .svg file name")
    if suffix == ".svg":
        data = slide_svg(slides, step, size, strip_range)
    else:
        buffer = QBuffer()
        buffer.setData(QByteArray())
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not slide_image(slides, step, size, strip_range).save(buffer, "PNG"):
            raise SlideExportError(f"cannot encode {target} as PNG")
        data = bytes(buffer.data().data())
    if not target.parent.is_dir():
        raise SlideExportError(f"cannot write {target}: folder {target.parent} does not exist")
    try:
        write_atomic(target, data)
    except OSError as error:
        raise SlideExportError(f"cannot write {target}: {error.strerror or error}") \
            from error
    return target
