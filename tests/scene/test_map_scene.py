"""The map scene: where the shown events took place, the route in time order, the inset's story.

Built from snapshots of the bundled timeline with a fixed-width text measure,
no Qt involved: what the Map dock, a slide inset and ``export --map`` paint.
"""

from __future__ import annotations

import math

import msgspec
import numpy as np
import pytest

from summit_timeline.core import dates, views
from summit_timeline.core.event_filter import EventFilter
from summit_timeline.core.model import Timeline
from summit_timeline.scene.build import Look
from summit_timeline.scene.map_build import MapBuilder, MapStory, inset_view, shown_sites
from summit_timeline.scene.map_camera import contains, fit_view, pan, zoom
from summit_timeline.scene.map_scene import MapScene
from summit_timeline.scene.palette import DARK, HIGH_CONTRAST, LIGHT, PAPER, PROJECTOR, lightness
from summit_timeline.scene.snapshot import Snapshot

BEIJING = "putin-xi-2024-05-16-beijing"
ASTANA = "putin-xi-2024-07-03-astana"
KAZAN = "putin-xi-2024-10-22-kazan"


class Fixed:
    key = "fixed"
    line_height = 14.0

    def width(self, text: str) -> float:
        return 7.0 * len(text)


def _snap(timeline: Timeline, day: str | None, view: str = "2024-in-hindsight") -> Snapshot:
    named = timeline.view(view)
    assert named is not None
    return Snapshot.build(timeline, knowledge_day=dates.parse(day).upper if day else None,
                          day_range=views.view_range(named))


def _map(snap: Snapshot, story: MapStory | None = None, size: tuple[float, float] = (900, 600),
         palette=LIGHT) -> MapScene:  # type: ignore[no-untyped-def]
    view = fit_view(shown_sites(snap), *size)
    return MapBuilder().build(snap, view, Look(palette, Fixed()), story)


def _putin_xi(timeline: Timeline, snap: Snapshot) -> Snapshot:
    lane = [t.id for t in snap.index.tracks].index("putin-xi")
    return snap.with_filter(EventFilter(lane=lane))


def test_the_route_follows_time_beijing_astana_kazan(timeline: Timeline) -> None:
    scene = _map(_putin_xi(timeline, _snap(timeline, "2024-10-23")))
    assert scene.route is not None and scene.route.track == "Putin–Xi"
    assert scene.route.stops == ("Beijing", "Astana", "Kazan")
    beijing, astana, kazan = (next(s for s in scene.sites if s.name == n)
                              for n in scene.route.stops)
    first, second = scene.route.legs
    assert not first.planned and not second.planned
    # each leg runs from the earlier place to the later, and its arrow points that way
    for leg, a, b in ((first, beijing, astana), (second, astana, kazan)):
        start, end = leg.points[0][0], leg.points[-1][-1]
        assert math.dist(start, (a.x, a.y)) < 1 and math.dist(end, (b.x, b.y)) < 1
        assert leg.arrow is not None
        heading = (math.cos(leg.arrow.angle), math.sin(leg.arrow.angle))
        towards = (b.x - a.x, b.y - a.y)
        assert heading[0] * towards[0] + heading[1] * towards[1] > 0


def test_the_knowledge_date_changes_the_places_and_the_route(timeline: Timeline) -> None:
    may = _map(_putin_xi(timeline, _snap(timeline, "2024-05-20")))
    assert [s.name for s in may.sites] == ["Beijing"] and may.route is None
    eve = _map(_putin_xi(timeline, _snap(timeline, "2024-07-02")))
    assert eve.route is not None and eve.route.stops == ("Beijing", "Astana")
    assert [leg.planned for leg in eve.route.legs] == [True], "Astana still planned: dashed"
    july = _map(_putin_xi(timeline, _snap(timeline, "2024-07-03")))
    assert july.route is not None and [leg.planned for leg in july.route.legs] == [False, True]
    assert "As known on 3 Jul 2024" in july.subtitle


def test_dots_are_sized_by_how_many_events_and_the_selection_is_ringed(
        timeline: Timeline) -> None:
    snap = _snap(timeline, "2024-07-03", "reported-2024-07-03")
    kazan = snap.index.position_of(KAZAN)
    assert kazan is not None
    scene = _map(snap.with_selection(kazan))
    by_name = {s.name: s for s in scene.sites}
    assert by_name["Astana"].count == 9 and by_name["Harbin"].count == 1
    assert by_name["Beijing"].count == 2
    assert by_name["Astana"].radius > by_name["Beijing"].radius > by_name["Harbin"].radius
    assert [s.name for s in scene.sites if s.selected] == ["Kazan"]
    assert scene.events == len(snap.walk) and scene.unmapped == 0
    hit = scene.site_at(by_name["Kazan"].x + 1, by_name["Kazan"].y)
    assert hit is not None and hit.name == "Kazan"
    assert {snap.event(p).id for p in hit.positions} == {KAZAN, "brics-summit-kazan-2024-10"}


