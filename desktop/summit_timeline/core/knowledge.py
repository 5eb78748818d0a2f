"""The timeline as it was known on a given day.

An event's own ``status``, ``when``, ``place`` and ``summary`` are the latest
truth.  Its ``reports`` say what was known from which day: the Kazan meeting
was reported on 3 July 2024 as planned for October, and on 22 October as
held that day.  Asking "as of" a day hides events nobody had reported yet and
shows each remaining one with the status, date, place and summary of its last
report on or before that day.  Events without reports are taken as always
known.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Final

import msgspec
import numpy as np
from numpy.typing import NDArray

from . import dates
from .cancel import checkpoint
from .index import STATUS_CODE, EventIndex, date_flags
from .model import STATUSES, Event, Figure, Quote, Report, Status, Timeline

UNDER_WAY: Final = len(STATUSES)
"""A status shown, never stored: held, and the dates known run past the knowledge day
(the SCO summit of 3–4 July 2024 as known on 3 July).  Views tell it apart from held;
filters and files keep the model's four statuses."""
SHOWN_STATUSES: Final = (*STATUSES, "under way")
"""Status words by shown status code (``STATUS_CODE`` and ``UNDER_WAY``)."""


@dataclass(frozen=True, slots=True)
class Known:
    status: Status
    when: str
    report: Report | None
    """The report this state comes from; None when the event has no reports."""
    place: str | None = None
    """Id of the place as known: the report's while later reports are pending."""


def under_way(status: Status, when: str, day: int | None) -> bool:
    """Held as reported, and not over on ``day``: begun by then, its last day after it."""
    if status != "held" or day is None:
        return False
    date = dates.parse(when)
    return date.lower <= day < date.upper


def shown_status(known: Known, day: int | None) -> str:
    """"under way" for an event still going on on ``day``, else its status as known."""
    return "under way" if under_way(known.status, known.when, day) else known.status


def parse_day(text: str) -> int:
    """A knowledge date given as EDTF text, taken at its latest day.

    "As of May 2024" means with everything known by the end of May.
    """
    return dates.parse(text).upper


def published_day(date: str | None) -> int | None:
    """The day a source counts as published: the latest its date allows.

    A source dated only "2024-07" may have appeared on 31 July, so it is
    cited on no day before that; None when the source has no date.
    """
    return dates.parse(date).upper if date else None


def _latest(event: Event, day: int) -> tuple[Report | None, bool]:
    """The last report on or before ``day`` (file order breaks ties), and whether
    any report is dated after it."""
    latest: Report | None = None
    latest_day = 0
    pending = False
    for report in event.reports:
        reported = dates.parse(report.date).lower
        if reported > day:
            pending = True
        elif latest is None or reported >= latest_day:
            latest, latest_day = report, reported
    return latest, pending


def known_state(event: Event, day: int | None) -> Known | None:
    """The event as known on ``day`` (a day number), or None if not yet reported."""
    if day is None or not event.reports:
        return Known(event.status, event.when, None, event.place)
    latest, pending = _latest(event, day)
    if latest is None:
        return None
    place = latest.place if pending and latest.place else event.place
    return Known(latest.status, latest.when or event.when, latest, place)


@dataclass(frozen=True, slots=True)
class KnownDetails:
    """The parts of an event's record that could be told on a given day.

    An event's own fields describe its latest state: the Kazan record names
    the Kazan Kremlin and cites October's reports.  While later reports are
    still to come, views keep to what the reports so far say: the latest
    report's summary and place instead of the event's, its note instead of
    the occasion, the town but not the venue unless that report named it,
    the topics that report gave (none if it gave none: the event's own list
    was written with hindsight), only sources published by then (undated ones
    only when nothing later is pending), and only related events that had
    been reported by then.
    """

    pending: bool
    """Reports dated after the day exist; the event's own text is from later."""
    occasion: str
    summary: str
    place: str | None
    """Id of the place as known on the day."""
    show_venue: bool
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]
    sources: tuple[str, ...]
    """Source ids citeable on the day, those of the reports so far first."""
    topics: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    """Ids of the related events known on the day (a link to one not yet reported
    would tell of it before anyone had)."""


def known_details(timeline: Timeline, event: Event, day: int | None) -> KnownDetails:
    if day is None:
        return KnownDetails(False, event.occasion, event.summary, event.place, True,
                            event.quotes, event.figures, event.sources, event.topics,
                            event.related)
    latest, pending = _latest(event, day) if event.reports else (None, False)

    def citeable(source_id: str) -> bool:
        source = timeline.source(source_id)
        published = published_day(source.date) if source is not None else None
        if published is None:
            return not pending
        return published <= day

    sources = [s for s in event.sources if citeable(s)]
    for report in reversed(history(event)):
        if report.source and report.source not in sources and \
                dates.parse(report.date).lower <= day:
            sources.insert(0, report.source)
    if pending and latest is not None:
        # Reports that only confirm (a later copy, a second outlet) carry no
        # summary or place of their own: what was told stays the last told.
        told = [r for r in history(event) if dates.parse(r.date).lower <= day]
        summary = next((r.summary for r in reversed(told) if r.summary), "")
        topics = next((r.topics for r in reversed(told) if r.topics), ())
        told_place = next((r.place for r in reversed(told) if r.place), None)
        place, show_venue = told_place or event.place, told_place is not None
        settled = latest.status == event.status and (latest.when or event.when) == event.when
        occasion = event.occasion if settled and event.occasion else latest.note
    else:
        occasion, summary, place, show_venue = event.occasion, event.summary, event.place, True
        topics = event.topics
    return KnownDetails(
        pending=pending,
        occasion=occasion,
        summary=summary,
        place=place,
        show_venue=show_venue,
        quotes=tuple(q for q in event.quotes if citeable(q.source)),
        figures=tuple(f for f in event.figures if citeable(f.source)),
        sources=tuple(sources),
        topics=topics,
        related=known_related(timeline, event, day),
    )


