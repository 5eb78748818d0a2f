"""TimelineJS CSV: the columns of the TimelineJS Google Sheets template, exported as CSV.

``Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date,
Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type,
Group, Background`` (also ``Alt Text``, ISO ``Start Date``/``End Date`` in place
of the year/month/day columns, and ``Tag``, the old name of ``Group``).  A row
whose Type is ``title`` gives the timeline's title and description; rows of
Type ``era`` become events on an "Eras" track.  Dates take the precision of
the finest column filled in; bad cells are reported with row and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from .. import dates
from ..model import Event, Media, Status
from ..problems import LoadError, Problem
from . import limits
from .builder import Builder, ends_before, interval, status_suffix
from .csv_rows import Row, Table, cell_problem, fold, header_cells, read_table
from .native import Loaded
from .sanitize import html_to_summary, inline_text, removed_tags
from .timelinejs_fields import FieldError, date_from_parts, media_reference, media_shown

NAME: Final = "timelinejs-csv"
EXTENSIONS: Final = (".csv",)
KNOWN: Final = frozenset(fold(c) for c in (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background", "Alt Text", "Start Date", "End Date",
    "Tag"))
_ISO: Final = re.compile(r"(-?\d{1,15})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ](\S+))?")


def sniff(data: bytes, name: str) -> bool:
    cells = header_cells(data)
    return "headline" in cells and ("year" in cells or "start date" in cells)


def read(data: bytes, name: str) -> Loaded:
    table = read_table(data, name)
    b = Builder(name)
    errors: list[Problem] = []
    for column, key in zip(table.columns, table.keys, strict=True):
        if key and key not in KNOWN:
            b.warn(f"column '{column}' is not a TimelineJS column; its cells were not kept",
                   f"column '{column}'", 1, table.column_number(key))
    if "headline" not in table.keys or not ({"year", "start date"} & set(table.keys)):
        raise LoadError(name, [Problem(name, "a TimelineJS sheet needs a 'Headline' column and "
                                             "a 'Year' (or 'Start Date') column", "row 0", 1, 1)])

    def bad(row: Row, key: str, message: str) -> None:
        if len(errors) < 200:
            errors.append(cell_problem(name, table, row, key, message))

    title, description = "", ""
    records: list[tuple[Row, str, str | None, bool]] = []
    for row in table.rows:
        limits.checkpoint()
        c = row.cells
        kind = c.get("type", "").strip().lower()
        if kind == "title":
            if title:
                b.warn("a second 'title' row was read as an event", f"row {row.number}",
                       row.line, table.column_number("type"))
            else:
                title = inline_text(c.get("headline", ""))
                description = _text(b, table, row)
                if _date_given(c):
                    b.warn("the title row's date is not kept", f"row {row.number}", row.line,
                           1)
                continue
        elif kind not in ("", "era"):
            b.warn(f"unknown Type {kind[:20]!r}; the row was read as an event",
                   f"row {row.number}", row.line, table.column_number("type"), key="type")
        when = _when(table, row, bad)
        if when is None:
            continue
        group = inline_text(c.get("group", "") or c.get("tag", ""))
        records.append((row, when, group or None, kind == "era"))
    if errors:
        raise LoadError(name, errors)
    events = [r for r in records if not r[3]]
    ordered = sorted(events, key=lambda r: dates.parse(r[1]).lower)
    groups = [r[2] for r in ordered if r[2]]
    for name_ in groups:
        b.track(name_)
    if groups and any(r[2] is None for r in events):
        b.track("(no group)")
    eras = [r for r in records if r[3]]
    for row, span, grp, is_era in events + eras:
        c = row.cells
        headline = inline_text(c.get("headline", ""))
        status: Status = "held"
        label = c.get("display date", "").strip()
        if label:
            rest, found = status_suffix(label)
            if found is not None:
                status = found  # type: ignore[assignment]
            if rest.strip() and rest.strip() != dates.parse(span).display():
                b.warn("'Display Date' labels are not kept; the date is shown from the date "
                       "columns", f"row {row.number}", row.line,
                       table.column_number("display date"), key="display-date")
        if c.get("time", "").strip() or c.get("end time", "").strip():
            b.warn("times of day are not kept; the event keeps its day", f"row {row.number}",
                   row.line, table.column_number("time"), key="time-of-day")
        for key, what in (("background", "backgrounds"), ("media thumbnail", "thumbnails")):
            if c.get(key, "").strip():
                b.warn(f"{what} are not kept", f"row {row.number}", row.line,
                       table.column_number(key), key=key)
        media: tuple[Media, ...] = ()
        ref, reason = media_reference(c.get("media", ""))
        if reason:
            b.warn(reason, f"row {row.number}", row.line, table.column_number("media"),
                   key=reason)
        if ref is not None:
            b.warn(media_shown(ref), f"row {row.number}", row.line,
                   table.column_number("media"), key=media_shown(ref))
            media = (Media(file=ref.file, url=ref.url,
                           caption=inline_text(c.get("media caption", "")),
                           credit=inline_text(c.get("media credit", "")),
                           alt=inline_text(c.get("alt text", ""))),)
        if is_era:
            b.events.append(Event(
                id=b.event_id(f"era-{headline}", f"era-{row.number}", exact=False),
                track=b.track("Eras"), title=headline, when=span, kind="other", importance=0,
                summary=_text(b, table, row)))
            continue
        b.events.append(Event(
            id=b.event_id(headline, f"event-{row.number}", exact=False),
            track=b.track(grp or ("(no group)" if groups else None)), title=headline,
            when=span, status=status, summary=_text(b, table, row), media=media))
    if eras:
        b.warn("eras became events on the track 'Eras'", "$", eras[0][0].line, 1)
    stem = re.split(r"[\\/]", name)[-1]
    return b.build(title or re.sub(r"\.csv$", "", stem, flags=re.I) or "Imported timeline",
                   description)


def _date_given(c: dict[str, str]) -> bool:
    return any(c.get(k, "").strip() for k in ("year", "start date"))


def _text(b: Builder, table: Table, row: Row) -> str:
    raw = row.cells.get("text", "")
    dropped = removed_tags(raw)
    if dropped:
        b.warn("HTML markup that is not kept was removed: "
               + ", ".join(f"<{t}>" for t in dropped[:8]), f"row {row.number}", row.line,
               table.column_number("text"), key="html-removed")
    return html_to_summary(raw)


_Bad = Callable[[Row, str, str], None]


def _when(table: Table, row: Row, bad: _Bad) -> str | None:
    ok, start = _side(table, row, bad, "")
    if not ok:
        return None
    if start is None:
        key = "year" if "year" in table.keys else "start date"
        bad(row, key, "the start year is empty (only the title row may have no date)")
        return None
    ok, end = _side(table, row, bad, "end ")
    if not ok:
        return None
    if end is not None and ends_before(start, end):
        bad(row, "end year" if "end year" in table.keys else "end date",
            "the end date is before the start date")
        return None
    return interval(start, end)


def _side(table: Table, row: Row, bad: _Bad, prefix: str) -> tuple[bool, str | None]:
    """(False, None) after reporting a bad cell, else (True, EDTF or None when blank)."""
    c = row.cells
    iso_key = "end date" if prefix else "start date"
    year_key = f"{prefix}year"
    if c.get(year_key, "").strip():
        try:
            return True, date_from_parts(c.get(year_key), c.get(f"{prefix}month"),
                                         c.get(f"{prefix}day")).edtf
        except FieldError as err:
            bad(row, f"{prefix}{err.key}", str(err))
            return False, None
    iso = c.get(iso_key, "").strip()
    if iso:
        m = _ISO.fullmatch(iso)
        if m is None:
            bad(row, iso_key, f"expected a date like 2024-05-16, found {iso[:40]!r}")
            return False, None
        try:
            return True, date_from_parts(m.group(1), m.group(2), m.group(3)).edtf
        except FieldError as err:
            bad(row, iso_key, str(err))
            return False, None
    for key in (f"{prefix}month", f"{prefix}day"):
        if c.get(key, "").strip():
            bad(row, key, f"'{key}' is filled in but '{year_key}' is empty")
            return False, None
    return True, None
