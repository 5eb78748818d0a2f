"""Building a native ``Timeline`` from another format's records.

Importers share the chores: ids made from names (unique, valid), tracks in
order of first use, places, people and sources found by name, EDTF text from
year/month/day fields, and warnings collected with their place and grouped
("… (12 times; the first is shown)") so that a file with ten thousand timed
events gives one warning about times, not ten thousand.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from .. import dates
from ..model import FORMAT, Event, Person, Place, Source, Timeline, Track
from ..problems import LoadError, Problem
from . import limits
from .checks import check
from .native import Loaded

_ID_OK: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}")
_NOT_ID: Final = re.compile(r"[^A-Za-z0-9_.:-]+")
MAX_SLUG: Final = 80


def slug(text: str, fallback: str = "item", *, exact: bool = False) -> str:
    """An id from free text folded to lower-case ASCII; with ``exact``, valid ids stay as is."""
    text = text.strip()
    if exact and _ID_OK.fullmatch(text):
        return text
    # Letters fold to ASCII ("é" → "e"); what has no ASCII form ("–" in "Putin–Xi")
    # separates words as a hyphen would, rather than gluing them together.
    folded = "".join(
        c if c < "\x80" else
        (unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode("ascii") or " ")
        for c in text)
    out = _NOT_ID.sub("-", folded.lower()).strip("-_.:")[:MAX_SLUG].strip("-_.:")
    return out if out and _ID_OK.fullmatch(out) else fallback


def edtf_point(year: int, month: int | None = None, day: int | None = None) -> str:
    """EDTF for a year, month or day; ``ValueError`` for a month or day that does not exist.

    Years beyond four digits use EDTF's ``Y`` form, which carries no month or
    day: callers check :func:`drops_month` first and warn.
    """
    if not -9999 <= year <= 9999:
        return f"Y{year}"
    text = f"{year:05d}" if year < 0 else f"{year:04d}"
    if month is None:
        return text
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1–12")
    text += f"-{month:02d}"
    if day is None:
        return text
    try:
        dates.day_number(year, month, day)  # raises ValueError for 30 February
    except OverflowError:
        raise ValueError(f"day {day} is out of range") from None
    return f"{text}-{day:02d}"


def drops_month(year: int) -> bool:
    return not -9999 <= year <= 9999


def interval(start: str, end: str | None) -> str:
    """``start/end``, or ``start`` alone when the end is missing or the same."""
    return start if end is None or end == start else f"{start}/{end}"


def ends_before(start: str, end: str) -> bool:
    try:
        return dates.parse(end).upper < dates.parse(start).lower
    except dates.EdtfError:
        return False


def day_text(n: int) -> str:
    y, m, d = dates.from_day_number(n)
    return edtf_point(y, m, d)


_STATUS_SUFFIX: Final = re.compile(r"\s*\((planned|postponed|cancelled|canceled)\)\s*$", re.I)


def status_suffix(text: str) -> tuple[str, str | None]:
    """``"22 Oct 2024 (planned)"`` → ``("22 Oct 2024", "planned")``.

    The TimelineJS exporters write a status other than ``held`` this way, as
    a label a TimelineJS reader sees; importers read it back.
    """
    m = _STATUS_SUFFIX.search(text)
    if m is None:
        return text, None
    word = m.group(1).lower()
    return text[: m.start()], "cancelled" if word == "canceled" else word


@dataclass
class _Group:
    problem: Problem
    count: int = 1


@dataclass
class Builder:
    """Collects the parts of a timeline and the warnings about what was left out."""

    file: str
    default_track: str = "Events"
    events: list[Event] = field(default_factory=list)
    _tracks: dict[str, Track] = field(default_factory=dict)
    _track_ids: dict[str, str] = field(default_factory=dict)
    _places: dict[str, Place] = field(default_factory=dict)
    _people: dict[str, Person] = field(default_factory=dict)
    _sources: dict[str, Source] = field(default_factory=dict)
    _ids: dict[str, set[str]] = field(default_factory=dict)
    _warnings: dict[str, _Group] = field(default_factory=dict)
    _dropped_warnings: int = 0

    # ---------------------------------------------------------------- warnings

    def warn(self, message: str, path: str = "$", line: int = 0, column: int = 0,
             key: str | None = None) -> None:
        """A warning; ones with the same ``key`` (default: the message) are grouped."""
        group_key = key if key is not None else message
        group = self._warnings.get(group_key)
        if group is not None:
            group.count += 1
            return
        if len(self._warnings) >= limits.MAX_WARNINGS:
            self._dropped_warnings += 1
            return
        self._warnings[group_key] = _Group(
            Problem(self.file, message, path, line, column, "warning"))

    def counts(self, key: str) -> bool:
        """True when warnings of ``key`` are already being grouped."""
        return key in self._warnings

    def warnings(self) -> list[Problem]:
        out = []
        for group in self._warnings.values():
            p = group.problem
            if group.count > 1:
                p = Problem(p.file, f"{p.message} ({group.count} times; the first is shown)",
                            p.path, p.line, p.column, "warning")
            out.append(p)
        if self._dropped_warnings:
            out.append(Problem(self.file, f"{self._dropped_warnings} more warnings were not "
                                          "listed", "$", 0, 0, "warning"))
        return out

    # ---------------------------------------------------------------- ids and parts

    def unique_id(self, kind: str, wanted: str, fallback: str, *, exact: bool = False) -> str:
        taken = self._ids.setdefault(kind, set())
        base = slug(wanted, fallback, exact=exact)
        if base in taken:
            n = 2
            while f"{base}-{n}" in taken:
                n += 1
            base = f"{base}-{n}"
        taken.add(base)
        return base

    def track(self, title: str | None, colour: str | None = None,
              wanted_id: str | None = None) -> str:
        """Id of the track titled ``title`` (None or "": the default track), made on first use;
        ``wanted_id`` is the id a file carries for it (kept when it is a valid, unused id)."""
        title = (title or "").strip() or self.default_track
        found = self._track_ids.get(title)
        if found is not None:
            return found
        track_id = self.unique_id("track", wanted_id or title,
                                  f"track-{len(self._tracks) + 1}", exact=bool(wanted_id))
        self._track_ids[title] = track_id
        self._tracks[track_id] = Track(id=track_id, title=title, order=len(self._tracks),
                                       colour=colour)
        return track_id

    def has_track(self, title: str) -> bool:
        return title in self._track_ids

    def place(self, name: str, *, latitude: float | None = None,
              longitude: float | None = None, wanted_id: str | None = None) -> str | None:
        name = " ".join(name.split())
        if not name:
            return None
        key = name.casefold()
        if key in self._places:
            return self._places[key].id
        place_id = self.unique_id("place", wanted_id or name,
                                  f"place-{len(self._places) + 1}", exact=bool(wanted_id))
        self._places[key] = Place(id=place_id, name=name, latitude=latitude,
                                  longitude=longitude)
        return place_id

    def person(self, name: str, role: str = "", wanted_id: str | None = None) -> str | None:
        name = " ".join(name.split())
        if not name:
            return None
        key = name.casefold()
        if key in self._people:
            return self._people[key].id
        person_id = self.unique_id("person", wanted_id or name,
                                   f"person-{len(self._people) + 1}", exact=bool(wanted_id))
        self._people[key] = Person(id=person_id, name=name, role=role)
        return person_id

    def source(self, title: str, url: str | None = None) -> str | None:
        title = " ".join(title.split())
        key = (url or title).casefold()
        if not key:
            return None
        if key in self._sources:
            return self._sources[key].id
        source_id = self.unique_id("source", title or (url or ""),
                                   f"source-{len(self._sources) + 1}")
        self._sources[key] = Source(id=source_id, title=title or (url or ""), url=url)
        return source_id

    def event_id(self, wanted: str, fallback: str, *, exact: bool = True) -> str:
        """A unique event id: ``wanted`` itself when it is a valid id (unless not ``exact``)."""
        return self.unique_id("event", wanted, fallback, exact=exact)

    # ---------------------------------------------------------------- result

    def build(self, title: str, description: str = "") -> Loaded:
        """The timeline, checked like a native file; raises ``LoadError`` if it is not one."""
        used = {e.track for e in self.events}
        tracks = tuple(t for t in self._tracks.values() if t.id in used)
        timeline = Timeline(
            format=FORMAT, title=title, description=description,
            people=tuple(self._people.values()), places=tuple(self._places.values()),
            sources=tuple(self._sources.values()), tracks=tracks, events=tuple(self.events),
        )
        found = check(timeline)
        errors = [f for f in found if f.severity == "error"]
        if errors:
            # A bug in an importer, not in the file: say so rather than crash.
            raise LoadError(self.file, [Problem(self.file, f"internal error while importing: "
                                                f"{f.path}: {f.message}", f.path)
                                        for f in errors[:20]])
        return Loaded(timeline, self.file, self.warnings())
