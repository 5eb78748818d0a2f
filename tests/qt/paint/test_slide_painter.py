"""The slide painter's strip keeps every label on the page."""

from __future__ import annotations

from summit_timeline.core.model import Timeline
from summit_timeline.scene.snapshot import TimelineData, file_day


def test_strip_labels_stay_on_the_page_next_to_the_kazan_bars(qtbot, timeline: Timeline) -> None:  # type: ignore[no-untyped-def]
    """Handout page 16 and the presenter strip: labels go left or get an ellipsis, never cut."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from summit_timeline.qt.export.look import paper_look, projector_look
    from summit_timeline.qt.paint.slide_painter import SlidePainter
    from summit_timeline.scene import camera
    from summit_timeline.scene.deck import Deck

    data = TimelineData.build(timeline, knowledge_day=file_day(timeline))
    deck = Deck.build(data, title_slide=True)
    for size, look in (((1123, 794), paper_look()), ((1280, 720), projector_look()),
                       ((3840, 2160), projector_look())):
        slides = SlidePainter(deck, look)
        image = QImage(*size, QImage.Format.Format_RGB32)
        for step in range(len(deck)):
            painter = QPainter(image)
            slides.paint(painter, QRectF(0, 0, *size), step, camera.framing(deck, step))
            painter.end()
            labelled = [p for p in slides.strip.placed if p.label is not None]
            margin = min(size[1] * 0.05, size[0] * 0.04)  # the slide's own side margins
            for placed in labelled:
                label = placed.label
                assert label is not None
                assert label.left() >= margin - 0.5, (size, step)
                assert label.right() <= size[0] - margin + 0.5, (size, step)
            if step == len(deck) - 1:  # BRICS in Kazan: both October bars keep a label
                kazan = {p.position for p in labelled}
                assert deck.steps[step] in kazan
