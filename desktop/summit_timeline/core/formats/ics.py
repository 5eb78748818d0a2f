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

Writing marks each event all-day over the days its date covers; a date less
precise than a day (a month, a year) or approximate says so in the
description, and ``X-SUMMIT-WHEN``/``X-SUMMIT-STATUS`` carry the exact EDTF
date and status for a lossless trip back into this app.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zoneinfo
from dataclasses import dataclass
from typing import Any, Final

import icalendar
from dateutil import rrule

from .. import dates
from ..model import STATUSES, Event, Status, Timeline
from ..problems import LoadError, Problem
from . import limits
from .builder import Builder, day_text, interval
from .held import not_held
from .native import Loaded
from .sanitize import html_to_text

NAME: Final = "ics"
EXTENSIONS: Final = (".ics", ".ical", ".ifb")
HELD: Final = frozenset({"description", "status", "place", "participants", "topics", "sources",
                         "approximate",
                         "unspecified", "open", "times"})
_SILENT: Final = frozenset({"UID", "DTSTAMP", "SEQUENCE", "CREATED", "LAST-MODIFIED", "TRANSP",
                            "CLASS", "PRIORITY", "DTSTART", "DTEND", "DURATION", "SUMMARY",
                            "DESCRIPTION", "LOCATION", "GEO", "STATUS", "ORGANIZER",
                            "ATTENDEE", "CATEGORIES", "URL", "RRULE", "RDATE", "EXDATE",
                            "RECURRENCE-ID", "ATTACH"})
_NOTE: Final = re.compile(r"\n*Date as recorded: [^\n]*$")
_EPOCH: Final = dt.date(1970, 1, 1)


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


def _day(value: dt.date, zone: dt.tzinfo | None) -> tuple[dt.date, bool, bool]:
    """(calendar date, had a time, was UTC without a zone to convert to)."""
    if isinstance(value, dt.datetime):
        utc = value.tzinfo is not None and value.utcoffset() == dt.timedelta(0) \
            and value.tzname() in ("UTC", "Z", "GMT")
        if utc and zone is not None:
            return value.astimezone(zone).date(), True, False
        return value.date(), True, utc
    return value, False, False


def _edtf_day(day: dt.date) -> str:
    return day_text((day - _EPOCH).days)


