"""Say which list or object a JSON text that stops too early leaves open.

A file cut short (a copy interrupted, a download stopped, a save killed) makes
the decoder complain about the last thing it read: "expected ',' between
items" at the final column, which sends people looking for a missing comma.
What they need to know is that the text ends while a list or object is still
open, and which one.  This runs only after a decode failed at the end of the
data; it walks down the open containers, letting the standard library's C
scanner skip every complete value, so a long file costs one pass.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..problems import line_column
from .json_locate import member

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


@dataclass(frozen=True, slots=True)
class Open:
    """A list or object the text opens and never closes."""

    closer: str
    """']' or '}'."""
    path: str
    """Its JSON path, e.g. ``$.events``."""
    offset: int
    """Where it opens."""

    @property
    def kind(self) -> str:
        return "list" if self.closer == "]" else "object"


def at_end(text: str, offset: int) -> bool:
    """The decoder stopped where the data ends (only white space after it)."""
    return not text[offset:].strip()


def open_containers(text: str) -> list[Open]:
    """The lists and objects still open where the text ends, outermost first."""
    chain: list[Open] = []
    pos = _skip(text, 0)
    path = "$"
    while pos < len(text) and text[pos] in "[{":
        chain.append(Open("]" if text[pos] == "[" else "}", path, pos))
        step = _open_child(text, pos)
        if step is None:
            break
        pos, path = step[0], path + step[1]
    return chain


def _skip(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()  # type: ignore[union-attr]


def _open_child(text: str, pos: int) -> tuple[int, str] | None:
    """The child of the container at ``pos`` that the text leaves open: (its offset,
    its path step), or None when the container itself is the innermost one open."""
    is_list = text[pos] == "["
    pos = _skip(text, pos + 1)
    index = 0
    while pos < len(text):
        step = f"[{index}]"
        if not is_list:
            if text[pos] != '"':
                return None
            try:
                name, pos = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
            except ValueError:
                return None  # the text ends inside a member's name
            pos = _skip(text, pos)
            if pos >= len(text) or text[pos] != ":":
                return None
            pos = _skip(text, pos + 1)
            step = member(name)
        if pos >= len(text):
            return None
        try:
            pos = _DECODER.raw_decode(text, pos)[1]
        except ValueError:
            return (pos, step) if text[pos] in "[{" else None
        pos = _skip(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip(text, pos + 1)
        elif pos < len(text):
            return None  # something else is wrong here: not a text cut short
        index += 1
    return None


def _named(container: Open) -> str:
    if container.path == "$":
        return f"the top-level {container.kind}"
    return f"the {container.kind} {container.path}"


def explain(text: str) -> str | None:
    """"the file ends before the list $.events (opened at line 1, column 73) is
    closed…", or None when no list or object is left open."""
    chain = open_containers(text)
    if not chain:
        return None
    inner = chain[-1]
    line, column = line_column(text, inner.offset)
    rest = "".join(c.closer for c in reversed(chain[:-1]))
    outer = _named(chain[0]) if len(chain) == 2 else \
        f"the {len(chain) - 1} lists and objects around it"
    around = f", then '{rest}' to close {outer}" if rest else ""
    return (f"the file ends before {_named(inner)} (opened at line {line}, column {column}) "
            f"is closed: expected '{inner.closer}'{around}; was the file cut short?")


def explain_string(text: str, offset: int) -> str:
    """For a string that runs to the end of the text (the decoder's "Unterminated
    string"): the same words, with the container it sits in."""
    chain = open_containers(text[:offset])
    where = f" in {_named(chain[-1])}" if chain else ""
    return (f"the file ends in the middle of a string{where}: the string that starts here "
            "is never closed; was the file cut short?")
