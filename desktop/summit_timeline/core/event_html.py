"""The detail pane's content as HTML, built from one event as known on a day.

Kept apart from the widget so the text can be tested without a window, and
so every string from the file passes through ``sanitize`` in one place.
Media are given as the widget found them (a decoded image it will hand the
document under a name of its own, or why it could not); web addresses become
links, never ``<img>`` sources, so nothing is ever fetched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import dates
from .figures import figure_amount
from .knowledge import Known, history, known_details, shown_status
from .model import Event, Media, Timeline
from .safe_html import plain, rich, url


@dataclass(frozen=True)
class ShownMedia:
    """How one of the event's media appears: an image the widget decoded, or not."""

    resource: str = ""
    """The name the decoded image is served under (``media:0``); empty: not decoded."""
    width: int = 0
    height: int = 0
    """The size to show it at, in pixels."""
    problem: str = ""
    """Why a placeholder is shown instead of the image."""

_STATUS_STYLE = {
    "held": "background:#2E7D32;color:white",
    "planned": "border:1px dashed #1F6FB2;color:#1F6FB2",
    "postponed": "background:#B8860B;color:white",
    "cancelled": "background:#777;color:white;text-decoration:line-through",
    "under way": "background:#A5D6A7;color:#1B5E20;border:1px dashed #2E7D32",
}
_PRECISION = {4: "exact day", 3: "month only", 2: "season only", 1: "year only"}


def _date_line(when: str) -> str:
    parsed = dates.parse(when)
    notes = [_PRECISION.get(int(parsed.precision), "")]
    if parsed.is_interval:
        notes = ["span of days" if parsed.precision == dates.Precision.DAY else notes[0]]
    if parsed.one_of:
        notes = ["sources differ on the day"]
    if parsed.approximate:
        notes.append("approximate")
    if parsed.uncertain and not parsed.one_of:
        notes.append("uncertain")
    detail = ", ".join(n for n in notes if n)
    return f"{plain(parsed.display())} <span class='muted'>({plain(when)}; {plain(detail)})</span>"


def _person(timeline: Timeline, person_id: str) -> str:
    person = timeline.person(person_id)
    if person is None:
        return plain(person_id)
    other = " · ".join(plain(person.names[lang]) for lang in ("ru", "zh") if lang in person.names)
    text = f"<b>{plain(person.name)}</b>"
    if other:
        text += f" ({other})"
    if person.role:
        text += f"<br><span class='muted'>{plain(person.role)}</span>"
    return text


def _source(timeline: Timeline, source_id: str | None) -> str:
    source = timeline.source(source_id)
    if source is None:
        return plain(source_id or "")
    bits = [f"<i>{plain(source.title)}</i>"]
    if source.outlet and source.outlet != source.title:
        bits.append(plain(source.outlet))
    if source.date:
        bits.append(plain(dates.parse(source.date).display()))
    text = ", ".join(bits)
    link = url(source.url)
    if link:
        text += f"<br><a href='{link}'>{plain(source.url or '')}</a>"
    return text


def _media(media: Media, shown: ShownMedia | None) -> str:
    caption = f"<br>{plain(media.caption)}" if media.caption else ""
    credit = f"<br><span class='muted'>{plain(media.credit)}</span>" if media.credit else ""
    link = url(media.url)
    if not media.file:
        target = f"<a href='{link}'>{plain(media.url or '')}</a>" if link else \
            plain(media.url or "")
        return (f"<p>{target}{caption}{credit}<br><span class='muted'>A web address: opened "
                "in your browser only if you click it, never fetched here.</span></p>")
    if shown is not None and shown.resource:
        alt = plain(media.alt or media.caption or media.file)
        return (f"<p><img src='{plain(shown.resource)}' width='{shown.width}' "
                f"height='{shown.height}' alt='{alt}'>{caption}{credit}</p>")
    reason = plain(shown.problem) if shown is not None and shown.problem else \
        f"{plain(media.file)}: not shown"
    alt = f"<br><i>{plain(media.alt)}</i>" if media.alt else ""
    return (f"<table class='placeholder' border='1' cellpadding='8' width='100%'><tr><td>"
            f"<b>⚠ Image not shown</b>{alt}<br><span class='muted'>{reason}</span>"
            f"</td></tr></table><p>{caption.removeprefix('<br>')}{credit}</p>")