def known_related(timeline: Timeline, event: Event, day: int | None) -> tuple[str, ...]:
    """The ids of ``event.related`` whose events were reported by ``day`` (all of them
    when ``day`` is None; a link to an id the file does not hold is kept, to be shown as
    it is)."""
    if day is None:
        return event.related
    kept = []
    for related_id in event.related:
        other = timeline.event(related_id)
        if other is None or known_state(other, day) is not None:
            kept.append(related_id)
    return tuple(kept)


def history(event: Event) -> list[Report]:
    """Reports oldest first (file order breaks ties), for the detail pane."""
    return sorted(event.reports, key=lambda r: dates.parse(r.date).lower)


def timeline_as_of(timeline: Timeline, day: int | None) -> Timeline:
    """A timeline holding only what was known on ``day``, each event as told then.

    Later reports, and quotes, figures and sources published after the day,
    are left out, so that writing it to a file carries nothing from later.
    """
    if day is None:
        return timeline
    events = []
    for event in timeline.events:
        known = known_state(event, day)
        if known is None:
            continue
        told = known_details(timeline, event, day)
        events.append(msgspec.structs.replace(
            event, status=known.status, when=known.when, place=told.place,
            summary=told.summary, occasion=told.occasion, quotes=told.quotes,
            figures=told.figures, sources=told.sources, topics=told.topics,
            related=told.related,
            reports=tuple(r for r in event.reports if dates.parse(r.date).lower <= day)))
    return msgspec.structs.replace(timeline, events=tuple(events))


@dataclass(frozen=True, eq=False)
class KnownArrays:
    """Per-event arrays for drawing the timeline as known on a day."""

    day: int | None
    visible: NDArray[np.bool_]
    status: NDArray[np.int8]
    start: NDArray[np.float64]
    end: NDArray[np.float64]
    precision: NDArray[np.int8]
    flags: NDArray[np.uint8]

    @cached_property
    def count(self) -> int:
        """Events known on ``day``: what "15 of 63 events" counts against, so that
        events first reported later are not counted before anyone knew of them."""
        return int(np.count_nonzero(self.visible))

    @cached_property
    def shown_status(self) -> NDArray[np.int8]:
        """``status`` with ``UNDER_WAY`` for the held events not over on ``day``: what the
        timeline, the list and the slides say (and how the timeline draws them)."""
        if self.day is None:
            return self.status
        going = (self.status == STATUS_CODE["held"]) & (self.start <= self.day) \
            & (self.end > self.day + 1)
        if not going.any():
            return self.status
        shown = self.status.copy()
        shown[going] = UNDER_WAY
        return shown


def opening_day(timeline: Timeline, day: int | None) -> int | None:
    """The day a file opens at: the one asked for, else its default view's knowledge
    date (None there means everything known), else the file's own ``as_of``."""
    if day is not None:
        return day
    view = timeline.view(timeline.default_view)
    if view is not None:
        return parse_day(view.as_of) if view.as_of else None
    return parse_day(timeline.as_of) if timeline.as_of else None


def time_order(index: EventIndex, known: KnownArrays
               ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Positions sorted by known start then end, and each position's rank in that order.

    The walk from event to event and the list's date sort both use it; when
    nothing changed its date, the index's own order is reused.
    """
    if known.start is index.start:
        order = index.order
    else:
        order = np.lexsort((known.end, known.start)).astype(np.int64)
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    return order, rank


def arrays_as_of(index: EventIndex, day: int | None) -> KnownArrays:
    """Vectorised view: only events with reports (usually few) are visited one by one."""
    visible = np.ones(len(index), np.bool_)
    if day is None or len(index.with_reports) == 0:
        return KnownArrays(day, visible, index.status, index.start, index.end, index.precision,
                           index.flags)
    status = index.status.copy()
    start, end = index.start.copy(), index.end.copy()
    precision, flags = index.precision.copy(), index.flags.copy()
    for count, pos in enumerate(index.with_reports.tolist()):
        if count % 1024 == 0:
            checkpoint()
        event = index.event(pos)
        known = known_state(event, day)
        if known is None:
            visible[pos] = False
            continue
        status[pos] = STATUS_CODE[known.status]
        if known.when != event.when:
            date = dates.parse(known.when)
            start[pos], end[pos] = date.lower, date.upper + 1
            precision[pos], flags[pos] = int(date.precision), date_flags(date)
    return KnownArrays(day, visible, status, start, end, precision, flags)
