"""TimelineJS JSON: read TimelineJS3 (and the legacy TimelineJS2 form), write TimelineJS3.

TimelineJS3 slides become events: ``group`` becomes a track (tracks in order
of first appearance among date-sorted events, ungrouped events last, as
TimelineJS draws them), the precision of a date is that of the finest field
given, HTML text is sanitised, media stay references (never fetched), and
``eras`` become events on an "Eras" track.  What the model has no place for
(times of day, backgrounds, ``display_date`` labels, thumbnails…) is
reported as a warning.  A status other than "held" travels as a
``display_date`` suffix such as "(planned)", which TimelineJS shows and this
reader understands.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Final

from .. import dates
from ..model import Event, Media, Status, Timeline
from ..problems import LoadError, Problem
from . import limits
from .builder import Builder, drops_month, edtf_point, ends_before, interval, status_suffix
from .held import not_held
from .json_locate import locate_line_column
from .native import Loaded
from .sanitize import html_to_summary, inline_text, removed_tags, text_to_html

NAME: Final = "timelinejs"
EXTENSIONS: Final = (".timelinejs.json", ".tl3.json", ".json")
HELD: Final = frozenset({"description", "status", "summary", "media", "media_captions"})

_DATE_KEYS: Final = ("year", "month", "day", "hour", "minute", "second", "millisecond",
                     "display_date", "display_text", "format")
_SLIDE_KEYS: Final = frozenset({"start_date", "end_date", "text", "media", "group",
                                "display_date", "background", "autolink", "unique_id",
                                "location", "type"})
_MEDIA_KEYS: Final = frozenset({"url", "caption", "credit", "thumbnail", "alt", "title",
                                "link", "link_target"})
_INT: Final = re.compile(r"[+-]?\d{1,15}")
_SCHEME: Final = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


# ---------------------------------------------------------------- shared with the CSV reader


class FieldError(ValueError):
    """A bad value; ``key`` names the field within the date or record."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def whole_number(key: str, value: object) -> int | None:
    """A JSON number or numeric string as an int; None for absent or blank."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise FieldError(key, f"'{key}' must be a whole number, not a boolean")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return int(value)
        raise FieldError(key, f"'{key}' must be a whole number, found {value!r}")
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return None
        if _INT.fullmatch(s):
            return int(s)
        shown = s if len(s) <= 40 else s[:37] + "..."
        raise FieldError(key, f"'{key}' must be a whole number, found {shown!r}")
    raise FieldError(key, f"'{key}' must be a whole number, found {_kind(value)}")


@dataclass(frozen=True)
class DateParts:
    edtf: str
    has_time: bool
    dropped_day: bool
    dropped_month: bool


def date_from_parts(year: object, month: object = None, day: object = None,
                    time_given: bool = False) -> DateParts:
    """EDTF text at the precision of the finest part given (year, month or day)."""
    y = whole_number("year", year)
    if y is None:
        raise FieldError("year", "'year' is required")
    m = whole_number("month", month)
    d = whole_number("day", day)
    if m is not None and not 1 <= m <= 12:
        raise FieldError("month", f"month {m} is not 1–12")
    dropped_day = d is not None and m is None
    if dropped_day:
        d = None
    dropped_month = drops_month(y) and m is not None
    if drops_month(y):
        m = d = None
    try:
        text = edtf_point(y, m, d)
    except ValueError:
        raise FieldError("day", f"day {d} does not exist in {y:04d}-{m:02d}") from None
    if not dates.is_valid(text):
        raise FieldError("year", f"year {y} is out of the range this app can draw")
    return DateParts(text, time_given, dropped_day, dropped_month)


def media_reference(url: str) -> tuple[Media | None, str | None]:
    """A media URL as a reference to keep, or a reason it is dropped."""
    url = url.strip()
    if not url:
        return None, None
    m = _SCHEME.match(url)
    scheme = m.group(1).lower() if m else ""
    if scheme in ("javascript", "vbscript"):
        return None, "a script URL given as media was dropped"
    if scheme == "data":
        return None, "media embedded as a data: URL was not kept (only references are)"
    if scheme and len(scheme) > 1:  # "C:\..." is a Windows path, not a scheme
        return Media(file="", url=url), None
    return Media(file=url), None


def _kind(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")


# ---------------------------------------------------------------- reading


@dataclass
class _Slide:
    index: int
    path: str
    when: str
    sort_key: int
    group: str | None
    event: dict[str, Any]


class _Reader:
    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.builder = Builder(file)
        self.errors: list[Problem] = []

    def place(self, path: str) -> tuple[int, int]:
        return locate_line_column(self.text, path)

    def error(self, path: str, message: str) -> None:
        if len(self.errors) < 200:
            line, column = self.place(path)
            self.errors.append(Problem(self.file, message, path, line, column))

    def warn(self, path: str, message: str, key: str | None = None) -> None:
        # Locating costs a pass over the text; grouped warnings locate only the first.
        if (key or message) in self.builder._warnings:
            self.builder.warn(message, path, key=key)
            return
        line, column = self.place(path)
        self.builder.warn(message, path, line, column, key=key)

    def string(self, obj: dict[str, Any], key: str, path: str) -> str:
        value = obj.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.error(f"{path}.{key}", f"'{key}' must be text, found {_kind(value)}")
        return ""

    def html_text(self, raw: str, path: str) -> str:
        dropped = removed_tags(raw)
        if dropped:
            self.warn(path, "HTML markup that is not kept was removed: "
                      + ", ".join(f"<{t}>" for t in dropped[:8]), key="html-removed")
        return html_to_summary(raw)

    def date(self, value: object, path: str) -> str | None:
        if not isinstance(value, dict):
            self.error(path, f"a date must be an object with a 'year', found {_kind(value)}")
            return None
        for key in value:
            if key not in _DATE_KEYS:
                self.warn(f"{path}.{key}", f"unknown date field '{key}' was ignored",
                          key=f"date-field:{key}")
        time_given = False
        for key in ("hour", "minute", "second", "millisecond"):
            try:
                n = whole_number(key, value.get(key))
            except FieldError as err:
                self.error(f"{path}.{key}", str(err))
                return None
            if n:
                time_given = True
        try:
            parts = date_from_parts(value.get("year"), value.get("month"), value.get("day"),
                                    time_given)
        except FieldError as err:
            self.error(f"{path}.{err.key}" if err.key in value else path, str(err))
            return None
        if parts.has_time:
            self.warn(path, "times of day are not kept; the event keeps its day",
                      key="time-of-day")
        if parts.dropped_day:
            self.warn(f"{path}.day", "a day without a month was ignored", key="day-no-month")
        if parts.dropped_month:
            self.warn(path, "months and days of years beyond ±9999 are not kept",
                      key="big-year")
        for key in ("display_date", "display_text"):
            if value.get(key) not in (None, ""):
                self.warn(f"{path}.{key}", f"the date label '{key}' is not kept; the date "
                          "is shown from its year, month and day", key="date-label")
        if value.get("format") not in (None, ""):
            self.warn(f"{path}.format", "date format strings are not kept", key="date-format")
        return parts.edtf

    def span(self, slide: dict[str, Any], path: str, *, end_required: bool) -> str | None:
        if "start_date" not in slide:
            self.error(path, "missing required field 'start_date'")
            return None
        start = self.date(slide["start_date"], f"{path}.start_date")
        end = None
        if slide.get("end_date") not in (None, {}, ""):
            end = self.date(slide["end_date"], f"{path}.end_date")
        elif end_required:
            self.error(path, "missing required field 'end_date'")
            return None
        if start is None:
            return None
        if end is not None and ends_before(start, end):
            self.warn(f"{path}.end_date", "the end date is before the start date; the end "
                      "was ignored", key="end-before-start")
            end = None
        return interval(start, end)

    def media(self, value: object, path: str) -> tuple[Media, ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.error(path, f"'media' must be an object, found {_kind(value)}")
            return ()
        for key in value:
            if key not in _MEDIA_KEYS:
                self.warn(f"{path}.{key}", f"unknown media field '{key}' was ignored",
                          key=f"media-field:{key}")
        for key in ("thumbnail", "alt", "title", "link", "link_target"):
            if value.get(key) not in (None, ""):
                self.warn(f"{path}.{key}", f"media '{key}' is not kept", key=f"media:{key}")
        url = self.string(value, "url", path)
        media, reason = media_reference(url)
        if reason:
            self.warn(f"{path}.url", reason, key=reason)
        if media is None:
            return ()
        caption = inline_text(self.string(value, "caption", path))
        credit = inline_text(self.string(value, "credit", path))
        return (Media(file=media.file, url=media.url, caption=caption, credit=credit),)

    def slide_text(self, slide: dict[str, Any], path: str) -> tuple[str, str]:
        text = slide.get("text")
        if text is None:
            return "", ""
        if not isinstance(text, dict):
            self.error(f"{path}.text", f"'text' must be an object, found {_kind(text)}")
            return "", ""
        headline = inline_text(self.string(text, "headline", f"{path}.text"))
        body = self.html_text(self.string(text, "text", f"{path}.text"), f"{path}.text.text")
        return headline, body

    # ------------------------------------------------------------ TimelineJS3

    def read_tl3(self, root: dict[str, Any]) -> Loaded:
        for key in root:
            if key not in ("events", "title", "eras", "scale"):
                self.warn(f"$.{key}" if re.fullmatch(r"\w+", key) else "$",
                          f"unknown top-level field '{key}' was ignored", key=f"top:{key}")
        events = root.get("events")
        if not isinstance(events, list):
            self.error("$.events", f"'events' must be an array of slides, found {_kind(events)}")
            raise LoadError(self.file, self.errors)
        title, description = self._title(root.get("title"))
        slides: list[_Slide] = []
        for i, slide in enumerate(events):
            path = f"$.events[{i}]"
            if not isinstance(slide, dict):
                self.error(path, f"a slide must be an object, found {_kind(slide)}")
                continue
            self._slide_fields(slide, path)
            when = self.span(slide, path, end_required=False)
            group = slide.get("group")
            if group is not None and not isinstance(group, str):
                self.error(f"{path}.group", f"'group' must be text, found {_kind(group)}")
                continue
            if when is not None:
                slides.append(_Slide(i, path, when, dates.parse(when).lower,
                                     inline_text(group) if group else None, slide))
        eras = root.get("eras")
        era_slides: list[_Slide] = []
        if eras is not None:
            if not isinstance(eras, list):
                self.error("$.eras", f"'eras' must be an array, found {_kind(eras)}")
            else:
                for i, era in enumerate(eras):
                    path = f"$.eras[{i}]"
                    if not isinstance(era, dict):
                        self.error(path, f"an era must be an object, found {_kind(era)}")
                        continue
                    when = self.span(era, path, end_required=True)
                    if when is not None:
                        era_slides.append(_Slide(i, path, when, 0, None, era))
        if self.errors:
            raise LoadError(self.file, self.errors)
        self._assemble(slides, era_slides)
        return self.builder.build(title or _stem(self.file), description)

    def _title(self, value: object) -> tuple[str, str]:
        if value is None:
            return "", ""
        if not isinstance(value, dict):
            self.error("$.title", f"the title slide must be an object, found {_kind(value)}")
            return "", ""
        for key in ("media", "background"):
            if value.get(key) not in (None, "", {}):
                self.warn(f"$.title.{key}", f"the title slide's {key} is not kept")
        return self.slide_text(value, "$.title")

    def _slide_fields(self, slide: dict[str, Any], path: str) -> None:
        for key in slide:
            if key not in _SLIDE_KEYS:
                self.warn(f"{path}.{key}", f"unknown slide field '{key}' was ignored",
                          key=f"slide-field:{key}")
        if slide.get("background") not in (None, "", {}):
            self.warn(f"{path}.background", "slide backgrounds are not kept", key="background")
        if slide.get("location") not in (None, "", {}):
            self.warn(f"{path}.location", "slide locations (StoryMap) are not kept",
                      key="location")
        if slide.get("autolink") is False:
            self.warn(f"{path}.autolink", "'autolink' is not kept", key="autolink")

    def _assemble(self, slides: list[_Slide], eras: list[_Slide]) -> None:
        b = self.builder
        ordered = sorted(slides, key=lambda s: s.sort_key)
        groups = [s.group for s in ordered if s.group]
        for g in groups:
            b.track(g)
        if groups and any(not s.group for s in ordered):
            b.track("(no group)")
        for s in slides:  # file order, ids in file order
            headline, body = self.slide_text(s.event, s.path)
            status: Status = "held"
            label = s.event.get("display_date")
            if isinstance(label, str) and label:
                rest, found = status_suffix(label)
                if found is not None:
                    status = found  # type: ignore[assignment]
                if rest.strip() and rest.strip() != dates.parse(s.when).display():
                    self.warn(f"{s.path}.display_date", "the slide's 'display_date' label is "
                              "not kept; the date is shown from start_date/end_date",
                              key="display-date")
            elif label not in (None, ""):
                self.warn(f"{s.path}.display_date", "'display_date' must be text; ignored",
                          key="display-date-type")
            if status == "held":
                _, found = status_suffix(headline)
                if found is not None:
                    status = found  # type: ignore[assignment]
            unique = s.event.get("unique_id")
            given = isinstance(unique, str) and bool(unique.strip())
            wanted = unique if isinstance(unique, str) and given else headline
            event_id = b.event_id(wanted, f"event-{s.index + 1}", exact=given)
            if isinstance(unique, str) and unique.strip() and event_id != unique.strip():
                self.warn(f"{s.path}.unique_id", f"unique_id {unique!r} became id "
                          f"'{event_id}' (ids are letters, digits, '_', '.', ':', '-' and "
                          "unique)", key="unique-id")
            track = b.track(s.group or ("(no group)" if groups else None))
            b.events.append(Event(id=event_id, track=track, title=headline, when=s.when,
                                  status=status, summary=body,
                                  media=self.media(s.event.get("media"), f"{s.path}.media")))
        if eras:
            self.warn("$.eras", "eras became events on the track 'Eras'", key="eras")
        for s in eras:
            headline, body = self.slide_text(s.event, s.path)
            era_id = b.event_id(f"era-{headline}", f"era-{s.index + 1}", exact=False)
            b.events.append(Event(id=era_id, track=b.track("Eras"), title=headline, when=s.when,
                                  summary=body, kind="other", importance=0))

    # ------------------------------------------------------------ TimelineJS2

    def read_tl2(self, root: dict[str, Any]) -> Loaded:
        tl = root["timeline"]
        b = self.builder
        title = inline_text(self.string(tl, "headline", "$.timeline"))
        description = self.html_text(self.string(tl, "text", "$.timeline"), "$.timeline.text")
        if tl.get("asset") not in (None, {}, ""):
            self.warn("$.timeline.asset", "the title slide's media is not kept")
        items = tl.get("date", [])
        if not isinstance(items, list):
            self.error("$.timeline.date", f"'date' must be an array, found {_kind(items)}")
            raise LoadError(self.file, self.errors)
        pending: list[tuple[int, str, str, dict[str, Any], str | None]] = []
        for i, item in enumerate(items):
            path = f"$.timeline.date[{i}]"
            if not isinstance(item, dict):
                self.error(path, f"an entry must be an object, found {_kind(item)}")
                continue
            for key in item:
                if key not in ("startDate", "endDate", "headline", "text", "tag", "asset",
                               "classname", "type", "value"):
                    self.warn(f"{path}.{key}", f"unknown field '{key}' was ignored",
                              key=f"tl2-field:{key}")
            start = self._tl2_date(item.get("startDate"), f"{path}.startDate", required=True)
            end = self._tl2_date(item.get("endDate"), f"{path}.endDate", required=False)
            tag = item.get("tag")
            if start is None:
                continue
            if end is not None and ends_before(start, end):
                self.warn(f"{path}.endDate", "the end date is before the start date; the end "
                          "was ignored", key="end-before-start")
                end = None
            pending.append((i, path, interval(start, end), item,
                            inline_text(tag) if isinstance(tag, str) and tag.strip() else None))
        eras = tl.get("era")
        if isinstance(eras, list) and eras:
            self.warn("$.timeline.era", "eras became events on the track 'Eras'")
        if self.errors:
            raise LoadError(self.file, self.errors)
        pending.sort(key=lambda p: dates.parse(p[2]).lower)
        for *_, tag in pending:
            if tag:
                b.track(tag)
        for i, path, when, item, tag in sorted(pending):
            headline = inline_text(self.string(item, "headline", path))
            asset = item.get("asset")
            media: tuple[Media, ...] = ()
            if isinstance(asset, dict):
                converted = {"url": asset.get("media"), "caption": asset.get("caption"),
                             "credit": asset.get("credit"), "thumbnail": asset.get("thumbnail")}
                media = self.media({k: v for k, v in converted.items() if v is not None},
                                   f"{path}.asset")
            b.events.append(Event(
                id=b.event_id(headline, f"event-{i + 1}", exact=False), track=b.track(tag),
                title=headline,
                when=when, summary=self.html_text(self.string(item, "text", path),
                                                  f"{path}.text"), media=media))
        if isinstance(eras, list):
            for i, era in enumerate(eras):
                path = f"$.timeline.era[{i}]"
                if not isinstance(era, dict):
                    continue
                start = self._tl2_date(era.get("startDate"), f"{path}.startDate", required=True)
                end = self._tl2_date(era.get("endDate"), f"{path}.endDate", required=False)
                if start is None or (end is not None and ends_before(start, end)):
                    self.warn(path, "an era without usable dates was skipped", key="bad-era")
                    continue
                headline = inline_text(self.string(era, "headline", path))
                b.events.append(Event(id=b.event_id(f"era-{headline}", f"era-{i + 1}", exact=False),
                                      track=b.track("Eras"), title=headline,
                                      when=interval(start, end), kind="other", importance=0))
        if self.errors:
            raise LoadError(self.file, self.errors)
        return b.build(title or _stem(self.file), description)

    def _tl2_date(self, value: object, path: str, *, required: bool) -> str | None:
        if value in (None, ""):
            if required:
                self.error(path.rsplit(".", 1)[0], "missing required field 'startDate'")
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.error(path, f"a date must be text like \"2024,5,16\", found {_kind(value)}")
            return None
        text = value.strip()
        parts = [p.strip() for p in re.split(r"[,]", text)] if "," in text else \
            ([text] if _INT.fullmatch(text) else None)
        if parts is None:
            m = re.fullmatch(r"(-?\d{1,15})-(\d{1,2})(?:-(\d{1,2}))?", text)
            parts = [g for g in m.groups() if g is not None] if m else None
        if parts is None or not 1 <= len(parts) <= 6:
            self.error(path, f"a date must look like \"2024,5,16\" or \"2024\", found "
                             f"{text[:40]!r}")
            return None
        try:
            result = date_from_parts(parts[0], parts[1] if len(parts) > 1 else None,
                                     parts[2] if len(parts) > 2 else None,
                                     any(p not in ("", "0", "00") for p in parts[3:]))
        except FieldError as err:
            self.error(path, str(err))
            return None
        if result.has_time:
            self.warn(path, "times of day are not kept; the event keeps its day",
                      key="time-of-day")
        return result.edtf


def _stem(file: str) -> str:
    name = PurePath(file).name
    for ext in (".json", ".csv", ".timeline", ".ics"):
        if name.lower().endswith(ext):
            name = name[: -len(ext)]
    return name or "Imported timeline"


def load_json(data: bytes, file: str) -> tuple[Any, str]:
    """Parsed JSON and its text, with the size, encoding and depth limits applied."""
    limits.check_size(data, file)
    text = limits.decode_text(data, file)
    limits.check_json_depth(text, file)
    try:
        return json.loads(text), text
    except json.JSONDecodeError as err:
        raise limits.fail(file, f"malformed JSON: {err.msg}", "", err.lineno,
                          err.colno) from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise limits.fail(file, "the JSON is nested too deeply", "", 1, 1) from None


def read(data: bytes, name: str) -> Loaded:
    root, text = load_json(data, name)
    reader = _Reader(text, name)
    if isinstance(root, dict) and isinstance(root.get("timeline"), dict) \
            and "events" not in root:
        return reader.read_tl2(root)
    if not isinstance(root, dict):
        raise limits.fail(name, f"expected a TimelineJS object with 'events', found "
                                f"{_kind(root)}", "$", 1, 1)
    if "events" not in root:
        raise limits.fail(name, "not a TimelineJS file: it has no 'events' array (nor a "
                                "TimelineJS2 'timeline' object)", "$", 1, 1)
    return reader.read_tl3(root)


def sniff(data: bytes, name: str) -> bool:
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        return False
    if b'"start_date"' in head and b'"events"' in head:
        return True
    return b'"timeline"' in head and (b'"startDate"' in head or b'"date"' in head)


# ---------------------------------------------------------------- writing


def _side(side: str, upper: bool) -> dict[str, int] | None:
    if side in ("", ".."):
        return None
    try:
        d = dates.parse(side)
    except dates.EdtfError:
        return None
    y, m, day = dates.from_day_number(d.upper if upper else d.lower)
    if d.precision == dates.Precision.YEAR or d.text.lstrip("-").startswith("Y"):
        return {"year": y}
    if d.precision in (dates.Precision.MONTH, dates.Precision.SEASON):
        return {"year": y, "month": m}
    return {"year": y, "month": m, "day": day}


def tl_dates(when: str) -> tuple[dict[str, int] | None, dict[str, int] | None]:
    """TimelineJS start and end date objects for an EDTF date (the end only if it differs)."""
    if "/" in when:
        a, b = when.split("/", 1)
        start = _side(a, False) or _side(b, False)
        end = _side(b, True) if a not in ("", "..") else None
    else:
        start, end = _side(when, False), _side(when, True)
    return start, (end if end != start else None)


def _slide(event: Event, timeline: Timeline, escape: Callable[[str], str]) -> dict[str, Any]:
    start, end = tl_dates(event.when)
    slide: dict[str, Any] = {"unique_id": event.id, "start_date": start or {"year": 1970}}
    if end is not None:
        slide["end_date"] = end
    slide["text"] = {"headline": escape(event.title), "text": text_to_html(event.summary)}
    track = timeline.track(event.track)
    if track is not None:
        slide["group"] = escape(track.title)
    if event.status != "held":
        try:
            shown = dates.parse(event.when).display()
        except dates.EdtfError:
            shown = event.when
        slide["display_date"] = f"{shown} ({event.status})"
    if event.media:
        m = event.media[0]
        media = {"url": m.url or m.file}
        if m.caption:
            media["caption"] = escape(m.caption)
        if m.credit:
            media["credit"] = escape(m.credit)
        slide["media"] = media
    return slide


def write(timeline: Timeline) -> bytes:
    """TimelineJS3 JSON; load it with ``new TL.Timeline(id, url)``."""
    def escape(s: str) -> str:
        return html.escape(s, quote=False)
    doc: dict[str, Any] = {"title": {"text": {"headline": escape(timeline.title),
                                              "text": text_to_html(timeline.description)}}}
    # Tracks keep their order in TimelineJS only as the order of first appearance.
    doc["events"] = [_slide(e, timeline, escape) for e in timeline.events]
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def losses(timeline: Timeline) -> list[str]:
    lost = not_held(timeline, HELD)
    tracks = timeline.ordered_tracks()
    if len(tracks) > 1:
        lost.append("track order (TimelineJS orders groups by their first event)")
    return lost
