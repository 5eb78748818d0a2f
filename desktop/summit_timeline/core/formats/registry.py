"""Which reader opens which file: by content first, then by extension.

Every entry point (GUI open, drag-and-drop, ``validate``, ``convert``,
``export``) goes through ``load_any`` so that they all accept the same files
and report problems the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Timeline
from ..problems import LoadError, Problem
from . import native
from .held import Loss

Reader = Callable[[bytes, str], native.Loaded]
Sniffer = Callable[[bytes, str], bool]


@dataclass(frozen=True)
class Format:
    name: str
    """Short id used by ``--to`` and in messages."""
    label: str
    extensions: tuple[str, ...]
    sniff: Sniffer
    read: Reader | None = None
    write: Callable[[Timeline], bytes] | None = None


def _sniff_native(head: bytes, name: str) -> bool:
    return b'"summit-timeline/' in head[:4096] or name.endswith(".timeline.json")


FORMATS: list[Format] = [
    Format("native", "Summit Timeline", (".timeline.json", ".json"), _sniff_native,
           native.decode, native.encode),
]


def all_formats() -> list[Format]:
    """Every known format, importing the non-native readers on first use.

    They pull in icalendar and defusedxml, which the common case (opening a
    native file at start-up) never needs, so they load only when asked for.
    """
    from . import all_formats as _  # noqa: F401  (registers on import)

    return list(FORMATS)


def writers() -> list[Format]:
    return [f for f in all_formats() if f.write is not None]


def writer_for(filename: str, forced: str | None = None) -> Format | None:
    """The format to write: ``forced`` by name, else the longest matching extension."""
    if forced:
        return next((f for f in writers() if f.name == forced.lower()), None)
    lower = filename.lower()
    best: tuple[int, Format] | None = None
    for fmt in writers():
        for ext in fmt.extensions:
            if lower.endswith(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), fmt)
    return best[1] if best else None


def losses(fmt: Format, timeline: Timeline) -> list[Loss]:
    """What ``fmt`` cannot hold of ``timeline``, and what becomes of each (empty for the
    native format)."""
    from .all_formats import LOSSES

    lost = LOSSES.get(fmt.name)
    return [] if lost is None else lost(timeline)


def file_filters(formats: list[Format]) -> list[str]:
    """Qt file-dialog filters, one per format: ``Label (*.ext1 *.ext2)``."""
    return [f"{f.label} ({' '.join('*' + e for e in f.extensions)})" for f in formats]


def register(fmt: Format) -> None:
    """Formats register themselves here; native stays first so it wins ties."""
    FORMATS[:] = [f for f in FORMATS if f.name != fmt.name] + [fmt]


def detect(data: bytes, name: str) -> Format | None:
    lower = name.lower()
    if _sniff_native(data, lower):
        return FORMATS[0]
    formats = all_formats()
    for fmt in formats:
        if fmt.read is not None and fmt.sniff(data, lower):
            return fmt
    for fmt in formats:
        if fmt.read is not None and lower.endswith(fmt.extensions):
            return fmt
    return None


def load_any(path: str | os.PathLike[str]) -> native.Loaded:
    name = os.fspath(path)
    data = native.read_bytes(name)
    fmt = detect(data, name)
    if fmt is None or fmt.read is None:
        known = ", ".join(dict.fromkeys(e for f in all_formats() if f.read for e in f.extensions))
        raise LoadError(name, [Problem(name, f"not a timeline file this app can read "
                                             f"(known kinds: {known})", "")])
    loaded = fmt.read(data, name)
    loaded.warnings.sort(key=lambda w: (w.line, w.column))  # top to bottom, as people read
    return loaded
