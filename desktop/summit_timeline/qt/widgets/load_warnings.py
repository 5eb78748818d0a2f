"""Tell the user what a file held that the app could not keep.

Importers never drop anything silently: unknown fields, HTML they cleaned,
dates they had to coarsen all come back as warnings.  They are shown once per
load in a non-modal box, so reading can go on while the list stays open.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.problems import Problem
from .message_box import message_box

SHOWN = 15


def load_warnings_box(file: str, warnings: Sequence[Problem], parent: QWidget) -> QMessageBox:
    """A non-modal box; the warnings are text ("removed: <script>" keeps its tag name)."""
    count = len(warnings)
    lines = [str(w).removeprefix(f"{file}:") for w in warnings[:SHOWN]]
    if count > SHOWN:
        lines.append(f"… and {count - SHOWN} more (all are listed below)")
    box = message_box(QMessageBox.Icon.Information, "Opened with warnings",
                      f"{file} opened, but {count} thing{'s' * (count != 1)} in it could not be "
                      "kept as written:", parent, informative="\n".join(lines),
                      detail="\n".join(str(w) for w in warnings))
    box.setModal(False)
    return box
