"""The review report: one reviewer's flags, notes and disputed facts as a document.

It leads with what needs attention: a summary (counts by flag and by
reviewer, the knowledge date the timeline was reviewed as of, the disputed
facts), then the disputed events, those that need work, those checked with
notes, and last a compact table of everything with nothing more to say.

Two renderings from one list of sections, so they cannot drift apart:
Markdown clean enough to paste into a wiki, and HTML with inline print CSS
that reads well on paper and that the Qt layer (or ``commands/review_report``)
turns into PDF with ``QTextDocument`` + ``QPdfWriter``.  Everything taken from
the timeline or the notes is escaped: a note is text a reviewer typed, not
markup, apart from a few simple forms (paragraphs, ``- `` lists, ``**bold**``,
``*italic*``, `` `code` ``) that are rendered on purpose.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from . import dates, knowledge, review
from .known_title import timeline_title
from .model import Event, Timeline
from .review import FLAG_LABELS, FLAGS, EventReview, Flag, ReviewDocument


@dataclass(frozen=True, slots=True)
class Disputed:
    """One row of the summary's list of disputed facts."""

    event_id: str
    event_title: str
    date: str
    item: str
    reason: str


@dataclass(frozen=True, slots=True)
class EventSection:
    event: Event
    date: str
    status: str
    flag: Flag
    note: str
    sources: list[tuple[str, str, str]]
    """(source id, description, the reviewer's mark on it or "")."""
    disputed: list[Disputed]
    marked: bool = False
    """Some quote, figure or source carries a reason or is disputed: notes beyond the note."""
    checked_reasons: list[tuple[str, str]] = field(default_factory=list)
    """Quotes and figures marked checked with a reason: (item, reason)."""

    @property
    def has_notes(self) -> bool:
        return bool(self.note.strip()) or self.marked


@dataclass(frozen=True, slots=True)
class Group:
    """Events shown in full, in the order that asks for attention first."""

    key: str
    title: str
    events: list[EventSection]


@dataclass(frozen=True, slots=True)
class ReviewerCounts:
    reviewer: str
    by_flag: dict[Flag, int]
    notes: int


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    reviewer: str
    timeline_file: str
    generated: str
    known_on: str
    """The knowledge date the events are shown as of, in words."""
    progress: review.Progress
    events: list[EventSection]
    groups: list[Group]
    rest: list[EventSection]
    """Events with nothing to read beyond their flag: one row each in a compact table."""
    reviewers: list[ReviewerCounts]
    disputed: list[Disputed]
    orphans: list[review.Orphan]
    later: int = 0
    """Events first reported after the knowledge date: counted, never named."""
    later_marked: int = 0
    """Of those, how many carry this reviewer's flag or note (so none seem lost)."""
    knowledge_date: str = ""
    """The knowledge date in words ("3 Jul 2024"), or "" for everything known."""

    def later_line(self) -> str:
        """One sentence on the events left out, or "" when none were."""
        if not self.later:
            return ""
        events = "event" if self.later == 1 else "events"
        line = f"Left out: {self.later:,} {events} first reported after {self.knowledge_date}."
        if self.later_marked:
            verb = "carries" if self.later_marked == 1 else "carry"
            line += (f" {self.later_marked:,} of them {verb} your flag or note; report as "
                     "known on a later date to see them.")
        return line


GROUPS: Final[tuple[tuple[str, str], ...]] = (
    ("disputed", "Disputed"),
    ("needs_work", "Needs work"),
    ("checked", "Checked, with notes"),
    ("unreviewed", "Not yet flagged, with notes"),
)
"""Full sections, most urgent first; checked and unflagged events without notes go to the
compact table at the end."""


