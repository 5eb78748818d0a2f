"""Find where a JSON path starts in the text of a document.

Decoders report *what* is wrong by JSON path; people fix files by line and
column.  This walks the text with the standard library's C scanner, skipping
whole values it does not need, so it costs one pass over the prefix of the
file and only runs when there is something to report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ..problems import line_column

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
PathPart = str | int

_PART = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[\"((?:[^\"\\]|\\.)*)\"\]")


def parse_path(path: str) -> list[PathPart]:
    """``$.events[3].when`` → ``["events", 3, "when"]``."""
    parts: list[PathPart] = []
    pos = 1 if path.startswith("$") else 0
    for m in _PART.finditer(path, pos):
        if m.group(1) is not None:
            parts.append(m.group(1))
        elif m.group(2) is not None:
            parts.append(int(m.group(2)))
        else:
            parts.append(json.loads(f'"{m.group(3)}"'))
    return parts


def member(key: str) -> str:
    """The JSON path step to an object's ``key``: ``.ru``, or ``["zh-Hant"]`` when not a name."""
    return f".{key}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else f"[{json.dumps(key)}]"


def locate(text: str, parts: Sequence[PathPart], *, key: bool = False) -> int:
    """Offset where the value at ``parts`` starts (or its key, with ``key``).

    Returns the offset of the deepest container reached when the path does not
    exist in full (for example a missing field points at its object).
    """
    pos = _WS.match(text, 0).end()  # type: ignore[union-attr]
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        found = _child(text, pos, part)
        if found is None:
            return pos
        key_pos, value_pos = found
        if last and key:
            return key_pos
        pos = value_pos
    return pos


def locate_line_column(text: str, path: str, *, key: bool = False) -> tuple[int, int]:
    try:
        offset = locate(text, parse_path(path), key=key)
    except (ValueError, IndexError):
        offset = 0
    return line_column(text, offset)


def _skip_ws(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()  # type: ignore[union-attr]


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def _skip_value(text: str, pos: int) -> int:
    """Where the value at ``pos`` ends (a number too long for Python to read included)."""
    try:
        return int(_DECODER.raw_decode(text, pos)[1])
    except ValueError:
        m = _NUMBER.match(text, pos)
        if m is None:
            raise
        return m.end()


def _child(text: str, pos: int, part: PathPart) -> tuple[int, int] | None:
    """(key offset, value offset) of one member or item of the value at ``pos``."""
    if pos >= len(text):
        return None
    opener = text[pos]
    if opener == "{" and isinstance(part, str):
        # The last member of that name: it is the one decoders keep.
        found: tuple[int, int] | None = None
        pos = _skip_ws(text, pos + 1)
        while pos < len(text) and text[pos] == '"':
            key_pos = pos
            name, pos = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
            pos = _skip_ws(text, pos)
            pos = _skip_ws(text, pos + 1)  # past ':'
            if name == part:
                found = key_pos, pos
            pos = _skip_value(text, pos)
            pos = _skip_ws(text, pos)
            if pos < len(text) and text[pos] == ",":
                pos = _skip_ws(text, pos + 1)
        return found
    if opener == "[" and isinstance(part, int):
        pos = _skip_ws(text, pos + 1)
        index = 0
        while pos < len(text) and text[pos] != "]":
            if index == part:
                return pos, pos
            pos = _skip_value(text, pos)
            pos = _skip_ws(text, pos)
            if pos < len(text) and text[pos] == ",":
                pos = _skip_ws(text, pos + 1)
            index += 1
        return None
    return None
