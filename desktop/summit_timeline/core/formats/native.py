"""Read and write the native format, ``summit-timeline/1`` JSON.

Two paths.  The fast path decodes the bytes straight into frozen structs
with ``msgspec`` (faster than ``json.loads`` builds plain dicts), then checks
references and dates with set operations over whole columns.  Only when
that fails does the slow path run: it re-reads the text with the standard
library to explain *every* problem with its JSON path, line and column, and
turns unknown fields into warnings instead of errors.  A good file therefore
never pays for the diagnostics a bad one needs.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_type_hints

import msgspec

from ..atomic import write_atomic
from ..gc_pause import paused_gc
from ..model import STATUSES, Kind, Timeline
from ..problems import LoadError, Problem, byte_line_column
from . import json_cut_short, limits, native_items
from .checks import Found, check

MAX_BYTES = 1 << 30
"""Refuse files over 1 GiB before reading them: no timeline is that big."""
MAX_PROBLEMS = 200

def _top_struct() -> type[msgspec.Struct]:
    """``Timeline`` with its events left undecoded, to be decoded in batches.

    Made from the model, so a field added to ``Timeline`` is read here too.
    """
    hints = get_type_hints(Timeline, include_extras=True)
    info = msgspec.inspect.type_info(Timeline)
    assert isinstance(info, msgspec.inspect.StructType)
    fields: list[tuple[str, Any, Any]] = []
    for field_info in info.fields:
        kind = list[msgspec.Raw] if field_info.name == "events" else hints[field_info.name]
        if field_info.required:
            fields.append((field_info.name, kind, msgspec.NODEFAULT))
        elif field_info.default_factory is not msgspec.NODEFAULT:
            fields.append((field_info.name, kind, msgspec.field(
                default_factory=field_info.default_factory)))
        else:
            fields.append((field_info.name, kind, field_info.default))
    fields.sort(key=lambda f: f[2] is not msgspec.NODEFAULT)  # kw_only allows any order
    return msgspec.defstruct("TimelineTop", fields, kw_only=True, frozen=True,
                             forbid_unknown_fields=True)


_Top = _top_struct()
_TOP_DECODER = msgspec.json.Decoder(_Top)
_ENCODER = msgspec.json.Encoder()


@dataclass(frozen=True)
class Loaded:
    timeline: Timeline
    file: str
    warnings: list[Problem] = field(default_factory=list)


# ---------------------------------------------------------------- reading


def load(path: str | os.PathLike[str]) -> Loaded:
    """Load a native file; raise ``LoadError`` naming every problem found."""
    name = os.fspath(path)
    return decode(read_bytes(name), name)


def read_bytes(name: str) -> bytes:
    """The file's bytes, or a LoadError that says why not (missing, unreadable, too big)."""
    try:
        size = os.path.getsize(name)
        if size > MAX_BYTES:
            raise LoadError(name, [Problem(name, f"file is {size / 2**20:.0f} MiB; the limit "
                                               f"is {MAX_BYTES // 2**20} MiB", "")])
        return Path(name).read_bytes()
    except OSError as err:
        raise LoadError(name, [Problem(name, f"cannot read the file: {err.strerror or err}", "")]
                        ) from None


def decode(data: bytes, file: str = "<memory>") -> Loaded:
    """Everything but the events in one strict pass, the events in strict batches.

    Batches cost a scan of the events and let a problem in the last event be
    explained without decoding the million before it twice: only the failing
    item is read again, slowly, to name its problems.
    """
    data, warnings = limits.repair_surrogates(data, file)
    try:
        with paused_gc():
            top: Any = _TOP_DECODER.decode(data)
    except msgspec.ValidationError:
        return _decode_with_problems(data, file, warnings)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError) as err:
        return _decode_broken(data, file, warnings, err)
    split = native_items.Split(data, {"events": top.events})
    found: list[Found] = []
    explained = [0]
    with paused_gc():
        events, where, failed = native_items.decode_items(split, top.events, "events", found,
                                                          explained)
        native_items.add_summary(found, explained)
        members = {name: getattr(top, name) for name in top.__struct_fields__}
        members["events"] = tuple(events)
        timeline = Timeline(**members)
        if found:
            positions = {"events": where}
            found.extend(_renumber(f, positions) for f in check(timeline, {"events": failed}))
        else:
            found = check(timeline)
    if not found:
        return Loaded(timeline, file, warnings)
    return _finish(timeline, found, warnings, split, file)


def _finish(timeline: Timeline | None, found: list[Found], warnings: list[Problem],
            split: native_items.Split, file: str) -> Loaded:
    problems = _in_file_order(warnings + native_items.place_all(split, found, file,
                                                                 MAX_PROBLEMS))
    if timeline is None or any(p.severity == "error" for p in problems):
        raise LoadError(file, problems)
    return Loaded(timeline, file, problems)


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """People fix files top to bottom; report in that order."""
    return sorted(problems, key=lambda p: (p.line, p.column))


