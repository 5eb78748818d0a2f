"""Rows of a CSV file with a header, each with the line it starts on, read as a stream.

Shared by the plain CSV and TimelineJS CSV readers.  Only the header is
decoded before the reader looks at it, so a file that is not a timeline
sheet (200 MB of text named ``.csv``) is refused at once; rows are then
decoded and split one at a time while the reader consumes them, so memory
follows the timeline being built, not the size of the text.  UTF-8 (with
or without a byte-order mark) and UTF-16 with a byte-order mark are read;
the delimiter is guessed from the header line (comma, semicolon or tab, as
spreadsheets write them); blank rows are skipped; limits (line length, NUL
bytes, bad encoding) and every csv-module error become a ``LoadError`` that
names the line.
"""

from __future__ import annotations

import codecs
import csv
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from ..problems import LoadError, Problem, byte_line_column
from . import limits

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Row:
    number: int
    """1-based data row number (the header is row 0)."""
    line: int
    """Line of the file the row starts on."""
    cells: dict[str, str]
    extra: list[str]
    """Cells beyond the header's columns."""


@dataclass
class Table:
    columns: list[str]
    """Header names as written (stripped)."""
    keys: list[str]
    """Header names folded for matching: lower case, single spaces."""
    rows: Iterator[Row]
    """The data rows, read as they are asked for (once)."""

    def column_number(self, key: str) -> int:
        return self.keys.index(key) + 1 if key in self.keys else 0


def fold(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def _ensure_field_limit() -> None:
    if csv.field_size_limit() < limits.MAX_LINE_BYTES:
        csv.field_size_limit(limits.MAX_LINE_BYTES)


def encoding_of(data: bytes) -> tuple[str, int]:
    """The text encoding (from the byte-order mark, else UTF-8) and where the text starts."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", len(codecs.BOM_UTF8)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"), 2
    return "utf-8", 0


def header_cells(data: bytes) -> set[str]:
    """The folded names in the first line, for sniffing (UTF-16 files included)."""
    encoding, start = encoding_of(data)
    head = data[start:start + 8192].decode(encoding, errors="replace")
    first = head.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    return {fold(c.strip().strip('"')) for c in first.split(delimiter)}


def _lines(data: bytes, file: str) -> Iterator[str]:
    """Decoded lines with their ends, a chunk at a time; limits checked line by line."""
    encoding, start = encoding_of(data)
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    pending = ""
    number = 0
    # The first line alone first: the header is judged before the rest is decoded.
    end = _first_line_end(data, start, encoding)
    offsets = [start, *list(range(end, max(len(data), end + 1), _CHUNK))]
    for offset, following in itertools.pairwise([*offsets, len(data)]):
        if following <= offset and offset < len(data):
            continue
        try:
            text = decoder.decode(data[offset:following], final=following >= len(data))
        except UnicodeDecodeError as err:
            at = offset + err.start
            where = byte_line_column(data, at) if encoding == "utf-8" else (number + 1, 1)
            what = "UTF-8" if encoding == "utf-8" else "UTF-16"
            raise limits.fail(file, f"the file is not {what} text (byte 0x{data[at]:02x} cannot "
                                    f"start or continue a character); save it as UTF-8", "",
                              *where) from None
        pending += text
        # Only "\n" ends a line: csv keeps "\r" and other breaks inside quoted cells.
        *lines, pending = pending.split("\n")
        for piece in lines:
            number += 1
            yield _checked(piece + "\n", number, file)
    if pending:
        yield _checked(pending, number + 1, file)


def _first_line_end(data: bytes, start: int, encoding: str) -> int:
    """The byte just past the first newline (or the end of the file)."""
    newline = {"utf-8": b"\n", "utf-16-le": b"\n\x00", "utf-16-be": b"\x00\n"}[encoding]
    at = data.find(newline, start)
    while at >= 0 and encoding != "utf-8" and (at - start) % 2:
        at = data.find(newline, at + 1)
    return len(data) if at < 0 else at + len(newline)


def _checked(line: str, number: int, file: str) -> str:
    if len(line) > limits.MAX_LINE_BYTES:
        raise limits.fail(file, f"line {number} is longer than "
                                f"{limits.MAX_LINE_BYTES // 2**10} KiB; the file is refused "
                                "(it is not a timeline, or it is damaged)", "", number, 1)
    if "\x00" in line:
        raise limits.fail(file, "the file contains NUL bytes; it is not a CSV text file", "",
                          number, 1)
    return line


def read_table(data: bytes, file: str) -> Table:
    """The header, read and checked now; the rows, read as they are iterated."""
    limits.check_size(data, file)
    _ensure_field_limit()
    lines = _lines(data, file)
    first = next(lines, "")
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter, strict=False)
    try:
        header = next(reader, None)
    except csv.Error as err:
        raise limits.fail(file, f"malformed CSV: {err}", "", reader.line_num, 1) from None
    if header is None or not any(h.strip() for h in header):
        raise limits.fail(file, "the file is empty or has no header row", "", 1, 1)
    columns = [h.strip() for h in header]
    keys = [fold(h) for h in columns]
    seen: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key and key in seen:
            raise LoadError(file, [Problem(file, f"column '{columns[i]}' appears twice "
                                                 f"(columns {seen[key] + 1} and {i + 1})",
                                           f"column '{columns[i]}'", 1, i + 1)])
        seen[key] = i
    return Table(columns, keys, _rows(reader, keys, file))


def _rows(reader: Iterator[list[str]], keys: list[str], file: str) -> Iterator[Row]:
    line_num = getattr(reader, "line_num", 0)
    line = line_num + 1
    number = 0
    while True:
        try:
            record = next(reader, None)
        except csv.Error as err:
            raise limits.fail(file, f"malformed CSV: {err}", "",
                              getattr(reader, "line_num", line), 1) from None
        if record is None:
            return
        number += 1
        start, line = line, getattr(reader, "line_num", line) + 1
        if not any(cell.strip() for cell in record):
            continue
        cells = {k: (record[i] if i < len(record) else "") for i, k in enumerate(keys) if k}
        yield Row(number, start, cells, record[len(keys):])


def cell_problem(file: str, table: Table, row: Row, key: str, message: str,
                 severity: str = "error") -> Problem:
    """A problem with its row, column name and number: ``FILE:LINE:COL: row 3, 'when': …``."""
    column = table.column_number(key)
    name = table.columns[column - 1] if column else key
    return Problem(file, message, f"row {row.number}, column '{name}'", row.line, column,
                   "warning" if severity == "warning" else "error")