def test_a_place_filter_keeps_every_place_on_the_map_and_rings_the_chosen_one(
        timeline: Timeline) -> None:
    snap = _snap(timeline, "2024-07-03", "reported-2024-07-03")
    chosen = snap.with_filter(EventFilter(days=snap.filter.days, places=("kazan",)))
    assert len(chosen.walk) == 2
    scene = _map(chosen)
    assert {s.name for s in scene.sites} == {s.name for s in _map(snap).sites}
    assert [s.name for s in scene.sites if s.chosen] == ["Kazan"]


def test_one_builder_follows_every_change_of_filter_and_names_the_route_it_draws(
        timeline: Timeline) -> None:
    """The dock keeps one builder, which remembers the grouping by place between
    changes: each change of what is shown must still give what a fresh builder gives,
    and the route its caption names and the places it fits are those the scene draws."""
    snap = _snap(timeline, "2024-10-23")
    kept = MapBuilder()
    look = Look(LIGHT, Fixed())
    held = snap.with_filter(EventFilter(days=snap.filter.days, status=1))
    steps = [snap,
             snap.with_filter(EventFilter(days=snap.filter.days, places=("kazan",))),
             snap.with_filter(EventFilter(days=snap.filter.days, places=("beijing",))),
             held.with_filter(EventFilter(days=snap.filter.days, status=1,
                                          places=("beijing",))),
             _putin_xi(timeline, snap), _snap(timeline, "2024-07-03")]
    counts = []
    for step in steps:
        view = fit_view(shown_sites(step), 900, 600)
        assert np.array_equal(kept.shown_sites(step), shown_sites(step))
        mine, fresh = kept.build(step, view, look), MapBuilder().build(step, view, look)
        assert [(s.name, s.count, s.chosen, s.label) for s in mine.sites] == \
            [(s.name, s.count, s.chosen, s.label) for s in fresh.sites]
        counts.append(sum(s.count for s in mine.sites))
        named = kept.route(step)
        assert (named is None) == (mine.route is None)
        if named is not None and mine.route is not None:
            assert (named.track, named.stops, named.journeys) == \
                (mine.route.track, mine.route.stops, mine.route.journeys)
    assert counts[1] == counts[2] == counts[0], "a place filter keeps every place"
    assert counts[3] < counts[2], "another filter beside the place one is followed"


