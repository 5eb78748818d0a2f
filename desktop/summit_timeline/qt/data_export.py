"""File → Export data: the open timeline in another tool's format.

The timeline is written as loaded (its latest truth, not the knowledge-date
view), because the point is to give people their data back.  Before writing,
the dialog says what the chosen format cannot hold, so nothing is lost
without the user knowing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.atomic import write_atomic
from ..core.formats.held import Loss
from ..core.formats.registry import Format, file_filters, losses, writer_for, writers
from ..core.model import Timeline
from .save_dialog import ask_save_path
from .widgets.message_box import message_box, warn


def export_data_dialog(parent: QWidget, timeline: Timeline, current_file: str | None) -> None:
    formats = writers()
    filters = file_filters(formats)
    stem = Path(current_file).name.split(".")[0] if current_file else "timeline"
    path, chosen = ask_save_path(parent, "Export data", stem, ";;".join(filters))
    if not path:
        return
    fmt = _format_for(path, chosen, formats, filters)
    if not path.lower().endswith(fmt.extensions):
        path += fmt.extensions[0]
    lost = losses(fmt, timeline)
    if lost and not confirm_losses(parent, fmt, lost):
        return
    message = write_data(Path(path), fmt, timeline)
    if message:
        warn(parent, "Export data", message)


def _format_for(path: str, chosen: str, formats: list[Format], filters: list[str]) -> Format:
    by_name = writer_for(path)
    if by_name is not None:
        return by_name
    return formats[filters.index(chosen)] if chosen in filters else formats[0]


def confirm_losses(parent: QWidget, fmt: Format, lost: list[Loss]) -> bool:
    box = message_box(QMessageBox.Icon.Information, "Export data",
                      f"{fmt.label} cannot hold everything in this timeline:", parent,
                      informative="\n".join(f"• {item}" for item in lost[:12])
                      + (f"\n… and {len(lost) - 12} more" if len(lost) > 12 else ""),
                      buttons=QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                      default=QMessageBox.StandardButton.Save)
    return box.exec() == QMessageBox.StandardButton.Save


def write_data(path: Path, fmt: Format, timeline: Timeline) -> str | None:
    """Write atomically; the error message to show, or None on success."""
    assert fmt.write is not None
    try:
        write_atomic(path, fmt.write(timeline))
    except OSError as error:
        return f"{path}: cannot write: {error.strerror or error}"
    return None
