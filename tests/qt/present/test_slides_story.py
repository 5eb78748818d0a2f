"""Slides that tell the story: the summary on every slide, nothing overflowing, the deck and the
handout page for page, the neighbours' names clickable, the notes for the speaker only, and
"Export this slide" giving the picture that is on screen."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from summit_timeline.core import views
from summit_timeline.core.model import Timeline
from summit_timeline.qt.export import Snapshot, export_handout
from summit_timeline.qt.paint.slide_painter import SlidePainter
from summit_timeline.qt.present import (
    PresenterConsole,
    PresenterWindow,
    build_deck,
    choose_screens,
    start_presentation,
)
from summit_timeline.qt.slide_export_dialog import export_slide
from summit_timeline.scene import camera
from summit_timeline.scene.deck import TITLE, Deck
from summit_timeline.scene.palette import PAPER, PROJECTOR
from summit_timeline.scene.slide_content import SlideContent

sys.path.insert(0, str(Path(__file__).parents[1]))
from media_support import BEIJING, NOTES, with_media

KAZAN = "putin-xi-2024-10-22-kazan"
STORY = ("title", "date", "place", "people", "summary", "quote", "figure", "online",
         "sources", "image", "caption", "map", "strip", "previous", "next")


@pytest.fixture
def main_window(qtbot: QtBot) -> Iterator[QMainWindow]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setGeometry(QRect(120, 90, 900, 640))
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _paint(slides: SlidePainter, step: int, size: tuple[int, int]) -> QImage:
    image = QImage(*size, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    slides.paint(painter, QRectF(0, 0, *size), step, camera.framing(slides.deck, step))
    painter.end()
    return image


def _first_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count])


def _check_layout(slides: SlidePainter, size: tuple[int, int], where: object) -> None:
    page = QRectF(0, 0, *size).adjusted(-0.5, -0.5, 0.5, 0.5)
    parts = {name: rect for name, rect in slides.parts.items() if name in STORY}
    for name, rect in parts.items():
        assert page.contains(rect), (where, name, rect)
    names = sorted(parts)
    for k, a in enumerate(names):
        for b in names[k + 1:]:
            if {a, b} <= {"image", "caption"}:
                continue
            overlap = parts[a].intersected(parts[b])
            assert overlap.width() < 1.0 or overlap.height() < 1.0, (where, a, b)


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160), (1123, 794)],
                         ids=["720p", "4k", "a4-handout"])
def test_every_slide_of_the_bundled_deck_shows_its_summary(qtbot: QtBot, timeline: Timeline,
                                                           size: tuple[int, int]) -> None:
    deck = build_deck(timeline)
    slides = SlidePainter(deck, PAPER if size[0] == 1123 else PROJECTOR,
                          source_lines=3 if size[0] == 1123 else 2)
    assert deck.steps[0] == TITLE
    for step in range(1, len(deck)):
        content = slides.content(step)
        assert isinstance(content, SlideContent) and content.summary, step
        _paint(slides, step, size)
        shown = slides.lines.get("summary", ())
        assert shown and shown[0].startswith(_first_words(content.summary)), (size, step)
        assert slides.parts["summary"].height() >= 2, "drawn, not a sliver"
        assert "map" in slides.parts, "the map inset on every slide"
        assert not any(line.endswith("…") for line in slides.lines.get("quote", ())), \
            "a quote is never cut short"
        _check_layout(slides, size, (size, step))


def test_the_whole_record_fits_every_slide_at_720p(qtbot: QtBot, timeline: Timeline) -> None:
    view = timeline.view("since-2013")
    assert view is not None
    data = Snapshot.build(timeline, knowledge_day=views.view_day(view),
                          day_range=views.view_range(view))
    deck = Deck.build(data, title_slide=True)
    slides = SlidePainter(deck, PROJECTOR)
    for step in range(len(deck)):
        _paint(slides, step, (1280, 720))
        assert slides.lines.get("summary"), step
        _check_layout(slides, (1280, 720), step)
        quote = slides.lines.get("quote", ())
        assert not any(line.endswith("…") for line in quote), "a quote is never cut short"


def test_the_deck_and_the_handout_have_the_same_pages(tmp_path: Path,
                                                      timeline: Timeline) -> None:
    import subprocess

    for view_name in ("As reported on 3 July 2024", "All meetings since 2013"):
        out = tmp_path / f"{len(view_name)}.pdf"
        done = subprocess.run([sys.executable, "-m", "summit_timeline", "export", "--slides",
                               "--view", view_name, "-o", str(out)], capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        view = views.find_view(timeline, view_name)
        data = Snapshot.build(timeline, knowledge_day=views.view_day(view),
                              day_range=views.view_range(view))
        deck = Deck.build(data, title_slide=True)
        pages = pypdf.PdfReader(out).pages
        assert len(pages) == len(deck)
        if view_name.startswith("As reported"):
            assert len(build_deck(timeline)) == len(pages), "F5 on the file presents these"
        for number in (1, len(deck) - 1):
            title = deck.data.event(deck.steps[number]).title
            assert title in " ".join(pages[number].extract_text().split())


def test_f5_shift_f5_and_the_window_handout_agree(qtbot: QtBot, timeline: Timeline,
                                                  tmp_path: Path) -> None:
    from dataclasses import replace

    from summit_timeline.core.index import EventIndex
    from summit_timeline.qt.state import ViewState

    state = ViewState()
    state.set_timeline(EventIndex.build(timeline), None)
    out = tmp_path / "window.pdf"
    export_handout(state.snapshot, out)  # type: ignore[arg-type]
    assert len(pypdf.PdfReader(out).pages) == len(build_deck(state)) \
        == len(build_deck(state, sequence=True))
    state.set_filter(replace(state.filter, lane=0))
    export_handout(state.snapshot, out)  # type: ignore[arg-type]
    assert len(pypdf.PdfReader(out).pages) == len(build_deck(state, sequence=True)) == 4


def _present(qtbot: QtBot, source: object, parent: QMainWindow, **kwargs: object
             ) -> PresenterWindow:
    kwargs.setdefault("reduced_motion", True)
    window = start_presentation(source, parent, **kwargs)  # type: ignore[arg-type]
    qtbot.waitExposed(window)
    return window


def test_the_neighbours_names_at_the_edges_are_clickable(qtbot: QtBot, timeline: Timeline,
                                                         main_window: QMainWindow) -> None:
    window = _present(qtbot, timeline, main_window, start_event_id=KAZAN)
    step = window.step
    window.grab()  # paint once: the names are placed where they are drawn
    previous_rect, previous_step = window.painter.links["previous"]
    next_rect, next_step = window.painter.links["next"]
    assert (previous_step, next_step) == (step - 1, step + 1)
    assert previous_rect.left() < window.width() * 0.1 < window.width() * 0.9 < \
        next_rect.right(), "at the slide's left and right edges"
    before = window.painter.content(step - 1)
    assert before.title in window.painter.lines["previous"][0]
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=next_rect.center().toPoint())
    assert window.step == step + 1
    window.grab()
    previous_rect, _ = window.painter.links["previous"]
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=previous_rect.center().toPoint())
    assert window.step == step
    window.close()


def test_s_shows_the_speaker_notes_over_the_slide_and_hides_them(
        qtbot: QtBot, tmp_path: Path, main_window: QMainWindow) -> None:
    _path, timeline = with_media(tmp_path, ())
    window = _present(qtbot, timeline, main_window, start_event_id=BEIJING)
    content = window.painter.content(window.step)
    assert content.notes == NOTES
    plain = window.grab().toImage()
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert window.show_notes
    noted = window.grab().toImage()
    h = plain.height()
    lower = [(x, y) for x in range(0, plain.width(), 7) for y in range(h // 2, h, 7)]
    changed = sum(plain.pixel(x, y) != noted.pixel(x, y) for x, y in lower)
    assert changed > len(lower) * 0.3, "a card of notes over the lower half"
    upper = [(x, y) for x in range(0, plain.width(), 7) for y in range(0, h // 3, 7)]
    assert all(plain.pixel(x, y) == noted.pixel(x, y) for x, y in upper)
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert not window.show_notes and window.grab().toImage() == plain
    window.close()


def test_the_console_shows_current_and_next_slides_notes_and_time(
        qtbot: QtBot, tmp_path: Path, main_window: QMainWindow) -> None:
    _path, timeline = with_media(tmp_path, ())
    window = _present(qtbot, timeline, main_window, console=True, start_event_id=BEIJING)
    console = window.console
    assert isinstance(console, PresenterConsole)
    qtbot.waitExposed(console)
    assert console.current.step == window.step and console.upcoming.step == window.step + 1
    assert console.notes.toPlainText() == NOTES
    assert console.next_title.text() == window.painter.content(window.step + 1).title
    assert console.clock.text().count(":") == 2 and console.clock.text().startswith("0:00:")
    qtbot.keyClick(console, Qt.Key.Key_Right)  # the clicker talks to the console
    assert window.step == console.current.step and "No speaker notes" in \
        console.notes.toPlainText()
    with qtbot.waitSignal(console.sigClosed):
        window.close()
    assert not console.isVisible()


def test_the_slides_go_to_the_other_screen_and_the_console_stays_home() -> None:
    assert choose_screens("laptop", ["laptop"]) == ("laptop", None)
    assert choose_screens("laptop", ["laptop", "projector"]) == ("projector", "laptop")
    assert choose_screens("projector", ["laptop", "projector"]) == ("laptop", "projector")
    assert choose_screens(None, []) == (None, None)


def test_export_this_slide_writes_what_is_on_screen(qtbot: QtBot, tmp_path: Path,
                                                    timeline: Timeline,
                                                    main_window: QMainWindow) -> None:
    window = _present(qtbot, timeline, main_window, start_event_id=KAZAN)
    screen = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    png = tmp_path / "slide.png"
    window.save_slide(str(png))
    saved = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB32)
    assert saved.size() == screen.size() and saved == screen, "pixel for pixel"
    qtbot.keyClick(window, Qt.Key.Key_S)  # the speaker's notes never go into the file
    window.save_slide(str(png))
    assert QImage(str(png)).convertToFormat(QImage.Format.Format_RGB32) == screen
    svg = tmp_path / "slide.svg"
    window.save_slide(str(svg))
    text = svg.read_text(encoding="utf-8")
    assert "Putin–Xi meeting in Kazan" in text and "Planned — as of 3 Jul 2024" in text
    window.close()


def test_the_windows_export_this_slide_is_the_presenters_slide(
        qtbot: QtBot, tmp_path: Path, timeline: Timeline, main_window: QMainWindow) -> None:
    from summit_timeline.core.index import EventIndex
    from summit_timeline.qt.state import ViewState

    state = ViewState()
    state.set_timeline(EventIndex.build(timeline), None)
    kazan = state.index.position_of(KAZAN)  # type: ignore[union-attr]
    assert kazan is not None
    state.select(kazan)
    window = _present(qtbot, state, main_window)
    deck_step = window.deck.step_of(KAZAN)
    assert deck_step is not None
    window.go_to(deck_step)
    screen = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    out = export_slide(state, tmp_path / "from-window.png", QSize(window.width(),
                                                                  window.height()))
    assert QImage(str(out)).convertToFormat(QImage.Format.Format_RGB32) == screen
    window.close()


def test_a_slide_names_where_its_quote_and_figure_were_published(qtbot: QtBot,
                                                                 timeline: Timeline) -> None:
    deck = build_deck(timeline)
    slides = SlidePainter(deck, PROJECTOR)

    def step(event_id: str) -> int:
        return next(k for k, p in enumerate(deck.steps)
                    if p != TITLE and deck.data.event(p).id == event_id)

    _paint(slides, step("putin-xi-2024-07-03-astana"), (1280, 720))
    assert "Pledge Times" in " ".join(slides.lines["quote"])
    _paint(slides, step("putin-xi-2024-05-16-beijing"), (1280, 720))
    credit = " ".join(slides.lines["figure"])
    assert "stated by Xi Jinping" in credit and "Xinhua" in credit
    assert not any(line.endswith("…") for line in slides.lines["figure"])


def test_ctrl_s_and_file_export_this_slide_offer_the_same_name(
        qtbot: QtBot, timeline: Timeline, main_window: QMainWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The presenter offered "slide-2.png" and the window "slide-<event id>.png" for the
    same slide: a number names another slide once the deck changes, an id does not."""
    from summit_timeline.core.index import EventIndex
    from summit_timeline.qt import slide_export_dialog
    from summit_timeline.qt.state import ViewState

    offered: list[str] = []

    def ask(_parent: object, _title: str, name: str, *_a: object, **_k: object
            ) -> tuple[str, str]:
        offered.append(name)
        return "", ""

    monkeypatch.setattr(slide_export_dialog, "ask_save_path", ask)
    from summit_timeline.qt.present import presenter_window
    monkeypatch.setattr(presenter_window, "ask_save_path", ask)
    state = ViewState()
    state.set_timeline(EventIndex.build(timeline), None)
    assert slide_export_dialog.show_slide_export_dialog(main_window, state) is None
    kazan = state.index.position_of(KAZAN)  # type: ignore[union-attr]
    assert kazan is not None
    state.select(kazan)
    assert slide_export_dialog.show_slide_export_dialog(main_window, state) is None
    window = _present(qtbot, state, main_window)
    window.go_to(0)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    step = window.deck.step_of(KAZAN)
    assert step is not None
    window.go_to(step)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    window.close()
    assert offered == ["slide-title.png", f"slide-{KAZAN}.png",
                       "slide-title.png", f"slide-{KAZAN}.png"]
