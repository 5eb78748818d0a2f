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

from summit_timeline.core.day_numbers import day_number
from summit_timeline.core.model import Report, Timeline
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
        self.reviewer_rows: list[list[str]] = []
        self.rest_rows: list[list[str]] = []
        self.group_headings: list[str] = []
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
        if tag == "h2" and self._inside("section", "group"):
            self.group_headings.append("")
            self._group = True

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
            elif self._inside("table", "reviewers"):
                self.reviewer_rows.append(self._row)
            elif self._inside("table", "rest"):
                self.rest_rows.append(self._row)
            self._row = None
        if tag == "h3" and self._heading is not None:
            self.event_sections[-1]["heading"] = "".join(self._heading)
            self._heading = None
        if tag == "h2":
            self._group = False

    def handle_data(self, data):
        if getattr(self, "_group", False):
            self.group_headings[-1] += data
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


def test_html_leads_with_what_needs_attention(timeline, doc):
    text = render_html(timeline, doc, "Anna", GENERATED)
    outline = Outline()
    outline.feed(text)
    outline.close()
    assert text.startswith("<!DOCTYPE html>") and outline.stack == []
    assert outline.count_rows == [["Flag", "Events"], ["Unreviewed", "0"], ["Checked", "1"],
                                  ["Needs work", "0"], ["Disputed", "2"], ["Total", "3"]]
    # Every reviewer counted, orphaned notes left out of the counts.
    assert outline.reviewer_rows == [
        ["Reviewer", "Checked", "Needs work", "Disputed", "Unreviewed", "Notes"],
        ["Anna", "1", "0", "2", "0", "2"], ["Boris", "1", "0", "0", "2", "0"]]
    # Disputed events in full first, in date order; markup in titles stays text.
    assert outline.group_headings == ["Disputed (2)"]
    assert [s["heading"] for s in outline.event_sections] == [
        "3 Jul 2024: Talks in Astana", "October 2024: Meeting in Kazan"]
    assert [s["id"] for s in outline.event_sections] == ["event-astana", "event-kazan"]
    # A checked event with nothing more to say is one row of the compact table.
    assert outline.rest_rows == [["Date", "Event", "Status", "Flag"],
                                 ["16 May 2024", "Talks in Beijing <b>", "Held", "Checked"]]
    assert outline.disputed_rows[0] == ["Date", "Event", "Item", "Reason"]
    assert outline.disputed_rows[1:] == [
        ["3 Jul 2024", "Talks in Astana", "Figure 1: Trade: over $200 billion",
         "period | not stated"],
        ["October 2024", "Meeting in Kazan", "The event as a whole",
         "October is only announced, not confirmed."],
    ]
    assert "script" not in outline.tags
    assert "&lt;script&gt;" in text and "<strong>TASS</strong>" in text
    assert "<title>Review: Test meetings &lt;2024&gt; &amp; co</title>" in text
    assert "@media print" in text and 'href="https://tass.example/1"' in text
    assert "kept although the event is gone" in text  # orphaned notes are reported too
    assert "with everything the file knows" in text


def test_groups_come_in_order_of_attention(timeline, tmp_path):
    store = ReviewStore(tmp_path / "m.review.json", timeline)
    store.set_flag("Anna", "beijing", "checked")
    store.set_note("Anna", "beijing", "Matches TASS.")
    store.set_flag("Anna", "kazan", "needs_work")
    store.set_flag("Anna", "astana", "disputed")
    text = render_markdown(timeline, store.document(), "Anna", GENERATED)
    groups = re.findall(r"^## (.*)$", text, flags=re.MULTILINE)
    assert groups == ["Summary", "Disputed (1)", "Needs work (1)", "Checked, with notes (1)"]
    assert text.index("### 3 Jul 2024: Talks in Astana") < text.index(
        "### October 2024: Meeting in Kazan") < text.index("### 16 May 2024: Talks in Beijing")
    assert "Everything else" not in text  # nothing left over: no empty table


def test_report_states_the_knowledge_date_and_shows_events_as_known_then(timeline, doc):
    later = msgspec.structs.replace(timeline, events=tuple(
        msgspec.structs.replace(e, reports=(
            Report(date="2024-07-03", status="planned", when="2024-10"),
            Report(date="2024-10-22", status="held", when="2024-10-22"))) if e.id == "kazan"
        else e for e in timeline.events))
    july = render_markdown(later, doc, "Anna", GENERATED, knowledge_day=day_number(2024, 7, 3))
    assert "Reviewed against the timeline as known on 3 Jul 2024" in july
    assert "### October 2024: Meeting in Kazan" in july
    autumn = render_markdown(later, doc, "Anna", GENERATED,
                             knowledge_day=day_number(2024, 10, 23))
    assert "as known on 23 Oct 2024" in autumn
    assert "### 22 Oct 2024: Meeting in Kazan" in autumn and "- **Status:** Held" in autumn