def event_html(timeline: Timeline, event: Event, known: Known, knowledge_day: int | None,
               media: Sequence[ShownMedia] = ()) -> str:
    """The full description of ``event`` as known on ``knowledge_day``; ``media[i]`` says
    how ``event.media[i]`` is shown (missing: as a placeholder or a link)."""
    parts = [f"<h2>{plain(event.title)}</h2>"]
    as_of = f" as of {plain(dates.format_day(knowledge_day))}" if knowledge_day is not None else ""
    status = shown_status(known, knowledge_day)
    if status == "under way":  # held so far: say until when it runs
        as_of += f" · runs to {plain(dates.format_day(dates.parse(known.when).upper))}"
    style = _STATUS_STYLE.get(status, "")
    parts.append(f"<p><span style='{style}'>&nbsp;{plain(status.upper())}&nbsp;</span>"
                 f"<span class='muted'>{as_of}</span></p>")
    parts.append(f"<p><b>When:</b> {_date_line(known.when)}</p>")
    told = known_details(timeline, event, knowledge_day)
    place = timeline.place(told.place)
    if place is not None:
        where = plain(place.name) + (f", {plain(place.country)}" if place.country else "")
        if place.venue and told.show_venue:
            where = f"{plain(place.venue)}, {where}"
        parts.append(f"<p><b>Where:</b> {where}</p>")
    if told.occasion:
        label = "Reported" if told.pending else "Occasion"
        parts.append(f"<p><b>{label}:</b> {plain(told.occasion)}</p>")
    if event.participants:
        people = "".join(f"<li>{_person(timeline, p)}</li>" for p in event.participants)
        parts.append(f"<h3>Participants</h3><ul>{people}</ul>")
    if told.summary:
        parts.append(f"<h3>Summary</h3><p>{rich(told.summary)}</p>")
    elif told.pending:
        parts.append("<p class='muted'>Later reports tell more: move the knowledge date on to "
                     "see them.</p>")
    if event.media:
        given: list[ShownMedia | None] = [*media, *[None] * (len(event.media) - len(media))]
        pictures = "".join(_media(m, s) for m, s in zip(event.media, given, strict=False))
        parts.append(f"<h3>Media</h3>{pictures}")
    if told.topics:
        parts.append(f"<p><b>Topics:</b> {', '.join(plain(t) for t in told.topics)}</p>")
    if told.quotes:
        items: list[str] = []
        for quote in told.quotes:
            speaker = timeline.person(quote.speaker)
            name = plain(speaker.name) if speaker else plain(quote.speaker)
            note = f"<br><span class='muted'><i>{plain(quote.note)}</i></span>" \
                if quote.note else ""
            items.append(f"<li>“{plain(quote.text)}” — <b>{name}</b>{note}"
                         f"<br><span class='muted'>{_source(timeline, quote.source)}</span></li>")
        parts.append(f"<h3>Quotes</h3><ul>{''.join(items)}</ul>")
    if told.figures:
        items = []
        for figure in told.figures:
            amount = plain(figure_amount(figure))
            who = timeline.person(figure.attributed_to) if figure.attributed_to else None
            stated = f" — stated by <b>{plain(who.name)}</b>" if who else ""
            note = f"<br><span class='muted'><i>{plain(figure.note)}</i></span>" \
                if figure.note else ""
            items.append(f"<li>{plain(figure.label)}: <b>{amount}</b>{stated}{note}"
                         f"<br><span class='muted'>{_source(timeline, figure.source)}</span></li>")
        parts.append(f"<h3>Figures</h3><ul>{''.join(items)}</ul>")
    if event.notes:
        notes = "<br>".join(plain(line) for line in event.notes.strip().splitlines())
        parts.append(f"<h3>Speaker notes</h3><p class='muted'>{notes}</p>")
    if told.related:
        links = []
        for related_id in told.related:
            other = timeline.event(related_id)
            title = plain(other.title) if other else plain(related_id)
            links.append(f"<li><a href='event:{plain(related_id)}'>{title}</a></li>")
        parts.append(f"<h3>Related</h3><ul>{''.join(links)}</ul>")
    if told.sources:
        cited = "".join(f"<li>{_source(timeline, s)}</li>" for s in told.sources)
        parts.append(f"<h3>Sources</h3><ul>{cited}</ul>")
    reports = history(event)
    if knowledge_day is not None:
        shown = [r for r in reports if dates.parse(r.date).lower <= knowledge_day]
        later = len(reports) - len(shown)
        reports = shown
    else:
        later = 0
    if reports or later:
        items = []
        for report in reports:
            current = " ◀ shown" if report is known.report else ""
            when = f" for {plain(dates.parse(report.when).display())}" if report.when else ""
            note = f"<br>{plain(report.note)}" if report.note else ""
            if report.summary and report.summary != told.summary:
                note += f"<br>{rich(report.summary)}"  # an earlier stage, told as it was
            items.append(f"<li><b>{plain(dates.parse(report.date).display())}</b>: "
                         f"{plain(report.status)}{when}{current}{note}"
                         f"<br><span class='muted'>{_source(timeline, report.source)}</span></li>")
        if later:
            items.append(f"<li class='muted'>{later} later report{'s' * (later > 1)}, after the "
                         "knowledge date</li>")
        parts.append(f"<h3>What was known when</h3><ul>{''.join(items)}</ul>")
    return "".join(parts)
