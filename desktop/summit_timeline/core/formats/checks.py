"""What a schema cannot see in a timeline: duplicate ids, dangling references, bad dates.

Written column-wise so that a valid file of a million events costs a few set
operations and one parse per distinct date; only when something is wrong
does a loop go looking for where.  Problems are reported by JSON path; the
reader that knows the text adds line and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np

from .. import dates
from ..date_arrays import plain_bounds
from ..model import Event, Timeline
from ..problems import Severity
from .json_locate import member

LISTS = ("people", "places", "sources", "tracks", "events", "views")


@dataclass(frozen=True, slots=True)
class Found:
    """A problem known by its JSON path; ``native`` adds the line and column."""

    path: str
    message: str
    severity: Severity = "error"
    at_key: bool = False





def check(timeline: Timeline, also_known: dict[str, set[str]] | None = None) -> list[Found]:
    """Problems a schema cannot see: duplicate ids, dangling references, bad dates.

    Written column-wise: a set difference finds whether anything is wrong at
    all, and only then does a loop find where, so a valid file of a million
    events costs a few set operations and one parse per distinct date.
    """
    found: list[Found] = []
    ids = {name: _unique_ids(name, getattr(timeline, name), found) for name in LISTS}
    for name, extra in (also_known or {}).items():
        ids[name] = ids[name] | extra
    events = timeline.events
    _refs(found, "tracks", ids["tracks"], map(_TRACK, events),
          lambda: ((f"$.events[{i}].track", e.track) for i, e in enumerate(events)))
    _refs(found, "places", ids["places"], filter(None, map(_PLACE, events)),
          lambda: ((f"$.events[{i}].place", e.place) for i, e in enumerate(events)
                   if e.place is not None))
    _refs(found, "people", ids["people"], chain.from_iterable(map(_PARTICIPANTS, events)),
          lambda: ((f"$.events[{i}].participants[{j}]", p) for i, e in enumerate(events)
                   for j, p in enumerate(e.participants)))
    _refs(found, "sources", ids["sources"], chain.from_iterable(map(_SOURCES, events)),
          lambda: ((f"$.events[{i}].sources[{j}]", s) for i, e in enumerate(events)
                   for j, s in enumerate(e.sources)))
    _refs(found, "events", ids["events"], chain.from_iterable(map(_RELATED, events)),
          lambda: ((f"$.events[{i}].related[{j}]", r) for i, e in enumerate(events)
                   for j, r in enumerate(e.related)))
    _check_details(timeline, ids, found)
    _check_cited_by_people_and_places(timeline, ids["sources"], found)
    _check_views(timeline, ids, found)
    _check_dates(timeline, found)
    return found


def _check_cited_by_people_and_places(timeline: Timeline, sources: set[str],
                                      found: list[Found]) -> None:
    """Where name forms and coordinates were checked: the sources they cite must exist."""
    for i, person in enumerate(timeline.people):
        for lang, source in person.name_sources.items():
            if source not in sources:
                found.append(Found(f"$.people[{i}].name_sources{member(lang)}",
                                   f"no source with id '{source}' in $.sources"))
    for i, place in enumerate(timeline.places):
        if place.source is not None and place.source not in sources:
            found.append(Found(f"$.places[{i}].source",
                               f"no source with id '{place.source}' in $.sources"))


def _check_views(timeline: Timeline, ids: dict[str, set[str]], found: list[Found]) -> None:
    """Named views: the default names one, tracks exist, dates parse."""
    if timeline.default_view is not None and timeline.default_view not in ids["views"]:
        known = ", ".join(v.id for v in timeline.views) or "none"
        found.append(Found("$.default_view", f"no view with id '{timeline.default_view}' in "
                                             f"$.views (views: {known})"))
    for i, view in enumerate(timeline.views):
        for j, track in enumerate(view.tracks):
            if track not in ids["tracks"]:
                found.append(Found(f"$.views[{i}].tracks[{j}]",
                                   f"no track with id '{track}' in $.tracks"))
        for key, value in (("as_of", view.as_of), ("range", view.range)):
            if value is not None and not dates.is_valid(value):
                found.append(Found(f"$.views[{i}].{key}", _date_message(value)))


_ID = attrgetter("id")


def _unique_ids(name: str, items: Sequence[Any], found: list[Found]) -> set[str]:
    ids = set(map(_ID, items))
    if len(ids) != len(items):
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in first:
                found.append(Found(f"$.{name}[{i}].id", f"duplicate id '{item.id}' (first used "
                                    f"at $.{name}[{first[item.id]}])"))
            else:
                first[item.id] = i
    return ids


def _refs(found: list[Found], target: str, known: set[str], used: Iterable[str],
          where: Any) -> None:
    if set(used) <= known:
        return
    for path, value in where():
        if value not in known:
            found.append(Found(path, f"no {_SINGULAR[target]} with id '{value}' in $.{target}"))


_TRACK = attrgetter("track")
_PLACE = attrgetter("place")
_PARTICIPANTS = attrgetter("participants")
_SOURCES = attrgetter("sources")
_RELATED = attrgetter("related")
_WHEN = attrgetter("when")

_SINGULAR = {"tracks": "track", "places": "place", "people": "person", "sources": "source",
             "events": "event"}


def _check_details(timeline: Timeline, ids: dict[str, set[str]], found: list[Found]) -> None:
    """Quotes, figures and reports are rare; a plain loop over the events that have them."""
    events = timeline.events
    for i in [i for i, e in enumerate(events) if e.quotes or e.figures or e.reports]:
        for path, value, target in _detail_references(events[i], f"$.events[{i}]"):
            if value is not None and value not in ids[target]:
                found.append(Found(path, f"no {_SINGULAR[target]} with id '{value}' in "
                                         f"$.{target}"))


def _detail_references(event: Event, base: str) -> Iterator[tuple[str, str | None, str]]:
    """(JSON path, referenced id or None, the list it must be in) for one event's details."""
    for j, quote in enumerate(event.quotes):
        yield f"{base}.quotes[{j}].speaker", quote.speaker, "people"
        yield f"{base}.quotes[{j}].source", quote.source, "sources"
    for j, figure in enumerate(event.figures):
        yield f"{base}.figures[{j}].attributed_to", figure.attributed_to, "people"
        yield f"{base}.figures[{j}].source", figure.source, "sources"
    for j, report in enumerate(event.reports):
        yield f"{base}.reports[{j}].source", report.source, "sources"
        yield f"{base}.reports[{j}].place", report.place, "places"


