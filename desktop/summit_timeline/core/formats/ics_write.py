"""iCalendar writing: one all-day VEVENT per event.

Writing marks each event all-day over the days its date covers; a date less
precise than a day (a month, a year) or approximate says so in the
description, and ``X-SUMMIT-WHEN``/``X-SUMMIT-STATUS`` carry the exact EDTF
date and status for a lossless trip back into this app, as ``X-SUMMIT-TRACK``,
``X-SUMMIT-PLACE`` and the ``urn:summit-timeline:person:ID`` attendees carry
the ids of tracks, places and people.  Speaker notes travel as ``COMMENT``.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import icalendar

from .. import dates
from ..model import Timeline
from .held import Loss, not_held
from .ics_values import EPOCH
from .sanitize import html_to_text

HELD: Final = frozenset({"description", "status", "place", "place_coordinates", "participants",
                         "topics", "sources", "approximate", "one_of", "notes",
                         "unspecified", "open", "times"})


def _in_range(n: int) -> bool:
    return dt.date.min.toordinal() <= n + EPOCH.toordinal() <= dt.date.max.toordinal() - 1


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
        ev.add("DTSTART", EPOCH + dt.timedelta(days=d.lower))
        ev.add("DTEND", EPOCH + dt.timedelta(days=d.upper + 1))
        ev.add("SUMMARY", e.title)
        text = html_to_text(e.summary)
        exact = d.precision == dates.Precision.DAY and not (
            d.approximate or d.uncertain or d.unspecified or d.open_start or d.open_end)
        if not exact or "T" in e.when:
            text += ("\n\n" if text else "") + f"Date as recorded: {d.display()} ({e.when})"
        if text:
            ev.add("DESCRIPTION", text)
        if e.notes:
            ev.add("COMMENT", e.notes)  # speaker notes: "a comment to the calendar user"
        place = timeline.place(e.place)
        if place is not None:
            ev.add("LOCATION", ", ".join(x for x in (place.venue, place.name) if x))
            if place.latitude is not None and place.longitude is not None:
                ev.add("GEO", (place.latitude, place.longitude))
        ev.add("STATUS", {"held": "CONFIRMED", "planned": "TENTATIVE",
                          "cancelled": "CANCELLED", "postponed": "TENTATIVE"}[e.status])
        ev.add("X-SUMMIT-STATUS", e.status)
        ev.add("X-SUMMIT-WHEN", e.when)
        ev.add("X-SUMMIT-TRACK", e.track)  # ids travel in our own properties
        if place is not None:
            ev.add("X-SUMMIT-PLACE", place.id)
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


def losses(timeline: Timeline) -> list[Loss]:
    lost = not_held(timeline, HELD, {
        "place_venues": "written before the town as one name (Great Hall of the People, "
                        "Beijing)"})
    if any(len([s for s in e.sources if (timeline.source(s) or _NO).url]) > 1 or
           any(not (timeline.source(s) or _NO).url for s in e.sources) for e in timeline.events):
        lost.append(Loss("sources other than one web address per event",
                         "the first source's web address is written as the event's URL"))
    if any(not _fits(e.when) for e in timeline.events):
        lost.append(Loss("events outside the years 1–9999"))
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
