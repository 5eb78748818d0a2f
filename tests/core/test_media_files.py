"""Local images are checked from their bytes before anything decodes them."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from summit_timeline.core.media_files import MediaProblem, check_image, resolve

MEDIA = Path(__file__).parents[1] / "data" / "media"


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` (the pixels never follow)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("name", ["flag-64x48.png", "flag-64x48.jpg", "flag-64x48.webp"])
def test_real_images_pass_with_their_size_from_the_header(name: str) -> None:
    checked = check_image(MEDIA / name)
    assert (checked.width, checked.height) == (64, 48)


def test_the_kind_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    disguised = tmp_path / "photo.png"
    disguised.write_bytes((MEDIA / "flag-64x48.jpg").read_bytes())
    assert check_image(disguised).kind == "jpeg"


def test_a_30000_pixel_square_png_is_refused_before_decoding(tmp_path: Path) -> None:
    huge = tmp_path / "huge.png"
    huge.write_bytes(_png_claiming(30_000, 30_000))
    with pytest.raises(MediaProblem, match=r"huge\.png: 30,000 × 30,000 pixels"):
        check_image(huge)


@pytest.mark.parametrize("name", ["flag-64x48.jpg", "flag-64x48.png", "flag-64x48.webp"])
def test_a_file_cut_short_is_refused(tmp_path: Path, name: str) -> None:
    data = (MEDIA / name).read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(MediaProblem, match="cut short"):
        check_image(cut)


def test_a_missing_file_and_a_non_image_are_named(tmp_path: Path) -> None:
    with pytest.raises(MediaProblem, match=r"nowhere\.png: cannot read"):
        check_image(tmp_path / "nowhere.png")
    text = tmp_path / "notes.png"
    text.write_text("just text", encoding="utf-8")
    with pytest.raises(MediaProblem, match=r"notes\.png: not a PNG, JPEG, WebP or SVG"):
        check_image(text)


def test_a_self_contained_svg_passes() -> None:
    assert check_image(MEDIA / "self-contained.svg").kind == "svg"


@pytest.mark.parametrize("body, reason", [
    ('<image href="http://example.invalid/a.png"/>', "refers to 'http://example.invalid"),
    ('<image href="file:///etc/passwd"/>', "refers to 'file:///etc/passwd'"),
    ('<image href="other.svg"/>', "refers to 'other.svg'"),
    ('<rect fill="url(http://example.invalid/p)"/>', "refers to another file"),
    ('<style>@import url(x.css);</style>', "style sheet refers to another file"),
    ("<script>alert(1)</script>", "<script>"),
    ('<rect onload="alert(1)"/>', "script attribute 'onload'"),
    ("<foreignObject><p>hi</p></foreignObject>", "<foreignObject>"),
])
def test_an_svg_that_reaches_outside_itself_is_refused(tmp_path: Path, body: str,
                                                       reason: str) -> None:
    svg = tmp_path / "bad.svg"
    svg.write_text(f'<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>', encoding="utf-8")
    with pytest.raises(MediaProblem, match=reason.replace("(", r"\(").replace("?", r"\?")):
        check_image(svg)


def test_the_svg_fixture_that_loads_a_remote_picture_is_refused() -> None:
    with pytest.raises(MediaProblem, match=r"reaches-out\.svg: .*http://example\.invalid"):
        check_image(MEDIA / "reaches-out.svg")


def test_an_svg_with_entities_is_refused(tmp_path: Path) -> None:
    svg = tmp_path / "bomb.svg"
    svg.write_text('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
                   '<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
                   encoding="utf-8")
    with pytest.raises(MediaProblem, match="entities"):
        check_image(svg)


def test_media_paths_are_relative_to_the_timeline_and_never_urls(tmp_path: Path) -> None:
    timeline = tmp_path / "data" / "meetings.timeline.json"
    assert resolve(timeline, "img/kazan.jpg") == tmp_path / "data" / "img" / "kazan.jpg"
    assert resolve(timeline, "https://example.invalid/a.jpg") is None
    assert resolve(timeline, "/etc/passwd") is None
    assert resolve(timeline, "data:image/png;base64,AAAA") is None
