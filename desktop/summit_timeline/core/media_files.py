"""Checks on an event's local image before anything decodes it.

Images come from data files that may be hostile or simply broken: a PNG
that claims 30,000 × 30,000 pixels needs 3.6 GB once decoded, a JPEG cut
short by a failed copy decodes to a grey half, an SVG can point at files or
addresses elsewhere.  Everything that can be told from the bytes is told
here, cheaply and without Qt: the real kind (from the content, not the
name), the pixel size from the header, whether the file is complete, and
whether an SVG is self-contained.  Only a file that passes is decoded.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal
from xml.etree.ElementTree import Element

from .model import Timeline

MAX_BYTES: Final = 64 * 1024 * 1024
MAX_PIXELS: Final = 50_000_000
"""About 8,000 × 6,000: more than any screen or page shows, and ~200 MB decoded."""
IMAGE_EXTENSIONS: Final = (".png", ".jpg", ".jpeg", ".webp", ".svg")

ImageKind = Literal["png", "jpeg", "webp", "svg"]


@dataclass(frozen=True, slots=True)
class CheckedImage:
    path: Path
    kind: ImageKind
    width: int
    height: int
    """Pixel size from the header; 0 × 0 for SVG (drawn at any size)."""
    data: bytes


class MediaProblem(ValueError):
    """Why an image is shown as a placeholder; the message names the file."""


def resolve(timeline_file: str | Path | None, relative: str) -> Path | None:
    """The media file's path, relative to the timeline file's folder.

    A media reference is data, so it may not climb out to arbitrary places
    with absolute paths; ``..`` within a project is fine.
    """
    if not relative or "://" in relative or relative.startswith(("data:", "javascript:")):
        return None
    candidate = Path(relative)
    if candidate.is_absolute():
        return None
    base = Path(timeline_file).parent if timeline_file else Path.cwd()
    return base / candidate


def is_image_name(name: str) -> bool:
    return name.lower().endswith(IMAGE_EXTENSIONS)


def file_problems(timeline: Timeline, timeline_file: str | Path | None
                  ) -> list[tuple[str, str]]:
    """(JSON path, message) for every local media file the views could not show.

    The window, the slides and the handout show a placeholder for these; a data
    author hears of them from ``validate`` before an audience sees one."""
    found = []
    for i, event in enumerate(timeline.events):
        for j, media in enumerate(event.media):
            if not media.file:
                continue
            where = f"$.events[{i}].media[{j}].file"
            path = resolve(timeline_file, media.file)
            if path is None:
                if Path(media.file).is_absolute():
                    found.append((where, f"'{media.file}' is an absolute path, which is never "
                                  "shown; give the path relative to the timeline file"))
                continue
            if not path.is_file():
                found.append((where, f"the media file '{media.file}' was not found "
                              f"(looked for {path.absolute()})"))
            elif is_image_name(media.file):
                try:
                    check_image(path)
                except MediaProblem as problem:
                    found.append((where, f"the picture is shown as a placeholder: {problem}"))
    return found


def check_image(path: Path) -> CheckedImage:
    """Read and check ``path``; raise ``MediaProblem`` saying what is wrong."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise MediaProblem(f"{path}: {size / 2**20:.0f} MB is larger than the "
                               f"{MAX_BYTES // 2**20} MB an image may be")
        data = path.read_bytes()
    except OSError as error:
        raise MediaProblem(f"{path}: cannot read the image: {error.strerror or error}") \
            from error
    kind = sniff(data)
    if kind is None:
        raise MediaProblem(f"{path}: not a PNG, JPEG, WebP or SVG image")
    if kind == "svg":
        check_svg(data, path)
        return CheckedImage(path, kind, 0, 0, data)
    width, height = _dimensions(kind, data, path)
    if width <= 0 or height <= 0:
        raise MediaProblem(f"{path}: the {kind.upper()} header gives no size")
    if width * height > MAX_PIXELS:
        raise MediaProblem(f"{path}: {width:,} × {height:,} pixels is more than the "
                           f"{MAX_PIXELS // 1_000_000} million an image may have")
    if not _complete(kind, data):
        raise MediaProblem(f"{path}: the {kind.upper()} file is cut short (truncated)")
    return CheckedImage(path, kind, width, height, data)


