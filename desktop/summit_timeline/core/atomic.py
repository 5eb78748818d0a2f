"""Crash-safe file replacement.

A save that dies half-way (kill -9, power loss, full disk) must leave either
the old file or the new one, never a torn mix: write a sibling temporary
file, flush and fsync it, rename it over the target (atomic on POSIX and on
NTFS via ``os.replace``), then fsync the directory so the rename itself
survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp_name, _mode_for(target))
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(target.parent)


def _mode_for(target: Path) -> int:
    """Keep an existing file's mode; give a new one what a plain ``open`` would.

    ``mkstemp`` creates files readable by their owner only, which would lock
    other reviewers out of a sidecar in a shared folder.
    """
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()
"""Read once at import, since reading it means setting it (not thread-safe)."""


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