def test_report_as_known_on_a_day_leaves_out_later_events_and_counts_only_known(
        timeline, tmp_path):
    """As known on 3 July, an event first reported in August is neither listed nor
    counted; one line says how many were left out, without naming them."""
    later = msgspec.structs.replace(timeline, events=(*timeline.events, msgspec.convert(
        {"id": "harbin", "track": "main", "title": "Talks in Harbin", "when": "2024-08-20",
         "reports": [{"date": "2024-08-01", "status": "planned"}]}, type=type(
            timeline.events[0]))))
    store = ReviewStore(tmp_path / "m.review.json", later)
    store.set_flag("Anna", "beijing", "checked")
    store.set_note("Anna", "harbin", "Secret later note")
    july = day_number(2024, 7, 3)
    text = render_markdown(later, store.document(), "Anna", GENERATED, knowledge_day=july)
    assert "Progress: 1 of 3 reviewed" in text and "| **Total** | 3 |" in text
    assert "Harbin" not in text and "Secret later note" not in text
    assert "Left out: 1 event first reported after 3 Jul 2024. 1 of them carries your " \
        "flag or note" in text
    outline = Outline()
    outline.feed(render_html(later, store.document(), "Anna", GENERATED, knowledge_day=july))
    assert outline.count_rows[-1] == ["Total", "3"]
    assert [row[1] for row in outline.rest_rows[1:]] == [
        "Talks in Beijing <b>", "Talks in Astana", "Meeting in Kazan"]
    # Known later, it is listed and counted like any other.
    august = render_markdown(later, store.document(), "Anna", GENERATED,
                             knowledge_day=day_number(2024, 8, 2))
    assert "1 of 4 reviewed" in august and "Talks in Harbin" in august
    assert "Left out" not in august


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
    counts, reviewers, disputed, rest = _md_tables(text)
    assert reviewers[1:] == [["Anna", "1", "0", "2", "0", "2"], ["Boris", "1", "0", "0", "2", "0"]]
    assert counts == [["Flag", "Events"], ["Unreviewed", "0"], ["Checked", "1"],
                      ["Needs work", "0"], ["Disputed", "2"], ["**Total**", "3"]]
    assert all(len(row) == 4 for row in disputed)
    assert disputed[1][3] == "period | not stated"
    headings = re.findall(r"^### (.*)$", text, flags=re.MULTILINE)
    assert headings[:3] == ["By flag", "By reviewer", "Disputed facts"]
    assert headings[3:5] == ["3 Jul 2024: Talks in Astana", "October 2024: Meeting in Kazan"]
    assert ["16 May 2024", "Talks in Beijing \\<b\\>", "Held", "Checked"] in rest
    assert "# not a heading" not in re.findall(r"^#.*$", text, flags=re.MULTILINE)
    assert "> # not a heading | not a cell" in text
    assert "&lt;script>" in text
    assert "## Notes on events no longer in the timeline" in text
    assert "- **Flag:** Disputed" in text and "- **Status:** Planned" in text


def test_report_of_a_reviewer_with_no_notes(timeline):
    empty = msgspec.convert({"format": "summit-timeline-review/1"}, ReviewDocument)
    text = render_markdown(timeline, empty, "Nobody", GENERATED)
    assert "0 of 3 reviewed" in text and "None." in text and "No notes yet." in text
    html_text = render_html(timeline, empty, "Nobody", GENERATED)
    outline = Outline()
    outline.feed(html_text)
    # A checklist: nothing needs attention yet, every event is a row of the table.
    assert outline.event_sections == [] and outline.disputed_rows == []
    assert [row[1] for row in outline.rest_rows[1:]] == [
        "Talks in Beijing <b>", "Talks in Astana", "Meeting in Kazan"]


# ---------------------------------------------------------------- PDF


def _pdf_text(path: Path) -> str:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(path))
    raw = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def test_pdf_holds_titles_and_dates(timeline, doc, tmp_path):
    pytest.importorskip("PySide6.QtGui")
    from summit_timeline.qt.report_writer import write_pdf

    out = tmp_path / "report.pdf"
    write_pdf(render_html(timeline, doc, "Anna", GENERATED), out)
    assert out.read_bytes().startswith(b"%PDF")
    text = _pdf_text(out)
    for expected in ("Review: Test meetings <2024> & co", "Talks in Beijing <b>",
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
    assert f"## Everything else ({len(timeline.events)})" in text
    rows = re.findall(r"^\|.*\| (\w+) \|$", text.split("## Everything else")[1], re.MULTILINE)
    assert rows.count("Unreviewed") == len(timeline.events) - 1 and rows.count("Checked") == 1


def test_pdf_never_ends_a_page_with_a_heading(tmp_path):
    """Notes of many lengths put headings at every height on the page; none may be
    the last line of a page, cut off from the text it introduces."""
    pytest.importorskip("PySide6.QtGui")
    from summit_timeline.qt.report_writer import write_pdf

    events = [{"id": f"e{i}", "track": "main", "title": f"Meeting number {i}",
               "when": f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}", "sources": ["tass"]}
              for i in range(36)]
    timeline = msgspec.convert({
        "format": "summit-timeline/1", "title": "Many meetings",
        "sources": [{"id": "tass", "title": "TASS report"}],
        "tracks": [{"id": "main", "title": "Main"}], "events": events}, Timeline)
    store = ReviewStore(tmp_path / "m.review.json", timeline)
    for i in range(36):
        store.set_flag("Anna", f"e{i}", ("disputed", "needs_work", "checked")[i % 3])
        store.set_note("Anna", f"e{i}", "\n\n".join(
            f"Point {k}: " + "the date and place match the cited report. " * (1 + (i * 7 + k) % 9)
            for k in range(1 + i % 3)))
    out = tmp_path / "long.pdf"
    write_pdf(render_html(timeline, store.document(), "Anna", GENERATED), out)
    pypdf = pytest.importorskip("pypdf")
    pages = pypdf.PdfReader(str(out)).pages
    assert len(pages) > 5
    every = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert len(set(re.findall(r"Meeting number (\d+)", every))) == 36, "no page went missing"
    heading_at_end = re.compile(
        r"(?:(?<!Flag: )(?:Note|Sources|Disputed|Summary|Disputed facts)"
        r"|\d{4}: Meeting number \d+|(?:Disputed|Needs work|Checked, with notes) \(\d+\))$")
    for number, page in enumerate(pages, 1):
        text = " ".join(page.extract_text().split())
        assert not heading_at_end.search(text), (number, text[-80:])
