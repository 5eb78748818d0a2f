"""iCalendar (``.ics``): read VEVENTs, write one VEVENT per event.

Reading keeps every date on the calendar day it was written on: a DATE stays
on its day, a DATE-TIME with a TZID or a floating time gives the date as
written (the venue's local date), and a UTC time is turned into the
calendar's ``X-WR-TIMEZONE`` when it names one (else it stays a UTC date,
with a warning).  Recurring events are expanded over at most
``limits.MAX_OCCURRENCES`` occurrences within ``limits.MAX_RECURRENCE_YEARS``
years, with a warning; RECURRENCE-ID overrides and EXDATEs are applied.
STATUS: TENTATIVE → planned, CANCELLED → cancelled, CONFIRMED (or none) →
held once past, planned before.  LOCATION/GEO → place, ORGANIZER/ATTENDEE →
people, CATEGORIES → track (first) and topics (rest), URL → source.

This module reads; :mod:`.ics_recurrence` expands recurring events,
:mod:`.ics_values` turns property values into dates and :mod:`.ics_write`
writes.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zoneinfo
from dataclasses import dataclass
from typing import Any, Final

import icalendar

from .. import dates
from ..model import STATUSES, Event, Status
from ..problems import LoadError, Problem
from . import limits
from .builder import Builder, interval
from .ics_recurrence import is_sub_daily, occurrence_days, read_rules
from .ics_values import calendar_day, edtf_day, prop_moment
from .ics_write import HELD, losses, write
from .native import Loaded
from .recurrence import RuleError, RuleRefused
from .sanitize import html_to_text

__all__ = ["EXTENSIONS", "HELD", "NAME", "losses", "read", "sniff", "write"]

NAME: Final = "ics"
EXTENSIONS: Final = (".ics", ".ical", ".ifb")
_SILENT: Final = frozenset({"UID", "DTSTAMP", "SEQUENCE", "CREATED", "LAST-MODIFIED", "TRANSP",
                            "CLASS", "PRIORITY", "DTSTART", "DTEND", "DURATION", "SUMMARY",
                            "DESCRIPTION", "LOCATION", "GEO", "STATUS", "ORGANIZER",
                            "ATTENDEE", "CATEGORIES", "URL", "RRULE", "RDATE", "EXDATE",
                            "RECURRENCE-ID", "ATTACH", "COMMENT"})
_NOTE: Final = re.compile(r"\n*Date as recorded: [^\n]*$")


@dataclass
class _Where:
    begin: int
    end: int


def _unfolded(text: str) -> list[tuple[int, str]]:
    """Content lines with the physical line each starts on (folding undone)."""
    out: list[tuple[int, str]] = []
    for n, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in (" ", "\t") and out:
            out[-1] = (out[-1][0], out[-1][1] + raw[1:])
        else:
            out.append((n, raw))
    return out


def _vevent_places(lines: list[tuple[int, str]]) -> list[_Where]:
    places: list[_Where] = []
    open_at: int | None = None
    for n, line in lines:
        upper = line.strip().upper()
        if upper == "BEGIN:VEVENT":
            open_at = n
        elif upper == "END:VEVENT" and open_at is not None:
            places.append(_Where(open_at, n))
            open_at = None
    return places



class _Reader:
    """Reads one calendar, collecting errors and locating each problem by VEVENT."""

    def __init__(self, text: str, file: str, today: dt.date) -> None:
        self.file = file
        self.today = today
        self.lines = _unfolded(text)
        self.places = _vevent_places(self.lines)
        self.b = Builder(file)
        self.errors: list[Problem] = []
        self.skipped: list[Problem] = []
        """Why each VEVENT that was left out was left out (the file's errors if none is kept)."""
        self.zone: dt.tzinfo | None = None
        self.expanded = 0
        """Occurrences made from recurrence rules so far (a budget for the whole file)."""

    def line_of(self, index: int, prop: str | None = None) -> int:
        if index >= len(self.places):
            return 1
        where = self.places[index]
        if prop:
            for n, line in self.lines:
                if where.begin <= n <= where.end and re.match(
                        rf"{re.escape(prop)}[;:]", line, re.I):
                    return n
        return where.begin

    def error(self, index: int, prop: str | None, message: str) -> None:
        """A problem that refuses the whole file (a rule no program could have meant)."""
        if len(self.errors) < 200:
            self.errors.append(Problem(self.file, message, f"VEVENT[{index + 1}]"
                                       + (f".{prop}" if prop else ""),
                                       self.line_of(index, prop), 1))

    def skip(self, index: int, prop: str | None, message: str, key: str) -> None:
        """Leave one VEVENT out, with a warning: the rest of the calendar is still read."""
        if len(self.skipped) < 200:
            self.skipped.append(Problem(self.file, message, f"VEVENT[{index + 1}]"
                                        + (f".{prop}" if prop else ""),
                                        self.line_of(index, prop), 1))
        self.warn(index, prop, f"{message}; the event was skipped", key=f"skip:{key}")

    def warn(self, index: int, prop: str | None, message: str, key: str | None = None) -> None:
        # Finding the line costs a scan of the event; grouped warnings need only the first.
        if self.b.counts(key if key is not None else message):
            self.b.warn(message, key=key)
            return
        self.b.warn(message, f"VEVENT[{index + 1}]" + (f".{prop}" if prop else ""),
                    self.line_of(index, prop), 1, key=key)

    def date_prop(self, ev: Any, index: int, prop: str) -> dt.date | None:
        value = ev.get(prop)
        if value is None:
            return None
        if isinstance(value, list):
            value = value[0] if value else None
        moment = prop_moment(value)
        if not isinstance(moment, dt.date):
            self.skip(index, prop, f"{prop} is not a DATE or DATE-TIME value", f"bad:{prop}")
            return None
        day, timed, utc = calendar_day(moment, self.zone)
        if timed:
            self.warn(index, prop, "times of day are not kept; each event keeps the date it "
                      "has where it was written", key="time-of-day")
        if utc:
            self.warn(index, prop, "a time in UTC was kept as its UTC date (the calendar names "
                      "no X-WR-TIMEZONE); near midnight the venue's date may differ",
                      key="utc")
        return day

    def span(self, ev: Any, index: int) -> tuple[dt.date, dt.date] | None:
        start_prop = ev.get("DTSTART")
        if start_prop is None:
            self.skip(index, None, "the event has no DTSTART (no start date)", "no-dtstart")
            return None
        start = self.date_prop(ev, index, "DTSTART")
        if start is None:
            return None
        raw_start = prop_moment(start_prop)
        last = start
        if ev.get("DTEND") is not None:
            end = self.date_prop(ev, index, "DTEND")
            if end is None:
                return None
            raw_end = prop_moment(ev.get("DTEND"))
            exclusive = not isinstance(raw_end, dt.datetime) or (
                raw_end.time() == dt.time(0) and end > start)
            last = end - dt.timedelta(days=1) if exclusive and end > start else end
        elif ev.get("DURATION") is not None:
            duration = prop_moment(ev.get("DURATION"))
            if not isinstance(duration, dt.timedelta):
                self.skip(index, "DURATION", "DURATION is not a duration", "bad:DURATION")
                return None
            if isinstance(raw_start, dt.datetime):
                try:
                    finish = raw_start + duration
                except OverflowError:
                    finish = raw_start
                last = finish.date()
                if finish.time() == dt.time(0) and last > start:
                    last -= dt.timedelta(days=1)
            elif duration.days > 1:
                try:
                    last = start + dt.timedelta(days=duration.days - 1)
                except OverflowError:
                    last = start
        if last < start:
            self.warn(index, "DTEND", "the event ends before it starts; the end was ignored",
                      key="end-before-start")
            last = start
        return start, last

    def status(self, ev: Any, last: dt.date) -> Status:
        ours = str(ev.get("X-SUMMIT-STATUS", "")).strip().lower()
        if ours in STATUSES:
            return ours
        value = str(ev.get("STATUS", "")).strip().upper()
        if value == "TENTATIVE":
            return "planned"
        if value == "CANCELLED":
            return "cancelled"
        return "held" if last <= self.today else "planned"

    def read(self, calendars: list[Any]) -> Loaded:
        """Every VEVENT of every VCALENDAR block, in file order (Mozilla Calendar writes
        one block per event)."""
        first = calendars[0]
        for cal in calendars:
            zone_name = str(cal.get("X-WR-TIMEZONE", "")).strip()
            if zone_name and self.zone is None:
                try:
                    self.zone = zoneinfo.ZoneInfo(zone_name)
                except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
                    self.b.warn(f"unknown time zone X-WR-TIMEZONE:{zone_name[:40]!r}; UTC "
                                "times stay UTC dates", "VCALENDAR.X-WR-TIMEZONE", 1, 1,
                                key="zone")
        for kind in ("VTODO", "VJOURNAL"):
            found = sum(len(cal.walk(kind)) for cal in calendars)
            if found:
                self.b.warn(f"{found} {kind} item(s) are not events and were not kept",
                            "VCALENDAR", 1, 1)
        vevents = [ev for cal in calendars for ev in cal.walk("VEVENT")]
        overrides: dict[tuple[str, dt.date], int] = {}
        for i, ev in enumerate(vevents):
            if ev.get("RECURRENCE-ID") is not None:
                rid = prop_moment(ev.get("RECURRENCE-ID"))
                if isinstance(rid, dt.date):
                    overrides[(str(ev.get("UID", "")), calendar_day(rid, None)[0])] = i
        masters = {str(ev.get("UID", "")) for ev in vevents if ev.get("RRULE") is not None}
        for i, ev in enumerate(vevents):
            limits.checkpoint()
            uid = str(ev.get("UID", ""))
            is_override = ev.get("RECURRENCE-ID") is not None and uid in masters
            if is_override:
                continue
            for err_prop, _message in (getattr(ev, "errors", None) or [])[:3]:
                prop = str(err_prop).upper()[:40]
                if prop in ("RDATE", "EXDATE", "RRULE"):
                    continue  # reported where the recurrence is read, blamed on its line
                self.warn(i, prop, f"the {prop} line could not be read and was skipped",
                          key=f"ical-error:{prop}")
            span = self.span(ev, i)
            if span is None:
                continue
            if ev.get("RRULE") is not None or ev.get("RDATE") is not None:
                self.recurring(ev, i, span, overrides, vevents)
            else:
                self.add(ev, i, span, None)
        if not vevents:
            self.b.warn("the calendar has no events", "VCALENDAR", 1, 1)
        if self.errors:
            raise LoadError(self.file, self.errors)
        if vevents and not self.b.events and self.skipped:
            raise LoadError(self.file, self.skipped)  # nothing left to show: say why
        title = str(first.get("X-WR-CALNAME", "")).strip() or _stem(self.file)
        description = str(first.get("X-WR-CALDESC", "")).strip()
        return self.b.build(title, description)

    def recurring(self, ev: Any, i: int, span: tuple[dt.date, dt.date],
                  overrides: dict[tuple[str, dt.date], int], vevents: list[Any]) -> None:
        uid = str(ev.get("UID", ""))
        start, last = span
        length = last - start
        try:
            rules = read_rules(ev) if ev.get("RRULE") is not None else []
        except RuleRefused as err:
            self.error(i, "RRULE", f"the recurrence rule cannot be used: {err}")
            return
        except RuleError as err:
            self.warn(i, "RRULE", f"recurrence rules that cannot be used were not expanded "
                      f"(the first: {err}); each of those events keeps its first occurrence",
                      key="bad-rrule")
            self.add(ev, i, span, None)
            return
        if is_sub_daily(rules):
            self.warn(i, "RRULE", "recurrences more often than daily are not expanded; "
                      "each keeps its first occurrence", key="subdaily")
            self.add(ev, i, span, None)
            return
        if self.expanded >= limits.MAX_EXPANDED:
            self.warn(i, "RRULE", f"recurring events past the first {limits.MAX_EXPANDED:,} "
                      "occurrences in the file were not expanded; each keeps its first "
                      "occurrence", key="file-budget")
            self.add(ev, i, span, None)
            return
        found = occurrence_days(ev, rules, start, self.zone)
        for reason in found.skipped[:1]:
            prop = reason.split(" ", 1)[0]
            self.warn(i, prop, f"{reason}; it was ignored", key=f"bad:{prop}")
        if found.barren:
            self.warn(i, "RRULE", "recurrence rules that give no date within "
                      f"{limits.MAX_RECURRENCE_YEARS} years (such as BYMONTH=2;BYMONTHDAY=30) "
                      "were not expanded; each of those events keeps its first occurrence",
                      key="barren-rrule")
        days = found.days
        self.expanded += len(days)
        if found.truncated:
            self.warn(i, "RRULE", f"recurring events were expanded up to "
                      f"{limits.MAX_OCCURRENCES} occurrences or {limits.MAX_RECURRENCE_YEARS} "
                      "years from their start; later occurrences are not shown",
                      key="recurring-cut")
        elif len(days) > 1:
            self.warn(i, "RRULE", "recurring events became one event per occurrence",
                      key="recurring")
        for day in days:
            override = overrides.get((uid, day))
            if override is not None:
                other = vevents[override]
                other_span = self.span(other, override)
                if other_span is not None:
                    self.add(other, override, other_span, day)
                continue
            self.add(ev, i, (day, day + length), day)

    def add(self, ev: Any, i: int, span: tuple[dt.date, dt.date],
            occurrence: dt.date | None) -> None:
        b = self.b
        start, last = span
        when = interval(edtf_day(start), edtf_day(last))
        ours = str(ev.get("X-SUMMIT-WHEN", "")).strip()
        description = str(ev.get("DESCRIPTION", "")).replace("\r\n", "\n")
        if ours and occurrence is None and dates.is_valid(ours):
            when = ours
            description = _NOTE.sub("", description)
        for prop in ev:
            name = str(prop).upper()
            if name not in _SILENT and not name.startswith("X-"):
                self.warn(i, name, f"{name} is not kept", key=f"prop:{name}")
        if any(c.name == "VALARM" for c in getattr(ev, "subcomponents", [])):
            self.warn(i, None, "alarms are not kept", key="alarm")
        uid = str(ev.get("UID", "")).strip()
        wanted = uid + (f"-{occurrence.isoformat()}" if occurrence else "")
        title = " ".join(str(ev.get("SUMMARY", "")).split())
        event_id = b.event_id(wanted, f"event-{i + 1}", exact=True) if uid else \
            b.event_id(title + (f"-{occurrence.isoformat()}" if occurrence else ""),
                       f"event-{i + 1}", exact=False)
        place = None
        location = str(ev.get("LOCATION", "")).strip()
        geo = ev.get("GEO")
        lat = getattr(geo, "latitude", None)
        lon = getattr(geo, "longitude", None)
        coords_ok = isinstance(lat, float) and isinstance(lon, float) and \
            -90 <= lat <= 90 and -180 <= lon <= 180
        if location:
            place = b.place(location, latitude=lat if coords_ok else None,
                            longitude=lon if coords_ok else None,
                            wanted_id=str(ev.get("X-SUMMIT-PLACE", "")).strip() or None)
        elif geo is not None:
            self.warn(i, "GEO", "GEO without LOCATION is not kept", key="geo")
        people: list[str] = []
        for prop in ("ORGANIZER", "ATTENDEE"):
            values = ev.get(prop)
            for value in values if isinstance(values, list) else [values]:
                if value is None:
                    continue
                params = getattr(value, "params", {}) or {}
                urn = re.match(r"urn:summit-timeline:person:(.+)$", str(value), re.I)
                name = str(params.get("CN", "")).strip() or re.sub(
                    r"^(mailto:|urn:summit-timeline:person:)", "", str(value), flags=re.I)
                person = b.person(name, wanted_id=urn.group(1) if urn else None)
                if person and person not in people:
                    people.append(person)
        categories: list[str] = []
        cats = ev.get("CATEGORIES")
        for value in cats if isinstance(cats, list) else [cats]:
            for c in getattr(value, "cats", []) or []:
                if str(c).strip() and str(c).strip() not in categories:
                    categories.append(str(c).strip())
        sources = []
        url = str(ev.get("URL", "")).strip()
        if url:
            source = b.source(url, url)
            if source:
                sources.append(source)
        status = self.status(ev, last)
        track_id = str(ev.get("X-SUMMIT-TRACK", "")).strip() or None
        b.events.append(Event(
            id=event_id, track=b.track(categories[0] if categories else None,
                                       wanted_id=track_id),
            title=title, when=when, status=status, place=place,
            participants=tuple(people), summary=html_to_text(description)
            if "<" in description and re.search(r"</?(p|br|b|i|a)\b", description)
            else description.strip(),
            topics=tuple(categories[1:]), sources=tuple(sources),
            notes=_comments(ev)))



def _comments(ev: Any) -> str:
    """COMMENT, "a comment to the calendar user", is the closest iCalendar has to
    speaker notes; several are kept as paragraphs."""
    values = ev.get("COMMENT")
    texts = [str(v).replace("\r\n", "\n").strip()
             for v in (values if isinstance(values, list) else [values]) if v is not None]
    return "\n\n".join(t for t in texts if t)


def _stem(file: str) -> str:
    base = re.split(r"[\\/]", file)[-1]
    return re.sub(r"\.(ics|ical|ifb)$", "", base, flags=re.I) or "Imported calendar"


def read(data: bytes, name: str, *, today: dt.date | None = None) -> Loaded:
    limits.check_size(data, name)
    limits.check_line_length(data, name)
    text = limits.decode_text(data, name)
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise limits.fail(name, "not an iCalendar file: it does not start with "
                                "BEGIN:VCALENDAR", "", 1, 1)
    # The library's own warnings would print its source paths; they become ours.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            parsed = icalendar.Calendar.from_ical(text, multiple=True)
        except Exception as err:
            raise _malformed(name, text, err) from None
        calendars = [c for c in (parsed if isinstance(parsed, list) else [parsed])
                     if getattr(c, "name", "") == "VCALENDAR"]
        if not calendars:
            raise limits.fail(name, "no VCALENDAR block was found", "", 1, 1)
        reader = _Reader(text, name, today or dt.date.today())
        try:
            loaded = reader.read(calendars)
        except LoadError:
            raise
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError) as err:
            raise limits.fail(name, f"malformed iCalendar: {_first_line(str(err))}", "", 1,
                              1) from None
    for warning in caught[:1]:
        loaded.warnings.append(Problem(
            name, f"the calendar library warned: {_first_line(str(warning.message))} "
                  f"({len(caught)} warning{'s' * (len(caught) > 1)} in all)",
            "VCALENDAR", 1, 1, "warning"))
    return loaded


def _first_line(message: str) -> str:
    line = message.strip().splitlines()[0] if message.strip() else "no detail"
    return line[:160]


def _malformed(name: str, text: str, err: Exception) -> LoadError:
    """The parser's complaint, shortened to its first line, at the line it quotes."""
    message = _first_line(str(err))
    line = 1
    m = re.search(r"'([^']{1,200})'", str(err))
    if m:
        for n, content in _unfolded(text):
            if m.group(1) in content:
                line = n
                break
    return limits.fail(name, f"malformed iCalendar: {message}", "", line, 1)


def sniff(data: bytes, name: str) -> bool:
    return data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR")

