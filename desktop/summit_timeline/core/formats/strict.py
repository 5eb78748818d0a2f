"""``validate --strict``: the rules a data author's file must keep to be true on every day.

A view "as known on D" must show nothing published after D.  The viewer
already hides quotes and sources until their publication day, but it can only
be as honest as the dates in the file: a report dated before the source it
cites, an event summary written from a later article, or a source dated only
to the month all let later knowledge leak into an earlier day.  These checks
find such places, and quotes or figures that do not say who said them.  Names in
other scripts and coordinates are facts like any other: each must name the
source it was checked against.

Topics and related links cite no source of their own.  The viewer shows an
event's own topics only once no later report is pending (as its summary), a
report's topics from its day, and a related link only once the event it names
has been reported; so what can be checked here is that a report's topics name
the source that gave them, and that a link goes somewhere else.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import dates
from ..model import Event, Source, Timeline
from .checks import Found
from .json_locate import member


def strict_checks(timeline: Timeline) -> list[Found]:
    """Every breach of the strict rules, by JSON path, in file order of the items."""
    found: list[Found] = []
    found.extend(_undated_sources(timeline))
    found.extend(_unsourced_names(timeline))
    found.extend(_unsourced_coordinates(timeline))
    for i, event in enumerate(timeline.events):
        found.extend(_event_problems(timeline, event, f"$.events[{i}]"))
    return found


def _day(text: str) -> str:
    return dates.format_day(dates.parse(text).lower)


def _is_day(text: str) -> bool:
    parsed = dates.parse(text)
    return (parsed.precision == dates.Precision.DAY and not parsed.is_interval
            and not parsed.one_of and not parsed.approximate and not parsed.uncertain
            and not parsed.unspecified and "T" not in text)


def _undated_sources(timeline: Timeline) -> Iterator[Found]:
    for i, source in enumerate(timeline.sources):
        if source.date is None:
            yield Found(f"$.sources[{i}]", f"source '{source.id}' has no date; give the day it "
                                           "was published (YYYY-MM-DD)")
        elif dates.is_valid(source.date) and not _is_day(source.date):
            yield Found(f"$.sources[{i}].date",
                        f"'{source.date}' is not one day; give the day source '{source.id}' "
                        "was published (YYYY-MM-DD), or it counts as published at the end of "
                        "what the date allows")


def _unsourced_names(timeline: Timeline) -> Iterator[Found]:
    for i, person in enumerate(timeline.people):
        for lang, form in person.names.items():
            if lang not in person.name_sources:
                yield Found(f"$.people[{i}].names{member(lang)}",
                            f"the {lang} form '{form}' of {person.name}'s name cites no source; "
                            f"add name_sources.{lang} (the id of a source that spells it so), "
                            "or leave the form out")


def _unsourced_coordinates(timeline: Timeline) -> Iterator[Found]:
    for i, place in enumerate(timeline.places):
        if (place.latitude is not None or place.longitude is not None) and place.source is None:
            yield Found(f"$.places[{i}]",
                        f"the coordinates of place '{place.id}' cite no source; add source "
                        "(the id of a gazetteer or map entry that gives them), or leave them out")


def _published(source: Source | None) -> int | None:
    if source is None or source.date is None or not dates.is_valid(source.date):
        return None
    return dates.parse(source.date).upper


def _told(summary: str, topics: tuple[str, ...]) -> tuple[str, str]:
    """What a report tells, for a message ("the report and its summary"), and the verb."""
    told = [what for what, given in (("its summary", summary), ("its topics", topics)) if given]
    if not told:
        return "the report", "cites"
    return "the report and " + " and ".join(told), "cite"


def _event_problems(timeline: Timeline, event: Event, base: str) -> Iterator[Found]:
    last_report: int | None = None
    for j, report in enumerate(event.reports):
        if not dates.is_valid(report.date):
            continue  # the ordinary checks already name the bad date
        reported = dates.parse(report.date).lower
        last_report = reported if last_report is None else max(last_report, reported)
        told, cite = _told(report.summary, report.topics)
        if report.source is None:
            where = f"{base}.reports[{j}]" + (".summary" if report.summary else
                                               ".topics" if report.topics else "")
            yield Found(where, f"{told} dated {_day(report.date)} {cite} no source; name the "
                               "source that said this on that day")
            continue
        published = _published(timeline.source(report.source))
        if published is not None and published > reported:
            yield Found(f"{base}.reports[{j}].source",
                        f"{told} dated {_day(report.date)} {cite} '{report.source}', published "
                        f"{dates.format_day(published)}; date the report on or after its "
                        "source, or cite one published by then")
    for j, related in enumerate(event.related):
        if related == event.id:
            yield Found(f"{base}.related[{j}]", f"event '{event.id}' names itself as related; "
                                                "name another event, or leave the link out")
    for j, figure in enumerate(event.figures):
        if not figure.attributed_to:
            yield Found(f"{base}.figures[{j}]",
                        f"figure '{figure.label}' does not say who stated it; add "
                        "attributed_to (the id of the person who gave it)")
    for j, quote in enumerate(event.quotes):
        if not quote.speaker.strip():
            yield Found(f"{base}.quotes[{j}].speaker", "the quote does not say who said it")
    cited = [(f"{base}.sources[{k}]", "the event's own summary", s)
             for k, s in enumerate(event.sources)]
    cited += [(f"{base}.quotes[{j}].source", "the quote", q.source)
              for j, q in enumerate(event.quotes)]
    cited += [(f"{base}.figures[{j}].source", "the figure", f.source)
              for j, f in enumerate(event.figures)]
    if not cited:
        return
    if last_report is None:
        yield Found(base, f"event '{event.id}' has no reports, so it is shown as known on "
                          "every date, before its sources were published; add a report with "
                          "the day it became known and its source")
        return
    for path, what, source_id in cited:
        published = _published(timeline.source(source_id))
        if published is not None and published > last_report:
            yield Found(path, f"{what} is shown from {dates.format_day(last_report)} (the "
                              f"event's last report) but cites '{source_id}', published "
                              f"{dates.format_day(published)}; add a report dated then, with "
                              "that source, or cite one published by then")
