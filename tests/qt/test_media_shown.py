"""An event's picture in the details pane, on its slide and in the handout; a broken or huge
picture is a placeholder with a reason, never a crash; a web address is never fetched."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from media_support import BEIJING, flag_picture, huge_png, truncated_jpeg, with_media
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from summit_timeline.core.index import EventIndex
from summit_timeline.core.model import Media, Timeline
from summit_timeline.qt.export import Snapshot, export_handout
from summit_timeline.qt.gui import make_application
from summit_timeline.qt.paint.slide_painter import SlidePainter
from summit_timeline.qt.present import build_deck
from summit_timeline.qt.state import ViewState
from summit_timeline.qt.widgets.detail_pane import DetailPane
from summit_timeline.scene import camera
from summit_timeline.scene.deck import Deck
from summit_timeline.scene.palette import PROJECTOR
from summit_timeline.scene.snapshot import file_day

FLAG_BLUE, FLAG_RED = "#2471a3", "#c0392b"
WEB = "https://example.invalid/photo.jpg"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every attempt to reach the network fails the test (and is recorded)."""
    tried: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        tried.append(repr(args[:2]))
        raise AssertionError(f"network use: {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield tried


def _pane(qtbot: QtBot, timeline: Timeline, path: Path, event_id: str = BEIJING) -> DetailPane:
    make_application()
    state = ViewState()
    pane = DetailPane(state)
    qtbot.addWidget(pane)
    pane.resize(420, 700)
    pane.show()
    index = EventIndex.build(timeline)
    state.set_timeline(index, str(path))
    position = index.position_of(event_id)
    assert position is not None
    state.select(position)
    return pane


def _slide(timeline: Timeline, path: Path, event_id: str = BEIJING,
           size: tuple[int, int] = (1280, 720)) -> tuple[SlidePainter, QImage]:
    deck = build_deck(timeline)
    step = deck.step_of(event_id)
    assert step is not None
    slides = SlidePainter(deck, PROJECTOR, timeline_file=path)
    image = QImage(*size, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    slides.paint(painter, QRectF(0, 0, *size), step, camera.framing(deck, step))
    painter.end()
    return slides, image


def _colours_in(image: QImage, rect: QRectF) -> set[str]:
    return {QColor(image.pixel(x, y)).name()
            for x in range(int(rect.left()) + 1, int(rect.right()) - 1, 2)
            for y in range(int(rect.top()) + 1, int(rect.bottom()) - 1, 2)}


def _handout(timeline: Timeline, path: Path, out: Path) -> tuple[list[str], pypdf.PageObject]:
    """Write the handout; returns its warnings and the Beijing talks' page."""
    snap = Snapshot.build(timeline, knowledge_day=file_day(timeline))
    problems = export_handout(snap, out, timeline_file=path)
    step = Deck.build(snap, title_slide=True).step_of(BEIJING)
    assert step is not None
    page = pypdf.PdfReader(out).pages[step]
    assert "Putin–Xi talks in Beijing" in _text(page)
    return problems, page


def _text(page: pypdf.PageObject) -> str:
    return " ".join(page.extract_text().split())




def test_a_local_png_shows_in_the_pane_on_the_slide_and_in_the_handout(
        qtbot: QtBot, tmp_path: Path, no_network: list[str]) -> None:
    media = Media(file=flag_picture(tmp_path), caption="Flags at the talks", credit="Test image",
                  alt="Two flags, blue and red")
    path, timeline = with_media(tmp_path, (media,))
    pane = _pane(qtbot, timeline, path)
    assert set(pane.browser.images) == {"media:0"}
    assert "Flags at the talks" in pane.plain_text() and "Image not shown" not in pane.html()
    shot = pane.grab().toImage()
    seen = {QColor(shot.pixel(x, y)).name() for x in range(0, shot.width(), 2)
            for y in range(0, shot.height(), 2)}
    assert {FLAG_BLUE, FLAG_RED} <= seen, "the picture's own pixels are in the pane"
    slides, image = _slide(timeline, path)
    where = slides.parts["image"]
    assert where.width() >= 200, "large, beside the text"
    assert {FLAG_BLUE, FLAG_RED} <= _colours_in(image, where)
    assert "Flags at the talks" in " ".join(slides.lines.get("caption", ())) or \
        slides.parts.get("caption") is not None
    assert where.left() > slides.parts["summary"].right(), "beside the story, not over it"
    problems, page = _handout(timeline, path, tmp_path / "handout.pdf")
    assert problems == []
    assert len(page.images) >= 1 and "Flags at the talks" in _text(page)
    assert no_network == []


@pytest.mark.parametrize("kind", ["huge", "truncated"])
def test_a_huge_or_broken_picture_is_a_placeholder_with_a_warning(
        qtbot: QtBot, tmp_path: Path, kind: str) -> None:
    file = huge_png(tmp_path / "huge.png") if kind == "huge" else \
        truncated_jpeg(tmp_path / "cut.jpg")
    reason = "30,000 × 30,000 pixels" if kind == "huge" else "cut short"
    media = Media(file=file.name, caption="A picture", alt="What it shows")
    path, timeline = with_media(tmp_path, (media,))
    pane = _pane(qtbot, timeline, path)
    assert pane.browser.images == {}
    text = pane.plain_text()
    assert "Image not shown" in text and reason in text and "What it shows" in text
    slides, _image = _slide(timeline, path)
    assert slides.lines["image"][0] == "Image not shown" and reason in slides.lines["image"][1]
    assert any(reason in p for p in slides.problems)
    assert slides.lines["summary"], "the rest of the slide is drawn"
    problems, page = _handout(timeline, path, tmp_path / "handout.pdf")
    assert len(problems) == 1 and file.name in problems[0] and reason in problems[0]
    assert "Image not shown" in _text(page)
    done = subprocess.run([sys.executable, "-m", "summit_timeline", "export", str(path),
                           "--slides", "-o", str(tmp_path / "cli.pdf")], capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "warning: image not shown:" in done.stderr and reason in done.stderr
    assert "Traceback" not in done.stderr


def test_a_web_address_is_a_link_and_is_never_requested(qtbot: QtBot, tmp_path: Path,
                                                       no_network: list[str]) -> None:
    media = Media(file="", url=WEB, caption="Photo online")
    path, timeline = with_media(tmp_path, (media,))
    pane = _pane(qtbot, timeline, path)
    html = pane.html()
    assert f'href="{WEB}"' in html and "<img" not in html
    assert "never fetched" in pane.plain_text()
    assert not any("http" in asked for asked in pane.browser.asked)
    slides, _image = _slide(timeline, path)
    assert "image" not in slides.parts
    assert WEB in " ".join(slides.lines["online"]), "named as a link, not shown"
    problems, _page = _handout(timeline, path, tmp_path / "handout.pdf")
    assert problems == [] and no_network == []
