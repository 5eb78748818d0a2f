"""One place that knows where bundled files live, frozen or from source.

From a checkout (the editable install the Makefile makes) they sit in the
repository's ``resources/``; in a PyInstaller bundle they are unpacked under
``sys._MEIPASS``.  Everything asks here, so moving them touches one file.
"""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_DATASET = "data/putin-xi-2024.timeline.json"
SCHEMA = "schema/summit-timeline-1.schema.json"


def resource_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen is not None:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


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
