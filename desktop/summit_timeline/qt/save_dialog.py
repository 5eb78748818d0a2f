"""The save dialogs of every export: where they start, and remembering where they went.

Qt starts a dialog given a bare file name in the process's working folder:
the source checkout for someone who ran ``make run``, the package's own data
folder next to the bundled timeline, ``/`` for a desktop launch.  Every save
dialog starts instead in the folder last saved to, else the user's Pictures
(images) or Documents (everything else), else the home folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from .settings import Settings

Kind = Literal["pictures", "documents"]

_LOCATIONS = {"pictures": QStandardPaths.StandardLocation.PicturesLocation,
              "documents": QStandardPaths.StandardLocation.DocumentsLocation}


def start_folder(kind: Kind, settings: Settings | None = None) -> Path:
    """The last folder saved to if it is still there, else Pictures or Documents, else home."""
    last = (settings or Settings()).save_folder()
    if last and os.path.isdir(last):
        return Path(last)
    standard = QStandardPaths.writableLocation(_LOCATIONS[kind])
    if standard and os.path.isdir(standard):
        return Path(standard)
    return Path.home()


def ask_save_path(parent: QWidget | None, title: str, name: str, filters: str, *,
                  kind: Kind = "documents", settings: Settings | None = None
                  ) -> tuple[str, str]:
    """``QFileDialog.getSaveFileName`` starting in :func:`start_folder` with ``name``
    suggested; the folder chosen is remembered for the next save.  ``("", "")`` if
    cancelled."""
    settings = settings or Settings()
    start = start_folder(kind, settings) / Path(name).name
    path, chosen = QFileDialog.getSaveFileName(parent, title, os.fspath(start), filters)
    if path:
        settings.set_save_folder(os.fspath(Path(path).parent))
    return path, chosen
