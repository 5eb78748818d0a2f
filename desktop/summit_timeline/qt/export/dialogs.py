"""File → Export and File → Export slides: ask where and how, then render from the shared state.

The dialogs only collect choices; rendering is the same code the command line
runs, so what a user exports from the window matches the CLI byte for byte
in layout.  "Current view" exports the timeline exactly as it is on screen:
the same days, the same plot size and the same font, so the picture holds
the same scene as the window.  Failures are shown in a message box, never
raised into the menu.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from ...scene.palette import PAPER, Palette
from ...scene.scene import Scene, View
from ...scene.snapshot import Snapshot
from ..save_dialog import ask_save_path
from ..widgets.message_box import warn
from .handout_export import export_handout
from .image_export import export_png
from .output import ExportError
from .pdf_export import MAX_PAGES, export_pdf
from .svg_export import export_svg
from .timeline_page import size_around


@dataclass(frozen=True)
class OnScreen:
    """The window's timeline as it is now: its view, its label font and its colours."""

    view: View
    font: QFont
    palette: Palette


_FILTERS = "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"


class ExportOptionsDialog(QDialog):
    """Scope, pixel size and scale (PNG/SVG) or paper and pages (PDF)."""

    def __init__(self, suffix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export options")
        form = QFormLayout(self)
        self.scope = QComboBox()
        self.scope.addItem("Whole timeline (current filter)", "whole")
        self.scope.addItem("Current view, as on screen", "view")
        self.scope.setToolTip("The current view keeps the window's size and labels exactly")
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
        self.scope.currentIndexChanged.connect(self._on_scope_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


    def _on_scope_changed(self) -> None:
        as_on_screen = self.scope.currentData() == "view"
        for box in (self.width_box, self.height_box, self.scale_box):
            box.setEnabled(not as_on_screen)


def snapshot_of(state: Any) -> Snapshot:
    """The window's snapshot (``state`` is a ``qt.state.ViewState``; typed loosely so that
    exports do not import the window's modules)."""
    snap = getattr(state, "snapshot", None)
    if not isinstance(snap, Snapshot):
        raise ValueError("no timeline is open")
    return snap


def export_with_options(state: Any, path: Path, dialog: ExportOptionsDialog,
                        on_screen: OnScreen | None = None) -> Scene | None:
    """Render ``state`` to ``path`` with the dialog's choices; raises ExportError.

    Returns the scene drawn (PNG and SVG), the same one the window paints when
    the scope is the current view."""
    snap = snapshot_of(state)
    suffix = path.suffix.lower()
    width, height = dialog.width_box.value(), dialog.height_box.value()
    scale: float | None = dialog.scale_box.value()
    x_range, font, palette, plot, closed = None, None, PAPER, None, True
    if dialog.scope.currentData() == "view" and on_screen is not None:
        # Exactly the window's scene: same events, days, plot size, font and colours.
        view = on_screen.view
        x_range, font, scale, palette = (view.x0, view.x1), on_screen.font, None, \
            on_screen.palette
        plot, closed = (view.width, view.height), view.closed
        width, height = size_around(view.width, view.height, on_screen.font, snap)
    elif dialog.scope.currentData() == "view":
        lo, hi = state.visible_range
        snap = snap.with_range(float(lo), float(hi))
    if suffix == ".png":
        return export_png(snap, path, width=width, height=height, scale=scale, x_range=x_range,
                          font=font, palette=palette, plot_size=plot,
                          closed=closed)
    if suffix == ".svg":
        return export_svg(snap, path, width=width, height=height, scale=scale, x_range=x_range,
                          font=font, palette=palette, plot_size=plot,
                          closed=closed)
    if suffix == ".pdf":
        export_pdf(snap, path, paper=dialog.paper.currentData(), pages=dialog.pages.value())
        return None
    raise ExportError(f"{path.name}: choose a .png, .svg or .pdf file name")


def show_export_dialog(parent: QWidget | None, state: Any,
                       on_screen: OnScreen | None = None) -> Path | None:
    """File → Export…: returns the written file, or None if cancelled or failed."""
    if getattr(state, "index", None) is None:
        return None
    name, chosen = ask_save_path(parent, "Export timeline", "timeline.png", _FILTERS,
                                 kind="pictures")
    if not name:
        return None
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix("." + chosen.split("*.")[-1].rstrip(")"))
    dialog = ExportOptionsDialog(path.suffix.lower(), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        export_with_options(state, path, dialog, on_screen)
    except (ExportError, ValueError) as err:
        warn(parent, "Export failed", str(err))
        return None
    return path


def show_slides_export_dialog(parent: QWidget | None, state: Any) -> Path | None:
    """File → Export slides…: a handout PDF of the events of the current filter."""
    if getattr(state, "index", None) is None:
        return None
    name, _ = ask_save_path(parent, "Export slides handout", "handout.pdf",
                            "PDF document (*.pdf)")
    if not name:
        return None
    path = Path(name).with_suffix(".pdf")
    try:
        problems = export_handout(snapshot_of(state), path,
                                  timeline_file=getattr(state, "file", None))
    except (ExportError, ValueError) as err:
        warn(parent, "Export failed", str(err))
        return None
    if problems:
        warn(parent, "Images not shown",
             "The handout was written; these images are shown as placeholders:\n\n"
             + "\n".join(problems[:10]))
    return path
