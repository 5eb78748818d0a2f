"""Field-level reading shared by the TimelineJS readers (JSON, legacy JSON, CSV sheet).

TimelineJS writes a date as separate year, month and day fields, as numbers
or numeric strings; all three readers turn them into EDTF text the same way,
at the precision of the finest field given, and treat media the same way:
references are kept, never fetched, and script or data URLs are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Final

from .. import dates
from ..media_files import is_image_name
from ..model import Media
from .builder import drops_month, edtf_point

WHOLE_NUMBER: Final = re.compile(r"[+-]?\d{1,15}")
_SCHEME: Final = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


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
        if WHOLE_NUMBER.fullmatch(s):
            return int(s)
        shown = s if len(s) <= 40 else s[:37] + "..."
        raise FieldError(key, f"'{key}' must be a whole number, found {shown!r}")
    raise FieldError(key, f"'{key}' must be a whole number, found {kind_of(value)}")


@dataclass(frozen=True)
class DateParts:
    edtf: str
    has_time: bool
    dropped_day: bool
    dropped_month: bool


def astronomical_year(year: int) -> int:
    """The EDTF (astronomical) year of a TimelineJS year.

    TimelineJS shows a negative year ``y`` as "|y| BCE" (its English
    ``era_labels``), so authors write -44 for 44 BCE; astronomically that is
    -43, because 1 BCE is year 0.  Year 0 itself is shown as "0" and read as
    1 BCE.  Years beyond four digits are too coarse for the year to matter.
    """
    return year + 1 if -9999 <= year < 0 else year


def timelinejs_year(year: int) -> int:
    """The TimelineJS year that shows as the same year as an EDTF (astronomical) one."""
    return year - 1 if -9998 <= year <= 0 else year


def date_from_parts(year: object, month: object = None, day: object = None,
                    time_given: bool = False) -> DateParts:
    """EDTF text at the precision of the finest part given (year, month or day)."""
    y = whole_number("year", year)
    if y is None:
        raise FieldError("year", "'year' is required")
    y = astronomical_year(y)
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
        raise FieldError("day", f"day {d} does not exist in {edtf_point(y, m)}") from None
    if not dates.is_valid(text):
        raise FieldError("year", f"year {y} is out of the range this app can draw")
    return DateParts(text, time_given, dropped_day, dropped_month)


def media_shown(media: Media) -> str:
    """Where a kept media reference will appear, told once per file on import, so that
    nobody wonders whether the app went to fetch it."""
    if media.url:
        return ("media given as web addresses are kept as links in the details; they are "
                "never fetched")
    if is_image_name(media.file):
        return ("media files are kept: local images show in the details, on their slide and "
                "in the handout (relative to the timeline file)")
    return "media files other than images are kept as references in the details"


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


def kind_of(value: object) -> str:
    """What a JSON value is, in words, for messages such as "found an array"."""
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")


def default_title(file: str) -> str:
    """The file's name without its extension, for a timeline that has no title."""
    name = PurePath(file).name
    for ext in (".json", ".csv", ".timeline", ".ics"):
        if name.lower().endswith(ext):
            name = name[: -len(ext)]
    return name or "Imported timeline"



_CANDIDATE_SPLIT: Final = re.compile(r", | or ")


def one_of_label(label: str, span: str) -> str | None:
    """The "one of these days" date our TimelineJS export wrote as a ``display_date`` label.

    TimelineJS has no such date: the export writes the span of days it could fall
    on and names the candidates in the label ("14 or 15 Jul 2014").  Read back,
    that label is the date, not a label to drop with a warning.  The candidates
    are read from the label, the later ones lending their month and year to the
    earlier ("14, 15 or 17 Jul 2014"), and taken only if the date they make is
    shown with exactly this label over exactly this span; anything else is None.
    """
    from ..date_input import DateInputError, read_date

    try:
        bounds = dates.parse(span)
    except dates.EdtfError:
        return None
    if label.startswith("one day of "):
        lo, hi = (dates.from_day_number(n) for n in (bounds.lower, bounds.upper))
        candidates = [f"[{lo[0]:04d}-{lo[1]:02d}-{lo[2]:02d}..{hi[0]:04d}-{hi[1]:02d}-"
                      f"{hi[2]:02d}]"]
    else:
        pieces = _CANDIDATE_SPLIT.split(label)
        if len(pieces) < 2:
            return None
        read: list[str] = []
        words: list[str] = []
        try:
            for piece in reversed(pieces):
                own = piece.split()
                # "14" borrows "Jul 2014" from "15 Jul 2014"; "30 Jul" borrows "2014".
                whole = own + words[len(own):] if words else own
                words = whole
                read.append(read_date(" ".join(whole)).text)
        except DateInputError:
            return None
        candidates = ["[" + ",".join(reversed(read)) + "]"]
    for when in candidates:
        try:
            parsed = dates.parse(when)
        except dates.EdtfError:
            continue
        if parsed.one_of and parsed.display() == label and \
                (parsed.lower, parsed.upper) == (bounds.lower, bounds.upper):
            return when
    return None
