"""Native files with a problem: decode at full speed, explain only the items that have one.

A file of a million events with one unknown key must not cost a million
explanations.  The document is first split into its top-level members and
each list into undecoded items (``msgspec.Raw``: one fast pass, no objects
built); the items are then decoded strictly in large batches, and only when
a batch fails is the failing item, and that item alone, read again slowly to
name every problem it has.  Unknown fields become warnings and the item is
kept; any other problem is an error.

Problems are placed by finding the failing item's bytes in the file, so the
line and column of the last event cost a search, not a walk through every
event before it.
"""

from __future__ import annotations

import json
import re
from typing import Any, get_type_hints

import msgspec
import numpy as np

from ..model import FORMAT, Event, Person, Place, Source, Timeline, Track, View
from ..problems import LoadError, Problem, byte_line_column
from . import limits
from .checks import Found
from .json_locate import locate_line_column

LISTS: dict[str, type[msgspec.Struct]] = {
    "people": Person, "places": Place, "sources": Source, "tracks": Track, "events": Event,
    "views": View,
}
_BATCH_DECODERS: dict[str, msgspec.json.Decoder[list[Any]]] = {
    key: msgspec.json.Decoder(list[struct]) for key, struct in LISTS.items()  # type: ignore[valid-type]
}
_INFO = msgspec.inspect.type_info(Timeline)
assert isinstance(_INFO, msgspec.inspect.StructType)
_TOP = {f.encode_name: f for f in _INFO.fields}
_SCALARS: dict[str, Any] = {
    name: kind for name, kind in get_type_hints(Timeline, include_extras=True).items()
    if name in _TOP and name not in LISTS and name != "format"
}
"""Every member but the lists, by its type in the model (a field added there is read too)."""
_BIGGEST_BATCH = 1 << 13
_AT_INDEX = re.compile(r"- at `\$\[(\d+)\]")
MAX_EXPLAINED = 200
"""Items explained one by one; past that, problem items are counted, not each listed."""


class Split:
    """The file's top-level members and list items, undecoded, for decoding and placing."""

    def __init__(self, data: bytes, items: dict[str, list[msgspec.Raw]] | None = None) -> None:
        self.data = data
        self._top: dict[str, msgspec.Raw] | None = None
        self._items: dict[str, list[msgspec.Raw]] = dict(items or {})
        self._base = _address(data)

    @property
    def top(self) -> dict[str, msgspec.Raw]:
        """The document's members, undecoded (raises ``msgspec.ValidationError`` when the
        document is not an object, ``msgspec.DecodeError`` when it is not JSON)."""
        if self._top is None:
            self._top = msgspec.json.decode(self.data, type=dict[str, msgspec.Raw])
        return self._top

    def offset(self, raw: msgspec.Raw) -> int:
        """Where an item starts in the file: decoded ``Raw`` values are views of its bytes."""
        return _address(raw) - self._base

    def batch(self, items: list[msgspec.Raw], i: int, j: int) -> bytes:
        """Items ``i`` to ``j - 1`` as one JSON array: one slice of the file, no join."""
        start = self.offset(items[i])
        end = self.offset(items[j - 1]) + len(memoryview(items[j - 1]))
        return b"[" + self.data[start:end] + b"]"

    def items(self, key: str) -> list[msgspec.Raw]:
        """The items of a top-level list (raises ``msgspec.ValidationError`` if not a list)."""
        found = self._items.get(key)
        if found is None:
            raw = self.top.get(key)
            found = [] if raw is None else msgspec.json.decode(raw, type=list[msgspec.Raw])
            self._items[key] = found
        return found

    def place(self, path: str, at_key: bool) -> tuple[int, int]:
        """Line and column of a JSON path, searching only the item it is in."""
        m = re.match(r"^\$\.(\w+)(?:\[(\d+)\])?", path)
        if m is None or (m.group(1) not in self._items and m.group(1) not in self.top):
            return _line_column(self.data, 0, "", "$", False)
        key = m.group(1)
        if m.group(2) is not None and key in LISTS:
            try:
                item = self.items(key)[int(m.group(2))]
            except (msgspec.ValidationError, IndexError):
                pass
            else:
                return _line_column(self.data, self.offset(item),
                                    bytes(item).decode("utf-8", "replace"), "$" + path[m.end():],
                                    at_key)
        raw = bytes(self.top[key])
        start = self.offset(self.top[key])
        if at_key and not path[m.end():]:
            name = json.dumps(key, ensure_ascii=False).encode()
            key_at = self.data.rfind(name, 0, start)
            return byte_line_column(self.data, key_at if key_at >= 0 else start)
        return _line_column(self.data, start, raw.decode("utf-8", "replace"),
                            "$" + path[m.end():], at_key)


