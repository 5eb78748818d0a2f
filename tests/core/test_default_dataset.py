"""The bundled default dataset: it decodes, and it says what a user would check.

Loaded with ``msgspec`` decode only where the file itself is the subject, so it
is tested against the model that defines the format; the knowledge-date
checks go through ``core.knowledge``, the code every view uses.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import msgspec
import pytest

from summit_timeline.core import dates, knowledge, views
from summit_timeline.core.formats.strict import strict_checks
from summit_timeline.core.model import FORMAT, Event, Timeline

REPO = Path(__file__).parents[2]
DATASET = (REPO / "desktop" / "summit_timeline" / "resources" / "data"
           / "putin-xi-meetings.timeline.json")
PASSAGES = REPO / "tests" / "data" / "quote_sources.json"
NAME_PASSAGES = REPO / "tests" / "data" / "name_sources.json"
SEED = REPO.parent / "shared" / "seed" / "article-2024-07-03.txt"
PLEDGE_TIMES = "pledgetimes-2024-07-03"
KAZAN = "putin-xi-2024-10-22-kazan"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return msgspec.json.decode(DATASET.read_bytes(), type=Timeline)


def _ids(items) -> set[str]:
    return {item.id for item in items}


def _event(timeline: Timeline, event_id: str) -> Event:
    event = timeline.event(event_id)
    assert event is not None, event_id
    return event


def _told(timeline: Timeline, event_id: str, day: str) -> knowledge.KnownDetails:
    return knowledge.known_details(timeline, _event(timeline, event_id), knowledge.parse_day(day))


def _state(timeline: Timeline, event_id: str, day: str) -> knowledge.Known | None:
    return knowledge.known_state(_event(timeline, event_id), knowledge.parse_day(day))


def test_header(timeline: Timeline) -> None:
    assert timeline.format == FORMAT
    assert timeline.title == "Putin–Xi meetings, 2013–2025"
    assert timeline.description
    assert timeline.as_of == "2024-07-03"
    assert timeline.checked is not None
    assert dates.parse(timeline.checked).precision == dates.Precision.DAY
    assert [(t.id, t.title, t.order) for t in timeline.ordered_tracks()] == [
        ("putin-xi", "Putin–Xi", 0),
        ("with-other-leaders", "With other leaders", 1),
        ("context", "Context", 2),
    ]


def test_named_views_open_as_reported_on_3_july_2024(timeline: Timeline) -> None:
    assert [v.name for v in timeline.views] == [
        "As reported on 3 July 2024", "2024 in hindsight", "All meetings since 2013"]
    opening = views.default_view(timeline)
    assert opening is not None and opening.name == "As reported on 3 July 2024"
    assert knowledge.opening_day(timeline, None) == dates.day_number(2024, 7, 3)
    lo, hi = views.view_range(opening) or (0.0, 0.0)
    assert dates.format_day(int(lo)) == "16 May 2024"
    assert dates.format_day(int(hi) - 1) == "31 Oct 2024"
    since = views.find_view(timeline, "all meetings since 2013")
    assert since.as_of is None and views.view_range(since) == (
        dates.day_number(2013, 3, 1), dates.day_number(2025, 9, 30) + 1)
    first = min(dates.parse(e.when).lower for e in timeline.events)
    last = max(dates.parse(e.when).upper for e in timeline.events)
    lo, hi = views.view_range(since) or (0.0, 0.0)
    assert lo <= first and last < hi, "the view frames every meeting in the record"


def test_three_putin_xi_meetings_in_2024(timeline: Timeline) -> None:
    meetings = sorted((e for e in timeline.events
                       if e.track == "putin-xi" and e.when.startswith("2024")),
                      key=lambda e: e.when)
    assert [e.when for e in meetings] == ["2024-05-16", "2024-07-03", "2024-10-22"]
    assert [timeline.place(e.place).name for e in meetings] == ["Beijing", "Astana", "Kazan"]
    # The state visit's Beijing stage outranks the talks on the sidelines of summits.
    assert [(e.kind, e.importance) for e in meetings] == [
        ("visit", 3), ("bilateral", 2), ("bilateral", 2)]
    for event in meetings:
        assert event.status == "held"
        assert set(event.participants) >= {"putin", "xi"}
        assert event.summary and event.occasion
        assert event.reports, f"{event.id} has no reports for the knowledge-date view"
    # The Astana venue was not reported, so none is given; the others have one.
    assert [timeline.place(e.place).venue for e in meetings] == [
        "Great Hall of the People", "", "Kazan Kremlin"]


def test_as_of_3_july_beijing_and_astana_held_kazan_planned_for_october(
        timeline: Timeline) -> None:
    shown = {e.id: (e.status, dates.parse(e.when).display()) for e in
             knowledge.timeline_as_of(timeline, knowledge.parse_day("2024-07-03")).events}
    assert shown["putin-xi-2024-05-16-beijing"] == ("held", "16 May 2024")
    assert shown["putin-xi-2024-07-03-astana"] == ("held", "3 Jul 2024")
    assert shown[KAZAN] == ("planned", "October 2024")
    told = _told(timeline, KAZAN, "2024-07-03")
    # The town, not yet the venue; what the Pledge Times article said, nothing later.
    assert told.place == "kazan" and told.summary and "Kremlin" not in told.summary
    assert told.sources == (PLEDGE_TIMES,)


def test_kazan_meeting_held_at_the_kazan_kremlin_when_reported(timeline: Timeline) -> None:
    state = _state(timeline, KAZAN, "2024-10-22")
    assert state is not None and state.status == "held" and state.when == "2024-10-22"
    assert state.place == "kazan-kremlin"


def test_aliyev_and_khurelsukh_meetings_were_held_on_3_july(timeline: Timeline) -> None:
    for event_id, outlet in (("putin-aliyev-2024-07-03-astana", "AZERTAC"),
                             ("putin-khurelsukh-2024-07-03-astana", "RIA Novosti")):
        state = _state(timeline, event_id, "2024-07-03")
        assert state is not None and (state.status, state.when) == ("held", "2024-07-03")
        source = timeline.source(state.report.source if state.report else None)
        assert source is not None and source.outlet.startswith(outlet)
        assert source.date == "2024-07-03"


def test_sco_summit_as_of_3_july_tells_only_the_first_day(timeline: Timeline) -> None:
    event_id = "sco-summit-astana-2024-07"
    july_3 = _told(timeline, event_id, "2024-07-03")
    assert july_3.pending and "Belarus" not in july_3.summary
    assert timeline.place(july_3.place).venue == ""  # the town only: the session was to come
    july_4 = _told(timeline, event_id, "2024-07-04")
    assert not july_4.pending and "Belarus" in july_4.summary
    assert timeline.place(july_4.place).venue == "Palace of Independence"
    belarus = _state(timeline, "belarus-joins-sco-2024-07-04", "2024-07-03")
    assert belarus is not None and belarus.status == "planned"


def test_brics_summit_planned_from_2023_and_told_by_stage(timeline: Timeline) -> None:
    event_id = "brics-summit-kazan-2024-10"
    assert _state(timeline, event_id, "2023-03-01") is None
    announced = _state(timeline, event_id, "2023-09-01")
    assert announced is not None and announced.status == "planned"
    assert dates.parse(announced.when).display() == "October 2024"
    first_day = _told(timeline, event_id, "2024-10-22")
    assert first_day.pending and "Declaration" not in first_day.summary
    assert "Declaration" in _told(timeline, event_id, "2024-10-24").summary


def test_beijing_quote_on_ukraine_is_xis_and_no_palestine_quote(timeline: Timeline) -> None:
    beijing = _event(timeline, "putin-xi-2024-05-16-beijing")
    ukraine = [q for q in beijing.quotes if "Ukraine" in q.text]
    assert [q.speaker for q in ukraine] == ["xi"]
    everything = [q.text for e in timeline.events for q in e.quotes]
    assert not any("Palestine" in text for text in everything)


def test_figures_name_who_stated_them(timeline: Timeline) -> None:
    erdogan = _event(timeline, "putin-erdogan-2024-07-03-astana")
    trade = [f for f in erdogan.figures if f.label == "Russia–Türkiye trade"]
    assert [(f.value, f.attributed_to, f.source) for f in trade] == [
        (55_000_000_000, "putin", "kremlin-74460")]
    assert all(f.attributed_to for e in timeline.events for f in e.figures)


def test_state_visit_began_nine_days_after_the_inauguration(timeline: Timeline) -> None:
    visit = _event(timeline, "putin-state-visit-china-2024-05")
    assert dates.parse(visit.when).lower - dates.day_number(2024, 5, 7) == 9
    assert "nine days after" in visit.summary and "ten days" not in visit.summary


def test_seed_article_is_named_as_the_pledge_times_article(timeline: Timeline) -> None:
    source = timeline.source(PLEDGE_TIMES)
    assert source is not None
    assert source.outlet == "Pledge Times" and source.date == "2024-07-03"
    assert source.url == ("https://pledgetimes.com/vladimir-putin-and-xi-jinping-met-in-"
                          "kazakhstan-russian-chinese-relations-are-at-their-best-moment-in-"
                          "history/")
    for quote in (q for e in timeline.events for q in e.quotes if q.source == PLEDGE_TIMES):
        assert "Pledge Times" in quote.note, quote.text


def test_no_path_outside_the_repository(timeline: Timeline) -> None:
    text = DATASET.read_text(encoding="utf-8")
    assert not re.search(r"shared/|\.\./|/work/|/home/|/tmp/|[A-Za-z]:\\\\", text)


def test_passes_the_strict_rules(timeline: Timeline) -> None:
    assert strict_checks(timeline) == []


def test_ids_unique_per_list(timeline: Timeline) -> None:
    for name in ("people", "places", "sources", "tracks", "events", "views"):
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
            need("place", r.place, places, f"{e.id}.reports")
    assert not missing, "\n".join(missing)


def test_every_event_has_a_source(timeline: Timeline) -> None:
    for event in timeline.events:
        assert event.sources, f"{event.id} has no sources"
        cited = {q.source for q in event.quotes} | {f.source for f in event.figures}
        cited |= {r.source for r in event.reports if r.source}
        missing = cited - set(event.sources)
        assert not missing, f"{event.id}: cited but not listed {missing}"


def test_every_source_can_be_opened_and_dated(timeline: Timeline) -> None:
    for source in timeline.sources:
        assert source.outlet and source.title, source.id
        assert source.url and source.url.startswith(("http://", "https://")), source.id
        assert source.date and dates.parse(source.date).precision == dates.Precision.DAY


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


def test_every_name_form_is_spelled_so_by_its_cited_source(timeline: Timeline) -> None:
    """A form no source could be found for is left out rather than kept unsourced."""
    passages = json.loads(NAME_PASSAGES.read_text(encoding="utf-8"))["passages"]
    forms = 0
    for person in timeline.people:
        assert set(person.names) == set(person.name_sources), person.id
        for lang, form in person.names.items():
            source = timeline.source(person.name_sources[lang])
            assert source is not None and source.url, (person.id, lang)
            passage = passages[source.id]
            assert form in passage["text"], f"{person.id}: {form!r} not in {source.id}"
            assert passage["read_at"] == source.url
            forms += 1
    assert forms >= 2 * len(timeline.people) - 2


def test_places_have_coordinates_from_a_cited_gazetteer(timeline: Timeline) -> None:
    for place in timeline.places:
        assert place.country, place.id
        assert place.latitude is not None and place.longitude is not None, place.id
        source = timeline.source(place.source)
        assert source is not None and source.url, place.id
    resort = timeline.place("burgenstock")
    assert resort is not None and (resort.latitude, resort.longitude) == (47.0, 8.38)
    assert timeline.source(resort.source).outlet == "Wikipedia"


def test_each_quote_names_its_speaker_and_source(timeline: Timeline) -> None:
    quotes = [q for e in timeline.events for q in e.quotes]
    assert quotes
    for quote in quotes:
        assert timeline.person(quote.speaker) is not None, quote.text
        assert timeline.source(quote.source) is not None, quote.text


def _same_marks(text: str) -> str:
    """Quotation marks and spaces as typed, so a passage's curly quotes still match."""
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return " ".join(text.split())


