"""Slides, the handout and exports as known on a day say nothing of the years after it.

As known on 3 July 2024 (the file's opening view) the title slide read "Putin–Xi
meetings, 2013–2025" over a description ending "…the Beijing commemorations of
September 2025", and every slide's running header and the handout repeated it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from pytestqt.qtbot import QtBot

from summit_timeline.core.day_numbers import day_number
from summit_timeline.core.model import Timeline
from summit_timeline.qt.export import export_svg
from summit_timeline.qt.export.handout_export import render_handout
from summit_timeline.qt.paint.slide_painter import SlidePainter
from summit_timeline.qt.present import build_deck
from summit_timeline.scene import camera
from summit_timeline.scene.palette import PROJECTOR
from summit_timeline.scene.slide_content import TitleContent
from summit_timeline.scene.snapshot import Snapshot

KNOWN_TITLE = "Putin–Xi meetings, 2013–2024"


def test_every_slide_is_headed_with_the_title_known_then(qtbot: QtBot,
                                                         timeline: Timeline) -> None:
    deck = build_deck(timeline)
    slides = SlidePainter(deck, PROJECTOR)
    image = QImage(1280, 720, QImage.Format.Format_RGB32)
    for step in range(len(deck)):
        painter = QPainter(image)
        slides.paint(painter, QRectF(0, 0, 1280, 720), step, camera.framing(deck, step))
        painter.end()
        assert slides.lines["header"][0] == KNOWN_TITLE, step
    title = slides.content(0)
    assert isinstance(title, TitleContent)
    assert title.title == KNOWN_TITLE
    assert "2025" not in title.description and "September" not in title.description
    assert title.description.startswith("The record as known on 3 Jul 2024: 63 events")


def test_the_handout_and_an_export_say_nothing_of_later_years(
        qtbot: QtBot, timeline: Timeline, tmp_path: Path) -> None:
    deck = build_deck(timeline)
    reader = pypdf.PdfReader(io.BytesIO(render_handout(deck.data)))
    assert reader.metadata is not None and KNOWN_TITLE in str(reader.metadata.title)
    for number, page in enumerate(reader.pages):
        text = " ".join(page.extract_text().split())
        assert KNOWN_TITLE in text, number
        assert not any(later in text for later in ("2013–2025", "September 2025")), number
    svg = tmp_path / "may-2014.svg"
    export_svg(Snapshot.build(timeline, knowledge_day=day_number(2014, 5, 17)), svg)
    text = svg.read_text(encoding="utf-8")
    assert "Putin–Xi meetings, 2013–2014" in text and "2013–2025" not in text
    everything = tmp_path / "all.svg"
    export_svg(Snapshot.build(timeline, knowledge_day=None), everything)
    assert "Putin–Xi meetings, 2013–2025" in everything.read_text(encoding="utf-8")
