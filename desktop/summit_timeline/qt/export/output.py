"""Getting rendered bytes onto disk, with one kind of error for every format.

Everything is rendered into memory first and written in one atomic step, so
a failed export (read-only folder, full disk) never leaves a torn file that
looks like a finished one, and the message names the file and the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from ...core.atomic import write_atomic


class ExportError(Exception):
    """An export that could not be made; ``str()`` is one line for a dialog or stderr."""


def memory_device() -> QBuffer:
    """A writable in-memory device for QPdfWriter, QSvgGenerator and QImage.save."""
    buffer = QBuffer()
    buffer.setData(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


def save_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder")
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: folder {target.parent} does not exist")
    try:
        write_atomic(target, data)
    except OSError as err:
        raise ExportError(f"cannot write {target}: {err.strerror or err}") from err
