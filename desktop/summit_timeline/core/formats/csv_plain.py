"""A plain CSV of events, one row each, with the columns of our model.

Columns (header names are matched without regard to case, spaces or '_'):
``id, title, when, end, status, kind, track, place, participants, occasion,
summary, topics, sources, related, importance, media, notes`` (``notes``: the
speaker notes of the event's slide).  Only ``title`` and
``when`` are required.  ``when`` is EDTF (``2024-05``, ``2024-10-22/2024-10-24``);
``end`` optionally closes it as an interval.  List cells (participants,
topics, sources, related, media) separate items with ``;``; a source may be
written ``Title <https://url>``.  Tracks, places and people are named, not
referenced by id: the reader makes ids from the names.  A row with a bad
cell is left out with a warning naming its row, column name and column
number, and the rest are read (as the iCalendar reader skips a bad event); a
link to an event the file does not have is dropped with a warning.  Only a
file with no readable row is refused, with every bad cell listed.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Final, get_args

import msgspec

from .. import dates
from ..model import Event, Kind, Media, Timeline
from ..problems import LoadError, Problem
from . import limits
from .builder import Builder, ends_before, interval
from .csv_rows import Row, cell_problem, header_cells, read_table
from .held import Loss, not_held
from .native import Loaded
from .sanitize import html_to_text

NAME: Final = "csv"
EXTENSIONS: Final = (".csv", ".tsv")
COLUMNS: Final = ("id", "title", "when", "end", "status", "kind", "track", "place",
                  "participants", "occasion", "summary", "topics", "sources", "related",
                  "importance", "media", "notes")
HELD: Final = frozenset({"status", "kind", "occasion", "place", "participants", "topics",
                         "media", "more_media", "related", "sources", "importance", "notes",
                         "approximate", "one_of", "unspecified", "open", "times"})
_ALIASES: Final = {"date": "when", "start": "when", "headline": "title", "name": "title",
                   "lane": "track", "group": "track", "location": "place",
                   "description": "summary", "people": "participants", "source": "sources",
                   "tags": "topics", "speaker notes": "notes"}
_KINDS: Final = get_args(Kind)
_STATUSES: Final = ("held", "planned", "postponed", "cancelled")
_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}")
_SOURCE: Final = re.compile(r"^(.*?)\s*<([^<>\s]+)>$")
_MAX_ERRORS: Final = 200


def _items(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()]


def read(data: bytes, name: str) -> Loaded:
    table = read_table(data, name)
    b = Builder(name)
    errors: list[Problem] = []
    keys = {k: _ALIASES.get(k, k) for k in table.keys if k}
    for column, key in zip(table.columns, table.keys, strict=True):
        if key and keys[key] not in COLUMNS:
            b.warn(f"column '{column}' is not one this app reads; its cells were not kept",
                   f"column '{column}'", 1, table.column_number(key))
    for wanted in ("title", "when"):
        if wanted not in keys.values():
            errors.append(Problem(name, f"the header has no '{wanted}' column (columns: "
                                        f"{', '.join(table.columns)})", "row 0", 1, 1))
    if errors:
        raise LoadError(name, errors)
    source_key = {v: k for k, v in keys.items()}

    def cell(row: Row, key: str) -> str:
        k = source_key.get(key)
        return row.cells.get(k, "").strip() if k else ""

    skipped: list[Problem] = []
    """Why each row left out was left out: the file's errors if no row is left."""

    def bad(row: Row, key: str, message: str) -> None:
        """Leave the row out, with a warning at its cell: the other rows are still read."""
        problem = cell_problem(name, table, row, source_key.get(key, key), message)
        if len(skipped) < _MAX_ERRORS:
            skipped.append(problem)
        b.warn(f"{message}; the row was skipped", problem.path, problem.line, problem.column,
               key=f"skip:{row.number}")

    seen: set[str] = set()
    references: list[tuple[Row, list[str], int]] = []
    for row in table.rows:
        limits.checkpoint()
        if len(skipped) >= _MAX_ERRORS and not b.events:
            break  # nothing readable yet: enough to fix first, reading on would only cost time
        if row.extra and any(x.strip() for x in row.extra):
            b.warn(f"row {row.number} has more cells than the header has columns; the extra "
                   "cells were not kept", f"row {row.number}", row.line,
                   len(table.columns) + 1, key="extra-cells")
        wanted = cell(row, "id")
        if wanted and not _ID.fullmatch(wanted):
            bad(row, "id", f"{wanted[:40]!r} is not an id: use a letter or digit, then "
                           "letters, digits, '_', '.', ':' or '-'")
            continue
        if wanted and wanted in seen:
            bad(row, "id", f"duplicate id '{wanted}'")
            continue
        when, end = cell(row, "when"), cell(row, "end")
        if not when:
            bad(row, "when", "the date is empty; write an EDTF date such as 2024-07-03")
            continue
        if not dates.is_valid(when):
            bad(row, "when", _edtf_message(when))
            continue
        if end:
            if "/" in when:
                bad(row, "end", "'when' is already an interval; leave 'end' empty")
                continue
            if not dates.is_valid(end) or "/" in end:
                bad(row, "end", _edtf_message(end))
                continue
            if ends_before(when, end):
                bad(row, "end", f"the end {end} is before the start {when}")
                continue
            when = interval(when, end)
            if not dates.is_valid(when):
                bad(row, "end", _edtf_message(when))
                continue
        status = cell(row, "status").lower() or "held"
        if status == "canceled":
            status = "cancelled"
        if status not in _STATUSES:
            bad(row, "status", f"unknown status {status[:30]!r}; use one of "
                               f"{', '.join(_STATUSES)}")
            continue
        kind = cell(row, "kind").lower() or None
        if kind is not None and kind not in _KINDS:
            bad(row, "kind", f"unknown kind {kind[:30]!r}; use one of {', '.join(_KINDS)}")
            continue
        importance_text = cell(row, "importance") or "1"
        if importance_text not in ("0", "1", "2", "3"):
            bad(row, "importance", f"importance must be 0, 1, 2 or 3, found "
                                   f"{importance_text[:20]!r}")
            continue
        seen.add(wanted)
        event_id = b.event_id(wanted, "") if wanted else \
            b.event_id(cell(row, "title"), f"event-{row.number}", exact=False)
        related = _items(cell(row, "related"))
        if related:
            references.append((row, related, len(b.events)))
        sources: list[str] = []
        for item in _items(cell(row, "sources")):
            m = _SOURCE.match(item)
            title, url = (m.group(1), m.group(2)) if m else (item, None)
            if url is None and re.match(r"^[a-z]+://", item):
                title, url = item, item
            source_id = b.source(title, url)
            if source_id and source_id not in sources:
                sources.append(source_id)
        participants = [p for p in (b.person(n) for n in _items(cell(row, "participants")))
                        if p is not None]
        b.events.append(Event(
            id=event_id, track=b.track(cell(row, "track")), title=cell(row, "title"),
            when=when, status=status,  # type: ignore[arg-type]
            kind=kind,  # type: ignore[arg-type]
            occasion=cell(row, "occasion"), place=b.place(cell(row, "place")),
            participants=tuple(dict.fromkeys(participants)), summary=_summary(cell(row, "summary")),
            topics=tuple(_items(cell(row, "topics"))), sources=tuple(sources),
            related=tuple(dict.fromkeys(related)), importance=int(importance_text),
            media=tuple(_media(m) for m in _items(cell(row, "media"))),
            notes=_summary(cell(row, "notes")),
        ))
    if not b.events and skipped:
        raise LoadError(name, sorted(skipped, key=lambda p: (p.line, p.column)))
    known = {e.id for e in b.events}
    for row, related, at in references:
        missing = [r for r in related if r not in known]
        if missing:
            problem = cell_problem(name, table, row, source_key.get("related", "related"),
                                   f"no event with id '{missing[0][:40]}' in this file; "
                                   "the link was not kept", "warning")
            b.warn(problem.message, problem.path, problem.line, problem.column,
                   key=f"related:{row.number}")
            event = b.events[at]
            b.events[at] = msgspec.structs.replace(
                event, related=tuple(r for r in event.related if r in known))
    return b.build(_title(name))