class _Reader:
    def __init__(self, text: str, file: str, today: dt.date) -> None:
        self.file = file
        self.today = today
        self.lines = _unfolded(text)
        self.places = _vevent_places(self.lines)
        self.b = Builder(file)
        self.errors: list[Problem] = []
        self.zone: dt.tzinfo | None = None

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
        if len(self.errors) < 200:
            self.errors.append(Problem(self.file, message, f"VEVENT[{index + 1}]"
                                       + (f".{prop}" if prop else ""),
                                       self.line_of(index, prop), 1))

    def warn(self, index: int, prop: str | None, message: str, key: str | None = None) -> None:
        self.b.warn(message, f"VEVENT[{index + 1}]" + (f".{prop}" if prop else ""),
                    self.line_of(index, prop), 1, key=key)

    def date_prop(self, ev: Any, index: int, prop: str) -> dt.date | None:
        value = ev.get(prop)
        if value is None:
            return None
        if isinstance(value, list):
            value = value[0] if value else None
        moment = _dt(value)
        if not isinstance(moment, dt.date):
            self.error(index, prop, f"{prop} is not a DATE or DATE-TIME value")
            return None
        day, timed, utc = _day(moment, self.zone)
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
            self.error(index, None, "the event has no DTSTART")
            return None
        start = self.date_prop(ev, index, "DTSTART")
        if start is None:
            return None
        raw_start = _dt(start_prop)
        last = start
        if ev.get("DTEND") is not None:
            end = self.date_prop(ev, index, "DTEND")
            if end is None:
                return None
            raw_end = _dt(ev.get("DTEND"))
            exclusive = not isinstance(raw_end, dt.datetime) or (
                raw_end.time() == dt.time(0) and end > start)
            last = end - dt.timedelta(days=1) if exclusive and end > start else end
        elif ev.get("DURATION") is not None:
            duration = _dt(ev.get("DURATION"))
            if not isinstance(duration, dt.timedelta):
                self.error(index, "DURATION", "DURATION is not a duration")
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

    def read(self, cal: Any) -> Loaded:
        zone_name = str(cal.get("X-WR-TIMEZONE", "")).strip()
        if zone_name:
            try:
                self.zone = zoneinfo.ZoneInfo(zone_name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
                self.b.warn(f"unknown time zone X-WR-TIMEZONE:{zone_name[:40]}; UTC times stay "
                            "UTC dates", "VCALENDAR.X-WR-TIMEZONE", 1, 1)
        for kind in ("VTODO", "VJOURNAL"):
            found = list(cal.walk(kind))
            if found:
                self.b.warn(f"{len(found)} {kind} item(s) are not events and were not kept",
                            "VCALENDAR", 1, 1)
        vevents = list(cal.walk("VEVENT"))
        overrides: dict[tuple[str, dt.date], int] = {}
        for i, ev in enumerate(vevents):
            if ev.get("RECURRENCE-ID") is not None:
                rid = _dt(ev.get("RECURRENCE-ID"))
                if isinstance(rid, dt.date):
                    overrides[(str(ev.get("UID", "")), _day(rid, None)[0])] = i
        masters = {str(ev.get("UID", "")) for ev in vevents if ev.get("RRULE") is not None}
        for i, ev in enumerate(vevents):
            uid = str(ev.get("UID", ""))
            is_override = ev.get("RECURRENCE-ID") is not None and uid in masters
            if is_override:
                continue
            for err_prop, message in (getattr(ev, "errors", None) or [])[:3]:
                self.warn(i, err_prop, f"unreadable line skipped: {str(message)[:120]}",
                          key="ical-error")
            span = self.span(ev, i)
            if span is None:
                continue
            if ev.get("RRULE") is not None:
                self.recurring(ev, i, span, overrides, vevents)
            else:
                self.add(ev, i, span, None)
        if not vevents:
            self.b.warn("the calendar has no events", "VCALENDAR", 1, 1)
        if self.errors:
            raise LoadError(self.file, self.errors)
        title = str(cal.get("X-WR-CALNAME", "")).strip() or _stem(self.file)
        description = str(cal.get("X-WR-CALDESC", "")).strip()
        return self.b.build(title, description)

    def recurring(self, ev: Any, i: int, span: tuple[dt.date, dt.date],
                  overrides: dict[tuple[str, dt.date], int], vevents: list[Any]) -> None:
        uid = str(ev.get("UID", ""))
        start, last = span
        length = last - start
        window_end = start.replace(year=min(9999, start.year + limits.MAX_RECURRENCE_YEARS)) \
            if not (start.month == 2 and start.day == 29) else \
            start + dt.timedelta(days=365 * limits.MAX_RECURRENCE_YEARS)
        try:
            raw = ev.get("RRULE")
            rules = raw if isinstance(raw, list) else [raw]
            base = dt.datetime(start.year, start.month, start.day)
            parsed = [rrule.rrulestr("RRULE:" + r.to_ical().decode("ascii", "replace"),
                                     dtstart=base) for r in rules]
            if not all(isinstance(r, rrule.rrule) for r in parsed):
                raise ValueError("not a single rule")
            freqs = {getattr(r, "_freq", None) for r in parsed}
            if freqs & {rrule.HOURLY, rrule.MINUTELY, rrule.SECONDLY}:
                self.warn(i, "RRULE", "recurrences more often than daily are not expanded; "
                          "only the first occurrence was kept", key="subdaily")
                self.add(ev, i, span, None)
                return
            limited = rrule.rruleset()
            horizon = dt.datetime.combine(window_end, dt.time(0))
            for r in parsed:
                assert isinstance(r, rrule.rrule)
                count = getattr(r, "_count", None)
                until = getattr(r, "_until", None)
                if isinstance(until, dt.datetime):
                    horizon_r = min(horizon, until.replace(tzinfo=None))
                else:
                    horizon_r = horizon
                bounded = r.replace(count=None, until=horizon_r)
                if count is not None:
                    for moment in itertools.islice(iter(bounded),
                                                   min(count, limits.MAX_OCCURRENCES + 1)):
                        limited.rdate(moment)
                else:
                    limited.rrule(bounded)
            for exdate in _dates_of(ev.get("EXDATE")):
                limited.exdate(dt.datetime(exdate.year, exdate.month, exdate.day))
            for rdate in _dates_of(ev.get("RDATE")):
                if start <= rdate <= window_end:
                    limited.rdate(dt.datetime(rdate.year, rdate.month, rdate.day))
            days = [o.date() for o in itertools.islice(iter(limited),
                                                       limits.MAX_OCCURRENCES + 1)]
        except Exception as err:
            self.warn(i, "RRULE", f"the recurrence rule could not be read ({str(err)[:80]}); "
                      "only the first occurrence was kept", key="bad-rrule")
            self.add(ev, i, span, None)
            return
        truncated = len(days) > limits.MAX_OCCURRENCES
        days = days[: limits.MAX_OCCURRENCES]
        if not days:
            days = [start]
        title = str(ev.get("SUMMARY", ""))[:60]
        self.warn(i, "RRULE", f"the recurring event {title!r} became {len(days)} events"
                  + (f" (expansion stops at {limits.MAX_OCCURRENCES} occurrences or "
                     f"{limits.MAX_RECURRENCE_YEARS} years)" if truncated or
                     days[-1] >= window_end - dt.timedelta(days=366) else ""))
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
        when = interval(_edtf_day(start), _edtf_day(last))
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
                            longitude=lon if coords_ok else None)
        elif geo is not None:
            self.warn(i, "GEO", "GEO without LOCATION is not kept", key="geo")
        people: list[str] = []
        for prop in ("ORGANIZER", "ATTENDEE"):
            values = ev.get(prop)
            for value in values if isinstance(values, list) else [values]:
                if value is None:
                    continue
                params = getattr(value, "params", {}) or {}
                name = str(params.get("CN", "")).strip() or re.sub(
                    r"^(mailto:|urn:summit-timeline:person:)", "", str(value), flags=re.I)
                person = b.person(name)
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
        b.events.append(Event(
            id=event_id, track=b.track(categories[0] if categories else None),
            title=title, when=when, status=status, place=place,
            participants=tuple(people), summary=html_to_text(description)
            if "<" in description and re.search(r"</?(p|br|b|i|a)\b", description)
            else description.strip(),
            topics=tuple(categories[1:]), sources=tuple(sources)))


