"""Snapshot + map view + look → map scene: every decision about what a map draws.

The map shows where the shown events took place (knowledge date and filter
applied, the place filter aside so other places stay clickable), one dot per
site sized by how many events were there; the selected event's place is
ringed; and for one track, its route in time order with the direction of
travel, through the events that the people common to all of them attended (no
route where nobody attended them all).  On a slide's inset the story stops at
the slide's event: its place stands out, the track's earlier places are
faint, later ones not yet drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import repeat
from operator import attrgetter, contains
from typing import Final

import numpy as np
from numpy.typing import NDArray

from ..core import dates
from ..core.event_filter import EventFilter
from ..core.geo.sites import NO_SITE, SiteIndex, site_index
from .build import Look
from .map_camera import fit_view
from .map_colours import map_colours
from .map_labels import Wanted, place_labels
from .map_land import land_layer, resolution_for
from .map_route import ROUTE_LIMIT, Stops, route_scene
from .map_scene import MapRoute, MapScene, MapSite, MapView
from .snapshot import NO_SELECTION, Snapshot
from .text import PAD

LABEL_LIMIT: Final = 120
"""Most names tried per map, the most important first."""
_PARTICIPANTS: Final = attrgetter("participants")


@dataclass(frozen=True)
class MapStory:
    """What a map tells besides where events were."""

    route_lane: int | None = None
    """The track (lane index) whose route is drawn; None: ``route_lane`` decides."""
    inset: int = NO_SELECTION
    """A slide's event: only its track's places up to it, earlier ones faint."""
    title: str = ""
    """The heading's first line (default: the timeline's title)."""


def route_lane(snap: Snapshot) -> int | None:
    """The track whose route the map draws: the one asked for (an export's ``--track``,
    the list's track filter), else the selected event's, else the first track drawn."""
    if snap.tracks is not None and len(snap.tracks) == 1:
        return snap.tracks[0]
    if snap.filter.lane is not None:
        return snap.filter.lane
    if snap.selection != NO_SELECTION:
        lane = int(snap.index.lane[snap.selection])
        return lane if lane >= 0 else None
    return snap.lanes[0] if snap.lanes else None


def shown_sites(snap: Snapshot) -> NDArray[np.float64]:
    """Longitude and latitude of every site of the shown events: what a map fits."""
    sites = site_index(snap.index)
    codes = sites.codes(snap.knowledge_day)[snap.shown_anywhere()]
    used = np.unique(codes[codes != NO_SITE])
    out: NDArray[np.float64] = sites.lonlat[used]
    return out


def inset_view(snap: Snapshot, lane: int, width: float, height: float) -> MapView:
    """A slide inset's view: every place of the track in the deck, so the map holds still
    from slide to slide while the route grows."""
    sites = site_index(snap.index)
    codes = sites.codes(snap.knowledge_day)
    mask = snap.shown & (snap.index.lane == lane) & (codes != NO_SITE)
    used = np.unique(codes[mask])
    return fit_view(sites.lonlat[used], width, height, margin=0.16)


_ROUTES_KEPT = 8


class MapBuilder:
    """Builds map scenes, remembering the per-site grouping between frames (a pan or a
    zoom of the dock groups nothing again)."""

    def __init__(self) -> None:
        self._groups: tuple[tuple[object, ...], _Groups] | None = None
        self._route_stops: list[tuple[tuple[object, ...], Stops]] = []
        self._columns: tuple[tuple[object, ...], _WalkColumns] | None = None
        """The routes of the last few tracks: stepping through events of several tracks
        asks for each again (12 ms at a million events)."""

    def build(self, snap: Snapshot, view: MapView, look: Look,
              story: MapStory | None = None) -> MapScene:
        story = story or MapStory()
        sites = site_index(snap.index)
        codes = sites.codes(snap.knowledge_day)
        lane = snap.index.lane[story.inset] if story.inset != NO_SELECTION else None
        route = int(lane) if lane is not None else (
            story.route_lane if story.route_lane is not None else route_lane(snap))
        if story.inset != NO_SELECTION:
            groups = _inset_groups(snap, codes, story.inset)
        else:
            groups = self._window_groups(snap, codes)
        palette = look.palette
        colour = palette.lane(route, snap.index.tracks[route].colour) \
            if route is not None and 0 <= route < len(snap.index.tracks) else None
        colours = map_colours(palette, colour)
        line = look.measure.line_height
        land = land_layer(resolution_for(view.span_km), view.projection)
        page = view.to_page(view.projection.project(sites.lonlat)) if len(sites.lonlat) \
            else np.zeros((0, 2))
        selected = int(codes[story.inset]) if story.inset != NO_SELECTION else (
            int(codes[snap.selection]) if snap.selection != NO_SELECTION else NO_SITE)
        chosen = set(sites.codes_of(snap.filter.places).tolist()) \
            if snap.filter.places is not None else set()
        drawn = _sites(groups, sites, page, line, selected, chosen, story.inset)
        drawn_route = None
        if route is not None and route >= 0:
            stops = self._stops(snap, codes, route, story.inset)
            drawn_route = route_scene(snap, stops, route, sites, view, line)
        wanted = sorted(drawn, key=lambda s: (not s.selected, not s.chosen, s.faint,
                                              -s.count, s.name))
        labels = place_labels([Wanted(s.site, s.name, s.x, s.y, s.radius)
                               for s in wanted[:LABEL_LIMIT]],
                              [(s.x, s.y, s.radius) for s in drawn], look.measure,
                              view.width, view.height)
        drawn = [replace(s, label=labels.get(s.site)) for s in drawn]
        drawn.sort(key=lambda s: (-s.radius, s.selected))
        attribution = "Map: Natural Earth"
        aw = look.measure.width(attribution) + PAD
        attribution_rect = (view.width - aw - line * 0.2, view.height - line * 1.1,
                            view.width - line * 0.2, view.height - line * 0.1)
        title = story.title or snap.title
        return MapScene(view=view, colours=colours, land=land, sites=tuple(drawn),
                        route=drawn_route, line=line, attribution=attribution,
                        attribution_rect=attribution_rect, title=title,
                        subtitle=_subtitle(snap, drawn, drawn_route, groups.unmapped),
                        unmapped=groups.unmapped)

    def prepare(self, snap: Snapshot, lane: int | None) -> Callable[[MapBuilder], None]:
        """Works out, for a window's map of ``snap`` with the route of ``lane``, what a
        change of snapshot costs (each event's place as known, the grouping by place,
        the route's stops and who travelled it) and returns what hands the results to
        another builder.  Meant for the snapshot worker, on plain data, so that the
        window's builder finds them ready instead of working them out while the window
        waits (a second or so at a million events)."""
        codes = site_index(snap.index).codes(snap.knowledge_day)
        self._window_groups(snap, codes)
        if lane is not None and lane >= 0:
            self._stops(snap, codes, lane, NO_SELECTION)
        groups, stops, columns = self._groups, self._route_stops[:1], self._columns

        def adopt(into: MapBuilder) -> None:
            into._groups = groups or into._groups
            into._columns = columns or into._columns
            into._route_stops = (stops + into._route_stops)[:_ROUTES_KEPT]

        return adopt

    def route(self, snap: Snapshot) -> MapRoute | None:
        """The route a window's map of ``snap`` draws, named but not drawn (no legs): what
        a caption says, without laying out the rest of the map."""
        lane = route_lane(snap)
        if lane is None or lane < 0:
            return None
        sites = site_index(snap.index)
        found = self._stops(snap, sites.codes(snap.knowledge_day), lane, NO_SELECTION)
        if len(found.stops) < 2:
            return None
        return MapRoute(snap.index.tracks[lane].title, (),
                        tuple(sites.sites[c].name for c, _ in found.stops), found.journeys)

    def shown_sites(self, snap: Snapshot) -> NDArray[np.float64]:
        """``shown_sites(snap)``, from the grouping by place a build of ``snap`` uses (and
        the snapshot worker may have prepared)."""
        sites = site_index(snap.index)
        groups = self._window_groups(snap, sites.codes(snap.knowledge_day))
        out: NDArray[np.float64] = sites.lonlat[np.array(sorted(groups.positions),
                                                          np.int64)].reshape(-1, 2)
        return out

    def _stops(self, snap: Snapshot, codes: NDArray[np.int32], lane: int,
               inset: int) -> Stops:
        key = (snap.index, snap.known, snap.shown, snap.filter, lane, inset)
        for kept, stops in self._route_stops:
            if all(a is b or (isinstance(a, int | EventFilter) and a == b)
                   for a, b in zip(kept, key, strict=True)):
                return stops
        stops = _route_stops(snap, codes, lane, inset, self._walk_columns(snap, codes, inset))
        self._route_stops = [(key, stops), *self._route_stops][:_ROUTES_KEPT]
        return stops

    def _walk_columns(self, snap: Snapshot, codes: NDArray[np.int32],
                      inset: int) -> _WalkColumns:
        """The shown events in time order with each one's track and whether it has a
        place: every track's route starts from them, so a step to an event of another
        track only compares (a million events' gathers were 12 ms a track)."""
        shown = snap.shown_anywhere() if inset == NO_SELECTION else snap.shown
        key = (snap.order, shown, codes, snap.index)
        if self._columns is not None and all(a is b for a, b in
                                             zip(self._columns[0], key, strict=True)):
            return self._columns[1]
        walk = snap.walk if shown is snap.shown else snap.order[shown[snap.order]]
        columns = _WalkColumns(walk, snap.index.lane[walk], codes[walk] != NO_SITE)
        if shown is snap.shown:  # a place filter's mask is made afresh on each call
            self._columns = (key, columns)
        return columns

    def _window_groups(self, snap: Snapshot, codes: NDArray[np.int32]) -> _Groups:
        # With a place filter, what is shown anywhere is worked out afresh on each call:
        # the filter's other parts say whether it is still the same.
        anywhere = snap.filter.places is None
        kept = snap.shown if anywhere else \
            (replace(snap.filter, places=None), snap.tracks, snap.day_range)
        key = (snap.index, snap.known, snap.order, kept, None if anywhere else snap.review,
               None if anywhere else snap.notes)
        if self._groups is not None and all(
                a is b or (isinstance(a, tuple) and isinstance(b, tuple) and a == b)
                for a, b in zip(self._groups[0], key, strict=True)):
            return self._groups[1]
        shown = snap.shown_anywhere()
        groups = _group(snap.order[shown[snap.order]], codes)
        self._groups = (key, groups)
        return groups


@dataclass(frozen=True)
class _WalkColumns:
    walk: NDArray[np.int64]
    lane: NDArray[np.int32]
    mapped: NDArray[np.bool_]


@dataclass(frozen=True)
class _Groups:
    positions: dict[int, NDArray[np.int64]]
    """Site code → its events in time order."""
    faint: frozenset[int]
    """Sites drawn faint (earlier stops on an inset)."""
    unmapped: int


def _group(ordered: NDArray[np.int64], codes: NDArray[np.int32]) -> _Groups:
    site = codes[ordered]
    mapped = site != NO_SITE
    ordered, site = ordered[mapped], site[mapped]
    # Stable sorts of 16-bit keys are radix sorts: five times quicker than of 32-bit ones
    # at a million events, and the order is the same.
    keys = site.astype(np.uint16) if len(site) and int(site.max()) <= 0xFFFF else site
    by_site = np.argsort(keys, kind="stable")
    cuts = np.flatnonzero(np.diff(site[by_site])) + 1
    positions = {int(site[part[0]]): ordered[part]
                 for part in np.split(by_site, cuts) if len(part)}
    return _Groups(positions, frozenset(), int((~mapped).sum()))


def _inset_groups(snap: Snapshot, codes: NDArray[np.int32], position: int) -> _Groups:
    """The slide's event and the earlier events of its track, as the deck shows them."""
    lane = snap.index.lane[position]
    walk = snap.walk
    mine = walk[snap.index.lane[walk] == lane]
    rank = snap.rank
    upto = mine[rank[mine] <= rank[position]] if len(mine) else mine
    if position not in upto:
        upto = np.append(upto, position)
    groups = _group(upto.astype(np.int64), codes)
    current = int(codes[position])
    return _Groups(groups.positions, frozenset(k for k in groups.positions if k != current),
                   groups.unmapped)


def _radius(count: int, line: float) -> float:
    base = max(3.0, line * 0.3)
    return min(base * (1.0 + 0.55 * (math.sqrt(count) - 1.0)), base * 3.4)


def _sites(groups: _Groups, sites: SiteIndex, page: NDArray[np.float64], line: float,
           selected: int, chosen: set[int], inset: int) -> list[MapSite]:
    out = []
    for code, positions in groups.positions.items():
        x, y = float(page[code, 0]), float(page[code, 1])
        if not (math.isfinite(x) and math.isfinite(y)):
            continue
        site = sites.sites[code]
        faint = code in groups.faint
        radius = _radius(len(positions), line) * (0.8 if faint else 1.0)
        out.append(MapSite(site=code, name=site.name, title=site.label,
                           place_ids=site.place_ids, x=x, y=y, radius=radius,
                           count=len(positions), positions=positions,
                           selected=code == selected, chosen=code in chosen, faint=faint,
                           label=None))
    return out


def travellers(snap: Snapshot, positions: NDArray[np.int64]) -> frozenset[str]:
    """The people who attended every one of these events.

    A route is a journey someone made: the Putin–Xi track's runs through the
    places both leaders met, but a track of Putin's meetings with others, a
    summit he was not invited to and an accession that names no one (Context:
    Beijing, Harbin, Bürgenstock, Astana) has nobody common to all of it, and
    so no route.  Each candidate (the first event's people) is checked in one
    pass that stops at the first event without them.
    """
    if len(positions) == 0:
        return frozenset()
    events = snap.index.timeline.events
    listed = positions.tolist()
    first = events[listed[0]].participants
    return frozenset(person for person in first if all(map(
        contains, map(_PARTICIPANTS, map(events.__getitem__, listed)), repeat(person))))


def _route_stops(snap: Snapshot, codes: NDArray[np.int32], lane: int, inset: int,
                 columns: _WalkColumns) -> Stops:
    """The track's events in time order, one stop per change of place: none unless
    someone attended every event the route joins (``travellers``; of a long track,
    the events of the journeys drawn, its latest ``ROUTE_LIMIT``).  A slide's inset
    asks that of the whole deck's track, so its route does not come and go from
    slide to slide."""
    mine = columns.walk[(columns.lane == lane) & columns.mapped]
    arrived = np.flatnonzero(np.concatenate(([True], codes[mine][1:] != codes[mine][:-1]))) \
        if len(mine) else np.zeros(0, np.int64)
    first = int(arrived[-(ROUTE_LIMIT + 1)]) if len(arrived) > ROUTE_LIMIT + 1 else 0
    if not travellers(snap, mine[first:]):
        return Stops((), 0)
    if inset != NO_SELECTION:
        mine = mine[snap.rank[mine] <= snap.rank[inset]]
    site = codes[mine]
    moved = np.concatenate(([True], site[1:] != site[:-1])) if len(site) else \
        np.zeros(0, np.bool_)
    arrivals = mine[moved]
    kept = arrivals[-(ROUTE_LIMIT + 1):]
    return Stops(tuple((int(codes[p]), int(p)) for p in kept.tolist()),
                  max(len(arrivals) - 1, 0))


def _subtitle(snap: Snapshot, drawn: list[MapSite], route: MapRoute | None,
              unmapped: int) -> str:
    parts = []
    if snap.knowledge_day is not None:
        parts.append(f"As known on {dates.format_day(snap.knowledge_day)}")
    else:
        parts.append("Everything known")
    events = sum(s.count for s in drawn)
    parts.append(f"{events:,} event{'s' * (events != 1)} at {len(drawn):,} "
                 f"place{'s' * (len(drawn) != 1)}")
    if route is not None:
        legs = len(route.legs)
        parts.append(f"{route.track}: {route.text}" if len(route.stops) <= 6 else
                     f"{route.track} route, {route.journeys:,} journeys"
                     + (f" (the latest {legs} drawn)" if legs < route.journeys else ""))
    if unmapped:
        parts.append(f"{unmapped} without coordinates")
    return " · ".join(parts)