def test_quotes_match_their_cited_sources_wording(timeline: Timeline) -> None:
    passages = json.loads(PASSAGES.read_text(encoding="utf-8"))["passages"]
    for event in timeline.events:
        for quote in event.quotes:
            passage = passages.get(quote.source)
            assert passage is not None, f"no passage recorded for {quote.source}"
            assert _same_marks(quote.text) in _same_marks(passage["text"]), \
                f"{event.id}: {quote.text!r} is not in {quote.source}'s wording"
            source = timeline.source(quote.source)
            assert source is not None and source.url and source.url in passage["read_at"]


def test_seed_article_quotes_sit_inside_it(timeline: Timeline) -> None:
    """The Pledge Times quotes are the seed text's own words, inside its quotation marks."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    article = SEED.read_text(encoding="utf-8")
    spans = [a or b for a, b in re.findall(r"“([^”]*)”|\"([^\"]*)\"", article)]
    cited = [q for e in timeline.events for q in e.quotes if q.source == PLEDGE_TIMES]
    assert cited
    for quote in cited:
        assert any(quote.text in span for span in spans), f"not quoted there: {quote.text!r}"


def _track(timeline: Timeline, track_id: str) -> list[Event]:
    return [e for e in timeline.events if e.track == track_id]


def test_the_record_from_2013_to_2025(timeline: Timeline) -> None:
    meetings = _track(timeline, "putin-xi")
    years = {dates.parse(e.when).display()[-4:] for e in meetings}
    # No in-person meeting in 2020 or 2021: video calls only.
    assert years == {str(y) for y in range(2013, 2026)} - {"2020", "2021"}
    assert len(meetings) == 41
    assert min(meetings, key=lambda e: dates.parse(e.when).lower).id == \
        "putin-xi-2013-03-22-moscow"
    with_others = _track(timeline, "with-other-leaders")
    assert len(with_others) == 18
    assert all({"putin", "xi"} <= set(e.participants) for e in meetings + with_others)


def test_kinds_and_importance_follow_one_scheme(timeline: Timeline) -> None:
    """Visit stages 3, talks on the sidelines 2, three-way meetings and shared summits 1."""
    for event in _track(timeline, "putin-xi"):
        assert (event.kind, event.importance) in {("visit", 3), ("bilateral", 2)}, event.id
    for event in _track(timeline, "with-other-leaders"):
        assert (event.kind, event.importance) == ("multilateral", 1), event.id


def test_fortaleza_keeps_both_days_with_their_sources(timeline: Timeline) -> None:
    event = _event(timeline, "putin-xi-2014-07-14-fortaleza")
    assert dates.parse(event.when).display() == "14 or 15 Jul 2014"
    outlets = {timeline.source(r.source).outlet for r in event.reports}
    assert any("Kremlin" in o for o in outlets) and any("BRICS Post" in o for o in outlets)
    state = _state(timeline, event.id, "2014-07-15")
    assert state is not None and state.when == "[2014-07-14,2014-07-15]"


def test_quotes_are_short(timeline: Timeline) -> None:
    for event in timeline.events:
        for quote in event.quotes:
            assert len(quote.text.split()) <= 30, f"{event.id}: {quote.text!r}"
