"""The dialog for a file that could not be opened: which file, where, and what was wrong."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.problems import LoadError, Problem

_SHOWN = 12


def _problem_html(problem: Problem) -> str:
    """"line 558, column 15 — <code>$.events[1].when</code>: message": position, path, message.

    The dash keeps the position from running into the path ("column 15 $.events…").
    """
    where = f"line {problem.line}, column {problem.column}" if problem.line else ""
    path = f"<code>{escape(problem.path)}</code>" if problem.path and problem.path != "$" else ""
    head = " — ".join(part for part in (escape(where), path) if part)
    return f"{head}: {escape(problem.message)}" if head else escape(problem.message)


def problem_dialog(error: LoadError, parent: QWidget | None) -> QMessageBox:
    """A non-blocking, window-modal box; the caller opens it and keeps the current timeline."""
    errors = error.errors or error.problems
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Could not open timeline")
    lines = []
    for problem in errors[:_SHOWN]:
        lines.append(f"<li>{_problem_html(problem)}</li>")
    more = len(errors) - _SHOWN
    extra = f"<p>…and {more} more.</p>" if more > 0 else ""
    box.setText(f"<b>{escape(error.file)}</b> could not be opened. The current timeline "
                "stays on screen.")
    box.setInformativeText(f"<ul>{''.join(lines)}</ul>{extra}")
    box.setDetailedText("\n".join(str(p) for p in error.problems))
    # Written as HTML with every piece from the file escaped; said outright, so Qt
    # never has to guess from the first line.
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box
