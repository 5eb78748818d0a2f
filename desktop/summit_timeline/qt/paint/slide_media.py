"""An event's picture on a slide or handout page: decoded once per size, or a placeholder.

The file is checked and decoded by ``qt.media_image`` (size limits, truncated
files, self-contained SVG), scaled to the box it goes in.  Whatever goes
wrong, the slide still draws: a card in the image's place says what the
picture shows (its alt text) and why it is not there, and the reason is kept
in ``problems`` for the handout's warnings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ...core.media_files import is_image_name, resolve
from ...core.model import Media
from ..media_image import ShownImage, load_image
from . import text_block

_CACHE = 16


def slide_image(media: tuple[Media, ...]) -> Media | None:
    """The event's first local image: the one a slide shows large."""
    return next((m for m in media if m.file and is_image_name(m.file)), None)


class SlideImages:
    """Images of a deck's events, relative to the timeline file they come from."""

    def __init__(self, timeline_file: str | Path | None) -> None:
        self.timeline_file = timeline_file
        self.problems: list[str] = []
        """Why images were not shown, once each (for warnings)."""
        self._cache: dict[tuple[str, int, int], ShownImage] = {}

    def shown(self, media: Media, size: QSize) -> ShownImage:
        key = (media.file, size.width(), size.height())
        got = self._cache.get(key)
        if got is None:
            path = resolve(self.timeline_file, media.file)
            got = ShownImage(None, f"{media.file}: not a file next to the timeline (only "
                                   "relative paths are shown)") if path is None \
                else load_image(path, size)
            if len(self._cache) >= _CACHE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = got
            if got.problem and got.problem not in self.problems:
                self.problems.append(got.problem)
        return got


def paint_image(painter: QPainter, box: QRectF, shown: ShownImage, media: Media,
                text: QColor, muted: QColor, card: QColor, h: float) -> QRectF:
    """The image centred in ``box`` (or the placeholder filling it); returns where it went."""
    image = shown.image
    if image is not None and not image.isNull():
        size = image.size().toSizeF()
        ratio = min(box.width() / max(size.width(), 1.0), box.height() / max(size.height(), 1.0),
                    1.0 if size.width() >= box.width() * 0.5 else 2.0)
        w, h_img = size.width() * ratio, size.height() * ratio
        where = QRectF(box.left() + (box.width() - w) / 2, box.top(), w, h_img)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(where, image)
        painter.restore()
        return where
    painter.save()
    painter.setPen(QPen(muted, max(1.0, h / 500), Qt.PenStyle.DashLine))
    painter.setBrush(card)
    painter.drawRoundedRect(box, h * 0.01, h * 0.01)
    pad = h * 0.02
    inner = box.adjusted(pad, pad, -pad, -pad)
    used = text_block.draw_in(painter, inner, "Image not shown", h / 40, text,
                              min_size=h / 60, max_lines=1, bold=True)
    if media.alt:
        used += text_block.draw_in(painter, QRectF(inner.left(), inner.top() + used,
                                                   inner.width(), inner.height() * 0.45),
                                   media.alt, h / 48, text, min_size=h / 64, max_lines=3)
    reason = shown.problem.split(": ", 1)[-1] if shown.problem else "cannot be shown"
    text_block.draw_in(painter, QRectF(inner.left(), inner.top() + used + h * 0.006,
                                       inner.width(), inner.bottom() - inner.top() - used),
                       reason, h / 54, muted, min_size=h / 70, max_lines=3)
    painter.restore()
    return QRectF(box)


def paint_caption(painter: QPainter, origin: QPointF, width: float, height: float,
                  media: Media, text: QColor, muted: QColor, h: float) -> float:
    """Caption, then credit, under the image; returns the height used."""
    used = 0.0
    if media.caption:
        used += text_block.draw_in(painter, QRectF(origin.x(), origin.y(), width, height * 0.7),
                                   media.caption, h / 46, text, min_size=h / 62, max_lines=2)
    if media.credit:
        used += text_block.draw_in(painter, QRectF(origin.x(), origin.y() + used, width,
                                                   max(height - used, 1.0)),
                                   media.credit, h / 56, muted, min_size=h / 70, max_lines=1)
    return used


def caption_height(media: Media, h: float) -> float:
    """Room kept under an image for its caption and credit."""
    return (h * 0.055 if media.caption else 0.0) + (h * 0.025 if media.credit else 0.0)
