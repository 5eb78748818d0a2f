"""TimelineJS2, the legacy form: ``{"timeline": {"headline", "date": [...], "era"}}``.

Old exports and tutorials still produce it, so it is read (never written):
entries become events, ``tag`` becomes a track (in the order of first
appearance among date-sorted entries), dates are comma-separated
"year,month,day[,hour,...]" text and eras become events on an "Eras" track.
It shares the reader of TimelineJS3 for locating problems and reading fields.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import dates
from ..model import Event, Media
from ..problems import LoadError
from . import limits
from .builder import ends_before, interval
from .native import Loaded
from .sanitize import inline_text
from .timelinejs_fields import WHOLE_NUMBER, FieldError, date_from_parts, default_title, kind_of

if TYPE_CHECKING:
    from .timelinejs import SlideReader


def read_tl2(reader: SlideReader, root: dict[str, Any]) -> Loaded:
    """A TimelineJS2 document (``{"timeline": {"date": [...]}}``) as a timeline."""
    tl = root["timeline"]
    b = reader.builder
    title = inline_text(reader.string(tl, "headline", "$.timeline"))
    description = reader.html_text(reader.string(tl, "text", "$.timeline"), "$.timeline.text")
    if tl.get("asset") not in (None, {}, ""):
        reader.warn("$.timeline.asset", "the title slide's media is not kept")
    items = tl.get("date", [])
    if not isinstance(items, list):
        reader.error("$.timeline.date", f"'date' must be an array, found {kind_of(items)}")
        raise LoadError(reader.file, reader.errors)
    pending: list[tuple[int, str, str, dict[str, Any], str | None]] = []
    for i, item in enumerate(items):
        limits.checkpoint()
        path = f"$.timeline.date[{i}]"
        if not isinstance(item, dict):
            reader.error(path, f"an entry must be an object, found {kind_of(item)}")
            continue
        for key in item:
            if key not in ("startDate", "endDate", "headline", "text", "tag", "asset",
                           "classname", "type", "value"):
                reader.warn(f"{path}.{key}", f"unknown field '{key}' was ignored",
                          key=f"tl2-field:{key}")
        start = _tl2_date(reader, item.get("startDate"), f"{path}.startDate", required=True)
        end = _tl2_date(reader, item.get("endDate"), f"{path}.endDate", required=False)
        tag = item.get("tag")
        if start is None:
            continue
        if end is not None and ends_before(start, end):
            reader.warn(f"{path}.endDate", "the end date is before the start date; the end "
                      "was ignored", key="end-before-start")
            end = None
        pending.append((i, path, interval(start, end), item,
                        inline_text(tag) if isinstance(tag, str) and tag.strip() else None))
    eras = tl.get("era")
    if isinstance(eras, list) and eras:
        reader.warn("$.timeline.era", "eras became events on the track 'Eras'")
    if reader.errors:
        raise LoadError(reader.file, reader.errors)
    pending.sort(key=lambda p: dates.parse(p[2]).lower)
    for *_, tag in pending:
        if tag:
            b.track(tag)
    for i, path, when, item, tag in sorted(pending):
        headline = inline_text(reader.string(item, "headline", path))
        asset = item.get("asset")
        media: tuple[Media, ...] = ()
        if isinstance(asset, dict):
            converted = {"url": asset.get("media"), "caption": asset.get("caption"),
                         "credit": asset.get("credit"), "thumbnail": asset.get("thumbnail")}
            media = reader.media({k: v for k, v in converted.items() if v is not None},
                               f"{path}.asset")
        b.events.append(Event(
            id=b.event_id(headline, f"event-{i + 1}", exact=False), track=b.track(tag),
            title=headline,
            when=when, summary=reader.html_text(reader.string(item, "text", path),
                                              f"{path}.text"), media=media))
    if isinstance(eras, list):
        for i, era in enumerate(eras):
            path = f"$.timeline.era[{i}]"
            if not isinstance(era, dict):
                continue
            start = _tl2_date(reader, era.get("startDate"), f"{path}.startDate", required=True)
            end = _tl2_date(reader, era.get("endDate"), f"{path}.endDate", required=False)
            if start is None or (end is not None and ends_before(start, end)):
                reader.warn(path, "an era without usable dates was skipped", key="bad-era")
                continue
            headline = inline_text(reader.string(era, "headline", path))
            b.events.append(Event(id=b.event_id(f"era-{headline}", f"era-{i + 1}", exact=False),
                                  track=b.track("Eras"), title=headline,
                                  when=interval(start, end), kind="other", importance=0))
    if reader.errors:
        raise LoadError(reader.file, reader.errors)
    return b.build(title or default_title(reader.file), description)

def _tl2_date(reader: SlideReader, value: object, path: str, *, required: bool) -> str | None:
    """A TimelineJS2 date such as "2024,5,16" or "2024-05-16" as EDTF text."""
    if value in (None, ""):
        if required:
            reader.error(path.rsplit(".", 1)[0], "missing required field 'startDate'")
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        reader.error(path, f"a date must be text like \"2024,5,16\", found {kind_of(value)}")
        return None
    text = value.strip()
    parts = [p.strip() for p in re.split(r"[,]", text)] if "," in text else \
        ([text] if WHOLE_NUMBER.fullmatch(text) else None)
    if parts is None:
        m = re.fullmatch(r"(-?\d{1,15})-(\d{1,2})(?:-(\d{1,2}))?", text)
        parts = [g for g in m.groups() if g is not None] if m else None
    if parts is None or not 1 <= len(parts) <= 6:
        reader.error(path, f"a date must look like \"2024,5,16\" or \"2024\", found "
                         f"{text[:40]!r}")
        return None
    try:
        result = date_from_parts(parts[0], parts[1] if len(parts) > 1 else None,
                                 parts[2] if len(parts) > 2 else None,
                                 any(p not in ("", "0", "00") for p in parts[3:]))
    except FieldError as err:
        reader.error(path, str(err))
        return None
    if result.has_time:
        reader.warn(path, "times of day are not kept; the event keeps its day",
                  key="time-of-day")
    return result.edtf
