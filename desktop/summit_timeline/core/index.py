"""Columnar arrays over a timeline's events, for drawing, sorting and search.

Views never loop over events to paint or filter: they slice these arrays.
Day numbers are float64 days since 1970-01-01 (calendar days, no time zone),
which keeps full precision for any year and never overflows, unlike epoch
seconds in float32 or in integer rectangles.
"""

from __future__ import annotations

import threading
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Final

import numpy as np
from numpy.typing import NDArray

from . import dates
from .cancel import checkpoint
from .date_arrays import plain_bounds
from .gc_pause import paused_gc
from .model import STATUSES, Event, Quote, Report, Timeline, Track

STATUS_CODE: Final = {status: code for code, status in enumerate(STATUSES)}
APPROXIMATE: Final = 1
UNCERTAIN: Final = 2
INTERVAL: Final = 4
OPEN_START: Final = 8
OPEN_END: Final = 16
UNSPECIFIED: Final = 32


def date_flags(date: dates.EdtfDate) -> int:
    return (
        APPROXIMATE * date.approximate
        | UNCERTAIN * date.uncertain
        | INTERVAL * date.is_interval
        | OPEN_START * date.open_start
        | OPEN_END * date.open_end
        | UNSPECIFIED * date.unspecified
    )


@dataclass(frozen=True, eq=False)
class EventIndex:
    timeline: Timeline
    tracks: tuple[Track, ...]
    """Lanes in display order; ``lane[i]`` indexes this tuple."""
    start: NDArray[np.float64]
    """Earliest possible day of each event."""
    end: NDArray[np.float64]
    """Day after the latest possible day (exclusive), so a one-day event spans 1.0."""
    lane: NDArray[np.int32]
    status: NDArray[np.int8]
    precision: NDArray[np.int8]
    flags: NDArray[np.uint8]
    importance: NDArray[np.int8]
    order: NDArray[np.int64]
    """Event positions sorted by start, then end: the walk order of next/previous."""
    with_reports: NDArray[np.int64]
    """Positions of events whose status or date changed over time (see ``knowledge``)."""
    _search: list[_SearchText] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(cls, timeline: Timeline) -> EventIndex:
        with paused_gc():
            return cls._build(timeline)

    @classmethod
    def _build(cls, timeline: Timeline) -> EventIndex:
        events = timeline.events
        n = len(events)
        tracks = tuple(timeline.ordered_tracks())
        lane_of = {track.id: pos for pos, track in enumerate(tracks)}
        whens = list(map(attrgetter("when"), events))
        distinct = list(dict.fromkeys(whens))
        code_of = {w: c for c, w in enumerate(distinct)}
        codes = np.fromiter(map(code_of.__getitem__, whens), np.int64, n)
        bounds = plain_bounds(distinct)
        lower = bounds.lower.astype(np.float64)
        upper = bounds.upper.astype(np.float64) + 1
        precision = bounds.precision.copy()
        flags = (bounds.interval * INTERVAL | bounds.approximate * APPROXIMATE
                 | bounds.uncertain * UNCERTAIN).astype(np.uint8)
        for i in np.flatnonzero(~bounds.plain).tolist():
            date = dates.parse(distinct[i])
            lower[i], upper[i] = date.lower, date.upper + 1
            precision[i], flags[i] = int(date.precision), date_flags(date)
        start = lower[codes] if n else np.zeros(0, np.float64)
        end = upper[codes] if n else np.zeros(0, np.float64)
        lane_of = defaultdict(lambda: -1, lane_of)  # an unknown track draws in no lane
        lane = np.fromiter(map(lane_of.__getitem__, map(attrgetter("track"), events)),
                           np.int32, n)
        status = np.fromiter(map(STATUS_CODE.__getitem__, map(attrgetter("status"), events)),
                             np.int8, n)
        importance = np.fromiter(map(attrgetter("importance"), events), np.int8, n)
        order = np.lexsort((end, start)).astype(np.int64)
        with_reports = np.fromiter((i for i, e in enumerate(events) if e.reports), np.int64)
        return cls(
            timeline=timeline,
            tracks=tracks,
            start=start,
            end=end,
            lane=lane,
            status=status,
            precision=precision[codes] if n else np.zeros(0, np.int8),
            flags=flags[codes] if n else np.zeros(0, np.uint8),
            importance=importance,
            order=order,
            with_reports=with_reports,
        )

    def __len__(self) -> int:
        return len(self.timeline.events)

    def event(self, position: int) -> Event:
        return self.timeline.events[position]

    def position_of(self, event_id: str) -> int | None:
        return self.positions().get(event_id)

    def positions(self) -> Mapping[str, int]:
        """Event id → position, built once (a loader may build it off the GUI thread)."""
        cache = getattr(self, "_pos_cache", None)
        if cache is None:
            cache = {e.id: i for i, e in enumerate(self.timeline.events)}
            object.__setattr__(self, "_pos_cache", cache)
        return cache

    def search(self, query: str) -> NDArray[np.bool_]:
        """Events whose text contains every word of ``query`` (case-insensitive)."""
        mask = np.ones(len(self), np.bool_)
        words = fold(query).split()
        if not words:
            return mask
        text = self.search_text()
        for word in words:
            mask &= text.contains(word)
        return mask

    def search_text(self) -> _SearchText:
        """Built on first use (a second or so at a million events), then kept."""
        with self._lock:
            if not self._search:
                self._search.append(_SearchText.build(self.timeline))
            return self._search[0]


def fold(text: str) -> str:
    """Case- and accent-insensitive form, so "erdogan" finds "Erdoğan"."""
    text = text.casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_NOWHERE: Final = ("", "")
ALWAYS_KNOWN: Final = -(2**62)
"""``settled`` of an event whose text is the same on every day it is known."""


