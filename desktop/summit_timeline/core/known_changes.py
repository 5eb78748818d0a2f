"""What became known between two knowledge dates, event by event.

Moving "Known on" from 3 July to 23 October 2024 turns Kazan from planned to
held; an analyst should not have to spot that by eye.  Each event is told as a
reader saw it on each day (``knowledge.known_state`` and ``known_details``:
status, date, place, the text and the sources citeable by then) and the two
tellings are compared field by field.  Events whose telling is the same on
both days produce nothing.

A reviewer's flags ride along: a change on an event already marked checked
means the check was made against what is now out of date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from . import dates, knowledge
from .figures import figure_text
from .model import Event, Figure, Quote, Timeline
from .review_flags import Flag

What = Literal["appeared", "disappeared", "status", "date", "place", "participants",
               "occasion", "summary", "quote", "figure", "source"]
WHAT_LABELS: Final[dict[What, str]] = {
    "appeared": "first reported", "disappeared": "no longer reported", "status": "status",
    "date": "date", "place": "place", "participants": "participants", "occasion": "occasion",
    "summary": "summary", "quote": "quote", "figure": "figure", "source": "source",
}
_PRECISION: Final = {4: "exact day", 3: "month only", 2: "season only", 1: "year only"}
LINE_LIMIT: Final = 90
"""Longest value a one-line form (standard output, a list row) shows before "…"."""


@dataclass(frozen=True, slots=True)
class Telling:
    """One event as the timeline told it on one day, in the words a reader saw."""

    status: str
    when: str
    """EDTF text as known on the day."""
    place: str
    participants: tuple[str, ...]
    occasion: str
    summary: str
    quotes: tuple[str, ...]
    figures: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Change:
    what: What
    before: str
    """Empty for something added."""
    after: str
    """Empty for something removed."""

    def text(self, limit: int | None = None) -> str:
        """``status: planned → held``, ``source added: TASS, 22 Oct 2024``: whole, or with
        each value cut to ``limit`` characters and "…" where it was cut (for one line)."""
        label = WHAT_LABELS[self.what]
        before, after = shorten(self.before, limit), shorten(self.after, limit)
        if self.what in ("appeared", "disappeared"):
            return f"{label}: {after or before}"
        if not before:
            return f"{label} added: {after}"
        if not after:
            return f"{label} removed: {before}"
        return f"{label}: {before} → {after}"

    def shortened(self, limit: int) -> bool:
        return len(self.before) > limit or len(self.after) > limit


@dataclass(frozen=True, slots=True)
class EventChanges:
    event_id: str
    title: str
    date: str
    """The event's date as known on the later telling, for display."""
    sort_day: int
    changes: tuple[Change, ...]
    flag: Flag
    """The reviewer's flag on the event (``unreviewed`` without notes)."""

    @property
    def recheck(self) -> bool:
        """Marked checked, then this changed: the check was made against old knowledge."""
        return self.flag == "checked"


@dataclass(frozen=True, slots=True)
class KnowledgeChanges:
    title: str
    from_day: int | None
    to_day: int | None
    """None: everything the file knows (each event's own, latest, fields)."""
    reviewer: str
    events: tuple[EventChanges, ...]

    @property
    def count(self) -> int:
        return sum(len(e.changes) for e in self.events)

    def rechecks(self) -> list[EventChanges]:
        return [e for e in self.events if e.recheck]

    def lines(self, limit: int | None = None) -> list[str]:
        """One line per change, for standard output and logs: ``ID: what: before → after``
        (values longer than ``limit`` cut, ending in "…")."""
        out = []
        for event in self.events:
            tail = f" [checked by {self.reviewer}: recheck]" if event.recheck else ""
            out += [f"{event.event_id}: {change.text(limit)}{tail}" for change in event.changes]
        return out

    def shortened(self, limit: int) -> bool:
        """Whether ``lines(limit)`` cut any value."""
        return any(c.shortened(limit) for e in self.events for c in e.changes)

    def span_text(self) -> str:
        return f"between {day_label(self.from_day)} and {day_label(self.to_day)}"


def day_label(day: int | None) -> str:
    return "everything known (latest)" if day is None else dates.format_day(day)


def changes_between(timeline: Timeline, from_day: int | None, to_day: int | None,
                    flags: Mapping[str, Flag] | None = None, reviewer: str = ""
                    ) -> KnowledgeChanges:
    """Every event whose telling differs between ``from_day`` and ``to_day``, in time order.

    ``flags`` are one reviewer's flags by event id (``reviewer`` names them).
    Either day may be None (everything known); ``from_day`` may be the later
    one, in which case what was learnt shows as removed.
    """
    found: list[EventChanges] = []
    moving = _sources_between(timeline, from_day, to_day)
    texts: dict[str, str] = {}
    for event in timeline.events:
        if event.reports:
            before = telling(timeline, event, from_day)
            after = telling(timeline, event, to_day)
            changes = compare(timeline, before, after)
            shown = after or before
            when = shown.when if shown is not None else event.when
        elif moving and not moving.isdisjoint(_cited(event)):
            changes = _citations(timeline, event, moving, _later(from_day, to_day), texts)
            when = event.when
        else:
            continue
        if changes:
            found.append(EventChanges(event.id, event.title, _display(when), _sort_day(when),
                                      tuple(changes),
                                      (flags or {}).get(event.id, "unreviewed")))
    found.sort(key=lambda e: e.sort_day)
    return KnowledgeChanges(timeline.title, from_day, to_day, reviewer, tuple(found))


def _later(a: int | None, b: int | None) -> bool:
    """True when ``b`` is the later day (None: everything, the latest of all)."""
    return a is not None and (b is None or b > a)


