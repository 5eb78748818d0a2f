"""Problems found in an input file, each with the place it was found.

Every reader reports through these, so the command line, the GUI dialog and
the tests all show one shape: ``FILE:LINE:COLUMN: $.json.path: message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def printable(text: str) -> str:
    """``text`` with control and direction-changing characters written as escapes.

    Field names and values quoted in messages come from the file: an escape
    sequence in a column name must reach the terminal as ``\\x1b[31m``, not
    as a command to it.
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    message: str
    path: str = "$"
    line: int = 0
    column: int = 0
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        tag = "warning: " if self.severity == "warning" else ""
        place = f"{self.path}: " if self.path else ""
        return printable(f"{where}: {tag}{place}{self.message}")


@dataclass
class LoadError(Exception):
    """Raised when a file cannot become a timeline; carries every problem found."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def summary(self) -> str:
        errors = self.errors
        if not errors:
            return f"{self.file}: could not be read"
        first = str(errors[0])
        more = len(errors) - 1
        return first if more == 0 else f"{first} (and {more} more problem{'s' * (more > 1)})"


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, as editors count them."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def byte_line_column(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column for a byte offset into possibly broken UTF-8."""
    head = data[:offset]
    line = head.count(b"\n") + 1
    start = head.rfind(b"\n") + 1
    column = len(head[start:].decode("utf-8", errors="replace")) + 1
    return line, column