def place_texts(timeline: Timeline) -> dict[str, tuple[str, str]]:
    """Place id → its searchable text without and with its venue, folded."""
    return {p.id: (fold(f"{p.name} {p.country}"), fold(f"{p.name} {p.country} {p.venue}"))
            for p in timeline.places}


def people_texts(timeline: Timeline) -> dict[str, str]:
    """Person id → their names (every script) and role, folded."""
    return {p.id: fold(" ".join((p.name, *p.names.values(), p.role))) for p in timeline.people}


def event_search_text(own: list[str], places: list[str], people: list[str]) -> str:
    """What a search looks for its words in: the event's own words (``own_words``)
    folded, then the (already folded) texts of its places and people.  One definition
    for the whole-file index and for an event as told on an earlier day."""
    return " ".join([fold(" ".join(own)), *places, *people]).replace("\x00", " ")


def own_words(title: str, summary: str, occasion: str, topics: tuple[str, ...],
              quotes: Iterable[Quote], reports: Iterable[Report]) -> list[str]:
    """An event's searchable words: its own, and those of its reports that a reader
    sees in the detail pane's history (notes, summaries, topics)."""
    words = [title, summary, occasion, *topics, *(q.text for q in quotes)]
    for report in reports:
        words += (report.note, report.summary, *report.topics)
    return words


def _settled_day(timeline: Timeline, event: Event, published: dict[str, int | None]) -> int:
    day = ALWAYS_KNOWN
    for report in event.reports:
        if dates.is_valid(report.date):
            day = max(day, dates.parse(report.date).lower)
    for quote in event.quotes:
        if quote.source not in published:
            source = timeline.source(quote.source)
            published[quote.source] = dates.parse(source.date).upper \
                if source is not None and source.date and dates.is_valid(source.date) else None
        when = published[quote.source]
        if when is not None:
            day = max(day, when)
    return day


BLOCK_EVENTS: Final = 2048
"""Events per block of search text: a block is searched in well under a millisecond."""
_FLUSH: Final = 65_536
"""Hits gathered before they are marked in the result (a few milliseconds' work)."""


@dataclass(frozen=True, eq=False)
class _SearchText:
    """All searchable text in blocks of a few thousand events, with the offset where each
    event starts in its block.

    One ``str.find`` loop over a few big strings is far faster than a Python
    loop over a million small ones, and a binary search maps hits back.  Blocks,
    not one string: each call into ``str.find`` holds the interpreter until it
    returns, and over one string of a million events that was 150 ms in which
    the window could not paint, even with the search on a worker thread.
    """

    blocks: tuple[str, ...]
    starts: tuple[tuple[int, ...], ...]
    """Per block, where each of its events' text starts, then the block's length."""
    events: int
    settled: NDArray[np.int64]
    """Per event, the first day on which all of its searchable text was known: its last
    report's, or the publication of the latest source a quote of it cites
    (``ALWAYS_KNOWN`` for most events).  As known on an earlier day, a match must be
    checked against the text told then (``known_search``)."""

    @classmethod
    def build(cls, timeline: Timeline) -> _SearchText:
        # People and places repeat across events: fold their text once each.
        places = place_texts(timeline)
        people = people_texts(timeline)
        blocks: list[str] = []
        starts: list[tuple[int, ...]] = []
        events = timeline.events
        settled = np.full(len(events), ALWAYS_KNOWN, np.int64)
        published: dict[str, int | None] = {}
        for first in range(0, len(events), BLOCK_EVENTS):
            checkpoint()
            parts = []
            for pos, event in enumerate(events[first:first + BLOCK_EVENTS], first):
                reports = event.reports
                where = [places.get(event.place, _NOWHERE)[1]] if event.place else []
                if reports:  # the places its reports named are searched too
                    where = list(dict.fromkeys(
                        [*where, *(places.get(r.place, _NOWHERE)[1] for r in reports if r.place)]))
                parts.append(event_search_text(
                    own_words(event.title, event.summary, event.occasion, event.topics,
                              event.quotes, reports),
                    where, [people.get(p, "") for p in event.participants]))
                if reports or event.quotes:
                    settled[pos] = _settled_day(timeline, event, published)
            at, offsets = 0, []
            for part in parts:
                offsets.append(at)
                at += len(part) + 1
            offsets.append(at - 1)
            blocks.append("\x00".join(parts))
            starts.append(tuple(offsets))  # a tuple of numbers is no work for the collector
        return cls(tuple(blocks), tuple(starts), len(events), settled)

    def event_text(self, position: int) -> str:
        """The searchable text of one event: what a search looks for its words in."""
        block, at = divmod(position, BLOCK_EVENTS)
        starts = self.starts[block]
        return self.blocks[block][starts[at]:starts[at + 1] - (at + 1 < len(starts) - 1)]

    def contains(self, word: str) -> NDArray[np.bool_]:
        """After a hit, the search jumps to the next event's text, so a word found in
        every event costs one step per event, not one per occurrence."""
        mask = np.zeros(self.events, np.bool_)
        owners: list[int] = []
        for k, (text, starts) in enumerate(zip(self.blocks, self.starts, strict=True)):
            checkpoint()
            base, last, find = k * BLOCK_EVENTS, len(starts) - 1, text.find
            pos = find(word)
            while pos >= 0:
                owner = bisect_right(starts, pos) - 1
                owners.append(base + owner)
                pos = find(word, starts[owner + 1]) if owner + 1 < last else -1
            if len(owners) >= _FLUSH or k == len(self.blocks) - 1:
                # Seldom: numpy lets go of the interpreter and takes it back at once, and
                # done per block that kept the window's thread from getting it at all.
                mask[np.asarray(owners, np.int64)] = True
                owners.clear()
        return mask
