"""Exported files checked by real parsers: PNG header, XML of the SVG, pypdf for PDFs."""

from __future__ import annotations

import itertools
import struct
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import numpy as np
import pypdf
import pytest
from PySide6.QtGui import QFont, QFontMetricsF, QImage
from pytestqt.qtbot import QtBot

from summit_timeline.core import knowledge, views
from summit_timeline.core.model import Timeline
from summit_timeline.qt.export import (
    ExportError,
    Snapshot,
    UnknownTrackError,
    export_handout,
    export_pdf,
    export_png,
    export_svg,
    file_day,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def data(qtbot: QtBot, timeline: Timeline) -> Snapshot:
    """What `export` draws for the bundled file: its default view (as reported on
    3 July 2024, May to October 2024)."""
    view = views.default_view(timeline)
    assert view is not None
    bounds = views.view_range(view)
    return Snapshot.build(timeline, knowledge_day=file_day(timeline),
                          tracks=list(view.tracks) or None,
                          day_range=views.framed(*bounds) if bounds else None)


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


def test_png_has_the_asked_pixel_size(tmp_path: Path, data: Snapshot) -> None:
    for width, height, scale in ((1280, 720, None), (3840, 2160, 2.0), (500, 1400, 1.0)):
        out = tmp_path / f"t-{width}.png"
        export_png(data, out, width=width, height=height, scale=scale)
        assert _png_size(out) == (width, height)


def test_svg_parses_and_holds_every_title_as_text(tmp_path: Path, data: Snapshot) -> None:
    out = tmp_path / "t.svg"
    export_svg(data, out, width=1920, height=1080)
    texts = _svg_texts(out)
    known = knowledge.timeline_as_of(data.timeline, data.knowledge_day).events
    assert len(known) < len(data.timeline.events), "later meetings are not drawn"
    shown = {data.event(int(p)).id for p in data.positions()}
    assert 0 < len(shown) < len(known), "the view holds its months only"
    for event in (e for e in known if e.id in shown):
        assert event.title in texts
    assert "known on 3 Jul 2024" in texts
    assert "<image" not in out.read_text(encoding="utf-8"), "vector shapes, no bitmaps"


def test_svg_respects_track_and_range(tmp_path: Path, timeline: Timeline) -> None:
    data = Snapshot.build(timeline, knowledge_day=file_day(timeline), tracks=["putin-xi"],
                              day_range=(knowledge.parse_day("2024-05-01") - 0.0,
                                         knowledge.parse_day("2024-07") + 1.0))
    out = tmp_path / "t.svg"
    export_svg(data, out)
    texts = _svg_texts(out)
    assert "Putin–Xi talks in Beijing" in texts and "Putin–Xi meeting in Astana" in texts
    assert "Kazan" not in texts and "SCO summit" not in texts
    with pytest.raises(UnknownTrackError):
        Snapshot.build(timeline, tracks=["nope"])


def test_pdf_one_page_and_split_pages(tmp_path: Path, data: Snapshot) -> None:
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
                                                         data: Snapshot) -> None:
    out = tmp_path / "handout.pdf"
    export_handout(data, out)
    pages = _pdf_pages(out)
    assert len(pages) == 1 + len(data.positions()), "one page per event of the view"
    assert data.title in pages[0] and "As known on 3 Jul 2024" in pages[0]
    kazan = next(p for p in pages if "Putin–Xi meeting in Kazan October 2024" in p)
    assert "Planned — as of 3 Jul 2024" in kazan and "day not yet known" in kazan
    beijing = next(p for p in pages if "Putin–Xi talks in Beijing 16 May 2024 Held" in p)
    assert "习近平" in beijing and "Си Цзиньпин" in beijing, "names in other scripts as text"
    assert all("Sources:" in p for p in pages[1:])


def test_unwritable_output_raises_one_clear_error(tmp_path: Path, data: Snapshot) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_png(data, tmp_path / "missing" / "x.png")
    with pytest.raises(ExportError, match="folder"):
        export_pdf(data, tmp_path)
    with pytest.raises(ExportError, match="outside"):
        export_png(data, tmp_path / "x.png", width=0, height=10)