def test_names_never_overlap_and_stay_inside_a_closed_view(timeline: Timeline) -> None:
    for size in ((900, 600), (320, 200)):
        scene = _map(_snap(timeline, None, "since-2013"), size=size)
        rects = [s.label.rect for s in scene.sites if s.label is not None]
        assert len(rects) >= 5
        for k, a in enumerate(rects):
            assert a[0] >= 0 and a[1] >= 0 and a[2] <= size[0] and a[3] <= size[1]
            for b in rects[k + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        busiest = max(scene.sites, key=lambda s: s.count)
        assert busiest.name == "Beijing" and busiest.label is not None, "the busiest is named"


def test_the_whole_record_gets_the_world_projection_and_2024_a_regional_one(
        timeline: Timeline) -> None:
    world = _map(_snap(timeline, None, "since-2013"))
    region = _map(_snap(timeline, "2024-07-03", "reported-2024-07-03"))
    assert world.view.projection.kind == "world" and world.land.resolution == "110m"
    assert region.view.projection.kind == "azimuthal"
    assert {"Lima", "Brisbane", "Buenos Aires"} <= {s.name for s in world.sites}
    for scene in (world, region):
        assert all(0 <= s.x <= scene.view.width and 0 <= s.y <= scene.view.height
                   for s in scene.sites), "fitted: every place on the map"


def test_the_inset_tells_the_track_up_to_the_slide(timeline: Timeline) -> None:
    snap = _putin_xi(timeline, _snap(timeline, "2024-10-23"))
    astana = snap.index.position_of(ASTANA)
    lane = int(snap.index.lane[astana])
    view = inset_view(snap, lane, 400, 300)
    scene = MapBuilder().build(snap, view, Look(PAPER, Fixed()), MapStory(inset=astana))
    assert {s.name: (s.selected, s.faint) for s in scene.sites} == \
        {"Beijing": (False, True), "Astana": (True, False)}, "Kazan is still to come"
    assert scene.route is not None and scene.route.stops == ("Beijing", "Astana")
    later = MapBuilder().build(snap, view, Look(PAPER, Fixed()),
                               MapStory(inset=snap.index.position_of(KAZAN) or 0))
    assert later.view == view, "the inset holds still from slide to slide"
    assert [s.name for s in later.sites if s.selected] == ["Kazan"]


@pytest.mark.parametrize("palette", [LIGHT, DARK, HIGH_CONTRAST, PAPER, PROJECTOR],
                         ids=lambda p: p.name)
def test_every_look_keeps_places_names_and_route_apart_from_the_land(palette) -> None:  # type: ignore[no-untyped-def]
    from summit_timeline.scene.map_colours import map_colours

    colours = map_colours(palette)

    def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
        return abs(lightness(a) - lightness(b))  # type: ignore[arg-type]

    assert contrast(colours.text, colours.land) > 100, "names readable on land"
    assert contrast(colours.site, colours.land) > 40 or \
        max(abs(a - b) for a, b in zip(colours.site[:3], colours.land[:3], strict=True)) > 100
    assert contrast(colours.land, colours.water) > 5, "land and sea told apart"
    assert contrast(colours.border, colours.land) > 20
    assert colours.selected != colours.site


def test_zoom_keeps_the_point_under_the_pointer_and_pan_moves_by_a_share() -> None:
    lonlat = np.array([[116.4, 39.9], [71.45, 51.18], [49.12, 55.79]])
    view = fit_view(lonlat, 800, 500)
    assert contains(view, lonlat)
    about = (600.0, 120.0)
    before = view.frame.to_projected(*about)
    zoomed = zoom(view, 0.5, about)
    assert math.isclose(zoomed.span_km, view.span_km * 0.5)
    assert np.allclose(zoomed.frame.to_projected(*about), before)
    moved = pan(view, 0.25, 0.0)
    shift = (moved.frame.to_projected(0, 0)[0] - view.frame.to_projected(0, 0)[0])
    assert math.isclose(shift, view.span_km * 0.25)
    assert zoom(view, 1e-6).span_km >= 150.0 and zoom(view, 1e6).span_km <= 60_000.0


# ---------------------------------------------------------------- whose journey a route is


def _lane(snap: Snapshot, track: str) -> Snapshot:
    return snap.with_filter(EventFilter(lane=[t.id for t in snap.index.tracks].index(track)))


def test_a_track_nobody_attended_whole_has_no_route(timeline: Timeline) -> None:
    # Context holds Putin's visit, his other meetings in Astana and the Bürgenstock
    # summit, to which Russia was not invited: no trip runs through all of them.
    for day in ("2024-07-03", None):
        scene = _map(_lane(_snap(timeline, day), "context"))
        assert scene.sites and scene.route is None
        assert "Bürgenstock" not in scene.subtitle and "→" not in scene.subtitle
    snap = _snap(timeline, "2024-07-03", "reported-2024-07-03")
    harbin = snap.index.position_of("putin-harbin-2024-05-17")
    assert harbin is not None
    inset = _map(snap, MapStory(inset=harbin))
    assert inset.route is None, "a slide inset of a Context event draws no route either"
    selected = _map(snap.with_selection(harbin))
    assert selected.route is None


def test_a_route_runs_only_through_events_its_travellers_attended() -> None:
    from summit_timeline.core.model import Event, Place, Timeline, Track

    def place(pid: str, lon: float) -> Place:
        return Place(id=pid, name=pid.capitalize(), latitude=50.0, longitude=lon)

    def event(eid: str, day: str, where: str, *people: str) -> Event:
        return Event(id=eid, track="t", title=eid, when=day, place=where, participants=people)

    events = (event("a", "2024-01-01", "aa", "putin", "xi"),
              event("b", "2024-02-01", "bb", "putin", "erdogan"),
              event("c", "2024-03-01", "cc", "putin", "xi"))
    timeline = Timeline(format="summit-timeline/1", title="t", tracks=(Track(id="t", title="T"),),
                        places=tuple(place(p, lon) for p, lon in
                                     (("aa", 10.0), ("bb", 20.0), ("cc", 30.0), ("dd", 40.0))),
                        events=events)
    scene = _map(Snapshot.build(timeline))
    assert scene.route is not None and scene.route.stops == ("Aa", "Bb", "Cc")
    for stranger in (event("d", "2024-04-01", "dd", "zelensky"),
                     event("d", "2024-04-01", "dd")):  # names nobody: nobody attended all
        others = msgspec.structs.replace(timeline, events=(*events, stranger))
        assert _map(Snapshot.build(others)).route is None


def test_a_long_route_asks_who_travelled_of_the_journeys_it_draws() -> None:
    from summit_timeline.core.model import Event, Place, Track
    from summit_timeline.scene.map_build import ROUTE_LIMIT

    places = tuple(Place(id=f"p{k}", name=f"Town {k}", latitude=40.0 + k % 7,
                         longitude=float(k * 3 % 170)) for k in range(ROUTE_LIMIT + 10))

    def event(k: int, *people: str) -> Event:
        return Event(id=f"e{k}", track="t", title=f"e{k}",
                     when=f"2000-{1 + k // 28:02d}-{1 + k % 28:02d}", place=f"p{k}",
                     participants=people)

    events = [event(k, "putin", "xi") for k in range(ROUTE_LIMIT + 10)]
    events[0] = event(0, "putin")  # an old journey Xi did not make, no longer drawn
    timeline = Timeline(format="summit-timeline/1", title="t", places=places,
                        tracks=(Track(id="t", title="T"),), events=tuple(events))
    scene = _map(Snapshot.build(timeline))
    assert scene.route is not None and len(scene.route.legs) == ROUTE_LIMIT
    events[-1] = event(len(events) - 1, "zelensky")
    scene = _map(Snapshot.build(msgspec.structs.replace(timeline, events=tuple(events))))
    assert scene.route is None
def _box_gap(rect: tuple[float, float, float, float], x: float, y: float, r: float) -> float:
    """How far a dot's rim is from a name's box (negative: the dot reaches into it)."""
    left, top, right, bottom = rect
    return math.hypot(min(max(x, left), right) - x, min(max(y, top), bottom) - y) - r


@pytest.mark.parametrize("size", [(1920, 1080), (900, 600), (1280, 720), (540, 230)])
def test_every_name_sits_by_its_own_dot_and_under_no_dot(timeline: Timeline,
                                                         size: tuple[int, int]) -> None:
    """On the world map "Beijing" sat just right of Tianjin's dot (on Beijing's rim) and
    read as its name, while "Tianjin" lay over Beijing's dot."""
    scene = _map(_snap(timeline, None, "since-2013"), size=size)
    named = [s for s in scene.sites if s.label is not None]
    assert len(named) >= (20 if size[0] > 600 else 12)
    assert any(s.name == "Beijing" for s in named)
    for site in named:
        assert site.label is not None
        rect = site.label.rect
        mine = max(_box_gap(rect, site.x, site.y, site.radius), 0.0)
        for other in scene.sites:
            if other is site:
                continue
            gap = _box_gap(rect, other.x, other.y, other.radius)
            touching = math.dist((site.x, site.y), (other.x, other.y)) \
                <= site.radius + other.radius + scene.line * 0.4
            # Only the biggest dot of a tight cluster may be named over a smaller one.
            assert gap >= 0 or (touching and other.radius <= site.radius), \
                f"{site.name}'s name lies over {other.name}'s dot"
            if not touching:
                assert gap > mine, f"{site.name}'s name is nearer {other.name}'s dot"
    beijing = next(s for s in named if s.name == "Beijing")
    assert beijing.label is not None
    if size[0] < 900:
        return  # a small map's Chinese cluster is too tight: Beijing names it over the rest
    for other in scene.sites:
        if other is not beijing:
            assert _box_gap(beijing.label.rect, other.x, other.y, other.radius) > \
                _box_gap(beijing.label.rect, beijing.x, beijing.y, beijing.radius), other.name


def test_a_route_across_the_pacific_ends_on_the_edge_of_the_world(timeline: Timeline) -> None:
    """The world map was cut between samples of the great circle: a leg from Lima to
    Beijing stopped short of the edge on one side and ran on past it on the other."""
    scene = _map(_snap(timeline, None, "since-2013"), size=(1920, 1080))
    assert scene.route is not None and scene.land.edge is not None
    edge = scene.view.to_page(scene.land.edge)
    sites = [(s.x, s.y) for s in scene.sites]

    def off_edge(p: np.ndarray) -> float:
        """Distance from ``p`` to the outline of the world."""
        a, b = edge[:-1], edge[1:]
        ab = b - a
        t = np.clip(((p - a) * ab).sum(axis=1) / np.maximum((ab * ab).sum(axis=1), 1e-12),
                    0.0, 1.0)
        return float(np.hypot(*(a + ab * t[:, None] - p).T).min())

    crossing = [leg for leg in scene.route.legs if len(leg.points) > 1]
    assert crossing, "some leg crosses the Pacific"
    for leg in crossing:
        for piece in leg.points:
            for end in (piece[0], piece[-1]):
                at_site = min(math.dist(end, s) for s in sites) < 1.0
                assert at_site or off_edge(end) < 1.0, "a piece ends on the edge"