def _address(buffer: Any) -> int:
    address: int = np.frombuffer(buffer, dtype=np.uint8).ctypes.data
    return address


def _line_column(data: bytes, offset: int, item: str, sub: str, at_key: bool
                 ) -> tuple[int, int]:
    offset = max(0, offset)
    line, column = byte_line_column(data, offset)
    if sub in ("", "$"):
        return line, column
    sub_line, sub_column = locate_line_column(item, sub, key=at_key)
    return (line, column + sub_column - 1) if sub_line == 1 else (line + sub_line - 1,
                                                                  sub_column)


def decode(split: Split, file: str) -> tuple[Timeline | None, list[Found], dict[str, list[int]],
                                              dict[str, set[str]]]:
    """The items that decoded, every problem found (by path), where each kept item sat
    in the file, and the ids of items that could not be kept."""
    found: list[Found] = []
    top = split.top
    fmt = _small(top.get("format"))
    if fmt != FORMAT:
        if fmt is None:
            found.append(Found("$", f"missing required field 'format' (expected '{FORMAT}')"))
        else:
            found.append(Found("$.format", f"expected '{FORMAT}', found {json.dumps(fmt)}; this "
                                "file is not a Summit Timeline file of a version this app reads"))
        return None, found, {}, {}
    for key in top:
        if key not in _TOP:
            found.append(Found(_join("$", key), f"unknown field '{key}' was ignored (known "
                                f"fields: {', '.join(sorted(_TOP))})", "warning", True))
    fields: dict[str, Any] = {"format": FORMAT}
    for key, kind in _SCALARS.items():
        if key in top:
            try:
                fields[key] = msgspec.json.decode(top[key], type=kind)
            except msgspec.ValidationError as err:
                found.append(from_validation(err, f"$.{key}"))
    for key in sorted(name for name, spec in _TOP.items() if spec.required and name not in top):
        found.append(Found("$", f"missing required field '{key}'"))
    positions: dict[str, list[int]] = {}
    failed_ids: dict[str, set[str]] = {}
    explained = [0]
    for key in LISTS:
        try:
            items = split.items(key)
        except msgspec.ValidationError:
            kind = _kind_of(bytes(top[key]))
            found.append(Found(f"$.{key}", f"expected 'array', got '{kind}'"))
            continue
        good, where, failed = decode_items(split, items, key, found, explained)
        fields[key] = tuple(good)
        positions[key], failed_ids[key] = where, failed
    add_summary(found, explained)
    if any(f.severity == "error" for f in found) and "title" not in fields:
        return None, found, positions, failed_ids
    fields.setdefault("title", "")
    return Timeline(**fields), found, positions, failed_ids


def decode_items(split: Split, items: list[msgspec.Raw], key: str, found: list[Found],
                 explained: list[int]) -> tuple[list[Any], list[int], set[str]]:
    """Strict batch decoding; a failing batch is decoded up to its failing item, the item
    is explained, and decoding goes on after it with a batch sized to the gap seen."""
    decoder = _BATCH_DECODERS[key]
    struct = LISTS[key]
    good: list[Any] = []
    where: list[int] = []
    failed: set[str] = set()
    i, n, size = 0, len(items), _BIGGEST_BATCH
    while i < n:
        limits.checkpoint()
        j = min(n, i + size)
        try:
            good.extend(decoder.decode(split.batch(items, i, j)))
            where.extend(range(i, j))
            i, size = j, min(_BIGGEST_BATCH, size * 2)
            continue
        except msgspec.ValidationError as err:
            m = _AT_INDEX.search(str(err))
            k = i + int(m.group(1)) if m else i
        if k > i:
            good.extend(decoder.decode(split.batch(items, i, k)))
            where.extend(range(i, k))
        explained[0] += 1
        item = _explain(items[k], struct, f"$.{key}[{k}]", found,
                        detail=explained[0] <= MAX_EXPLAINED)
        if item is not None:
            good.append(item)
            where.append(k)
        else:
            ident = _small_id(items[k])
            if ident is not None:
                failed.add(ident)
        i, size = k + 1, max(16, 2 * (k - i))
    return good, where, failed