# ---------------------------------------------------------------- page use and label bounds


def _inked_rows(image: QImage) -> float:
    """Share of pixel rows holding anything but the page background."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), np.uint32, height * image.bytesPerLine() // 4)
    pixels = pixels.reshape(height, image.bytesPerLine() // 4)[:, :width]
    background = pixels[0, 0]
    return float((pixels != background).any(axis=1).mean())


def _lowest_ink(path: Path) -> float:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), np.uint32, height * image.bytesPerLine() // 4)
    pixels = pixels.reshape(height, image.bytesPerLine() // 4)[:, :width]
    rows = np.flatnonzero((pixels != pixels[0, 0]).any(axis=1))
    return float(rows.max() + 1) / height


@pytest.mark.parametrize("tracks, span", [(None, None), (["putin-xi"], ("2024-06", "2024-08"))])
def test_png_timeline_fills_the_page(tmp_path: Path, qtbot: QtBot, timeline: Timeline,
                                     tracks: list[str] | None,
                                     span: tuple[str, str] | None) -> None:
    day_range = None
    if span:
        day_range = (float(knowledge.parse_day(span[0])), knowledge.parse_day(span[1]) + 31.0)
    data = Snapshot.build(timeline, knowledge_day=file_day(timeline), tracks=tracks,
                              day_range=day_range)
    out = tmp_path / "t.png"
    export_png(data, out)
    assert _lowest_ink(out) > 0.9, "the key sits at the bottom of the page"
    image = QImage(str(out))
    assert _inked_rows(image) > 0.8, "lanes, grid and axis use the height, not the top 45 %"
    # the plot takes most of the page and the lanes reach the bottom of the plot
    scene = export_png(data, out)
    assert scene.view.height > 1080 * 0.65
    assert scene.lanes[-1].bottom > scene.view.height * 0.85


def test_few_rows_keep_a_capped_height(tmp_path: Path, qtbot: QtBot,
                                       timeline: Timeline) -> None:
    data = Snapshot.build(timeline, knowledge_day=file_day(timeline), tracks=["putin-xi"],
                              day_range=(float(knowledge.parse_day("2024-06")),
                                         float(knowledge.parse_day("2024-09"))))
    scene = export_png(data, Path(tmp_path) / "t.png")
    (astana,) = scene.labels
    assert scene.sizes.row <= scene.sizes.line * 2.2 + 0.01, "rows are capped, not stretched"
    assert astana.rect[3] - astana.rect[1] <= scene.sizes.row
    (lane,) = scene.lanes
    cy = float(scene.shapes.cy[0])
    assert abs(cy - lane.centre) < 1.0 and lane.bottom - lane.top > 10 * scene.sizes.row, \
        "the one row sits mid-lane, which takes the page's height"


def _svg_text_boxes(path: Path) -> list[tuple[str, float, float]]:
    """(text, left, right) of every <text>, measured with the font the SVG names."""
    root = ET.parse(path).getroot()
    boxes = []
    for group in root.iter(f"{SVG}g"):
        dx = 0.0
        transform = group.get("transform", "")
        if transform.startswith("matrix("):
            values = [float(v) for v in transform[7:-1].split(",")]
            assert values[:4] == [1, 0, 0, 1], transform
            dx = values[4]
        for text in group.findall(f"{SVG}text"):
            family = text.get("font-family", "Sans Serif").split(",")[0].strip("'\" ")
            font = QFont(family)
            font.setPixelSize(round(float(text.get("font-size", "12"))))
            font.setWeight(QFont.Weight(int(text.get("font-weight", "400"))))
            content = "".join(text.itertext())
            left = dx + float(text.get("x", "0"))
            boxes.append((content, left,
                          left + QFontMetricsF(font).horizontalAdvance(content)))
    return boxes


@pytest.mark.parametrize("width", [900, 1920])
def test_svg_text_stays_inside_the_page(tmp_path: Path, qtbot: QtBot, timeline: Timeline,
                                        width: int) -> None:
    # Kazan's month-long bars reach the right edge: their labels must go left or shrink
    data = Snapshot.build(timeline, knowledge_day=file_day(timeline),
                              day_range=(float(knowledge.parse_day("2024-09-26")),
                                         float(knowledge.parse_day("2024-10-31"))))
    out = tmp_path / "t.svg"
    export_svg(data, out, width=width, height=540)
    root = ET.parse(out).getroot()
    assert root.get("viewBox") == f"0 0 {width} 540"
    boxes = _svg_text_boxes(out)
    texts = [text for text, _, _ in boxes]
    for full in ("Putin–Xi meeting in Kazan (planned)", "BRICS summit in Kazan (planned)"):
        title = full.removesuffix(" (planned)")
        whole = full in texts or any(f"{a} {b}" == full for a, b in itertools.pairwise(texts))
        short = any(t.endswith("… (planned)") and title.startswith(t[:-len("… (planned)")])
                    for t in texts)
        assert whole or short, f"{full!r} keeps a label, whole or shortened with …, " \
            "status included"
    for text, left, right in boxes:
        assert left >= -0.5 and right <= width + 0.5, (text, left, right)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_the_whole_record_names_every_putin_xi_meeting_inside_the_page(
        tmp_path: Path, qtbot: QtBot, timeline: Timeline, width: int, height: int) -> None:
    """"All meetings since 2013" as exported: each of the 41 meetings named in full (on one
    line or two), every date and label on the page (no "202…" for a 2027 off the edge)."""
    view = views.find_view(timeline, "All meetings since 2013")
    bounds = views.view_range(view)
    assert bounds is not None
    data = Snapshot.build(timeline, knowledge_day=views.view_day(view),
                          day_range=views.framed(*bounds))
    out = tmp_path / "all.svg"
    export_svg(data, out, width=width, height=height)
    boxes = _svg_text_boxes(out)
    texts = [text for text, _, _ in boxes]
    joined = " ".join(texts)
    meetings = Counter(e.title for e in timeline.events if e.track == "putin-xi")
    assert sum(meetings.values()) == 41
    drawn = Counter(texts) + Counter(f"{a} {b}" for a, b in itertools.pairwise(texts))
    for title, count in meetings.items():
        assert drawn[title] >= count, title  # six meetings are "Putin–Xi talks in Beijing"
    for text, left, right in boxes:
        assert left >= -0.5 and right <= width + 0.5, (text, left, right)
    assert "everything known" in joined and "data as of" not in joined


def test_svg_declares_a_96_dpi_page(tmp_path: Path, data: Snapshot) -> None:
    out = tmp_path / "t.svg"
    export_svg(data, out, width=1920, height=1080)
    root = ET.parse(out).getroot()
    width, height = root.get("width", ""), root.get("height", "")
    assert width.endswith("mm") and height.endswith("mm")
    assert float(width[:-2]) == pytest.approx(508, abs=0.01)
    assert float(height[:-2]) == pytest.approx(285.75, abs=0.01)


def test_svg_text_names_fonts_that_browsers_know(tmp_path: Path, data: Snapshot) -> None:
    """A browser without the PNG's font falls back to one of the same family, not serif."""
    out = tmp_path / "t.svg"
    export_svg(data, out, width=1280, height=720)
    root = ET.parse(out).getroot()
    families = {text.get("font-family", "") for text in root.iter(f"{SVG}text")}
    families |= {g.get("font-family", "") for g in root.iter(f"{SVG}g") if g.get("font-family")}
    assert families - {""}
    for family in families - {""}:
        names = [name.strip().strip("'\"") for name in family.split(",")]
        assert {"DejaVu Sans", "Noto Sans", "Arial"} <= set(names), family
        assert names[-1] == "sans-serif", family
        assert "Sans Serif" not in names, "Qt's own alias means nothing to a browser"
