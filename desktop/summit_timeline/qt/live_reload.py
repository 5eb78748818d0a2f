"""Noticing that the open timeline or its review sidecar changed on disk.

Editors save in different ways: some write in place, most write a new file
and rename it over the old one, which makes ``QFileSystemWatcher`` drop the
path.  So the folder is watched as well, every notification only (re)starts
a short timer, and the check that follows re-adds the paths and compares each
file's (mtime, size, inode) with the version last seen.  Only a real change
is reported, once, however many notifications a save produced.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from ..core.model import Timeline

if TYPE_CHECKING:
    from ..core.review_files import Fingerprint

SETTLE_MS: Final = 200
"""Editors write a file in several steps; wait until they are done."""


class FileWatch(QObject):
    sigTimelineChanged = Signal(str)
    sigSidecarChanged = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timeline: Path | None = None
        self._sidecar: Path | None = None
        self._seen: dict[Path, Fingerprint | None] = {}
        self.watcher.fileChanged.connect(self._on_watcher_changed)
        self.watcher.directoryChanged.connect(self._on_watcher_changed)
        self._timer.timeout.connect(self.check)

    def watch(self, timeline: str | os.PathLike[str] | None,
              sidecar: str | os.PathLike[str] | None) -> None:
        """Follow these two files from their current versions on."""
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)
        self._timeline = Path(timeline) if timeline is not None else None
        self._sidecar = Path(sidecar) if sidecar is not None else None
        from ..core.review_files import fingerprint  # hashlib: not needed before the first frame

        self._seen = {p: fingerprint(p) for p in self._targets()}
        self._add_paths()

    def check(self) -> None:
        """Report each followed file whose version changed since last seen."""
        from ..core.review_files import fingerprint

        self._timer.stop()
        self._add_paths()
        for path in self._targets():
            now = fingerprint(path)
            if now == self._seen.get(path) or now is None:
                continue  # unchanged, or mid-replace: the rename will notify again
            self._seen[path] = now
            if path == self._timeline:
                self.sigTimelineChanged.emit(os.fspath(path))
            else:
                self.sigSidecarChanged.emit(os.fspath(path))

    def _targets(self) -> list[Path]:
        return [p for p in (self._timeline, self._sidecar) if p is not None]

    def _add_paths(self) -> None:
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        wanted = []
        for path in self._targets():
            for candidate in (path, path.parent):
                name = os.fspath(candidate)
                if name not in watched and candidate.exists():
                    wanted.append(name)
                    watched.add(name)
        if wanted:
            self.watcher.addPaths(wanted)

    def _on_watcher_changed(self, _path: str) -> None:
        self._timer.start()


@dataclass(frozen=True)
class TimelineChanges:
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.modified)

    def text(self, limit: int = 4) -> str:
        """"2 added (a, b); 1 modified (c)": short enough for a status bar."""
        if self.empty:
            return "no event changed"
        parts = []
        for word, ids in (("added", self.added), ("removed", self.removed),
                          ("modified", self.modified)):
            if ids:
                shown = ", ".join(ids[:limit]) + (f", … {len(ids) - limit} more"
                                                  if len(ids) > limit else "")
                parts.append(f"{len(ids)} {word} ({shown})")
        return "; ".join(parts)


def timeline_changes(old: Timeline, new: Timeline) -> TimelineChanges:
    """Events by id: which appeared, which went, which differ in any field."""
    before = {e.id: e for e in old.events}
    after = {e.id: e for e in new.events}
    return TimelineChanges(
        added=tuple(i for i in after if i not in before),
        removed=tuple(i for i in before if i not in after),
        modified=tuple(i for i, e in after.items() if i in before and before[i] != e),
    )