def sniff(data: bytes) -> ImageKind | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:4096].lower()):
        return "svg"
    return None


def _dimensions(kind: ImageKind, data: bytes, path: Path) -> tuple[int, int]:
    try:
        if kind == "png":
            if data[12:16] != b"IHDR":
                raise MediaProblem(f"{path}: the PNG has no header chunk")
            width, height = struct.unpack(">II", data[16:24])
            return int(width), int(height)
        if kind == "jpeg":
            return _jpeg_size(data, path)
        return _webp_size(data, path)
    except struct.error as error:
        raise MediaProblem(f"{path}: the {kind.upper()} header is cut short") from error


_SOF: Final = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB,
                         0xCD, 0xCE, 0xCF})


def _jpeg_size(data: bytes, path: Path) -> tuple[int, int]:
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            raise MediaProblem(f"{path}: the JPEG's markers are damaged")
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return int(width), int(height)
        at += 2 + length
    raise MediaProblem(f"{path}: the JPEG has no frame header (cut short?)")


def _webp_size(data: bytes, path: Path) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return int(width) & 0x3FFF, int(height) & 0x3FFF
    raise MediaProblem(f"{path}: unknown WebP chunk {chunk!r}")


def _complete(kind: ImageKind, data: bytes) -> bool:
    if kind == "png":
        return data.rstrip(b"\0")[-8:-4] == b"IEND"
    if kind == "jpeg":
        return data.rstrip(b"\0\r\n ")[-2:] == b"\xff\xd9"
    (riff_size,) = struct.unpack("<I", data[4:8])
    return len(data) >= 8 + int(riff_size)


_EXTERNAL_URL: Final = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_FORBIDDEN_TAGS: Final = frozenset({"script", "foreignobject", "iframe", "object", "embed",
                                    "audio", "video", "handler", "listener"})


def check_svg(data: bytes, path: Path) -> None:
    """Refuse an SVG that could reach outside itself (other files, addresses,
    scripts); only references inside the document (``#id``) pass."""
    import defusedxml.ElementTree as SafeTree  # only when an SVG is actually shown
    from defusedxml import DefusedXmlException

    try:
        root = SafeTree.fromstring(data)
    except DefusedXmlException as error:
        raise MediaProblem(f"{path}: the SVG declares entities or a DTD, which are "
                           "not allowed") from error
    except SyntaxError as error:  # ParseError, with its line and column
        raise MediaProblem(f"{path}: the SVG is not well-formed XML: {error}") from error
    if _local(root.tag) != "svg":
        raise MediaProblem(f"{path}: the document is not an SVG image")
    for element in root.iter():
        tag = _local(element.tag)
        if tag.lower() in _FORBIDDEN_TAGS:
            raise MediaProblem(f"{path}: the SVG holds a <{tag}> element, which is not "
                               "shown")
        _check_attributes(element, path)
        if tag == "style" and element.text and (_EXTERNAL_URL.search(element.text)
                                                or "@import" in element.text):
            raise MediaProblem(f"{path}: the SVG's style sheet refers to another file")


def _check_attributes(element: Element, path: Path) -> None:
    for name, value in element.attrib.items():
        local = _local(name)
        if local == "href" and not value.strip().startswith("#"):
            raise MediaProblem(f"{path}: the SVG refers to '{value[:80]}'; only images "
                               "that are complete in themselves are shown")
        if local.lower().startswith("on"):
            raise MediaProblem(f"{path}: the SVG holds a script attribute '{local}'")
        if _EXTERNAL_URL.search(value):
            raise MediaProblem(f"{path}: the SVG refers to another file in '{local}'")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]
