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

This module reads TimelineJS3; :mod:`.timelinejs_legacy` reads TimelineJS2,
:mod:`.timelinejs_fields` holds what the CSV sheet reader shares, and
:mod:`.timelinejs_write` writes.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from typing import Any, Final

from .. import dates
from ..model import Event, Media, Status
from ..problems import LoadError, Problem
from . import limits
from .builder import Builder, ends_before, interval, status_suffix
from .json_locate import locate_line_column
from .native import Loaded, explain_json_error
from .sanitize import html_to_summary, inline_text, removed_tags
from .timelinejs_fields import (
    FieldError,
    date_from_parts,
    default_title,
    kind_of,
    media_reference,
    media_shown,
    one_of_label,
    whole_number,
)
from .timelinejs_legacy import read_tl2
from .timelinejs_write import HELD, losses, write

__all__ = ["EXTENSIONS", "HELD", "NAME", "load_json", "losses", "read", "sniff", "write"]

NAME: Final = "timelinejs"
EXTENSIONS: Final = (".timelinejs.json", ".tl3.json", ".json")

_DATE_KEYS: Final = ("year", "month", "day", "hour", "minute", "second", "millisecond",
                     "display_date", "display_text", "format")
_SLIDE_KEYS: Final = frozenset({"start_date", "end_date", "text", "media", "group",
                                "display_date", "background", "autolink", "unique_id",
                                "location", "type"})
_MEDIA_KEYS: Final = frozenset({"url", "caption", "credit", "thumbnail", "alt", "title",
                                "link", "link_target"})


# ---------------------------------------------------------------- reading


@dataclass
class _Slide:
    index: int
    path: str
    when: str
    sort_key: int
    group: str | None
    event: dict[str, Any]


class SlideReader:
    """Reads one TimelineJS document, collecting errors and locating each problem."""

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
        self.error(f"{path}.{key}", f"'{key}' must be text, found {kind_of(value)}")
        return ""

    def html_text(self, raw: str, path: str) -> str:
        dropped = removed_tags(raw)
        if dropped:
            self.warn(path, "HTML markup that is not kept was removed: "
                      + ", ".join(f"<{t}>" for t in dropped[:8]), key="html-removed")
        return html_to_summary(raw)

    def date(self, value: object, path: str) -> str | None:
        if not isinstance(value, dict):
            self.error(path, f"a date must be an object with a 'year', found {kind_of(value)}")
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
            self.error(path, f"'media' must be an object, found {kind_of(value)}")
            return ()
        for key in value:
            if key not in _MEDIA_KEYS:
                self.warn(f"{path}.{key}", f"unknown media field '{key}' was ignored",
                          key=f"media-field:{key}")
        for key in ("thumbnail", "title", "link", "link_target"):
            if value.get(key) not in (None, ""):
                self.warn(f"{path}.{key}", f"media '{key}' is not kept", key=f"media:{key}")
        url = self.string(value, "url", path)
        media, reason = media_reference(url)
        if reason:
            self.warn(f"{path}.url", reason, key=reason)
        if media is None:
            return ()
        self.warn(f"{path}.url", media_shown(media), key=media_shown(media))
        caption = inline_text(self.string(value, "caption", path))
        credit = inline_text(self.string(value, "credit", path))
        alt = inline_text(self.string(value, "alt", path))
        return (Media(file=media.file, url=media.url, caption=caption, credit=credit,
                      alt=alt),)

    def slide_text(self, slide: dict[str, Any], path: str) -> tuple[str, str]:
        text = slide.get("text")
        if text is None:
            return "", ""
        if not isinstance(text, dict):
            self.error(f"{path}.text", f"'text' must be an object, found {kind_of(text)}")
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
            self.error("$.events", f"'events' must be an array of slides, found {kind_of(events)}")
            raise LoadError(self.file, self.errors)
        title, description = self._title(root.get("title"))
        slides: list[_Slide] = []
        for i, slide in enumerate(events):
            limits.checkpoint()
            path = f"$.events[{i}]"
            if not isinstance(slide, dict):
                self.error(path, f"a slide must be an object, found {kind_of(slide)}")
                continue
            self._slide_fields(slide, path)
            when = self.span(slide, path, end_required=False)
            group = slide.get("group")
            if group is not None and not isinstance(group, str):
                self.error(f"{path}.group", f"'group' must be text, found {kind_of(group)}")
                continue
            if when is not None:
                slides.append(_Slide(i, path, when, dates.parse(when).lower,
                                     inline_text(group) if group else None, slide))
        eras = root.get("eras")
        era_slides: list[_Slide] = []
        if eras is not None:
            if not isinstance(eras, list):
                self.error("$.eras", f"'eras' must be an array, found {kind_of(eras)}")
            else:
                for i, era in enumerate(eras):
                    path = f"$.eras[{i}]"
                    if not isinstance(era, dict):
                        self.error(path, f"an era must be an object, found {kind_of(era)}")
                        continue
                    when = self.span(era, path, end_required=True)
                    if when is not None:
                        era_slides.append(_Slide(i, path, when, 0, None, era))
        if self.errors:
            raise LoadError(self.file, self.errors)
        self._assemble(slides, era_slides)
        return self.builder.build(title or default_title(self.file), description)

    def _title(self, value: object) -> tuple[str, str]:
        if value is None:
            return "", ""
        if not isinstance(value, dict):
            self.error("$.title", f"the title slide must be an object, found {kind_of(value)}")
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
            when = s.when
            label = s.event.get("display_date")
            if isinstance(label, str) and label:
                rest, found = status_suffix(label)
                if found is not None:
                    status = found  # type: ignore[assignment]
                shown = rest.strip()
                if shown and shown != dates.parse(when).display():
                    when = one_of_label(shown, when) or when
                if shown and shown != dates.parse(when).display():
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
            b.events.append(Event(id=event_id, track=track, title=headline, when=when,
                                  status=status, summary=body,
                                  media=self.media(s.event.get("media"), f"{s.path}.media")))
        if eras:
            self.warn("$.eras", "eras became events on the track 'Eras'", key="eras")
        for s in eras:
            headline, body = self.slide_text(s.event, s.path)
            era_id = b.event_id(f"era-{headline}", f"era-{s.index + 1}", exact=False)
            b.events.append(Event(id=era_id, track=b.track("Eras"), title=headline, when=s.when,
                                  summary=body, kind="other", importance=0))


