"""The words on one slide, chosen from an event as known on the knowledge date.

Kept apart from painting so the presenter window, the PDF handout and the
tests agree on what a slide says: a planned event says "Planned — as of
3 Jul 2024", a month-precision date says "October 2024" and never a made-up day,
and the summary is the one told by then (the report's while later ones are
pending), as plain text: a slide shows words, not markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import dates
from ..core.dates import Precision
from ..core.figures import figure_amount
from ..core.formats.sanitize import inline_text
from ..core.knowledge import known_details, shown_status
from ..core.model import Media, Person, Timeline
from .deck import TITLE, Deck
from .snapshot import Snapshot

_PRECISION_NOTE = {Precision.MONTH: "day not yet known", Precision.SEASON: "month not yet known",
                   Precision.YEAR: "month not yet known"}


@dataclass(frozen=True)
class SlideContent:
    position: int
    event_id: str
    title: str
    date: str
    date_note: str
    """Why the date is coarse, e.g. "day not yet known"; empty for an exact day."""
    status: str
    status_code: str
    """held, planned, postponed, cancelled, or "under way" (held, not over on the day)."""
    place: str
    participants: tuple[str, ...]
    """Each person as "Name (other scripts)", e.g. "Xi Jinping (习近平, Си Цзиньпин)"."""
    quote: str
    quote_by: str
    figure: str
    figure_by: str
    sources: tuple[str, ...]
    occasion: str
    summary: str = ""
    """The summary as known on the knowledge date, as plain text."""
    notes: str = ""
    """Speaker notes: for the presenter's eyes only."""
    media: tuple[Media, ...] = ()
    quote_source: str = ""
    """Where the quote was published: its outlet (or title), named beside the speaker."""
    quote_note: str = ""
    """What the data says of the quote's wording ("Pledge Times' English wording")."""
    figure_source: str = ""
    figure_note: str = ""


@dataclass(frozen=True)
class TitleContent:
    title: str
    description: str
    facts: str
    """Knowledge date, number of events and the span they cover."""
    notes: str = ""


@dataclass(frozen=True)
class Neighbour:
    """The previous or next slide, named at the slide's edge."""

    step: int
    text: str


def neighbours(deck: Deck, step: int) -> tuple[Neighbour | None, Neighbour | None]:
    """The slides before and after ``step``, by their titles ("‹ 16 May 2024: …")."""
    def named(at: int) -> Neighbour | None:
        if not 0 <= at < len(deck):
            return None
        value = deck.steps[at]
        if value == TITLE:
            return Neighbour(at, deck.data.title)
        when = dates.parse(deck.data.known_state(value).when).display()
        return Neighbour(at, f"{when}: {deck.data.event(value).title}")

    return named(step - 1), named(step + 1)


def person_name(person: Person | None, fallback: str) -> str:
    if person is None:
        return fallback
    others = [person.names[k] for k in ("zh", "ru") if person.names.get(k)]
    others += [v for k, v in person.names.items() if k not in ("zh", "ru") and v]
    return f"{person.name} ({', '.join(others)})" if others else person.name


def outlet(timeline: Timeline, source_id: str) -> str:
    """The source as briefly as a credit line names it: its outlet, else its title."""
    source = timeline.source(source_id)
    if source is None:
        return source_id
    return source.outlet or source.title


def source_line(timeline: Timeline, source_id: str) -> str:
    source = timeline.source(source_id)
    if source is None:
        return source_id
    parts = [source.outlet] if source.outlet and source.outlet != source.title else []
    parts.append(source.title)
    if source.date and str(dates.parse(source.date).lower // 365 + 1970) not in source.title:
        parts.append(dates.parse(source.date).display())
    return ", ".join(parts)


def status_text(status: str, knowledge_day: int | None, reported: str | None) -> str:
    """"Held", or "Planned — as of 3 Jul 2024" (the knowledge date, else the report's date)."""
    word = status.capitalize()
    if status == "held":
        return word
    if knowledge_day is not None:
        return f"{word} — as of {dates.format_day(knowledge_day)}"
    if reported:
        return f"{word} — as of {dates.parse(reported).display()}"
    return word


def _date_note(parsed: dates.EdtfDate) -> str:
    if parsed.one_of:
        return "sources differ on the day"
    return "" if parsed.is_interval else _PRECISION_NOTE.get(parsed.precision, "")


def event_content(data: Snapshot, position: int) -> SlideContent:
    """The slide for one event, saying nothing that was learnt after the knowledge date.

    While later reports are still to come (Kazan as of 3 July 2024), the
    slide keeps to what the reports so far say: their note instead of the
    occasion, the town but not the venue, and only sources dated by then.
    """
    timeline = data.timeline
    event = data.event(position)
    known = data.known_state(position)
    day = data.knowledge_day
    told = known_details(timeline, event, day)
    parsed = dates.parse(known.when)
    place = timeline.place(told.place)
    where = ""
    if place is not None:
        parts = (place.venue if told.show_venue else "", place.name, place.country)
        where = ", ".join(p for p in parts if p)
    people = tuple(person_name(timeline.person(p), p) for p in event.participants)
    quote = told.quotes[0] if told.quotes else None
    figure = told.figures[0] if told.figures else None
    figure_by = ""
    if figure is not None:
        who = timeline.person(figure.attributed_to) if figure.attributed_to else None
        figure_by = figure.label + (f" — stated by {who.name}" if who else "")
    return SlideContent(
        position=position,
        event_id=event.id,
        title=event.title,
        date=parsed.display(),
        date_note=_date_note(parsed),
        status=status_text(shown_status(known, day), day,
                           known.report.date if known.report else None),
        status_code=shown_status(known, day),
        place=where,
        participants=people,
        quote=quote.text if quote else "",
        quote_by=timeline.person(quote.speaker).name  # type: ignore[union-attr]
        if quote and timeline.person(quote.speaker) else (quote.speaker if quote else ""),
        figure=figure_amount(figure) if figure else "",
        figure_by=figure_by,
        sources=tuple(source_line(timeline, s) for s in told.sources),
        occasion=told.occasion,
        summary=inline_text(told.summary) or _untold(told.pending, told.occasion),
        notes=event.notes.strip(),
        media=event.media,
        quote_source=outlet(timeline, quote.source) if quote else "",
        quote_note=quote.note if quote else "",
        figure_source=outlet(timeline, figure.source) if figure else "",
        figure_note=figure.note if figure else "",
    )


def _untold(pending: bool, occasion: str) -> str:
    """What a slide says where the record has no summary (yet)."""
    if occasion:
        return occasion
    return "Later reports tell more." if pending else ""


def title_content(data: Snapshot, positions: list[int]) -> TitleContent:
    facts = []
    if data.knowledge_day is not None:
        facts.append(f"As known on {dates.format_day(data.knowledge_day)}")
    facts.append(f"{len(positions)} event{'s' * (len(positions) != 1)}")
    if positions:
        lo = int(min(data.known.start[p] for p in positions))
        hi = int(max(data.known.end[p] for p in positions)) - 1
        facts.append(f"{dates.format_day(lo)} – {dates.format_day(hi)}")
    return TitleContent(data.title, inline_text(data.description), " · ".join(facts))