def _dt(value: Any) -> Any:
    """The ``dt`` of a property, or None for a value icalendar could not parse."""
    try:
        return getattr(value, "dt", None)
    except Exception:
        return None


def _dates_of(value: Any) -> list[dt.date]:
    out: list[dt.date] = []
    for item in value if isinstance(value, list) else [value]:
        for d in getattr(item, "dts", []) or []:
            moment = _dt(d)
            if isinstance(moment, dt.datetime):
                out.append(moment.date())
            elif isinstance(moment, dt.date):
                out.append(moment)
    return out


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
    try:
        cal = icalendar.Calendar.from_ical(text)
    except Exception as err:
        message = str(err)
        line = 1
        m = re.search(r"'([^']{1,200})'", message)
        if m:
            for n, content in _unfolded(text):
                if m.group(1) in content:
                    line = n
                    break
        raise limits.fail(name, f"malformed iCalendar: {message[:200]}", "", line, 1) from None
    if isinstance(cal, list):
        cal = cal[0]
    reader = _Reader(text, name, today or dt.date.today())
    try:
        return reader.read(cal)
    except LoadError:
        raise
    except (ValueError, TypeError, AttributeError, KeyError, OverflowError) as err:
        raise limits.fail(name, f"malformed iCalendar: {str(err)[:200]}", "", 1, 1) from None


