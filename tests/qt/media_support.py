"""Timelines with pictures, made for the media tests: the bundled data ships none.

``with_media`` copies the bundled timeline into a folder of its own and gives
one event a picture (and speaker notes); the pictures are the small flags of
``tests/data/media``, a 30,000 × 30,000 PNG made here, or a JPEG cut in half.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import msgspec

from summit_timeline.core.formats.native import save
from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.model import Media, Timeline
from summit_timeline.resources import default_dataset

MEDIA = Path(__file__).parents[1] / "data" / "media"
BEIJING = "putin-xi-2024-05-16-beijing"
NOTES = "Open with the handshake photo; stress the joint statement."


def huge_png(path: Path, side: int = 30_000) -> Path:
    """A complete, valid black-and-white PNG of ``side`` × ``side`` pixels (about 100 KB
    on disk, 900 MB once decoded to bytes), written row by row."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + \
            struct.pack(">I", zlib.crc32(kind + body))

    packer = zlib.compressobj(9)
    row = b"\0" * (1 + (side + 7) // 8)
    parts = [packer.compress(row * 500) for _ in range(side // 500)]
    parts.append(packer.compress(row * (side % 500)))
    parts.append(packer.flush())
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
                     + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b""))
    return path


def truncated_jpeg(path: Path) -> Path:
    data = (MEDIA / "flag-64x48.jpg").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def with_media(folder: Path, media: tuple[Media, ...], event_id: str = BEIJING,
               notes: str = NOTES) -> tuple[Path, Timeline]:
    """The bundled timeline saved in ``folder`` with ``media`` (files relative to it) and
    speaker notes on ``event_id``."""
    timeline = load_any(str(default_dataset())).timeline
    events = tuple(msgspec.structs.replace(e, media=media, notes=notes) if e.id == event_id
                   else e for e in timeline.events)
    changed = msgspec.structs.replace(timeline, events=events)
    path = folder / "meetings.timeline.json"
    save(changed, path)
    return path, changed


def flag_picture(folder: Path) -> str:
    """A photograph-sized PNG (960 × 640) of the test flag: blue left, red right, in a
    sub-folder; returns its path relative to ``folder``."""
    from PySide6.QtGui import QColor, QImage

    flag = QImage(str(MEDIA / "flag-64x48.png")).scaled(960, 640)
    blue, red = QColor(flag.pixel(10, 10)).name(), QColor(flag.pixel(900, 10)).name()
    assert (blue, red) == ("#2471a3", "#c0392b")
    target = folder / "pictures"
    target.mkdir(exist_ok=True)
    flag.save(str(target / "flag.png"), "PNG")
    return "pictures/flag.png"
