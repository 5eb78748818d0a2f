"""The Linux desktop files and the icons: valid, complete, and installable."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from summit_timeline import desktop_integration as di

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "desktop" / "summit_timeline" / "resources" / "linux"
ICONS = ROOT / "desktop" / "summit_timeline" / "resources" / "icons"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def test_desktop_file_validates() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate not installed")
    done = subprocess.run([tool, str(LINUX / "summit-timeline.desktop")], capture_output=True,
                          text=True)
    assert done.returncode == 0 and "error" not in done.stdout, done.stdout


def test_metainfo_validates() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli not installed")
    metainfo = LINUX / f"{di.METAINFO_ID}.metainfo.xml"
    done = subprocess.run([tool, "validate", "--no-net", str(metainfo)], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mime_xml_gives_timeline_json_its_own_type() -> None:
    root = ET.parse(LINUX / "summit-timeline-mime.xml").getroot()
    (mime,) = root.findall(f"{MIME_NS}mime-type")
    assert mime.get("type") == di.MIME_TYPE
    assert mime.find(f"{MIME_NS}sub-class-of").get("type") == "application/json"
    glob = mime.find(f"{MIME_NS}glob")
    assert glob.get("pattern") == "*.timeline.json" and int(glob.get("weight")) > 50


def test_icons_exist_in_every_size_and_the_svg_parses() -> None:
    svg = ET.parse(ICONS / "summit-timeline.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") == "0 0 256 256"
    for size in (16, 24, 32, 48, 64, 128, 256):
        data = (ICONS / f"summit-timeline-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (size, size)
    ico = (ICONS / "summit-timeline.ico").read_bytes()
    assert ico[:4] == b"\0\0\1\0" and struct.unpack("<H", ico[4:6])[0] == 7
    icns = (ICONS / "summit-timeline.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_icons_are_up_to_date_with_the_svg() -> None:
    done = subprocess.run([os.sys.executable, str(ROOT / "packaging" / "make_icons.py"), "--check"],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr


def test_icon_check_notices_a_changed_icon(tmp_path: Path) -> None:
    for icon in ICONS.iterdir():
        (tmp_path / icon.name).write_bytes(icon.read_bytes())
    # The 16 px drawing where the 128 px one belongs: plainly not the SVG at 128 px.
    (tmp_path / "summit-timeline-128.png").write_bytes(
        (ICONS / "summit-timeline-16.png").read_bytes())
    done = subprocess.run([os.sys.executable, str(ROOT / "packaging" / "make_icons.py"), "--check",
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 1
    assert "summit-timeline-128.png" in done.stderr and "-64.png" not in done.stderr


def test_exec_quoting_follows_the_desktop_entry_spec() -> None:
    assert di.quote_exec_arg("/opt/app/summit-timeline") == "/opt/app/summit-timeline"
    assert di.quote_exec_arg("/home/a b/bin/app") == '"/home/a b/bin/app"'
    assert di.quote_exec_arg('/x/"q"$') == '"/x/\\\\"q\\\\"\\\\$"'
    assert di.quote_exec_arg("/x/100%") == "/x/100%%"
    text = di.desktop_entry_text("[Desktop Entry]\nExec=old %f\nTryExec=old\n[Desktop Action x]\n"
                                 "Exec=keep\n", ["/a b/py", "-m", "summit_timeline"])
    assert 'Exec="/a b/py" -m summit_timeline %f' in text
    assert "TryExec" not in text and "Exec=keep" in text
