"""Limits every importer enforces before it trusts a file.

A timeline file comes from anywhere (a download, a colleague, an e-mail), so
each reader refuses, with a message that says why, the inputs that would
cost unbounded time or memory: files over 1 GiB, JSON nested deeper than any
timeline needs, lines longer than any real row, XML entity declarations
(the "billion laughs" bomb; see ``thetimelineproj``) and recurrences that
never end (see ``ics``).
"""

from __future__ import annotations

import codecs
import re
from typing import Final

from ..cancel import Cancelled as Cancelled
from ..cancel import checkpoint as checkpoint
from ..cancel import stop_when as stop_when
from ..problems import LoadError, Problem, byte_line_column, line_column

MAX_FILE_BYTES: Final = 1 << 30
"""1 GiB: far above any real timeline, low enough to refuse before parsing."""
MAX_JSON_DEPTH: Final = 64
"""TimelineJS files nest four or five levels; 64 leaves room and stops stack bombs."""
MAX_LINE_BYTES: Final = 1 << 20
"""1 MiB per line (CSV, iCalendar): a spreadsheet cell is never that long."""
MAX_OCCURRENCES: Final = 500
"""Occurrences of one recurring calendar event that are expanded into events."""
MAX_EXPANDED: Final = 200_000
"""Occurrences made from all the recurrence rules of one file together."""
MAX_RECURRENCE_YEARS: Final = 10
"""Recurrences are expanded over at most this many years from their start."""
MAX_WARNINGS: Final = 500
"""Distinct warnings kept per file; the rest are counted in one last warning."""

_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def fail(file: str, message: str, path: str = "", line: int = 0, column: int = 0) -> LoadError:
    """A ``LoadError`` with a single problem (``path`` "" means the whole file)."""
    return LoadError(file, [Problem(file, message, path, line, column)])


def check_size(data: bytes, file: str) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise fail(file, f"the file is {len(data) / 2**20:.0f} MiB; the limit is "
                         f"{MAX_FILE_BYTES // 2**20} MiB", "", 1, 1)


def decode_text(data: bytes, file: str) -> str:
    """UTF-8 text without a byte-order mark; a clear error naming the first bad byte.

    UTF-16 files (some spreadsheet exports) are accepted when they carry a BOM.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise fail(file, "the file starts like UTF-16 text but is not valid UTF-16 at "
                             f"byte {err.start}", "", 1, 1) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = byte_line_column(data, err.start)
        raise fail(file, f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot "
                         "start or continue a character); save it as UTF-8", "", line,
                   column) from None


def check_json_depth(text: str, file: str, limit: int = MAX_JSON_DEPTH) -> None:
    """Refuse JSON nested deeper than ``limit`` before ``json.loads`` recurses into it.

    One regular-expression pass that skips strings whole and counts brackets;
    files with fewer openers than the limit are not scanned at all.
    """
    if text.count("[") + text.count("{") <= limit:
        return
    depth = 0
    for m in _STRING_OR_BRACKET.finditer(text):
        ch = text[m.start()]
        if ch == '"':
            continue
        if ch in "[{":
            depth += 1
            if depth > limit:
                line, column = line_column(text, m.start())
                raise fail(file, f"the JSON is nested more than {limit} levels deep; no "
                                 "timeline needs that, so the file is refused", "", line, column)
        else:
            depth -= 1


def check_line_length(data: bytes, file: str, limit: int = MAX_LINE_BYTES) -> None:
    """Refuse a file with a line longer than ``limit`` bytes, naming the line."""
    pos, size = 0, len(data)
    while size - pos > limit:
        # The last newline within reach: every line before it is short enough, and
        # the line after it is the next one to check.  About size/limit steps.
        nl = data.rfind(b"\n", pos, pos + limit + 1)
        if nl == -1:
            line = data.count(b"\n", 0, pos) + 1
            raise fail(file, f"line {line} is longer than {limit // 2**10} KiB; the file is "
                             "refused (it is not a timeline, or it is damaged)", "", line, 1)
        pos = nl + 1


MAX_INT_DIGITS: Final = 4300
"""Python refuses to turn longer digit strings into numbers (CVE-2020-10735)."""
_LONG_NUMBER = re.compile(r"-?\d{" + str(MAX_INT_DIGITS + 1) + ",}")
_SURROGATE = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?"
                        rb"|\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_SURROGATE_START = re.compile(rb"\\u[dD]")


def repair_surrogates(data: bytes, file: str) -> tuple[bytes, list[Problem]]:
    """JSON text with each lone UTF-16 surrogate escape (``"\\ud800"``) replaced by U+FFFD.

    A lone surrogate is no character: no exporter, no UTF-8 file and no review
    sidecar can hold it, so it is replaced where the file is read, with one
    warning at the first place, and nothing downstream ever meets one.  The
    replacement has the same length, so every other line and column stays put.
    """
    # Every surrogate escape starts \\ud or \\uD; one regex scan for that prefix
    # (several times faster than a bytes ``in`` test of a multi-byte needle)
    # spares the full pattern search on the files, nearly all, that have none.
    if _SURROGATE_START.search(data) is None:
        return data, []
    out = bytearray()
    last = 0
    first = -1
    count = 0
    for m in _SURROGATE.finditer(data):
        if len(m.group()) == 12:
            continue  # a proper pair: one character outside the basic plane
        j = m.start()
        while j > 0 and data[j - 1] == 0x5C:
            j -= 1
        if (m.start() - j) % 2:
            continue  # "\\ud800" is a backslash followed by text, not an escape
        out += data[last:m.start()] + b"\\ufffd"
        last = m.end()
        count += 1
        if first < 0:
            first = m.start()
    if not count:
        return data, []
    out += data[last:]
    line, column = byte_line_column(data, first)
    places = f" ({count} places)" if count > 1 else ""
    return bytes(out), [Problem(file, "text that no file can hold (a lone UTF-16 surrogate, "
                                      f"{data[first:first + 6].decode('ascii')}) was replaced "
                                      f"with \ufffd{places}", "", line, column, "warning")]


def too_long_number(text: str, file: str) -> LoadError:
    """The error for a JSON number Python will not read, at the number."""
    m = _LONG_NUMBER.search(text)
    offset = m.start() if m else 0
    digits = len(m.group().lstrip("-")) if m else MAX_INT_DIGITS + 1
    line, column = line_column(text, offset)
    return fail(file, f"a number with {digits:,} digits; numbers in a timeline have at most "
                      f"{MAX_INT_DIGITS:,}", "", line, column)