def _summary(text: str) -> str:
    return text.replace("\r\n", "\n")


def _media(item: str) -> Media:
    return Media(file="", url=item) if re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", item) \
        else Media(file=item)


def _edtf_message(text: str) -> str:
    try:
        dates.parse(text)
    except dates.EdtfError as err:
        return str(err)
    return f"{text!r} is not a valid EDTF date"


def _title(name: str) -> str:
    base = re.split(r"[\\/]", name)[-1]
    return re.sub(r"\.(csv|tsv)$", "", base, flags=re.I) or "Imported timeline"


def sniff(data: bytes, name: str) -> bool:
    cells = header_cells(data)
    return "title" in cells and "when" in cells


# ---------------------------------------------------------------- writing


def write(timeline: Timeline) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for e in timeline.events:
        track = timeline.track(e.track)
        place = timeline.place(e.place)
        people = [timeline.person(p) for p in e.participants]
        sources = []
        for s in (timeline.source(x) for x in e.sources):
            if s is not None:
                title = _item(s.title)
                sources.append(f"{title} <{s.url}>" if s.url and s.url != s.title else title)
        writer.writerow([
            e.id, e.title, e.when, "", e.status, e.kind or "", track.title if track else "",
            place.name if place else "", "; ".join(_item(p.name) for p in people if p),
            e.occasion, html_to_text(e.summary), "; ".join(map(_item, e.topics)),
            "; ".join(sources), "; ".join(e.related), str(e.importance),
            "; ".join(m.url or m.file for m in e.media), e.notes,
        ])
    return out.getvalue().encode("utf-8")


def _item(text: str) -> str:
    """A list item as written: ``;`` separates items, so one inside an item becomes ``,``."""
    return text.replace(";", ",")


def losses(timeline: Timeline) -> list[Loss]:
    lost = not_held(timeline, HELD, {
        "place_venues": "written as their town (the Great Hall of the People as Beijing)"})
    if _semicolon_in_items(timeline):
        lost.append(Loss("semicolons inside names, topics and source titles",
                         "written as commas"))
    return lost


def _semicolon_in_items(timeline: Timeline) -> bool:
    cited = {s for e in timeline.events for s in e.sources}
    named = {p for e in timeline.events for p in e.participants}
    return (any(";" in s.title for s in timeline.sources if s.id in cited)
            or any(";" in p.name for p in timeline.people if p.id in named)
            or any(";" in t for e in timeline.events for t in e.topics))
