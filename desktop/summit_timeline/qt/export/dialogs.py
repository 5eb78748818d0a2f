"""File → Export and File → Export slides: ask where and how, then render from the shared state.

The dialogs only collect choices; rendering is the same code the command line
runs, so what a user exports from the window matches the CLI byte for byte
in layout.  Failures are shown in a message box, never raised into the menu.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from ...scene.snapshot import TimelineData
from .handout_export import export_handout
from .image_export import export_png
from .output import ExportError
from .pdf_export import MAX_PAGES, export_pdf
from .svg_export import export_svg

_FILTERS = "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"


class ExportOptionsDialog(QDialog):
    """Scope, pixel size and scale (PNG/SVG) or paper and pages (PDF)."""

    def __init__(self, suffix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export options")
        form = QFormLayout(self)
        self.scope = QComboBox()
        self.scope.addItem("Whole timeline (current filter)", "whole")
        self.scope.addItem("Current view", "view")
        form.addRow("Show", self.scope)
        self.width_box = QSpinBox(maximum=16384, minimum=16, value=1920, suffix=" px")
        self.height_box = QSpinBox(maximum=16384, minimum=16, value=1080, suffix=" px")
        self.scale_box = QDoubleSpinBox(minimum=0.25, maximum=8.0, value=1.0, singleStep=0.25)
        self.paper = QComboBox()
        self.paper.addItem("A4, landscape", "a4")
        self.paper.addItem("Letter, landscape", "letter")
        self.pages = QSpinBox(minimum=1, maximum=MAX_PAGES, value=1)
        if suffix == ".pdf":
            form.addRow("Paper", self.paper)
            form.addRow("Pages", self.pages)
        else:
            form.addRow("Width", self.width_box)
            form.addRow("Height", self.height_box)
            form.addRow("Text scale", self.scale_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def export_with_options(state: Any, path: Path, dialog: ExportOptionsDialog) -> None:
    """Render ``state`` to ``path`` with the dialog's choices; raises ExportError."""
    data = TimelineData.from_state(state, visible_only=dialog.scope.currentData() == "view")
    suffix = path.suffix.lower()
    if suffix == ".png":
        export_png(data, path, width=dialog.width_box.value(), height=dialog.height_box.value(),
                   scale=dialog.scale_box.value())
    elif suffix == ".svg":
        export_svg(data, path, width=dialog.width_box.value(), height=dialog.height_box.value(),
                   scale=dialog.scale_box.value())
    elif suffix == ".pdf":
        export_pdf(data, path, paper=dialog.paper.currentData(), pages=dialog.pages.value())
    else:
        raise ExportError(f"{path.name}: choose a .png, .svg or .pdf file name")


def show_export_dialog(parent: QWidget | None, state: Any) -> Path | None:
    """File → Export…: returns the written file, or None if cancelled or failed."""
    if getattr(state, "index", None) is None:
        return None
    name, chosen = QFileDialog.getSaveFileName(parent, "Export timeline", "timeline.png",
                                               _FILTERS)
    if not name:
        return None
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix("." + chosen.split("*.")[-1].rstrip(")"))
    dialog = ExportOptionsDialog(path.suffix.lower(), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        export_with_options(state, path, dialog)
    except (ExportError, ValueError) as err:
        QMessageBox.warning(parent, "Export failed", str(err))
        return None
    return path


def show_slides_export_dialog(parent: QWidget | None, state: Any) -> Path | None:
    """File → Export slides…: a handout PDF of the events of the current filter."""
    if getattr(state, "index", None) is None:
        return None
    name, _ = QFileDialog.getSaveFileName(parent, "Export slides handout", "handout.pdf",
                                          "PDF document (*.pdf)")
    if not name:
        return None
    path = Path(name).with_suffix(".pdf")
    try:
        export_handout(TimelineData.from_state(state), path)
    except (ExportError, ValueError) as err:
        QMessageBox.warning(parent, "Export failed", str(err))
        return None
    return path
