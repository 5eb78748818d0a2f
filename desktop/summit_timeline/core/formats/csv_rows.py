"""Rows of a CSV file with a header, each with the line it starts on.

Shared by the plain CSV and TimelineJS CSV readers: limits first (size, line
length, field size), the delimiter guessed from the header line (comma,
semicolon or tab, as spreadsheets write them), blank rows skipped, and every
csv-module error turned into a ``LoadError`` that names the line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..problems import LoadError, Problem
from . import limits


@dataclass(frozen=True)
class Row:
    number: int
    """1-based data row number (the header is row 0)."""
    line: int
    """Line of the file the row starts on."""
    cells: dict[str, str]
    extra: list[str]
    """Cells beyond the header's columns."""


@dataclass(frozen=True)
class Table:
    columns: list[str]
    """Header names as written (stripped)."""
    keys: list[str]
    """Header names folded for matching: lower case, single spaces."""
    rows: list[Row]

    def column_number(self, key: str) -> int:
        return self.keys.index(key) + 1 if key in self.keys else 0


def fold(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def _ensure_field_limit() -> None:
    if csv.field_size_limit() < limits.MAX_LINE_BYTES:
        csv.field_size_limit(limits.MAX_LINE_BYTES)


def read_table(data: bytes, file: str) -> Table:
    limits.check_size(data, file)
    limits.check_line_length(data, file)
    text = limits.decode_text(data, file)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise limits.fail(file, "the file contains NUL bytes; it is not a CSV text file", "",
                          line, 1)
    _ensure_field_limit()
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        header = next(reader, None)
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
        rows: list[Row] = []
        line = reader.line_num + 1
        number = 0
        for record in reader:
            number += 1
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            cells = {k: (record[i] if i < len(record) else "") for i, k in enumerate(keys) if k}
            rows.append(Row(number, start, cells, record[len(keys):]))
    except csv.Error as err:
        raise limits.fail(file, f"malformed CSV: {err}", "", reader.line_num, 1) from None
    return Table(columns, keys, rows)


def cell_problem(file: str, table: Table, row: Row, key: str, message: str,
                 severity: str = "error") -> Problem:
    """A problem with its row, column name and number: ``FILE:LINE:COL: row 3, 'when': …``."""
    column = table.column_number(key)
    name = table.columns[column - 1] if column else key
    return Problem(file, message, f"row {row.number}, column '{name}'", row.line, column,
                   "warning" if severity == "warning" else "error")