def sniff(data: bytes, name: str) -> bool:
    return data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR")


# ---------------------------------------------------------------- writing


def _in_range(n: int) -> bool:
    return dt.date.min.toordinal() <= n + _EPOCH.toordinal() <= dt.date.max.toordinal() - 1


def write(timeline: Timeline) -> bytes:
    cal = icalendar.Calendar()
    cal.add("PRODID", "-//Summit Timeline//summit-timeline//EN")
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("X-WR-CALNAME", timeline.title)
    if timeline.description:
        cal.add("X-WR-CALDESC", html_to_text(timeline.description))
    stamp = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    for e in timeline.events:
        try:
            d = dates.parse(e.when)
        except dates.EdtfError:
            continue
        if not (_in_range(d.lower) and _in_range(d.upper)):
            continue
        ev = icalendar.Event()
        ev.add("UID", e.id)
        ev.add("DTSTAMP", stamp)
        ev.add("DTSTART", _EPOCH + dt.timedelta(days=d.lower))
        ev.add("DTEND", _EPOCH + dt.timedelta(days=d.upper + 1))
        ev.add("SUMMARY", e.title)
        text = html_to_text(e.summary)
        exact = d.precision == dates.Precision.DAY and not (
            d.approximate or d.uncertain or d.unspecified or d.open_start or d.open_end)
        if not exact or "T" in e.when:
            text += ("\n\n" if text else "") + f"Date as recorded: {d.display()} ({e.when})"
        if text:
            ev.add("DESCRIPTION", text)
        place = timeline.place(e.place)
        if place is not None:
            ev.add("LOCATION", ", ".join(x for x in (place.venue, place.name) if x))
            if place.latitude is not None and place.longitude is not None:
                ev.add("GEO", (place.latitude, place.longitude))
        ev.add("STATUS", {"held": "CONFIRMED", "planned": "TENTATIVE",
                          "cancelled": "CANCELLED", "postponed": "TENTATIVE"}[e.status])
        ev.add("X-SUMMIT-STATUS", e.status)
        ev.add("X-SUMMIT-WHEN", e.when)
        track = timeline.track(e.track)
        cats = [track.title] if track else []
        cats += [t for t in e.topics if t not in cats]
        if cats:
            ev.add("CATEGORIES", cats)
        for pid in e.participants:
            person = timeline.person(pid)
            if person is not None:
                address = icalendar.vCalAddress(f"urn:summit-timeline:person:{person.id}")
                address.params["CN"] = icalendar.vText(person.name)
                ev.add("ATTENDEE", address, encode=False)
        for sid in e.sources[:1]:
            source = timeline.source(sid)
            if source is not None and source.url:
                ev.add("URL", source.url)
        cal.add_component(ev)
    out: bytes = cal.to_ical()
    return out


def losses(timeline: Timeline) -> list[str]:
    lost = not_held(timeline, HELD)
    if any(len([s for s in e.sources if (timeline.source(s) or _NO).url]) > 1 or
           any(not (timeline.source(s) or _NO).url for s in e.sources) for e in timeline.events):
        lost.append("sources other than one web address per event")
    if any(not _fits(e.when) for e in timeline.events):
        lost.append("events outside the years 1–9999")
    return lost


class _NoSource:
    url = None


_NO: Final = _NoSource()


def _fits(when: str) -> bool:
    try:
        d = dates.parse(when)
    except dates.EdtfError:
        return False
    return _in_range(d.lower) and _in_range(d.upper)
