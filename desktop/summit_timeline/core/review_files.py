"""The file side of review sidecars: where they go, locking, and keeping broken ones.

Split from ``review_store`` so the store reads as the rules about notes
(edit, merge, flush) while this module holds the operating-system details
(platform folders, ``flock``/``msvcrt`` locks, file modes) that the store
relies on.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

APP_DIR: Final = "summit-timeline"
LOCK_TIMEOUT: Final = 5.0
"""Seconds to wait for another process's save; saves take milliseconds."""

Fingerprint = tuple[int, int, int]


# ---------------------------------------------------------------- where


def sidecar_name(timeline_name: str) -> str:
    """``NAME.review.json`` for ``NAME.timeline.json`` (or ``NAME.json``); other
    formats keep their extension (``NAME.csv.review.json``) so two timelines
    that differ only in format do not share notes."""
    for suffix in (".timeline.json", ".json"):
        if timeline_name.lower().endswith(suffix) and len(timeline_name) > len(suffix):
            return timeline_name[: -len(suffix)] + ".review.json"
    return timeline_name + ".review.json"


def user_data_dir() -> Path:
    """The per-user folder for reviews that cannot sit beside their timeline."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        # The XDG spec says relative values are invalid and must be ignored.
        base = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".local" / "share"
    return base / APP_DIR / "reviews"


def beside_path(timeline_path: str | os.PathLike[str]) -> Path:
    """The sidecar's place beside its timeline, whether or not it can be written there."""
    path = Path(timeline_path)
    return path.parent / sidecar_name(path.name)


def sidecar_path(timeline_path: str | os.PathLike[str], bundled: bool = False) -> Path:
    """Where the notes for a timeline file are kept.

    Beside the timeline when its folder is writable; otherwise (and always for
    the bundled default, which sits inside the installation) in the user's
    data folder, under a name made from the file name and a hash.  The hash
    keeps two ``data.timeline.json`` from different folders apart; for the
    bundled file it is taken from the name alone, because a one-file
    PyInstaller build unpacks to a new temporary folder on every start and a
    hash of the full path would lose the notes each time.
    """
    path = Path(timeline_path)
    name = sidecar_name(path.name)
    beside = path.parent / name
    if not bundled and _writable(path.parent, beside):
        return beside
    key = f"bundled:{path.name}" if bundled else os.fspath(path.resolve())
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    stem = name[: -len(".review.json")]
    return user_data_dir() / f"{stem}-{digest}.review.json"


def adopt_former_sidecar(timeline_path: str | os.PathLike[str],
                         former_names: tuple[str, ...]) -> None:
    """Notes kept for the bundled timeline under a name it had before follow it.

    The bundled sidecar's name comes from the file's name, so renaming the
    bundled file would otherwise leave a reviewer's notes behind.  Moved only
    when the new name has no notes yet; if moving fails they stay where they
    were, untouched.
    """
    new = sidecar_path(timeline_path, bundled=True)
    if new.exists():
        return
    for name in former_names:
        old = sidecar_path(Path(timeline_path).with_name(name), bundled=True)
        if old.exists():
            with contextlib.suppress(OSError):
                os.replace(old, new)
            return


def _writable(folder: Path, sidecar: Path) -> bool:
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not sidecar.exists() or os.access(sidecar, os.W_OK)


# ---------------------------------------------------------------- the store


# ---------------------------------------------------------------- how


class ReviewBusyError(OSError):
    """Another process held the sidecar's lock for too long; the edit stays dirty."""


def fingerprint(path: Path) -> Fingerprint | None:
    """Identity of the file's current version: every atomic save makes a new inode."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def move_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    serial = 1
    while target.exists():
        serial += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{serial}")
    os.rename(path, target)
    return target


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files of saves that were killed half-way (the lock is held, so
    no save is running now); ``write_atomic`` names them ``.NAME.*.tmp``."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


@contextlib.contextmanager
def locked(path: Path, *, create_dir: bool) -> Iterator[None]:
    """Hold ``.NAME.lock`` beside the sidecar; the OS drops it if the holder dies.

    Without the lock, two processes could each read, merge and rename in
    turn and the later rename would drop the other's notes.  If the lock file
    cannot be created (a read-only folder) reading goes ahead unlocked:
    nothing can be written there anyway.
    """
    if create_dir:
        path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(f".{path.name}.lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        if create_dir:
            raise
        yield
        return
    try:
        _acquire(fd, lock_path)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _acquire(fd: int, lock_path: Path) -> None:
    deadline = time.monotonic() + LOCK_TIMEOUT
    while not _try_lock(fd):
        if time.monotonic() > deadline:
            raise ReviewBusyError(f"{lock_path}: another process is saving these notes; "
                                  "will retry")
        time.sleep(0.005)
