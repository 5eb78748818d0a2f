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
from typing import Any, get_args

import msgspec

from ..atomic import write_atomic
from ..gc_pause import paused_gc
from ..model import FORMAT, STATUSES, Event, Kind, Person, Place, Source, Timeline, Track, View
from ..problems import LoadError, Problem, byte_line_column
from .checks import Found, check
from .json_locate import locate_line_column

MAX_BYTES = 1 << 30
"""Refuse files over 1 GiB before reading them: no timeline is that big."""
MAX_PROBLEMS = 200

_DECODER = msgspec.json.Decoder(Timeline)
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
    try:
        with paused_gc():
            timeline = _DECODER.decode(data)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return _decode_slowly(data, file)
    with paused_gc():
        found = check(timeline)
    if not found:
        return Loaded(timeline, file)
    return _finish(timeline, found, [], data.decode("utf-8", errors="replace"), file)


def _finish(timeline: Timeline, found: list[Found], warnings: list[Problem], text: str,
            file: str) -> Loaded:
    problems = _in_file_order(warnings + [_place(f, text, file) for f in found[:MAX_PROBLEMS]])
    if any(p.severity == "error" for p in problems):
        raise LoadError(file, problems)
    return Loaded(timeline, file, problems)


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """People fix files top to bottom; report in that order."""
    return sorted(problems, key=lambda p: (p.line, p.column))


def _place(found: Found, text: str, file: str) -> Problem:
    line, column = locate_line_column(text, found.path, key=found.at_key)
    return Problem(file, found.message, found.path, line, column, found.severity)


def _decode_slowly(data: bytes, file: str) -> Loaded:
    warnings: list[Problem] = []
    if data.startswith(codecs.BOM_UTF8):
        warnings.append(Problem(file, "the file starts with a byte-order mark; it was ignored",
                                "$", 1, 1, "warning"))
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = byte_line_column(data, err.start)
        raise LoadError(file, [Problem(
            file, f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot start or "
                  "continue a character); save it as UTF-8", "", line, column)]) from None
    try:
        root = json.loads(text)
    except json.JSONDecodeError as err:
        raise LoadError(file, [Problem(file, explain_json_error(err, text), "", err.lineno,
                                       err.colno)]) from None
    except RecursionError:
        raise LoadError(file, [Problem(file, "JSON is nested too deeply to be a timeline", "",
                                       1, 1)]) from None
    found: list[Found] = []
    if not isinstance(root, dict):
        found.append(Found("$", f"expected a JSON object (a timeline), found {_kind(root)}"))
        return _finish_or_raise(found, warnings, text, file)
    fmt = root.get("format")
    if fmt != FORMAT:
        if fmt is None:
            found.append(Found("$", f"missing required field 'format' (expected '{FORMAT}')"))
        else:
            found.append(Found("$.format", f"expected '{FORMAT}', found {json.dumps(fmt)}; this "
                                "file is not a Summit Timeline file of a version this app reads"))
        return _finish_or_raise(found, warnings, text, file)
    cleaned = _drop_unknown(root, Timeline, "$", found)
    converted = _convert_all(cleaned, found)
    if converted is not None:
        # Check what did convert too, so one run reports every problem; ids of
        # items that failed count as known, so they cause no second error.
        timeline, positions, failed_ids = converted
        found.extend(_renumber(f, positions) for f in check(timeline, failed_ids))
    if converted is None or any(f.severity == "error" for f in found):
        return _finish_or_raise(found, warnings, text, file)
    return _finish(converted[0], found, warnings, text, file)


_ITEM_PATH = re.compile(r"^\$\.(people|places|sources|tracks|events|views)\[(\d+)\]")


def _renumber(found: Found, positions: dict[str, list[int]]) -> Found:
    """Map a path in the partial timeline back to the item's place in the file."""
    m = _ITEM_PATH.match(found.path)
    if m is None:
        return found
    raw = positions[m.group(1)][int(m.group(2))]
    path = f"$.{m.group(1)}[{raw}]{found.path[m.end():]}"
    return Found(path, found.message, found.severity, found.at_key)


def explain_json_error(err: json.JSONDecodeError, text: str) -> str:
    """The decoder's message, in words that point at the usual hand-editing slips."""
    if not text.strip():
        return "the file is empty; expected a JSON object (a timeline)"
    before = text[:err.pos].rstrip()
    here = text[err.pos:err.pos + 1]
    if before.endswith(",") and here in "]}" and here:
        return f"malformed JSON: a comma before '{here}' (JSON allows no trailing comma)"
    if err.msg.startswith("Expecting ',' delimiter"):
        return "malformed JSON: expected ',' between items (a comma may be missing)"
    if err.msg.startswith("Invalid control character"):
        return "malformed JSON: a line break or tab inside a string (write it as \\n or \\t)"
    return f"malformed JSON: {err.msg}"