def _decode_with_problems(data: bytes, file: str, warnings: list[Problem]) -> Loaded:
    """Valid JSON that is not a valid timeline: decode what is good, explain the rest."""
    split = native_items.Split(data)
    try:
        split.top  # noqa: B018  (decodes the members; raises if the root is no object)
    except msgspec.ValidationError:
        kind = {b"[": "an array", b'"': "a string", b"t": "a boolean", b"f": "a boolean",
                b"n": "null"}.get(data.lstrip()[:1], "a number")
        raise LoadError(file, [*warnings, Problem(
            file, f"expected a JSON object (a timeline), found {kind}", "$",
            *byte_line_column(data, len(data) - len(data.lstrip())))]) from None
    except (msgspec.DecodeError, RecursionError) as err:
        return _decode_broken(data, file, warnings, err)
    with paused_gc():
        timeline, found, positions, failed_ids = native_items.decode(split, file)
        if timeline is not None:
            # Check what did convert too, so one run reports every problem; ids of
            # items that failed count as known, so they cause no second error.
            found.extend(_renumber(f, positions) for f in check(timeline, failed_ids))
    return _finish(timeline, found, warnings, split, file)


def _decode_broken(data: bytes, file: str, warnings: list[Problem], err: Exception) -> Loaded:
    """Not JSON (or not UTF-8, or starting with a byte-order mark): say where it breaks."""
    if data.startswith(codecs.BOM_UTF8):
        loaded = decode(data[len(codecs.BOM_UTF8):], file)
        note = Problem(file, "the file starts with a byte-order mark; it was ignored", "$", 1,
                       1, "warning")
        return Loaded(loaded.timeline, file, [note, *warnings, *loaded.warnings])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as bad:
        line, column = byte_line_column(data, bad.start)
        raise LoadError(file, [Problem(
            file, f"the file is not UTF-8 text (byte 0x{data[bad.start]:02x} cannot start or "
                  "continue a character); save it as UTF-8", "", line, column)]) from None
    if isinstance(err, RecursionError) or "recursion" in str(err).lower():
        raise LoadError(file, [Problem(file, "JSON is nested too deeply to be a timeline", "",
                                       1, 1)]) from None
    try:
        json.loads(text)
    except json.JSONDecodeError as bad:
        raise LoadError(file, [Problem(file, explain_json_error(bad, text), "", bad.lineno,
                                       bad.colno)]) from None
    except RecursionError:
        raise LoadError(file, [Problem(file, "JSON is nested too deeply to be a timeline", "",
                                       1, 1)]) from None
    except ValueError:
        raise limits.too_long_number(text, file) from None
    m = re.search(r"\(byte (\d+)\)", str(err))
    line, column = byte_line_column(data, int(m.group(1))) if m else (1, 1)
    raise LoadError(file, [Problem(file, f"malformed JSON: {str(err)[:120]}", "", line,
                                   column)]) from None


_ITEM_PATH = re.compile(r"^\$\.(people|places|sources|tracks|events|views)\[(\d+)\]")


def _renumber(found: Found, positions: dict[str, list[int]]) -> Found:
    """Map a path in the partial timeline back to the item's place in the file."""
    m = _ITEM_PATH.match(found.path)
    if m is None or m.group(1) not in positions:
        return found
    raw = positions[m.group(1)][int(m.group(2))]
    path = f"$.{m.group(1)}[{raw}]{found.path[m.end():]}"
    return Found(path, found.message, found.severity, found.at_key)


def explain_json_error(err: json.JSONDecodeError, text: str) -> str:
    """The decoder's message, in words that point at the usual hand-editing slips."""
    if not text.strip():
        return "the file is empty; expected a JSON object (a timeline)"
    if err.msg.startswith("Unterminated string"):
        return json_cut_short.explain_string(text, err.pos)
    if json_cut_short.at_end(text, err.pos):
        cut = json_cut_short.explain(text)
        if cut is not None:
            return cut
    before = text[:err.pos].rstrip()
    here = text[err.pos:err.pos + 1]
    if before.endswith(",") and here in "]}" and here:
        return f"malformed JSON: a comma before '{here}' (JSON allows no trailing comma)"
    if err.msg.startswith("Expecting ',' delimiter"):
        return "malformed JSON: expected ',' between items (a comma may be missing)"
    if err.msg.startswith("Invalid control character"):
        return "malformed JSON: a line break or tab inside a string (write it as \\n or \\t)"
    return f"malformed JSON: {err.msg}"


native_items.set_choices({"status": STATUSES, "kind": get_args(Kind)})


# ---------------------------------------------------------------- writing


def encode(timeline: Timeline) -> bytes:
    """Pretty, stable JSON: two-space indent, fields in model order, UTF-8 unescaped."""
    return msgspec.json.format(_ENCODER.encode(timeline), indent=2) + b"\n"


def save(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    write_atomic(path, encode(timeline))
