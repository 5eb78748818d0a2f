"""Slide text is never cut inside a word: summaries end at a sentence, credits are whole.

A presenter saw the Astana summary stop at "…Kre…", a figure's credit at "stated by
Dm…" and the title slide's description at "bot…"; the handout kept two lines of the
Astana summary.  Each slide of the bundled deck is painted at the sizes projectors
have, and every text part is read back as drawn.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pypdf
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from pytestqt.qtbot import QtBot

from summit_timeline.core.model import Timeline
from summit_timeline.qt.export.handout_export import render_handout
from summit_timeline.qt.paint import text_block
from summit_timeline.qt.paint.fonts import sans_font
from summit_timeline.qt.paint.slide_painter import SlidePainter
from summit_timeline.qt.present import build_deck
from summit_timeline.scene import camera
from summit_timeline.scene.palette import PAPER, PROJECTOR
from summit_timeline.scene.slide_content import SlideContent, TitleContent

TEXT_PARTS = ("title", "place", "people", "summary", "quote", "figure", "sources", "online")
ASTANA = "putin-xi-2024-07-03-astana"


def _words(text: str) -> str:
    return " ".join(text.split())


def _told(lines: tuple[str, ...]) -> str:
    """Lines as one text: a line broken after a hyphen joins without a space."""
    out = ""
    for line in lines:
        out += line if not out or out.endswith(("-", "–")) else " " + line
    return _words(out)


def _paint(slides: SlidePainter, step: int, size: tuple[int, int]) -> None:
    image = QImage(*size, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    slides.paint(painter, QRectF(0, 0, *size), step, camera.framing(slides.deck, step))
    painter.end()


def _whole_or_whole_sentences(shown: str, full: str) -> bool:
    return shown == full or (full.startswith(shown) and shown.endswith((".", "!", "?", "”")))


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160)],
                         ids=["720p", "1080p", "4k"])
def test_no_slide_text_is_cut_inside_a_word(qtbot: QtBot, timeline: Timeline,
                                            size: tuple[int, int]) -> None:
    deck = build_deck(timeline)
    for palette in (PROJECTOR, PAPER):
        slides = SlidePainter(deck, palette)
        for step in range(len(deck)):
            _paint(slides, step, size)
            where = (palette.name, size, step)
            for part in TEXT_PARTS:
                for line in slides.lines.get(part, ()):
                    assert not line.endswith("…"), (where, part, line)
            content = slides.content(step)
            shown = _told(slides.lines["summary"])
            if isinstance(content, TitleContent):
                assert _whole_or_whole_sentences(shown, _words(content.description)), where
                continue
            assert isinstance(content, SlideContent)
            assert _whole_or_whole_sentences(shown, _words(content.summary)), (where, shown)
            if "figure" in slides.parts:
                assert _words(content.figure_by) in _told(slides.lines["figure"]), where
            if content.quote:
                assert "quote" in slides.parts, ("the quote stays", where)


def test_the_astana_slide_keeps_its_sentences_and_the_credit_of_its_figure(
        qtbot: QtBot, timeline: Timeline) -> None:
    deck = build_deck(timeline)
    step = deck.step_of(ASTANA)
    assert step is not None
    slides = SlidePainter(deck, PROJECTOR)
    content = slides.content(step)
    assert isinstance(content, SlideContent) and "stated by Dmitry Peskov" in content.figure_by
    for size in ((1280, 720), (1920, 1080)):
        _paint(slides, step, size)
        shown = _told(slides.lines["summary"])
        assert "Kremlin spokesman Dmitry Peskov said" in shown, size
        assert "Kre…" not in shown and "Dm…" not in " ".join(slides.lines.get("figure", ()))


def test_the_handout_tells_the_astana_summary_whole(qtbot: QtBot, timeline: Timeline) -> None:
    """Paper takes smaller print than a projector: a page keeps all of it beside the quote
    and the figure with its whole credit."""
    deck = build_deck(timeline)
    step = deck.step_of(ASTANA)
    assert step is not None
    content = SlidePainter(deck, PAPER).content(step)
    assert isinstance(content, SlideContent)
    pdf = render_handout(deck.data)
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[step].extract_text()
    page = _words(unicodedata.normalize("NFKC", text))  # the PDF writes "ff" as one glyph
    assert _words(content.summary) in page
    assert _words(content.quote) in page and "stated by Dmitry Peskov" in page


def test_text_gives_way_at_words_sentences_and_list_items(qtbot: QtBot) -> None:
    font = sans_font(20)
    cut = text_block.elide_at_word("Kremlin spokesman Dmitry Peskov said", font, 200)
    assert cut.endswith("…") and cut[:-1].strip() in ("Kremlin spokesman", "Kremlin")
    story = "First sentence here. Second one, longer than the first by far. Third."
    block = text_block.fit_sentences(story, 400, 30, 20, min_size=18, max_lines=40)
    assert _told(block.lines) == "First sentence here." and not block.whole
    sources = [f"Outlet {n}, A title of some length, 3 Jul 2024" for n in range(6)]
    listed = text_block.fit_items("Sources: ", sources, 600, 60, 16, min_size=14,
                                  max_lines=2)
    told = _told(listed.lines)
    assert told.startswith("Sources: Outlet 0, A title of some length, 3 Jul 2024")
    match = re.search(r"; and (\d) more$", told)
    assert match is not None and told.count("Outlet") + int(match.group(1)) == 6


def _shown(slides: SlidePainter, step: int, size: tuple[int, int]
           ) -> dict[str, tuple[str, QRectF]]:
    _paint(slides, step, size)
    return {part: (_told(slides.lines.get(part, ())), rect)
            for part, rect in slides.parts.items()}


@pytest.mark.parametrize("everything", [False, True], ids=["as-known", "everything"])
def test_a_larger_slide_shows_all_that_a_smaller_one_shows(qtbot: QtBot, timeline: Timeline,
                                                           everything: bool) -> None:
    """At 1920×1080 the Astana summary lost its last sentence and the Erdoğan slide its
    "$55 billion", both shown at 1280×720: a projector's size must not decide the words."""
    deck = build_deck(timeline, knowledge_day=None) if everything else build_deck(timeline)
    slides = SlidePainter(deck, PROJECTOR)
    erdogan = deck.step_of("putin-erdogan-2024-07-03-astana")
    for step in range(len(deck)):
        small = _shown(slides, step, (1280, 720))
        if step == erdogan:
            assert "$55 billion" in small["figure"][0]
        for size in ((1920, 1080), (3840, 2160)):
            large = _shown(slides, step, size)
            where = (step, size)
            missing = set(small) - set(large)
            assert not missing, (where, missing)
            page = QRectF(0, 0, *size).adjusted(-0.5, -0.5, 0.5, 0.5)
            for part, (text, rect) in large.items():
                assert page.contains(rect), (where, part, "overflows the slide")
                assert not any(line.endswith("…") for line in slides.lines.get(part, ())
                               if part in TEXT_PARTS), (where, part)
                before = small[part][0] if part in small else ""
                assert before in text, (where, part, before, text)
