"""The slide painter's strip keeps every label on the slide, the current event's included."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from pytestqt.qtbot import QtBot

from summit_timeline.core.model import Timeline
from summit_timeline.qt.paint.slide_painter import SlidePainter
from summit_timeline.scene import camera
from summit_timeline.scene.deck import Deck
from summit_timeline.scene.palette import PAPER, PROJECTOR
from summit_timeline.scene.snapshot import Snapshot, file_day


def test_strip_labels_stay_on_the_page_next_to_the_kazan_bars(qtbot: QtBot,
                                                              timeline: Timeline) -> None:
    """Handout page 16 and the presenter strip: labels go left or get an ellipsis, never cut."""
    data = Snapshot.build(timeline, knowledge_day=file_day(timeline))
    deck = Deck.build(data, title_slide=True)
    for size, palette in (((1123, 794), PAPER), ((1280, 720), PROJECTOR),
                          ((3840, 2160), PROJECTOR)):
        slides = SlidePainter(deck, palette)
        image = QImage(*size, QImage.Format.Format_RGB32)
        for step in range(len(deck)):
            painter = QPainter(image)
            slides.paint(painter, QRectF(0, 0, *size), step, camera.framing(deck, step))
            painter.end()
            strip, origin = slides.strip, slides.strip_origin
            assert strip is not None and strip.labels
            margin = min(size[1] * 0.05, size[0] * 0.04)  # the slide's own side margins
            scale = slides.scale  # the strip's scene is in layout pixels
            for label in strip.labels:
                assert origin.x() + label.rect[0] * scale >= margin - 0.5, (size, step)
                assert origin.x() + label.rect[2] * scale <= size[0] - margin + 0.5, (size, step)
            if step > 0:  # every event slide labels its own event, in full, status included
                current = [label for label in strip.labels if label.current]
                assert [label.position for label in current] == [deck.steps[step]], (size, step)
                status = data.status(deck.steps[step])
                if status != "held":
                    assert current[0].text.endswith(f"({status})")
