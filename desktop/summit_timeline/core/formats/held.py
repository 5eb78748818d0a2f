"""What each export format can hold, and what a given timeline would lose.

Exporters cannot refuse a timeline, but they must not lose data silently:
``convert`` prints :func:`not_held` for the target format, saying for each
item whether it is not written or how it is written instead, and the round
trip tests assert the same lists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from .. import dates
from ..model import Timeline

_Check = Callable[[Timeline], bool]


def _events(pred: Callable[..., bool]) -> _Check:
    return lambda t: any(pred(e) for e in t.events)


def _edtf_flag(flag: str) -> _Check:
    def check(t: Timeline) -> bool:
        for e in t.events:
            try:
                if getattr(dates.parse(e.when), flag):
                    return True
            except dates.EdtfError:
                continue
        return False
    return check


FEATURES: Final[dict[str, tuple[str, _Check]]] = {
    "description": ("the timeline's description", lambda t: bool(t.description)),
    "as_of": ("the timeline's as-of date", lambda t: t.as_of is not None),
    "checked": ("the date the data was last checked", lambda t: t.checked is not None),
    "views": ("named views (knowledge date, range and tracks)", lambda t: bool(t.views)),
    "person_details": ("people's roles, colours and names in other scripts",
                       lambda t: any(p.role or p.colour or p.names for p in t.people)),
    "name_sources": ("the sources people's names in other scripts were checked against",
                     lambda t: any(p.name_sources for p in t.people)),
    "place_countries": ("places' countries", lambda t: any(p.country for p in t.places)),
    "place_venues": ("venues of places", lambda t: any(p.venue for p in t.places)),
    "place_coordinates": ("places' coordinates",
                          lambda t: any(p.latitude is not None for p in t.places)),
    "place_sources": ("the sources of places' coordinates",
                      lambda t: any(p.source for p in t.places)),
    "source_details": ("sources' outlets, dates and notes",
                       lambda t: any(s.outlet or s.date or s.note for s in t.sources)),
    "track_colours": ("track colours", lambda t: any(tr.colour for tr in t.tracks)),
    "status": ("event statuses", _events(lambda e: e.status != "held")),
    "kind": ("event kinds", _events(lambda e: e.kind is not None)),
    "occasion": ("occasions", _events(lambda e: bool(e.occasion))),
    "place": ("places of events", _events(lambda e: e.place is not None)),
    "participants": ("participants", _events(lambda e: bool(e.participants))),
    "topics": ("topics", _events(lambda e: bool(e.topics))),
    "quotes": ("quotations", _events(lambda e: bool(e.quotes))),
    "figures": ("figures", _events(lambda e: bool(e.figures))),
    "media": ("media", _events(lambda e: bool(e.media))),
    "more_media": ("media after the first of an event", _events(lambda e: len(e.media) > 1)),
    "media_captions": ("media captions and credits",
                       _events(lambda e: any(m.caption or m.credit for m in e.media))),
    "media_alt": ("media alt text (what an image shows)",
                  _events(lambda e: any(m.alt for m in e.media))),
    "notes": ("speaker notes", _events(lambda e: bool(e.notes))),
    "related": ("links between related events", _events(lambda e: bool(e.related))),
    "sources": ("events' sources", _events(lambda e: bool(e.sources))),
    "reports": ("reports (what was known when)", _events(lambda e: bool(e.reports))),
    "importance": ("importance", _events(lambda e: e.importance != 1)),
    "approximate": ("approximate or uncertain dates (~ ?)",
                    lambda t: _edtf_flag("approximate")(t) or _edtf_flag("uncertain")(t)),
    "one_of": ("dates that are one of a set ([2014-07-14,2014-07-15])", _edtf_flag("one_of")),
    "unspecified": ("unspecified digits in dates (X)", _edtf_flag("unspecified")),
    "open": ("open-ended intervals (..)",
             lambda t: _edtf_flag("open_start")(t) or _edtf_flag("open_end")(t)),
    "times": ("times of day", _events(lambda e: "T" in e.when)),
}


WRITTEN_AS: Final[dict[str, str]] = {
    "approximate": "written without the ~ or ?",
    "one_of": "written as the span of days they could fall on",
    "unspecified": "written as the year or month they fall in",
    "open": "written as the end that is known",
    "times": "written as the day",
}
"""What the exporters write for a feature they cannot hold as it is; the rest is not
written at all."""

_OF_PLACES: Final = frozenset({"place_countries", "place_venues", "place_coordinates",
                               "place_sources"})
"""Said only by a format that writes places: for another, "places of events" says it."""


@dataclass(frozen=True)
class Loss:
    """Something a format cannot hold, and what becomes of it there."""

    what: str
    written_as: str = ""
    """How it is written instead ("written as commas"); empty: it is not written."""

    def __str__(self) -> str:
        return f"{self.what}; {self.written_as or 'not written'}"


def not_held(timeline: Timeline, held: frozenset[str],
             written_as: Mapping[str, str] | None = None) -> list[Loss]:
    """The features ``timeline`` uses that a format holding ``held`` cannot hold as they
    are; ``written_as`` says how that format writes some of them instead."""
    instead = {**WRITTEN_AS, **(written_as or {})}
    return [Loss(label, instead.get(key, ""))
            for key, (label, used) in FEATURES.items()
            if key not in held and used(timeline)
            and not (key in _OF_PLACES and "place" not in held)]
