"""What changed between two knowledge dates, as a Markdown or HTML document.

Both come from one ``KnowledgeChanges``: a summary (how many events and
changes, which checked events to look at again), then one section per event
listing each change as "what: before → after".  A list rather than a table:
printed, a table row split across pages and narrow columns made long texts
hard to follow.  Everything from the file is
escaped; the HTML uses the review report's print style so the Qt layer turns
it into a PDF the same way.
"""

from __future__ import annotations

import html
import re
from typing import Final

from .known_changes import WHAT_LABELS, Change, KnowledgeChanges
from .review_flags import FLAG_LABELS
from .review_report import PRINT_CSS

_MD_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _what(change: Change) -> str:
    label = WHAT_LABELS[change.what]
    if change.what in ("appeared", "disappeared") or (change.before and change.after):
        return label.capitalize()
    return f"{label.capitalize()} {'added' if change.after else 'removed'}"


def _value(change: Change) -> str:
    if change.before and change.after and change.what not in ("appeared", "disappeared"):
        return f"{change.before} → {change.after}"
    return change.after or change.before


def _summary_lines(report: KnowledgeChanges) -> list[str]:
    events = len(report.events)
    lines = [f"{report.count} change{'s' * (report.count != 1)} to {events} "
             f"event{'s' * (events != 1)} {report.span_text()}."]
    if not events:
        lines.append("Nothing that was known changed between these dates.")
    rechecks = report.rechecks()
    if rechecks:
        names = ", ".join(e.title for e in rechecks)
        lines.append(f"Marked checked by {report.reviewer} before these changes, worth checking "
                     f"again: {names}.")
    return lines


def render_markdown(report: KnowledgeChanges) -> str:
    out = [f"# What changed: {_md(report.title)}", ""]
    out += [_md(line) for line in _summary_lines(report)]
    for event in report.events:
        out += ["", f"## {_md(event.date)}: {_md(event.title)}", ""]
        if event.flag != "unreviewed":
            note = " (checked before this changed: check again)" if event.recheck else ""
            out += [f"Review flag: **{FLAG_LABELS[event.flag]}**{note}", ""]
        out += [f"- **{_what(c)}:** {_md(_value(c))}" for c in event.changes]
    return "\n".join(out).rstrip() + "\n"


def render_html(report: KnowledgeChanges) -> str:
    title = f"What changed: {report.title}"
    out = ['<!DOCTYPE html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{_h(title)}</title>", f"<style>{PRINT_CSS}</style>", "</head>", "<body>",
           f"<h1>{_h(title)}</h1>"]
    out += [f'<p class="meta">{_h(line)}</p>' for line in _summary_lines(report)]
    for event in report.events:
        out += [f'<section class="event" id="event-{_h(event.event_id)}">',
                f"<h2>{_h(event.date)}: {_h(event.title)}</h2>"]
        if event.flag != "unreviewed":
            note = " — checked before this changed: check again" if event.recheck else ""
            out.append(f'<p><span class="flag flag-{event.flag}">{FLAG_LABELS[event.flag]}'
                       f"</span>{_h(note)}</p>")
        out.append('<ul class="changes">')
        out += [f"<li><b>{_h(_what(c))}:</b> {_h(_value(c))}</li>" for c in event.changes]
        out += ["</ul>", "</section>"]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
