"""``export --map``: the map alone, as PNG, SVG or PDF, with a heading that says what it shows.

A map that travels without its window carries its context like a timeline
export does: the title, the knowledge date, how many events at how many
places, and the route; the outlines' source is credited in the corner.  The
map is the same scene the Map dock paints, fitted to the places shown.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF, QImage, QPaintDevice, QPainter
from PySide6.QtSvg import QSvgGenerator

from ...scene.build import Look
from ...scene.map_build import MapBuilder, MapStory, shown_sites
from ...scene.map_camera import fit_view
from ...scene.map_scene import MapScene
from ...scene.palette import PAPER, Palette
from ...scene.snapshot import Snapshot
from ..paint.fonts import SVG_DPI, FontMeasure, font_list, sans_font
from ..paint.map_painter import MapPainter
from ..paint.shapes import qcolor
from .image_export import check_size, page_font
from .output import ExportError, memory_device, save_bytes
from .pdf_pages import PAPERS, pdf_writer


def paint_map_page(painter: QPainter, rect: QRectF, snap: Snapshot, palette: Palette,
                   font: QFont) -> MapScene:
    """Fill ``rect`` with the heading and the map of ``snap``; returns the map scene."""
    unit = float(QFontInfo(font).pixelSize())
    margin = unit * 1.6
    title_font = sans_font(unit * 1.7, bold=True, base=font)
    title_m, sub_m = QFontMetricsF(title_font), QFontMetricsF(font)
    heading = title_m.height() + unit * 0.3 + sub_m.height() + unit * 1.0
    inner = rect.adjusted(margin, margin, -margin, -margin)
    area = QRectF(inner.left(), inner.top() + heading, inner.width(),
                  max(inner.height() - heading, 1.0))
    view = fit_view(shown_sites(snap), area.width(), area.height())
    scene = MapBuilder().build(snap, view, Look(palette, FontMeasure(font)),
                               MapStory(title=f"{snap.title}: where"))
    painter.save()
    painter.fillRect(rect, qcolor(palette.background))
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(qcolor(palette.text))
    painter.setFont(title_font)
    painter.drawText(QPointF(inner.left(), inner.top() + title_m.ascent()),
                     title_m.elidedText(scene.title, Qt.TextElideMode.ElideRight,
                                        inner.width()))
    painter.setFont(font)
    painter.setPen(qcolor(palette.muted))
    top = inner.top() + title_m.height() + unit * 0.3
    painter.drawText(QPointF(inner.left(), top + sub_m.ascent()),
                     sub_m.elidedText(scene.subtitle, Qt.TextElideMode.ElideRight,
                                      inner.width()))
    MapPainter(font).paint(painter, scene, area.topLeft(), frame_line=True)
    painter.restore()
    return scene


def _paint(device: QPaintDevice, rect: QRectF, snap: Snapshot, palette: Palette,
           font: QFont) -> MapScene:
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("cannot start drawing the map")
    try:
        return paint_map_page(painter, rect, snap, palette, font)
    finally:
        painter.end()


def export_map(snap: Snapshot, path: str | os.PathLike[str], *, width: int = 1920,
               height: int = 1080, scale: float | None = None, paper: str = "a4",
               palette: Palette = PAPER) -> MapScene:
    """Write the map of ``snap`` as PNG, SVG or PDF (by the suffix); raises ExportError."""
    suffix = os.fspath(path).lower().rsplit(".", 1)[-1]
    if suffix == "pdf":
        if paper.lower() not in PAPERS:
            raise ExportError(f"unknown paper {paper!r} (use {' or '.join(PAPERS)})")
        buffer = memory_device()
        writer = pdf_writer(buffer, paper, f"{snap.title}: map")
        font = page_font(int(writer.height()), None)
        scene = _paint(writer, QRectF(0, 0, writer.width(), writer.height()), snap, palette,
                       font)
        save_bytes(path, bytes(buffer.data().data()))
        return scene
    check_size(width, height, "map")
    font = page_font(height, scale)
    if suffix == "svg":
        buffer = memory_device()
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setResolution(SVG_DPI)
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRectF(0, 0, width, height))
        generator.setTitle(f"{snap.title}: map")
        generator.setDescription("Summit Timeline map export")
        scene = _paint(generator, QRectF(0, 0, width, height), snap, palette, font)
        save_bytes(path, font_list(bytes(buffer.data().data()), QFontInfo(font).family()))
        return scene
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(qcolor(palette.background))
    scene = _paint(image, QRectF(0, 0, width, height), snap, palette, font)
    buffer = memory_device()
    if not image.save(buffer, "PNG"):
        raise ExportError(f"cannot encode {path} as PNG")
    save_bytes(path, bytes(buffer.data().data()))
    return scene