def build(timeline: Timeline, doc: ReviewDocument, reviewer: str,
          generated: datetime | None = None, knowledge_day: int | None = None) -> Report:
    """Collect what both renderings show: attention groups, each in date order.

    ``knowledge_day`` is the day the reviewer looked at the timeline as of
    (None: everything the file knows); dates and statuses are given as known then.
    """
    mine = review.events_of(doc, reviewer)

    def is_known(event: Event) -> bool:
        return knowledge.known_state(event, knowledge_day) is not None

    known = [event for event in timeline.events if is_known(event)] \
        if knowledge_day is not None else list(timeline.events)
    known_ids = {event.id for event in known}
    later_marked = sum(1 for event_id, record in mine.items()
                       if event_id not in known_ids and timeline.event(event_id) is not None
                       and (record.flag != "unreviewed" or record.note.strip()
                            or record.items))
    counted = is_known if knowledge_day is not None else None
    order = sorted(enumerate(known),
                   key=lambda pair: (_sort_day(pair[1], knowledge_day), pair[0]))
    sections = [_section(timeline, event, mine.get(event.id), knowledge_day)
                for _, event in order]
    groups = [Group(flag, title, [s for s in sections if s.flag == flag and
                                  (flag in ("disputed", "needs_work") or s.has_notes)])
              for flag, title in GROUPS]
    shown = {id(s) for group in groups for s in group.events}
    moment = review.to_utc(generated or review.utc_now())
    in_groups = [s for group in groups for s in group.events]
    return Report(
        title=timeline_title(timeline, knowledge_day),
        reviewer=reviewer,
        timeline_file=doc.timeline.file,
        generated=moment.strftime("%Y-%m-%d %H:%M UTC"),
        known_on=("as known on " + dates.format_day(knowledge_day)) if knowledge_day is not None
        else "with everything the file knows (no knowledge date)",
        progress=review.progress(doc, timeline, reviewer, counted),
        events=sections,
        groups=[group for group in groups if group.events],
        rest=[s for s in sections if id(s) not in shown],
        reviewers=_reviewer_counts(doc, timeline, known_ids, counted),
        disputed=[row for section in in_groups for row in section.disputed],
        orphans=review.orphans(doc, timeline, reviewer),
        later=len(timeline.events) - len(known),
        later_marked=later_marked,
        knowledge_date=dates.format_day(knowledge_day) if knowledge_day is not None else "",
    )


def _reviewer_counts(doc: ReviewDocument, timeline: Timeline, known_ids: set[str],
                     counted: Callable[[Event], bool] | None) -> list[ReviewerCounts]:
    counts = []
    for name in review.reviewer_names(doc):
        progress = review.progress(doc, timeline, name, counted)
        notes = sum(1 for event_id, record in review.events_of(doc, name).items()
                    if record.note.strip() and event_id in known_ids)
        counts.append(ReviewerCounts(name, progress.by_flag, notes))
    return counts


def _sort_day(event: Event, day: int | None) -> int:
    known = knowledge.known_state(event, day)
    try:
        return dates.parse(known.when if known is not None else event.when).lower
    except ValueError:
        return 2**62


def display_date(text: str) -> str:
    try:
        return dates.parse(text).display()
    except ValueError:
        return text


def _section(timeline: Timeline, event: Event, mine: EventReview | None,
             day: int | None) -> EventSection:
    known = knowledge.known_state(event, day)
    when = display_date(known.when if known is not None else event.when)
    status = knowledge.shown_status(known, day).capitalize() if known is not None \
        else "Not yet reported"
    items = mine.items if mine is not None else {}
    disputed: list[Disputed] = []
    reasons: list[tuple[str, str]] = []
    for key, mark in sorted(items.items(), key=lambda kv: _key_order(kv[0])):
        if mark.verdict == "disputed":
            disputed.append(Disputed(event.id, event.title, when,
                                     _item_text(timeline, event, key, mark.subject), mark.reason))
        elif mark.reason.strip() and not key.startswith("source:"):
            reasons.append((_item_text(timeline, event, key, mark.subject), mark.reason))
    if mine is not None and mine.flag == "disputed" and not disputed:
        first_line = next((line.strip() for line in mine.note.splitlines() if line.strip()), "")
        disputed.append(Disputed(event.id, event.title, when, "The event as a whole",
                                 _shorten(first_line, 200)))
    sources = []
    for source_id in event.sources:
        source = timeline.source(source_id)
        text = source_id if source is None else ", ".join(
            part for part in (source.title, source.outlet if source.outlet != source.title
                              else "", display_date(source.date) if source.date else "") if part)
        source_mark = items.get(review.item_key("source", source_id))
        verdict = "" if source_mark is None else source_mark.verdict + (
            f": {source_mark.reason}" if source_mark.reason else "")
        sources.append((source_id, text, verdict))
    marked = any(mark.verdict == "disputed" or mark.reason.strip() for mark in items.values())
    return EventSection(event, when, status, mine.flag if mine is not None else "unreviewed",
                        mine.note if mine is not None else "", sources, disputed, marked,
                        reasons)


def _key_order(key: str) -> tuple[int, str]:
    kind, ref = review.split_item_key(key)
    return (review.ITEM_KINDS.index(kind), f"{ref:09d}" if isinstance(ref, int) else ref)


