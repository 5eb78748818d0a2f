"""Images decode scaled to their place, and every failure becomes a placeholder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from summit_timeline.qt.media_image import load_image

MEDIA = Path(__file__).parents[1] / "data" / "media"


def test_a_local_png_shows_its_pixels(qapp) -> None:  # type: ignore[no-untyped-def]
    shown = load_image(MEDIA / "flag-64x48.png", QSize(640, 480))
    assert shown.image is not None and shown.problem == ""
    assert (shown.image.width(), shown.image.height()) == (64, 48), "never enlarged"
    assert QColor(shown.image.pixel(10, 10)).name() == "#2471a3"
    assert QColor(shown.image.pixel(50, 10)).name() == "#c0392b"


def test_a_large_image_is_scaled_down_while_reading(qapp) -> None:  # type: ignore[no-untyped-def]
    shown = load_image(MEDIA / "flag-64x48.jpg", QSize(32, 32))
    assert shown.image is not None
    assert (shown.image.width(), shown.image.height()) == (32, 24)


def test_an_svg_is_drawn_without_reaching_outside(qapp) -> None:  # type: ignore[no-untyped-def]
    shown = load_image(MEDIA / "self-contained.svg", QSize(240, 240))
    assert shown.image is not None and shown.image.width() == 120
    refused = load_image(MEDIA / "reaches-out.svg", QSize(240, 240))
    assert refused.image is None and "http://example.invalid" in refused.problem


def test_a_truncated_jpeg_gives_a_placeholder_and_a_reason(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = (MEDIA / "flag-64x48.jpg").read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(data[: len(data) // 2])
    shown = load_image(cut, QSize(640, 480))
    assert shown.image is None and "cut.jpg" in shown.problem and "cut short" in shown.problem


def test_pixels_that_do_not_decode_give_a_placeholder(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A complete, plausible header over damaged pixel data passes the byte checks;
    the decoder's failure still ends in a placeholder, not an exception."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))
    damaged = tmp_path / "damaged.png"
    damaged.write_bytes(b"\x89PNG\r\n\x1a\n"
                        + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 48, 8, 2, 0, 0, 0))
                        + chunk(b"IDAT", b"not zlib data at all") + chunk(b"IEND", b""))
    shown = load_image(damaged, QSize(640, 480))
    assert shown.image is None and "damaged.png" in shown.problem