def load_json(data: bytes, file: str) -> tuple[Any, str, list[Problem]]:
    """Parsed JSON, its text and warnings about reading it, with the limits applied.

    A file that is not UTF-8 is read as Windows-1252, the encoding older
    spreadsheet and editor exports on Windows use, with a warning naming it.
    """
    limits.check_size(data, file)
    data, warnings = limits.repair_surrogates(data, file)
    try:
        text = limits.decode_text(data, file)
    except LoadError as err:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise  # broken UTF-16 is not Windows-1252 either
        text = data.decode("cp1252", errors="replace")
        first = err.problems[0]
        warnings.append(Problem(file, "the file is not UTF-8; it was read as Windows-1252 "
                                      "(cp1252): check letters with accents", "", first.line,
                                first.column, "warning"))
    limits.check_json_depth(text, file)
    try:
        return json.loads(text), text, warnings
    except json.JSONDecodeError as err:
        raise limits.fail(file, explain_json_error(err, text), "", err.lineno,
                          err.colno) from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise limits.fail(file, "the JSON is nested too deeply", "", 1, 1) from None
    except ValueError:  # a number Python will not read (over 4,300 digits)
        raise limits.too_long_number(text, file) from None


def read(data: bytes, name: str) -> Loaded:
    root, text, warnings = load_json(data, name)
    loaded = _read(root, text, name)
    loaded.warnings[:0] = warnings
    return loaded


def _read(root: Any, text: str, name: str) -> Loaded:
    reader = SlideReader(text, name)
    if isinstance(root, dict) and isinstance(root.get("timeline"), dict) \
            and "events" not in root:
        return read_tl2(reader, root)
    if not isinstance(root, dict):
        raise limits.fail(name, f"expected a TimelineJS object with 'events', found "
                                f"{kind_of(root)}", "$", 1, 1)
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

