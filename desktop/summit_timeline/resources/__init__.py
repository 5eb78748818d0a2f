"""One place that knows where the files the program reads live.

They are package data beside this module (default data, JSON Schema, icons,
desktop-integration files), so an editable checkout, an installed wheel and
a PyInstaller bundle (which collects this folder under ``sys._MEIPASS``) all
find them the same way.  Everything asks here, so moving them touches one
file.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DEFAULT_DATASET = "data/putin-xi-meetings.timeline.json"
FORMER_DEFAULT_NAMES = ("putin-xi-2024.timeline.json",)
"""Names the bundled file had before; reviewers' notes kept under them follow it."""
SCHEMA = "schema/summit-timeline-1.schema.json"


def resource_root() -> Path:
    # Installed as plain files (wheel, editable, bundle), the traversable is a
    # real directory; a zipped install is not supported, so fail loudly.
    root = Path(str(files(__name__)))
    if not root.is_dir():
        raise RuntimeError(f"bundled resources not found at {root}")
    return root


def resource(relative: str) -> Path:
    return resource_root() / relative


def default_dataset() -> Path:
    return resource(DEFAULT_DATASET)


def is_default_dataset(path: str | Path) -> bool:
    """Whether ``path`` is the bundled dataset (kept out of recent files; its
    review notes live in the user's data folder, never beside it)."""
    try:
        return Path(path).resolve() == default_dataset().resolve()
    except OSError:
        return False
