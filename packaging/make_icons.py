"""Render every raster icon from ``desktop/summit_timeline/resources/icons/summit-timeline.svg``.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py [--check] [--out DIR]

Sizes up to 24 px come from ``summit-timeline-small.svg``, a variant drawn on
a 16-unit pixel grid (a line, one filled and one hollow marker) that stays
crisp at 16 px; larger sizes come from the full design.

Writes into that folder (or DIR):

- ``summit-timeline-{16,24,32,48,64,128,256}.png``: window icon and the
  freedesktop hicolor theme sizes;
- ``summit-timeline.ico``: the Windows icon, a multi-size ICO container that
  holds PNG images (supported since Windows Vista), 16 to 256 px;
- ``summit-timeline.icns``: the macOS icon, an ICNS container of PNG images
  from 16 to 1024 px (1x and 2x slots).

Only QtGui/QtSvg are used to draw; the ICO and ICNS containers are written
here byte by byte (both are small, documented formats).  ``--check``
verifies that the committed files show what the SVG renders to now (exit 1
and the names of stale files if not), within a level or two of antialiasing
that differs between Qt releases.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

ICON_DIR = (Path(__file__).resolve().parents[1] / "desktop" / "summit_timeline" / "resources"
            / "icons")
NAME = "summit-timeline"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types that hold PNG data, and the pixel size each one wants.
ICNS_TYPES: tuple[tuple[bytes, int], ...] = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16x16@2x
    (b"icp6", 64),
    (b"ic12", 64),  # 32x32@2x
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),  # 128x128@2x
    (b"ic09", 512),
    (b"ic14", 512),  # 256x256@2x
    (b"ic10", 1024),  # 512x512@2x
)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a ``size``-pixel square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
        raise SystemExit("make_icons: Qt could not encode PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file (ICONDIR + ICONDIRENTRYs + PNG payloads), smallest first."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, payload = [], []
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in a one-byte field
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        payload.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(payload)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns' + total length, then (type, length, PNG) elements."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


SMALL_MAX = 24


def build(svg: Path, small_svg: Path | None = None) -> dict[str, bytes]:
    """Every output file name mapped to its bytes."""
    wanted = set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES}
    small = small_svg if small_svg is not None and small_svg.is_file() else svg
    pngs = {size: render_png(small if size <= SMALL_MAX else svg, size)
            for size in sorted(wanted)}
    files = {f"{NAME}-{size}.png": pngs[size] for size in PNG_SIZES}
    files[f"{NAME}.ico"] = ico_bytes({size: pngs[size] for size in ICO_SIZES})
    files[f"{NAME}.icns"] = icns_bytes(pngs)
    return files


def ico_pngs(data: bytes) -> list[bytes]:
    """The PNG payloads of an ICO file, in directory order."""
    _reserved, _kind, count = struct.unpack_from("<HHH", data, 0)
    found = []
    for i in range(count):
        *_, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        found.append(data[offset:offset + length])
    return found


def icns_pngs(data: bytes) -> list[bytes]:
    """The PNG payloads of an ICNS file, in element order."""
    found, at = [], 8
    while at + 8 <= len(data):
        (length,) = struct.unpack_from(">I", data, at + 4)
        if length < 8:
            break
        found.append(data[at + 8:at + length])
        at += length
    return found


# Two renders of one SVG by different Qt releases differ by one level in a
# few antialiased edge pixels and compress differently, so "up to date"
# means the same size and every channel within this many levels.
PIXEL_TOLERANCE = 2


def same_picture(a: bytes, b: bytes) -> bool:
    from PySide6.QtGui import QImage

    first, second = QImage.fromData(a), QImage.fromData(b)
    if first.isNull() or second.isNull() or first.size() != second.size():
        return False
    fmt = QImage.Format.Format_RGBA8888
    first, second = first.convertToFormat(fmt), second.convertToFormat(fmt)
    width = first.width() * 4
    for y in range(first.height()):
        row_a = bytes(first.constScanLine(y))[:width]
        row_b = bytes(second.constScanLine(y))[:width]
        if row_a != row_b and max(abs(x - z) for x, z in zip(row_a, row_b, strict=True)) \
                > PIXEL_TOLERANCE:
            return False
    return True


def _payloads(name: str, data: bytes) -> list[bytes]:
    if name.endswith(".ico"):
        return ico_pngs(data)
    if name.endswith(".icns"):
        return icns_pngs(data)
    return [data]


def stale(files: dict[str, bytes], out: Path) -> Iterable[str]:
    for name, data in files.items():
        path = out / name
        if not path.is_file():
            yield name
            continue
        have, want = _payloads(name, path.read_bytes()), _payloads(name, data)
        if len(have) != len(want) or not all(map(same_picture, have, want)):
            yield name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--svg", type=Path, default=ICON_DIR / f"{NAME}.svg")
    parser.add_argument("--small-svg", type=Path, default=ICON_DIR / f"{NAME}-small.svg")
    parser.add_argument("--out", type=Path, default=ICON_DIR)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if any generated file is missing or stale")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (fonts, plugins)
    files = build(args.svg, args.small_svg)
    if args.check:
        bad = list(stale(files, args.out))
        for name in bad:
            print(f"make_icons: {args.out / name} is missing or out of date", file=sys.stderr)
        return 1 if bad else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
        print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