def _item_text(timeline: Timeline, event: Event, key: str, subject: str) -> str:
    kind, ref = review.split_item_key(key)
    label = f"{kind.capitalize()} {ref + 1}" if isinstance(ref, int) else "Source"
    now = review.describe_item(timeline, event, key)
    if now is None:
        return f"{label} (no longer in the timeline): {subject or key}"
    if subject and not review.marked_as_now(timeline, event, key, subject):
        return f"{label}: {now} (changed since marked; was: {subject})"
    return f"{label}: {now}"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- Markdown

_MD_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """Inline text that stays literal in any Markdown renderer, tables included."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_note(note: str) -> list[str]:
    """A blockquote keeps the reviewer's formatting and can never break out into the
    report's own structure (a note line starting with '#' stays inside the quote)."""
    return [f"> {line.replace('<', '&lt;')}".rstrip() for line in note.strip().splitlines()]


def render_markdown(timeline: Timeline, doc: ReviewDocument, reviewer: str,
                    generated: datetime | None = None, knowledge_day: int | None = None) -> str:
    report = build(timeline, doc, reviewer, generated, knowledge_day)
    out = [f"# Review: {_md(report.title)}", ""]
    out.append(f"Reviewer: **{_md(report.reviewer or 'anonymous')}** · "
               + (f"Timeline file: {_md(report.timeline_file)} · " if report.timeline_file
                  else "") + f"Generated {report.generated}")
    out += ["", f"Reviewed against the timeline {report.known_on}. "
            f"Progress: {report.progress.text()}"]
    if report.later:
        out += ["", report.later_line()]
    out += ["", "## Summary", "", "### By flag", "",
            "| Flag | Events |", "| --- | ---: |"]
    out += [f"| {FLAG_LABELS[flag]} | {report.progress.by_flag[flag]} |" for flag in FLAGS]
    out += [f"| **Total** | {report.progress.total} |", "", "### By reviewer", ""]
    if report.reviewers:
        out += ["| Reviewer | " + " | ".join(FLAG_LABELS[f] for f in _REVIEWED) + " | Notes |",
                "| --- |" + " ---: |" * (len(_REVIEWED) + 1)]
        out += [f"| {_md(r.reviewer)} | " + " | ".join(str(r.by_flag[f]) for f in _REVIEWED)
                + f" | {r.notes} |" for r in report.reviewers]
    else:
        out.append("No notes yet.")
    out += ["", "### Disputed facts", ""]
    if report.disputed:
        out += ["| Date | Event | Item | Reason |", "| --- | --- | --- | --- |"]
        out += [f"| {_md(d.date)} | {_md(d.event_title)} | {_md(d.item)} | {_md(d.reason)} |"
                for d in report.disputed]
    else:
        out.append("None.")
    for group in report.groups:
        out += ["", f"## {group.title} ({len(group.events)})"]
        for section in group.events:
            out += _md_section(section)
    if report.rest:
        out += ["", f"## {_REST_TITLE} ({len(report.rest)})", "",
                "| Date | Event | Status | Flag |", "| --- | --- | --- | --- |"]
        out += [f"| {_md(s.date)} | {_md(s.event.title)} | {s.status} | {FLAG_LABELS[s.flag]} |"
                for s in report.rest]
    if report.orphans:
        out += ["", "## Notes on events no longer in the timeline", ""]
        for orphan in report.orphans:
            name = orphan.review.title or orphan.event_id
            out += [f"### {_md(name)} ({_md(orphan.event_id)})", "",
                    f"- **Flag:** {FLAG_LABELS[orphan.review.flag]}"]
            if orphan.review.note.strip():
                out += ["", *_md_note(orphan.review.note)]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


_REVIEWED: Final[tuple[Flag, ...]] = ("checked", "needs_work", "disputed", "unreviewed")
_REST_TITLE: Final = "Everything else"


def _md_section(section: EventSection) -> list[str]:
    out = ["", f"### {_md(section.date)}: {_md(section.event.title)}", "",
           f"- **Date:** {_md(section.date)}", f"- **Status:** {section.status}",
           f"- **Flag:** {FLAG_LABELS[section.flag]}"]
    if section.sources:
        out.append("- **Sources:**")
        out += [f"  - {_md(text)}" + (f" (*{_md(mark)}*)" if mark else "")
                for _, text, mark in section.sources]
    if section.note.strip():
        out += ["", "**Note**", "", *_md_note(section.note)]
    if section.disputed:
        out += ["", "**Disputed**", ""]
        out += [f"- {_md(d.item)}" + (f": {_md(d.reason)}" if d.reason else "")
                for d in section.disputed]
    if section.checked_reasons:
        out += ["", "**Checked, with reasons**", ""]
        out += [f"- {_md(item)}: {_md(reason)}" for item, reason in section.checked_reasons]
    return out