def _check_dates(timeline: Timeline, found: list[Found]) -> None:
    distinct = list(set(map(_WHEN, timeline.events)))
    plain = plain_bounds(distinct).plain
    bad = {distinct[i] for i in np.flatnonzero(~plain).tolist() if not dates.is_valid(distinct[i])}
    if bad:
        for i, event in enumerate(timeline.events):
            if event.when in bad:
                found.append(Found(f"$.events[{i}].when", _date_message(event.when)))
    for i, event in enumerate(timeline.events):
        if not event.reports:
            continue
        for j, report in enumerate(event.reports):
            for key, value in (("date", report.date), ("when", report.when)):
                if value is not None and not dates.is_valid(value):
                    found.append(Found(f"$.events[{i}].reports[{j}].{key}",
                                        _date_message(value)))
    for key, value in (("as_of", timeline.as_of), ("checked", timeline.checked)):
        if value is not None and not dates.is_valid(value):
            found.append(Found(f"$.{key}", _date_message(value)))
    for i, source in enumerate(timeline.sources):
        if source.date is not None and not dates.is_valid(source.date):
            found.append(Found(f"$.sources[{i}].date", _date_message(source.date)))


def _date_message(text: str) -> str:
    try:
        dates.parse(text)
    except dates.EdtfError as err:
        return str(err)
    return f"'{text}' is not a valid EDTF date"
