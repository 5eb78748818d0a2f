"""Synthetic timelines with a realistic mix of fields, for benchmarks and stress tests."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ..core.model import Event, Person, Place, Report, Source, Timeline, Track

_WORDS = (
    "talks", "trade", "summit", "energy", "visit", "border", "security", "forum", "grain",
    "gas", "rail", "port", "treaty", "finance", "culture", "science", "ministers",
    "delegation", "harbour", "pipeline",
)
_STATUSES = ("held",) * 8 + ("planned", "postponed", "cancelled")
_KINDS = ("bilateral", "summit", "visit", "call", "conference")


def synthetic_timeline(events: int, *, seed: int = 1, lanes: int = 6,
                       reported: float = 0.0) -> Timeline:
    """``reported``: the share of events told in two reports (first planned for their
    month, then held on the day), so that moving the knowledge date changes what is
    shown; such a timeline opens as known on 1 January 2008, half way through.

    Leader 0 attends every event of the first lane, so that lane has a route on the
    map (a map's costliest drawing); the other lanes have none."""
    rng = random.Random(seed)
    people = tuple(Person(id=f"p{i}", name=f"Leader {i}", names={"ru": f"Лидер {i}",
                                                                 "zh": f"领导人{i}"})
                   for i in range(200))
    places = tuple(Place(id=f"pl{i}", name=f"City {i}", country=f"Country {i % 40}",
                         latitude=rng.uniform(-60, 70), longitude=rng.uniform(-180, 180))
                   for i in range(100))
    sources = tuple(Source(id=f"s{i}", title=f"Report {i}", outlet="Wire service",
                           date=f"{2000 + i % 25}-0{1 + i % 9}") for i in range(50))
    tracks = tuple(Track(id=f"t{i}", title=f"Lane {i}", order=i) for i in range(lanes))
    origin = date(1990, 1, 1).toordinal()
    out = []
    for i in range(events):
        day = date.fromordinal(origin + rng.randrange(0, 36 * 365))
        roll = rng.random()
        if roll < 0.70:
            when = day.isoformat()
        elif roll < 0.85:
            when = f"{day.year:04d}-{day.month:02d}"
        elif roll < 0.90:
            when = f"{day.year:04d}"
        else:
            when = f"{day.isoformat()}/{(day + timedelta(days=rng.randrange(1, 5))).isoformat()}"
        if rng.random() < 0.05:
            when += "~"
        reports: tuple[Report, ...] = ()
        if reported and rng.random() < reported:
            announced = day - timedelta(days=rng.randrange(10, 120))
            reports = (Report(date=announced.isoformat(), status="planned",
                              when=f"{day.year:04d}-{day.month:02d}"),
                       Report(date=day.isoformat(), status="held"))
        title = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(2, 6))).capitalize()
        summary = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(8, 20)))
        track = tracks[rng.randrange(lanes)].id
        status = rng.choice(_STATUSES)
        kind = rng.choice(_KINDS)
        place = places[rng.randrange(len(places))].id
        participants = tuple(p.id for p in rng.sample(people, rng.randrange(2, 5)))
        if track == tracks[0].id and people[0].id not in participants:
            participants = (people[0].id, *participants)  # the first lane's traveller
        out.append(Event(
            id=f"e{i:07d}",
            track=track,
            title=title,
            when=when,
            status=status,  # type: ignore[arg-type]
            kind=kind,  # type: ignore[arg-type]
            place=place,
            participants=participants,
            summary=summary,
            sources=(sources[rng.randrange(len(sources))].id,),
            importance=rng.randrange(0, 4),
            reports=reports,
        ))
    return Timeline(format="summit-timeline/1", title=f"Synthetic timeline, {events} events",
                    as_of="2008-01-01" if reported else None,
                    people=people, places=places, sources=sources, tracks=tracks,
                    events=tuple(out))
