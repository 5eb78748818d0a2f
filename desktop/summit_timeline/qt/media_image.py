"""Decode an event's local image for the detail pane, a slide or the handout.

``core.media_files`` has already refused what must not be decoded (too many
pixels, a file cut short, an SVG that reaches outside itself); here Qt does
the decoding, with its own allocation limit as a second fence, scaled down
while reading so a large photograph never lives in memory at full size.  A
failure is a placeholder with a reason, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

from ..core.media_files import CheckedImage, MediaProblem, check_image

ALLOCATION_LIMIT_MB = 256


@dataclass(frozen=True)
class ShownImage:
    image: QImage | None
    """None when the placeholder is shown instead."""
    problem: str = ""


def load_image(path: Path, fit: QSize) -> ShownImage:
    """The image at ``path`` scaled to fit within ``fit`` (never enlarged)."""
    try:
        checked = check_image(path)
    except MediaProblem as problem:
        return ShownImage(None, str(problem))
    if checked.kind == "svg":
        return _render_svg(checked, fit)
    return _decode_raster(checked, fit)


def _decode_raster(checked: CheckedImage, fit: QSize) -> ShownImage:
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    data = QByteArray(checked.data)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, checked.kind.encode())
    reader.setAutoTransform(True)  # a camera's rotation flag, as viewers honour it
    size = QSize(checked.width, checked.height)
    if size.width() > fit.width() or size.height() > fit.height():
        reader.setScaledSize(size.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    buffer.close()
    if image.isNull():
        return ShownImage(None, f"{checked.path}: the image cannot be decoded "
                                f"({reader.errorString()})")
    return ShownImage(image)


def _render_svg(checked: CheckedImage, fit: QSize) -> ShownImage:
    renderer = QSvgRenderer(QByteArray(checked.data))  # from bytes: no base for relative paths
    if not renderer.isValid():
        return ShownImage(None, f"{checked.path}: the SVG cannot be drawn")
    natural = renderer.defaultSize()
    if natural.isEmpty():
        natural = fit
    size = natural.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio) \
        if natural.width() > fit.width() or natural.height() > fit.height() else natural
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return ShownImage(image)
