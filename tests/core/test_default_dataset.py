"""The bundled default dataset: it decodes, and it says what a user would check.

Loaded with ``msgspec`` decode only (no Qt, no project loaders), so it tests the
file against the model that defines the format.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import msgspec
import pytest

from summit_timeline.core.model import FORMAT, Timeline

REPO = Path(__file__).parents[2]
DATASET = (REPO / "desktop" / "summit_timeline" / "resources" / "data"
           / "putin-xi-2024.timeline.json")
ARTICLE = REPO.parent / "shared" / "seed" / "article-2024-07-03.txt"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return msgspec.json.decode(DATASET.read_bytes(), type=Timeline)


def _ids(items) -> set[str]:
    return {item.id for item in items}


def test_header(timeline: Timeline) -> None:
    assert timeline.format == FORMAT
    assert timeline.title
    assert timeline.description
    assert timeline.as_of == "2024-07-03"
    assert [(t.id, t.title, t.order) for t in timeline.ordered_tracks()] == [
        ("putin-xi", "Putin–Xi", 0),
        ("context", "Context", 1),
    ]


def test_three_putin_xi_meetings(timeline: Timeline) -> None:
    meetings = sorted(
        (e for e in timeline.events if e.track == "putin-xi"), key=lambda e: e.when
    )
    assert [e.when for e in meetings] == ["2024-05-16", "2024-07-03", "2024-10-22"]
    assert [timeline.place(e.place).name for e in meetings] == ["Beijing", "Astana", "Kazan"]
    for event in meetings:
        assert event.status == "held"
        assert set(event.participants) >= {"putin", "xi"}
        assert event.importance == 3
        assert event.summary and event.occasion
        assert event.reports, f"{event.id} has no reports for the knowledge-date view"
    # The Astana venue is unknown, so none is given; the others have one.
    assert [timeline.place(e.place).venue for e in meetings] == [
        "Great Hall of the People",
        "",
        "Kazan Kremlin",
    ]


def test_kazan_was_planned_as_of_the_article(timeline: Timeline) -> None:
    kazan = next(
        e for e in timeline.events if e.track == "putin-xi" and e.when == "2024-10-22"
    )
    first, *later = kazan.reports
    assert (first.date, first.status, first.when) == ("2024-07-03", "planned", "2024-10")
    assert later and later[-1].status == "held" and later[-1].when == "2024-10-22"
    assert later[-1].date == "2024-10-22"


def test_events_after_as_of_carry_reports(timeline: Timeline) -> None:
    as_of = timeline.as_of
    for event in timeline.events:
        assert event.reports, f"{event.id} has no reports"
        if event.when.split("/")[0] > as_of:
            assert event.reports[0].date <= as_of, event.id
            assert event.reports[0].status == "planned", event.id
        dates = [r.date for r in event.reports]
        assert dates == sorted(dates), f"{event.id}: reports out of order"


def test_ids_unique_per_list(timeline: Timeline) -> None:
    for name in ("people", "places", "sources", "tracks", "events"):
        counts = Counter(item.id for item in getattr(timeline, name))
        duplicates = [key for key, n in counts.items() if n > 1]
        assert not duplicates, f"duplicate ids in {name}: {duplicates}"


def test_every_reference_resolves(timeline: Timeline) -> None:
    people = _ids(timeline.people)
    places = _ids(timeline.places)
    sources = _ids(timeline.sources)
    tracks = _ids(timeline.tracks)
    events = _ids(timeline.events)
    missing: list[str] = []

    def need(kind: str, ref: str | None, known: set[str], where: str) -> None:
        if ref is not None and ref not in known:
            missing.append(f"{where}: unknown {kind} {ref!r}")

    for e in timeline.events:
        need("track", e.track, tracks, e.id)
        need("place", e.place, places, e.id)
        for p in e.participants:
            need("person", p, people, f"{e.id}.participants")
        for q in e.quotes:
            need("person", q.speaker, people, f"{e.id}.quotes")
            need("source", q.source, sources, f"{e.id}.quotes")
        for f in e.figures:
            need("person", f.attributed_to, people, f"{e.id}.figures")
            need("source", f.source, sources, f"{e.id}.figures")
        for r in e.related:
            need("event", r, events, f"{e.id}.related")
        for s in e.sources:
            need("source", s, sources, f"{e.id}.sources")
        for r in e.reports:
            need("source", r.source, sources, f"{e.id}.reports")
    assert not missing, "\n".join(missing)


def test_every_event_has_a_source(timeline: Timeline) -> None:
    for event in timeline.events:
        assert event.sources, f"{event.id} has no sources"
        cited = {q.source for q in event.quotes} | {f.source for f in event.figures}
        cited |= {r.source for r in event.reports if r.source}
        missing = cited - set(event.sources)
        assert not missing, f"{event.id}: cited but not listed {missing}"


def test_tourist_figure_has_differing_values(timeline: Timeline) -> None:
    tourists = [
        f for e in timeline.events for f in e.figures if "tourist" in f.label.lower()
    ]
    assert len({f.value for f in tourists}) > 1
    assert len({f.source for f in tourists}) == len(tourists), "each value needs its own source"
    assert all(f.attributed_to for f in tourists)


def test_peskov_trade_figure(timeline: Timeline) -> None:
    figures = [
        f
        for e in timeline.events
        for f in e.figures
        if f.attributed_to == "peskov" and f.unit == "USD"
    ]
    assert [(f.value, f.qualifier) for f in figures] == [(200_000_000_000, "over")]


def test_leaders_have_russian_and_chinese_names(timeline: Timeline) -> None:
    putin = timeline.person("putin")
    xi = timeline.person("xi")
    assert putin is not None and xi is not None
    assert putin.names["ru"] == "Владимир Путин"
    assert putin.names["zh"] == "普京"
    assert xi.names["zh"] == "习近平"
    assert xi.names["ru"] == "Си Цзиньпин"
    assert putin.colour and xi.colour and putin.colour != xi.colour


def test_places_have_coordinates(timeline: Timeline) -> None:
    for place in timeline.places:
        assert place.country, place.id
        assert place.latitude is not None and place.longitude is not None, place.id


def test_quotes_are_verbatim_from_the_article(timeline: Timeline) -> None:
    if not ARTICLE.is_file():
        pytest.skip(f"seed article not found at {ARTICLE}")
    article = ARTICLE.read_text(encoding="utf-8")
    # Only words the article puts inside its own quotation marks may be quoted.
    quoted = re.findall(r"“([^”]*)”|\"([^\"]*)\"", article)
    spans = [a or b for a, b in quoted]
    quotes = [q for e in timeline.events for q in e.quotes]
    assert quotes
    for q in quotes:
        assert q.text in article, f"not verbatim in the article: {q.text!r}"
        assert any(q.text in span for span in spans), f"not inside quotation marks: {q.text!r}"
