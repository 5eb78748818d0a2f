"""The review report, read back with real parsers (html.parser, a Markdown table
grammar, pypdf) rather than compared as strings."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import msgspec
import pytest

from summit_timeline.core.model import Timeline
from summit_timeline.core.review import ReviewDocument
from summit_timeline.core.review_report import note_html, render_html, render_markdown
from summit_timeline.core.review_store import ReviewStore

GENERATED = datetime(2024, 7, 4, 9, 30, tzinfo=UTC)
NOTE = ("Checked against **TASS** and <script>alert('x')</script>.\n\n"
        "- date *matches*\n- place matches\n# not a heading | not a cell")


@pytest.fixture
def doc(tmp_path, timeline) -> ReviewDocument:
    store = ReviewStore(tmp_path / "m.review.json", timeline, timeline_file="m.timeline.json")
    store.set_flag("Anna", "astana", "disputed")
    store.set_note("Anna", "astana", NOTE)
    store.mark_item("Anna", "astana", "figure", 0, "disputed", "period | not stated")
    store.mark_item("Anna", "astana", "source", "tass", "checked")
    store.set_flag("Anna", "beijing", "checked")
    store.set_flag("Anna", "kazan", "disputed")
    store.set_note("Anna", "kazan", "\n  October is only announced, not confirmed.\nmore")
    store.set_flag("Anna", "removed-event", "needs_work")
    store.set_note("Anna", "removed-event", "kept although the event is gone")
    store.set_flag("Boris", "astana", "checked")
    return store.document()


# ---------------------------------------------------------------- HTML


class Outline(HTMLParser):
    """The parts of the report's structure the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.tags: list[str] = []
        self.event_sections: list[dict[str, str]] = []
        self.count_rows: list[list[str]] = []
        self.disputed_rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None

    def _inside(self, tag: str, cls: str) -> bool:
        return any(t == tag and cls in (a.get("class") or "").split() for t, a in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag not in ("br", "meta"):
            self.stack.append((tag, attributes))
        if tag == "section" and "event" in (attributes.get("class") or ""):
            self.event_sections.append({"id": attributes.get("id") or "", "heading": ""})
        if tag == "tr":
            self._row = []
        if tag in ("td", "th") and self._row is not None:
            self._cell = []
        if tag == "h3" and self._inside("section", "event"):
            self._heading = []

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            if self._inside("table", "counts"):
                self.count_rows.append(self._row)
            elif self._inside("table", "disputed"):
                self.disputed_rows.append(self._row)
            self._row = None
        if tag == "h3" and self._heading is not None:
            self.event_sections[-1]["heading"] = "".join(self._heading)
            self._heading = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


def test_html_has_a_count_table_and_one_section_per_event(timeline, doc):
    text = render_html(timeline, doc, "Anna", GENERATED)
    outline = Outline()
    outline.feed(text)
    outline.close()
    assert text.startswith("<!DOCTYPE html>") and outline.stack == []
    assert outline.count_rows == [["Flag", "Events"], ["Unreviewed", "0"], ["Checked", "1"],
                                  ["Needs work", "0"], ["Disputed", "2"], ["Total", "3"]]
    # In date order, with displayed dates; markup in titles stays text.
    assert [s["heading"] for s in outline.event_sections] == [
        "16 May 2024: Talks in Beijing <b>", "3 Jul 2024: Talks in Astana",
        "October 2024: Meeting in Kazan"]
    assert [s["id"] for s in outline.event_sections] == [
        "event-beijing", "event-astana", "event-kazan"]
    assert outline.disputed_rows[0] == ["Date", "Event", "Item", "Reason"]
    assert outline.disputed_rows[1:] == [
        ["3 Jul 2024", "Talks in Astana", "Figure 1: Trade: over 200 billion USD",
         "period | not stated"],
        ["October 2024", "Meeting in Kazan", "The event as a whole",
         "October is only announced, not confirmed."],
    ]
    assert "script" not in outline.tags
    assert "&lt;script&gt;" in text and "<strong>TASS</strong>" in text
    assert "<title>Review: Test meetings &lt;2024&gt; &amp; co</title>" in text
    assert "@media print" in text and 'href="https://tass.example/1"' in text
    assert "kept although the event is gone" in text  # orphaned notes are reported too
    assert "Boris" not in text


def test_note_formatting_is_simple_and_safe():
    assert note_html("a **b** *c* `d`\nnext") == (
        "<p>a <strong>b</strong> <em>c</em> <code>d</code><br>\nnext</p>")
    assert note_html("- one\n- <two>") == "<ul><li>one</li><li>&lt;two&gt;</li></ul>"
    assert note_html('"quoted" & <b>') == "<p>&quot;quoted&quot; &amp; &lt;b&gt;</p>"


# ---------------------------------------------------------------- Markdown


def _md_tables(text: str) -> list[list[list[str]]]:
    """GitHub-flavoured tables: a header row, a delimiter row, then body rows;
    cells split on unescaped pipes."""
    tables: list[list[list[str]]] = []
    lines = text.splitlines()
    for i in range(len(lines) - 1):
        if lines[i].startswith("|") and re.fullmatch(r"\|( *:?-+:? *\|)+", lines[i + 1]):
            rows = [lines[i]] + [line for line in _take_rows(lines[i + 2:])]
            tables.append([[c.strip().replace("\\|", "|") for c in
                            re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows])
    return tables


def _take_rows(lines: list[str]) -> list[str]:
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def test_markdown_has_tables_sections_and_contained_notes(timeline, doc):
    text = render_markdown(timeline, doc, "Anna", GENERATED)
    counts, disputed = _md_tables(text)
    assert counts == [["Flag", "Events"], ["Unreviewed", "0"], ["Checked", "1"],
                      ["Needs work", "0"], ["Disputed", "2"], ["**Total**", "3"]]
    assert all(len(row) == 4 for row in disputed)
    assert disputed[1][3] == "period | not stated"
    headings = re.findall(r"^### (.*)$", text, flags=re.MULTILINE)
    assert headings[0] == "Disputed facts"
    assert headings[1:4] == ["16 May 2024: Talks in Beijing \\<b\\>",
                            "3 Jul 2024: Talks in Astana", "October 2024: Meeting in Kazan"]
    assert "# not a heading" not in re.findall(r"^#.*$", text, flags=re.MULTILINE)
    assert "> # not a heading | not a cell" in text
    assert "&lt;script>" in text
    assert "## Notes on events no longer in the timeline" in text
    assert "- **Flag:** Disputed" in text and "- **Status:** Planned" in text


def test_report_of_a_reviewer_with_no_notes(timeline):
    empty = msgspec.convert({"format": "summit-timeline-review/1"}, ReviewDocument)
    text = render_markdown(timeline, empty, "Nobody", GENERATED)
    assert "0 of 3 reviewed" in text and "None." in text
    html_text = render_html(timeline, empty, "Nobody", GENERATED)
    outline = Outline()
    outline.feed(html_text)
    assert len(outline.event_sections) == 3 and outline.disputed_rows == []


# ---------------------------------------------------------------- PDF


def _pdf_text(path: Path) -> str:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(path))
    raw = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def test_pdf_holds_titles_and_dates(timeline, doc, tmp_path):
    pytest.importorskip("PySide6.QtGui")
    from summit_timeline.commands.review_report import write_pdf

    out = tmp_path / "report.pdf"
    write_pdf(render_html(timeline, doc, "Anna", GENERATED), out)
    assert out.read_bytes().startswith(b"%PDF")
    text = _pdf_text(out)
    for expected in ("Review: Test meetings <2024> & co", "16 May 2024: Talks in Beijing <b>",
                     "3 Jul 2024: Talks in Astana", "October 2024: Meeting in Kazan",
                     "Events by review flag", "period | not stated"):
        assert expected in text, expected
    assert not list(tmp_path.glob(".*partial"))


def test_bundled_dataset_report(tmp_path):
    from summit_timeline.core.formats.registry import load_any
    from summit_timeline.resources import default_dataset

    timeline: Timeline = load_any(default_dataset()).timeline
    store = ReviewStore(tmp_path / "b.review.json", timeline)
    first = timeline.events[0]
    store.set_flag("Anna", first.id, "checked")
    text = render_markdown(timeline, store.document(), "Anna", GENERATED)
    assert f"1 of {len(timeline.events)} reviewed" in text
    assert text.count("\n- **Flag:** ") == len(timeline.events)
