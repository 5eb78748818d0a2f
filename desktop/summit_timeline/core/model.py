"""The event model of format ``summit-timeline/1``.

The classes are ``msgspec`` structs: frozen (a loaded timeline is never
mutated, so views can share it across threads), decoded straight from JSON
bytes without an intermediate dict tree (that is what lets 100,000 events load
faster than ``json.loads`` alone), and the JSON Schema in
``resources/schema/`` is generated from them, so the file format has one
definition.  Dates stay EDTF strings here; ``dates.parse`` turns them into
bounds when needed and ``index`` caches those bounds as arrays.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

import msgspec
from msgspec import Meta

FORMAT: Final = "summit-timeline/1"

Id = Annotated[
    str,
    Meta(
        min_length=1,
        max_length=200,
        description="Identifier, unique in its list; referred to by other entries.",
    ),
]
EdtfText = Annotated[
    str,
    Meta(
        min_length=1,
        max_length=100,
        description="A date in EDTF (ISO 8601-2), e.g. 2024-07-03, 2024-05, 2024-05~, "
        "2024-10-22/2024-10-24.",
    ),
]
Colour = Annotated[
    str, Meta(pattern=r"^#[0-9A-Fa-f]{6}$", description="An RGB colour as #RRGGBB.")
]
Status = Literal["held", "planned", "postponed", "cancelled"]
Kind = Literal[
    "bilateral", "multilateral", "summit", "visit", "call", "conference", "milestone", "other"
]
STATUSES: Final[tuple[Status, ...]] = ("held", "planned", "postponed", "cancelled")


class _Base(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True,
            omit_defaults=True, gc=False):
    """Common struct options: immutable, strict about unknown keys, compact on write."""


class Person(_Base, frozen=True, kw_only=True):
    id: Id
    name: str
    names: dict[str, str] = {}
    """Names in other scripts, keyed by BCP 47 language tag (``ru``, ``zh``)."""
    name_sources: dict[str, Id] = {}
    """For each key of ``names``, the source the form was checked against: a name in
    another script is as easy to get wrong as a date, and a reader should be able to
    open the page that spells it so."""
    role: str = ""
    colour: Colour | None = None


class Place(_Base, frozen=True, kw_only=True):
    id: Id
    name: str
    country: str = ""
    latitude: Annotated[float, Meta(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Meta(ge=-180, le=180)] | None = None
    venue: str = ""
    source: Id | None = None
    """Where the coordinates come from, so that a reader can check the dot on the map."""


class Source(_Base, frozen=True, kw_only=True):
    id: Id
    title: str
    outlet: str = ""
    date: EdtfText | None = None
    url: str | None = None
    note: str = ""


class Track(_Base, frozen=True, kw_only=True):
    id: Id
    title: str
    order: int = 0
    colour: Colour | None = None


class Quote(_Base, frozen=True, kw_only=True):
    speaker: Id
    """Id of a person in ``people``."""
    text: str
    source: Id
    language: str = ""
    note: str = ""


class Figure(_Base, frozen=True, kw_only=True):
    label: str
    source: Id
    value: float | None = None
    unit: str = ""
    qualifier: str = ""
    """How the value is bounded or rounded as stated: ``over``, ``about``, ``up to``."""
    attributed_to: Id | None = None
    note: str = ""


class Media(_Base, frozen=True, kw_only=True):
    file: str
    """A path relative to the timeline file; never fetched from the network."""
    caption: str = ""
    credit: str = ""
    url: str | None = None
    alt: str = ""
    """What the image shows, for readers who cannot see it (screen readers, a failed
    load); the caption says why it is there, the alt text what is in it."""


class Report(_Base, frozen=True, kw_only=True):
    """What was known about an event from ``date`` on, per ``source``.

    A meeting that runs over days is told in stages (announced, under way,
    held); each stage's report carries what was known then, so a view as of
    that day never shows what only a later source said.
    """

    date: EdtfText
    status: Status
    when: EdtfText | None = None
    place: Id | None = None
    """Id of the place as known then (the town before the venue was named)."""
    source: Id | None = None
    summary: str = ""
    """What was known at this stage; shown instead of the event's own summary while
    this is the latest report on or before the knowledge date and later ones exist."""
    topics: tuple[str, ...] = ()
    """The topics known at this stage (what its source says was on the table); shown,
    like ``summary``, instead of the event's own while later reports are still to come."""
    note: str = ""