def _sources_between(timeline: Timeline, a: int | None, b: int | None) -> set[str]:
    """Sources published after the earlier day and by the later one: citeable on one
    day and not the other."""
    if a == b:
        return set()
    low, high = (a, b) if _later(a, b) else (b, a)
    assert low is not None
    moving = set()
    for source in timeline.sources:
        if source.date and dates.is_valid(source.date):
            day = dates.parse(source.date).lower
            if day > low and (high is None or day <= high):
                moving.add(source.id)
    return moving


def _citations(timeline: Timeline, event: Event, moving: set[str], forward: bool,
               texts: dict[str, str]) -> list[Change]:
    """An event without reports is told the same on every day except for what it cites
    from sources published in between: added going forward, removed going back.  The
    same result as comparing two tellings, without building them (a million events)."""
    items: list[tuple[What, str]] = [("quote", _quote(timeline, q)) for q in event.quotes
                                     if q.source in moving]
    items += [("figure", _figure(timeline, f)) for f in event.figures if f.source in moving]
    for source_id in event.sources:
        if source_id in moving:
            if source_id not in texts:
                texts[source_id] = source_text(timeline, source_id)
            items.append(("source", texts[source_id]))
    return [Change(what, "", text) if forward else Change(what, text, "")
            for what, text in items]


def _cited(event: Event) -> set[str]:
    return {*event.sources, *(q.source for q in event.quotes), *(f.source for f in event.figures)}


def telling(timeline: Timeline, event: Event, day: int | None) -> Telling | None:
    """The event as a reader saw it on ``day``; None if nobody had reported it yet."""
    known = knowledge.known_state(event, day)
    if known is None:
        return None
    told = knowledge.known_details(timeline, event, day)
    return Telling(
        status=known.status,
        when=known.when,
        place=_place(timeline, told.place, told.show_venue),
        participants=tuple(_person(timeline, p) for p in event.participants),
        occasion=" ".join(told.occasion.split()),
        summary=" ".join(told.summary.split()),
        quotes=tuple(_quote(timeline, q) for q in told.quotes),
        figures=tuple(_figure(timeline, f) for f in told.figures),
        sources=tuple(source_text(timeline, s) for s in told.sources),
    )


def compare(timeline: Timeline, before: Telling | None, after: Telling | None) -> list[Change]:
    if before is None and after is None:
        return []
    if before is None or after is None:
        shown = after or before
        assert shown is not None
        summary = ", ".join(p for p in (shown.status, _display(shown.when), shown.place) if p)
        return [Change("appeared", "", summary) if before is None
                else Change("disappeared", summary, "")]
    changes: list[Change] = []
    if before.status != after.status:
        changes.append(Change("status", before.status, after.status))
    if before.when != after.when:
        changes.append(Change("date", *_date_pair(before.when, after.when)))
    texts: tuple[tuple[What, str, str], ...] = (
        ("place", before.place, after.place), ("occasion", before.occasion, after.occasion))
    for what, old, new in texts:
        if old != new:
            changes.append(Change(what, old, new))
    if before.participants != after.participants:
        changes.append(Change("participants", ", ".join(before.participants) or "none",
                              ", ".join(after.participants) or "none"))
    if before.summary != after.summary:
        changes.append(Change("summary", before.summary, after.summary))
    lists: tuple[tuple[What, tuple[str, ...], tuple[str, ...]], ...] = (
        ("quote", before.quotes, after.quotes), ("figure", before.figures, after.figures),
        ("source", before.sources, after.sources))
    for what, old_items, new_items in lists:
        changes += [Change(what, "", item) for item in new_items if item not in old_items]
        changes += [Change(what, item, "") for item in old_items if item not in new_items]
    return changes


# ---------------------------------------------------------------- words


def _display(when: str) -> str:
    try:
        return dates.parse(when).display()
    except ValueError:
        return when


def _sort_day(when: str) -> int:
    try:
        return dates.parse(when).lower
    except ValueError:
        return 2**62


def _date_pair(old: str, new: str) -> tuple[str, str]:
    """Dates as shown, with their precision when it changed (month only → exact day)."""
    try:
        a, b = dates.parse(old), dates.parse(new)
    except ValueError:
        return old, new
    if a.precision == b.precision and a.is_interval == b.is_interval:
        return a.display(), b.display()
    return f"{a.display()} ({_precision(a)})", f"{b.display()} ({_precision(b)})"


def _precision(date: dates.EdtfDate) -> str:
    if date.is_interval and date.precision == dates.Precision.DAY:
        return "span of days"
    return _PRECISION.get(int(date.precision), "")


def _place(timeline: Timeline, place_id: str | None, show_venue: bool) -> str:
    place = timeline.place(place_id)
    if place is None:
        return ""
    parts = [place.venue if place.venue and show_venue else "", place.name, place.country]
    return ", ".join(p for p in parts if p)


def _person(timeline: Timeline, person_id: str) -> str:
    person = timeline.person(person_id)
    return person.name if person is not None else person_id


def _quote(timeline: Timeline, quote: Quote) -> str:
    return f"{_person(timeline, quote.speaker)}: “{quote.text}”"


def _figure(timeline: Timeline, figure: Figure) -> str:
    return figure_text(figure)


def source_text(timeline: Timeline, source_id: str) -> str:
    """A source as a reader identifies it: title, outlet, date."""
    source = timeline.source(source_id)
    if source is None:
        return source_id
    parts = [source.title, source.outlet if source.outlet != source.title else "",
             _display(source.date) if source.date else ""]
    return ", ".join(p for p in parts if p)


def shorten(text: str, limit: int | None) -> str:
    """``text`` cut at a word to at most ``limit`` characters, "…" saying so; whole when
    ``limit`` is None."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
