"""Where events took place, as spots on a map: places that share a town and its coordinates.

A file names venues as places of their own (the Great Hall of the People,
the Diaoyutai guest house, "Beijing" before the venue was known), yet on a
map of meetings they are one dot, Beijing, with every meeting held there.
A site gathers the places with the same name and the same coordinates
(to about a kilometre); places without coordinates are on no site.

Which site an event is on depends on the knowledge date, as its place does:
the report of 3 July 2024 put the Kazan meeting in Kazan, the October
report in the Kazan Kremlin.  Both are the site Kazan, so the dot stays.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..index import EventIndex
from ..knowledge import known_details
from ..model import Place

NO_SITE = -1
_DAY_CACHE = 8


@dataclass(frozen=True)
class Site:
    name: str
    """The place's name as the file spells it (any script)."""
    country: str
    latitude: float
    longitude: float
    place_ids: tuple[str, ...]
    """Every place id on this site, first as the file lists them."""

    @property
    def label(self) -> str:
        """"Kazan, Russia": for tooltips and headings."""
        return f"{self.name}, {self.country}" if self.country else self.name


@dataclass(eq=False)
class SiteIndex:
    """The sites of a timeline and, per knowledge date, each event's site."""

    index: EventIndex
    sites: tuple[Site, ...]
    lonlat: NDArray[np.float64]
    """(sites, 2) longitude and latitude in degrees."""
    site_of_place: dict[str, int]
    """Place id → site code, for places with coordinates."""
    base: NDArray[np.int32]
    """Each event's site from its own ``place`` (the latest truth)."""
    _days: OrderedDict[int | None, NDArray[np.int32]] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    """The window and the snapshot worker (preparing the map) both ask for codes."""

    def codes(self, day: int | None) -> NDArray[np.int32]:
        """Each event's site as known on ``day`` (``NO_SITE`` where none is known)."""
        with self._lock:
            got = self._days.get(day)
            if got is not None:
                self._days.move_to_end(day)
                return got
        codes = self.base
        if day is not None and len(self.index.with_reports):
            codes = codes.copy()
            timeline = self.index.timeline
            for pos in self.index.with_reports.tolist():
                event = self.index.event(pos)
                place = known_details(timeline, event, day).place
                codes[pos] = self.site_of_place.get(place, NO_SITE) if place else NO_SITE
        with self._lock:
            self._days[day] = codes
            while len(self._days) > _DAY_CACHE:
                self._days.popitem(last=False)
        return codes

    def codes_of(self, place_ids: tuple[str, ...]) -> NDArray[np.int32]:
        """Site codes of ``place_ids`` (unknown or unmapped ids are left out)."""
        found = {self.site_of_place[p] for p in place_ids if p in self.site_of_place}
        return np.asarray(sorted(found), np.int32)

    def site_of(self, place_id: str | None) -> int:
        return self.site_of_place.get(place_id, NO_SITE) if place_id else NO_SITE


_INDEXES: weakref.WeakKeyDictionary[EventIndex, SiteIndex] = weakref.WeakKeyDictionary()


def site_index(index: EventIndex) -> SiteIndex:
    """The sites of ``index``, built once per loaded timeline."""
    got = _INDEXES.get(index)
    if got is None:
        got = _INDEXES[index] = _build(index)
    return got


def _key(place: Place) -> tuple[str, float, float]:
    assert place.latitude is not None and place.longitude is not None
    return (" ".join(place.name.split()).casefold(), round(place.latitude, 2),
            round(place.longitude, 2))


def _build(index: EventIndex) -> SiteIndex:
    groups: dict[tuple[str, float, float], list[Place]] = {}
    for place in index.timeline.places:
        if place.latitude is not None and place.longitude is not None:
            groups.setdefault(_key(place), []).append(place)
    sites = tuple(Site(members[0].name, members[0].country, float(members[0].latitude or 0.0),
                       float(members[0].longitude or 0.0), tuple(p.id for p in members))
                  for members in groups.values())
    site_of_place = {pid: code for code, site in enumerate(sites) for pid in site.place_ids}
    base = np.fromiter((site_of_place.get(e.place, NO_SITE) if e.place else NO_SITE
                        for e in index.timeline.events), np.int32, len(index))
    lonlat = np.array([(s.longitude, s.latitude) for s in sites], np.float64).reshape(-1, 2)
    return SiteIndex(index, sites, lonlat, site_of_place, base)