class Event(_Base, frozen=True, kw_only=True):
    id: Id
    track: Id
    title: str
    when: EdtfText
    status: Status = "held"
    kind: Kind | None = None
    occasion: str = ""
    place: Id | None = None
    participants: tuple[Id, ...] = ()
    summary: str = ""
    topics: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    media: tuple[Media, ...] = ()
    related: tuple[Id, ...] = ()
    sources: tuple[Id, ...] = ()
    reports: tuple[Report, ...] = ()
    importance: Annotated[int, Meta(ge=0, le=3)] = 1
    """0 background … 3 key; decides which labels give way when space runs out."""
    notes: str = ""
    """Speaker notes: what a presenter wants to say on this event's slide.  Shown only to
    the presenter (their own screen, or toggled over the slide), never to the audience."""


class View(_Base, frozen=True, kw_only=True):
    """A named way of looking at the file: as known on a day, over a span, on some tracks.

    Lets a data author ship the questions the data answers ("as reported on
    3 July 2024", "everything since 2013") so that readers, presenters and
    exports all start from the same picture.
    """

    id: Id
    name: str
    as_of: EdtfText | None = None
    """Knowledge date; absent means everything known."""
    range: EdtfText | None = None
    """The dates the view frames, e.g. ``2024-05/2024-11``; absent means all events."""
    tracks: tuple[Id, ...] = ()
    """Only these tracks; empty means every track."""


class Timeline(_Base, frozen=True, kw_only=True):
    format: Literal["summit-timeline/1"]
    title: str
    description: str = ""
    as_of: EdtfText | None = None
    """The knowledge date the file opens at when no view says otherwise."""
    checked: EdtfText | None = None
    """The day the data was last checked against its sources."""
    default_view: Id | None = None
    """Id of the view the file opens in."""
    views: tuple[View, ...] = ()
    people: tuple[Person, ...] = ()
    places: tuple[Place, ...] = ()
    sources: tuple[Source, ...] = ()
    tracks: tuple[Track, ...] = ()
    events: tuple[Event, ...] = ()

    def person(self, person_id: str) -> Person | None:
        return _lookup(self, "people", person_id)  # type: ignore[return-value]

    def place(self, place_id: str | None) -> Place | None:
        return None if place_id is None else _lookup(self, "places", place_id)  # type: ignore[return-value]

    def source(self, source_id: str | None) -> Source | None:
        return None if source_id is None else _lookup(self, "sources", source_id)  # type: ignore[return-value]

    def track(self, track_id: str) -> Track | None:
        return _lookup(self, "tracks", track_id)  # type: ignore[return-value]

    def event(self, event_id: str) -> Event | None:
        return _lookup(self, "events", event_id)  # type: ignore[return-value]

    def view(self, view_id: str | None) -> View | None:
        return None if view_id is None else _lookup(self, "views", view_id)  # type: ignore[return-value]

    def ordered_tracks(self) -> list[Track]:
        """Tracks by ``order``, then by position in the file (a stable sort)."""
        return sorted(self.tracks, key=lambda t: t.order)


_Keyed = Person | Place | Source | Track | Event | View
_LOOKUPS: dict[tuple[int, str], dict[str, _Keyed]] = {}


def _lookup(timeline: Timeline, attr: str, key: str) -> _Keyed | None:
    """Id lookups, with a per-timeline dict built on first use.

    Timelines are frozen, so the cache never goes stale; it is keyed by
    ``id()`` of the tuple and holds the tuple's identity check to be safe
    if the id is reused after garbage collection.
    """
    items: tuple[_Keyed, ...] = getattr(timeline, attr)
    cache_key = (id(items), attr)
    table = _LOOKUPS.get(cache_key)
    if table is None or (items and table.get(items[0].id) is not items[0]):
        table = {item.id: item for item in items}
        if len(_LOOKUPS) > 64:
            _LOOKUPS.clear()
        _LOOKUPS[cache_key] = table
    return table.get(key)
