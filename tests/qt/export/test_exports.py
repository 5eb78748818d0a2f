"""Exported files checked by real parsers: PNG header, XML of the SVG, pypdf for PDFs."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest
from pytestqt.qtbot import QtBot

from summit_timeline.core import knowledge
from summit_timeline.core.model import Timeline
from summit_timeline.qt.export import (
    ExportError,
    TimelineData,
    UnknownTrackError,
    export_handout,
    export_pdf,
    export_png,
    export_svg,
    file_day,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def data(qtbot: QtBot, timeline: Timeline) -> TimelineData:
    return TimelineData.build(timeline, knowledge_day=file_day(timeline))


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _svg_texts(path: Path) -> str:
    root = ET.parse(path).getroot()
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def _pdf_pages(path: Path) -> list[str]:
    reader = pypdf.PdfReader(path)
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_png_has_the_asked_pixel_size(tmp_path: Path, data: TimelineData) -> None:
    for width, height, scale in ((1280, 720, None), (3840, 2160, 2.0), (500, 1400, 1.0)):
        out = tmp_path / f"t-{width}.png"
        export_png(data, out, width=width, height=height, scale=scale)
        assert _png_size(out) == (width, height)


def test_svg_parses_and_holds_every_title_as_text(tmp_path: Path, data: TimelineData) -> None:
    out = tmp_path / "t.svg"
    export_svg(data, out, width=1920, height=1080)
    texts = _svg_texts(out)
    for event in data.timeline.events:
        assert event.title in texts
    assert "known on 3 Jul 2024" in texts
    assert "<image" not in out.read_text(encoding="utf-8"), "vector shapes, no bitmaps"


def test_svg_respects_track_and_range(tmp_path: Path, timeline: Timeline) -> None:
    data = TimelineData.build(timeline, knowledge_day=file_day(timeline), tracks=["putin-xi"],
                              day_range=(knowledge.parse_day("2024-05-01") - 0.0,
                                         knowledge.parse_day("2024-07") + 1.0))
    out = tmp_path / "t.svg"
    export_svg(data, out)
    texts = _svg_texts(out)
    assert "Putin–Xi talks in Beijing" in texts and "Putin–Xi meeting in Astana" in texts
    assert "Kazan" not in texts and "SCO summit" not in texts
    with pytest.raises(UnknownTrackError):
        TimelineData.build(timeline, tracks=["nope"])


def test_pdf_one_page_and_split_pages(tmp_path: Path, data: TimelineData) -> None:
    one = tmp_path / "one.pdf"
    export_pdf(data, one)
    pages = _pdf_pages(one)
    assert len(pages) == 1
    assert "Putin–Xi talks in Beijing" in pages[0] and "Putin–Xi meeting in Kazan" in pages[0]
    assert "as known on 3 Jul 2024" in pages[0]
    box = pypdf.PdfReader(one).pages[0].mediabox
    assert float(box.width) > float(box.height), "landscape"
    three = tmp_path / "three.pdf"
    export_pdf(data, three, paper="letter", pages=3)
    split = _pdf_pages(three)
    assert len(split) == 3 and "page 2 of 3" in split[1]
    assert "Beijing" in split[0] and "Kazan" in split[2] and "Kazan" not in split[0]
    letter = pypdf.PdfReader(three).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (792, 612)


def test_handout_has_a_title_page_and_one_page_per_event(tmp_path: Path,
                                                         data: TimelineData) -> None:
    out = tmp_path / "handout.pdf"
    export_handout(data, out)
    pages = _pdf_pages(out)
    assert len(pages) == 1 + len(data.timeline.events)
    assert data.timeline.title in pages[0] and "As known on 3 Jul 2024" in pages[0]
    kazan = next(p for p in pages if "Putin–Xi meeting in Kazan October 2024" in p)
    assert "Planned — as of 3 Jul 2024" in kazan and "day not yet known" in kazan
    beijing = next(p for p in pages if "Putin–Xi talks in Beijing 16 May 2024 Held" in p)
    assert "习近平" in beijing and "Си Цзиньпин" in beijing, "names in other scripts as text"
    assert all("Sources:" in p for p in pages[1:])


def test_unwritable_output_raises_one_clear_error(tmp_path: Path, data: TimelineData) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_png(data, tmp_path / "missing" / "x.png")
    with pytest.raises(ExportError, match="folder"):
        export_pdf(data, tmp_path)
    with pytest.raises(ExportError, match="outside"):
        export_png(data, tmp_path / "x.png", width=0, height=10)