# ---------------------------------------------------------------- HTML

PRINT_CSS: Final = """
body { font-family: Georgia, "DejaVu Serif", serif; font-size: 11pt; line-height: 1.4;
       color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin-bottom: 0.2em; }
h2 { font-size: 15pt; border-bottom: 1px solid #888; margin-top: 1.6em; }
h3 { font-size: 12.5pt; margin: 1.2em 0 0.3em; }
h4 { font-size: 11pt; margin: 0.8em 0 0.2em; }
.meta { color: #444; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #999; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
td.count { text-align: right; }
.facts { margin: 0.2em 0; }
.flag { border: 1px solid #555; border-radius: 3px; padding: 0 0.3em; font-weight: bold; }
.flag-disputed { background: #fde2e2; }
.flag-needs_work { background: #fff2cc; }
.flag-checked { background: #e2f5e2; }
.note { border-left: 3px solid #888; padding-left: 0.8em; margin: 0.3em 0; }
.mark { font-style: italic; }
section.event { border-top: 1px solid #ccc; padding-top: 0.2em; }
@page { size: A4; margin: 18mm; }
@media print {
  body { margin: 0; max-width: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.event, table, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 9pt; }
}
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


_INLINE: Final = (
    (re.compile(r"`([^`\n]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"<em>\1</em>"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"<em>\1</em>"),
)


def _inline(text: str) -> str:
    out = _h(text)
    for pattern, replacement in _INLINE:
        out = pattern.sub(replacement, out)
    return out


_BULLET: Final = re.compile(r"^\s*[-*] ")


def note_html(note: str) -> str:
    """The simple formatting a note may use; all text escaped before any tag is added."""
    blocks = []
    for block in re.split(r"\n\s*\n", note.strip()):
        lines = [line.rstrip() for line in block.splitlines() if line.strip()]
        if lines and all(_BULLET.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_BULLET.sub('', line))}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        elif lines:
            blocks.append("<p>" + "<br>\n".join(_inline(line) for line in lines) + "</p>")
    return "\n".join(blocks)


def _flag_html(flag: Flag) -> str:
    return f'<span class="flag flag-{flag}">{FLAG_LABELS[flag]}</span>'


def _source_html(timeline: Timeline, source_id: str, text: str, mark: str) -> str:
    source = timeline.source(source_id)
    body = _h(text)
    if source is not None and source.url and source.url.startswith(("https://", "http://")):
        body = f'<a href="{_h(source.url)}">{body}</a>'
    if mark:
        body += f' <span class="mark">({_h(mark)})</span>'
    return f"<li>{body}</li>"


def render_html(timeline: Timeline, doc: ReviewDocument, reviewer: str,
                generated: datetime | None = None, knowledge_day: int | None = None) -> str:
    report = build(timeline, doc, reviewer, generated, knowledge_day)
    title = f"Review: {report.title}"
    out = ['<!DOCTYPE html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{_h(title)}</title>", f"<style>{PRINT_CSS}</style>", "</head>", "<body>",
           "<header>", f"<h1>{_h(title)}</h1>",
           f'<p class="meta">Reviewer: <strong>{_h(report.reviewer or "anonymous")}</strong>'
           + (f" · Timeline file: {_h(report.timeline_file)}" if report.timeline_file else "")
           + f" · Generated {_h(report.generated)}</p>",
           f'<p class="meta">Reviewed against the timeline {_h(report.known_on)} · '
           f"{_h(report.progress.text())}</p>",
           *([f'<p class="meta">{_h(report.later_line())}</p>'] if report.later else []),
           "</header>", "<main>",
           '<section id="summary">', "<h2>Summary</h2>", '<table class="counts">',
           "<caption>Events by review flag</caption>",
           '<thead><tr><th scope="col">Flag</th><th scope="col">Events</th></tr></thead>',
           "<tbody>"]
    out += [f'<tr><th scope="row">{_flag_html(flag)}</th>'
            f'<td class="count">{report.progress.by_flag[flag]}</td></tr>' for flag in FLAGS]
    out += ["</tbody>", f'<tfoot><tr><th scope="row">Total</th><td class="count">'
            f"{report.progress.total}</td></tr></tfoot>", "</table>"]
    if report.reviewers:
        out += ['<table class="reviewers">', "<caption>Events by reviewer</caption>",
                "<thead><tr><th scope=\"col\">Reviewer</th>"
                + "".join(f'<th scope="col">{FLAG_LABELS[f]}</th>' for f in _REVIEWED)
                + '<th scope="col">Notes</th></tr></thead>', "<tbody>"]
        out += [f'<tr><th scope="row">{_h(r.reviewer)}</th>'
                + "".join(f'<td class="count">{r.by_flag[f]}</td>' for f in _REVIEWED)
                + f'<td class="count">{r.notes}</td></tr>' for r in report.reviewers]
        out += ["</tbody>", "</table>"]
    out.append("<h3>Disputed facts</h3>")
    if report.disputed:
        out += ['<table class="disputed" width="100%">', "<thead><tr>"
                + "".join(f'<th scope="col" width="{w}%">{h}</th>' for h, w in
                          (("Date", 14), ("Event", 22), ("Item", 26), ("Reason", 38)))
                + "</tr></thead>", "<tbody>"]
        out += [f'<tr><td>{_h(d.date)}</td><td><a href="#event-{_h(d.event_id)}">'
                f"{_h(d.event_title)}</a></td><td>{_h(d.item)}</td><td>{_h(d.reason)}</td></tr>"
                for d in report.disputed]
        out += ["</tbody>", "</table>"]
    else:
        out.append("<p>None.</p>")
    out.append("</section>")
    for group in report.groups:
        out += [f'<section class="group" id="group-{group.key}">',
                f"<h2>{_h(group.title)} ({len(group.events)})</h2>"]
        for section in group.events:
            out += _html_section(timeline, section)
        out.append("</section>")
    if report.rest:
        out += ['<section id="rest">', f"<h2>{_REST_TITLE} ({len(report.rest)})</h2>",
                '<table class="rest" width="100%">', "<thead><tr>"
                + "".join(f'<th scope="col">{h}</th>' for h in ("Date", "Event", "Status", "Flag"))
                + "</tr></thead>", "<tbody>"]
        out += [f'<tr id="event-{_h(s.event.id)}"><td>{_h(s.date)}</td>'
                f"<td>{_h(s.event.title)}</td><td>{_h(s.status)}</td>"
                f"<td>{_flag_html(s.flag)}</td></tr>" for s in report.rest]
        out += ["</tbody>", "</table>", "</section>"]
    if report.orphans:
        out += ['<section id="orphans">', "<h2>Notes on events no longer in the timeline</h2>"]
        for orphan in report.orphans:
            name = orphan.review.title or orphan.event_id
            out += ['<section class="orphan">', f"<h3>{_h(name)} ({_h(orphan.event_id)})</h3>",
                    f"<p>Flag: {_flag_html(orphan.review.flag)}</p>"]
            if orphan.review.note.strip():
                out.append(f'<div class="note">{note_html(orphan.review.note)}</div>')
            out.append("</section>")
        out.append("</section>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _html_section(timeline: Timeline, section: EventSection) -> list[str]:
    event = section.event
    out = [f'<section class="event" id="event-{_h(event.id)}">',
           f"<h3>{_h(section.date)}: {_h(event.title)}</h3>",
           # One line rather than a <dl>: Qt's PDF path stacks dt/dd vertically,
           # which tripled the length of a printed report.
           f'<p class="facts"><b>Date:</b> {_h(section.date)} · '
           f"<b>Status:</b> {_h(section.status)} · "
           f"<b>Flag:</b> {_flag_html(section.flag)}</p>"]
    if section.sources:
        out += ["<h4>Sources</h4>", "<ul>"]
        out += [_source_html(timeline, sid, text, mark) for sid, text, mark in section.sources]
        out.append("</ul>")
    if section.note.strip():
        out += ["<h4>Note</h4>", f'<div class="note">{note_html(section.note)}</div>']
    if section.disputed:
        out += ["<h4>Disputed</h4>", "<ul>"]
        out += [f"<li>{_h(d.item)}" + (f": {_h(d.reason)}" if d.reason else "") + "</li>"
                for d in section.disputed]
        out.append("</ul>")
    if section.checked_reasons:
        out += ["<h4>Checked, with reasons</h4>", "<ul>"]
        out += [f"<li>{_h(item)}: {_h(reason)}</li>" for item, reason in section.checked_reasons]
        out.append("</ul>")
    out.append("</section>")
    return out


# PDF: rendered from ``render_html`` by ``summit_timeline.qt.html_pdf.write_pdf``
# (QTextDocument + QPdfWriter, PySide6 imported lazily there, never in core), which
# keeps every heading on the page of the text it introduces.