def _finish_or_raise(found: list[Found], warnings: list[Problem], text: str,
                     file: str) -> Loaded:
    problems = _in_file_order(warnings + [_place(f, text, file) for f in found[:MAX_PROBLEMS]])
    raise LoadError(file, problems)


def _kind(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")


_LIST_TYPES: dict[str, type[msgspec.Struct]] = {
    "people": Person, "places": Place, "sources": Source, "tracks": Track, "events": Event,
    "views": View,
}


def _drop_unknown(obj: Any, struct: type[msgspec.Struct], path: str,
                  found: list[Found]) -> Any:
    """Copy of ``obj`` without the keys ``struct`` does not know, each one warned about."""
    if not isinstance(obj, dict):
        return obj
    info = msgspec.inspect.type_info(struct)
    assert isinstance(info, msgspec.inspect.StructType)
    fields = {f.encode_name: f for f in info.fields}
    out: dict[str, Any] = {}
    for key, value in obj.items():
        spec = fields.get(key)
        if spec is None:
            found.append(Found(_join(path, key), f"unknown field '{key}' was ignored "
                                f"(known fields: {', '.join(sorted(fields))})", "warning", True))
            continue
        nested = _struct_items(spec.type)
        if nested is not None and isinstance(value, list):
            value = [_drop_unknown(item, nested, f"{_join(path, key)}[{i}]", found)
                     for i, item in enumerate(value)]
        out[key] = value
    return out


def _struct_items(t: msgspec.inspect.Type) -> type[msgspec.Struct] | None:
    if isinstance(t, msgspec.inspect.VarTupleType | msgspec.inspect.ListType):
        item = t.item_type
        if isinstance(item, msgspec.inspect.StructType):
            return item.cls
    return None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else \
        f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _convert_all(root: dict[str, Any], found: list[Found]
                 ) -> tuple[Timeline, dict[str, list[int]], dict[str, set[str]]] | None:
    """Convert item by item so that one bad event does not hide the next one's problem.

    Returns the timeline of the items that converted, where each came from in
    the file, and the ids of the items that did not.
    """
    top = dict(root)
    positions: dict[str, list[int]] = {}
    failed_ids: dict[str, set[str]] = {}
    for key, struct in _LIST_TYPES.items():
        items = top.get(key)
        if not isinstance(items, list):
            continue
        good, where, failed = [], [], set()
        for i, item in enumerate(items):
            try:
                good.append(msgspec.convert(item, struct))
                where.append(i)
            except msgspec.ValidationError as err:
                found.append(_from_validation(err, f"$.{key}[{i}]"))
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    failed.add(item["id"])
        top[key], positions[key], failed_ids[key] = good, where, failed
    try:
        return msgspec.convert(top, Timeline), positions, failed_ids
    except msgspec.ValidationError as err:
        found.append(_from_validation(err, "$"))
        return None


_AT = re.compile(r"^(?P<msg>.*?)(?: - at `(?P<path>\$[^`]*)`)?$", re.S)
_ID_PATTERN = re.compile(r"Expected `str` matching regex '\^\[A-Za-z0-9\].*'")


def _from_validation(err: msgspec.ValidationError, prefix: str) -> Found:
    m = _AT.match(str(err))
    assert m is not None
    message, sub = m.group("msg"), m.group("path") or "$"
    path = prefix + sub[1:]
    missing = re.match(r"Object missing required field `(.+)`", message)
    if missing:
        return Found(path, f"missing required field '{missing.group(1)}'")
    if _ID_PATTERN.match(message):
        return Found(path, "expected an id: a letter or digit, then letters, digits, "
                            "'_', '.', ':' or '-'")
    message = message.replace("`", "'")
    message = message[:1].lower() + message[1:]
    choices = _CHOICES.get(path.rsplit(".", 1)[-1])
    if message.startswith("invalid enum value") and choices:
        message += f"; expected one of: {', '.join(choices)}"
    return Found(path, message)


_CHOICES: dict[str, tuple[str, ...]] = {
    "status": STATUSES,
    "kind": get_args(Kind),
}


# ---------------------------------------------------------------- writing


def encode(timeline: Timeline) -> bytes:
    """Pretty, stable JSON: two-space indent, fields in model order, UTF-8 unescaped."""
    return msgspec.json.format(_ENCODER.encode(timeline), indent=2) + b"\n"


def save(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    write_atomic(path, encode(timeline))