def _explain(raw: msgspec.Raw, struct: type[msgspec.Struct], path: str, found: list[Found],
             *, detail: bool) -> Any:
    """One item read slowly: unknown fields dropped with a warning each, then converted
    with every remaining problem reported; the item, or None if it cannot be kept."""
    try:
        obj = msgspec.json.decode(raw)
    except msgspec.ValidationError:  # a number too large for any type: as the strict decoder says
        try:
            return msgspec.json.decode(raw, type=struct)
        except msgspec.ValidationError as err:
            found.append(from_validation(err, path))
            return None
    problems: list[Found] = []
    cleaned = drop_unknown(obj, struct, path, problems)
    try:
        item = msgspec.convert(cleaned, struct)
    except msgspec.ValidationError as err:
        problems.append(from_validation(err, path))
        item = None
    if detail:
        found.extend(problems)
    elif item is None:
        found.append(problems[-1])
    return item


def _small(raw: msgspec.Raw | None) -> Any:
    if raw is None:
        return None
    try:
        return msgspec.json.decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None


def add_summary(found: list[Found], explained: list[int]) -> None:
    """Say how many items had problems when not all of them were explained."""
    if explained[0] > MAX_EXPLAINED:
        found.insert(0, Found("$", f"{explained[0]:,} items have problems; the first "
                                   f"{MAX_EXPLAINED} are listed", "warning"))


class _IdOnly(msgspec.Struct):
    """An item's id alone: every other member is skipped, whatever it holds."""

    id: Any = None


def _small_id(raw: msgspec.Raw) -> str | None:
    try:
        value = msgspec.json.decode(raw, type=_IdOnly).id
    except msgspec.ValidationError:
        return None
    return value if isinstance(value, str) else None


def _kind_of(raw: bytes) -> str:
    first = raw.lstrip()[:1]
    return {b"{": "object", b"[": "array", b'"': "str", b"t": "bool", b"f": "bool",
            b"n": "null"}.get(first, "number")


def drop_unknown(obj: Any, struct: type[msgspec.Struct], path: str, found: list[Found]) -> Any:
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
            value = [drop_unknown(item, nested, f"{_join(path, key)}[{i}]", found)
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


_AT = re.compile(r"^(?P<msg>.*?)(?: - at `(?P<path>\$[^`]*)`)?$", re.S)
_ID_PATTERN = re.compile(r"Expected `str` matching regex '\^\[A-Za-z0-9\].*'")
_CHOICES: dict[str, tuple[str, ...]] = {}


def from_validation(err: msgspec.ValidationError, prefix: str) -> Found:
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
    if message.startswith("Integer value out of range"):
        return Found(path, "the number is too large (a whole number of this size is not a "
                           "timeline value)")
    message = message.replace("`", "'")
    message = message[:1].lower() + message[1:]
    choices = _CHOICES.get(path.rsplit(".", 1)[-1])
    if message.startswith("invalid enum value") and choices:
        message += f"; expected one of: {', '.join(choices)}"
    return Found(path, message)


def set_choices(choices: dict[str, tuple[str, ...]]) -> None:
    _CHOICES.update(choices)


def place_all(split: Split, found: list[Found], file: str, limit: int) -> list[Problem]:
    out = []
    for f in found[:limit]:
        line, column = split.place(f.path, f.at_key)
        out.append(Problem(file, f.message, f.path, line, column, f.severity))
    return out


__all__ = ["LISTS", "LoadError", "Split", "decode", "decode_items", "drop_unknown",
           "from_validation", "place_all"]
