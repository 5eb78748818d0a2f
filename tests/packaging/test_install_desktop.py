"""``--install-desktop`` into a temporary HOME: files where freedesktop says, lookups resolve."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from summit_timeline import desktop_integration as di


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    system_dirs = os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share")
    monkeypatch.setenv("XDG_DATA_DIRS", system_dirs)
    return tmp_path


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "share"),
            "XDG_CONFIG_HOME": str(home / "config")}


def test_install_lands_files_where_the_specs_say(home: Path) -> None:
    written = di.install(command=["/opt/summit timeline/summit-timeline"])
    share = home / "share"
    expected = {
        share / "applications" / "summit-timeline.desktop",
        share / "mime" / "packages" / "summit-timeline.xml",
        share / "metainfo" / f"{di.METAINFO_ID}.metainfo.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / "summit-timeline.svg",
        *(share / "icons" / "hicolor" / f"{n}x{n}" / "apps" / "summit-timeline.png"
          for n in (16, 24, 32, 48, 64, 128, 256)),
    }
    assert set(written) == expected
    assert all(path.is_file() for path in expected)
    desktop = (share / "applications" / "summit-timeline.desktop").read_text()
    assert 'Exec="/opt/summit timeline/summit-timeline" %f' in desktop
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(share / "applications" /
                               "summit-timeline.desktop")], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout
    if shutil.which("update-mime-database"):
        # the compiled database knows the type and its glob
        globs = (share / "mime" / "globs2").read_text()
        assert f":{di.MIME_TYPE}:*.timeline.json" in globs
        assert (share / "mime" / "application" / "x-summit-timeline+json.xml").is_file()
    if shutil.which("update-desktop-database"):
        cache = (share / "applications" / "mimeinfo.cache").read_text()
        assert f"{di.MIME_TYPE}=summit-timeline.desktop;" in cache


def test_default_launcher_is_this_installation(home: Path) -> None:
    di.install(run_tools=False)
    desktop = (home / "share" / "applications" / "summit-timeline.desktop").read_text()
    exec_line = next(line for line in desktop.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" %f")
    first = exec_line[len("Exec="):].split(" %f")[0].strip('"').split('" ')[0]
    assert Path(first.split(" -m ")[0].strip('"')).is_absolute()


def test_mime_lookups_resolve(home: Path, tmp_path: Path) -> None:
    di.install(command=["/usr/bin/true"])
    doc = tmp_path / "talks.timeline.json"
    doc.write_text("{}\n")
    plain = tmp_path / "other.json"
    plain.write_text("{}\n")
    env = _env(home)
    if shutil.which("xdg-mime"):
        def query(*args: str) -> str:
            return subprocess.run(["xdg-mime", "query", *args], env=env, capture_output=True,
                                  text=True, timeout=30).stdout.strip()

        assert query("default", di.MIME_TYPE) == "summit-timeline.desktop"
        kind = query("filetype", str(doc))
        if kind:  # xdg-mime needs a MIME backend (mimetype, file, gio) to answer
            assert kind == di.MIME_TYPE
            assert query("filetype", str(plain)) == "application/json"
    else:
        # No xdg-utils: resolve as they would, from the installed XML and mimeapps.list.
        root = ET.parse(home / "share" / "mime" / "packages" / "summit-timeline.xml").getroot()
        ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
        assert root.find(f"{ns}mime-type").find(f"{ns}glob").get("pattern") == "*.timeline.json"
        apps = (home / "share" / "applications" / "mimeinfo.cache")
        assert not apps.exists() or di.MIME_TYPE in apps.read_text()


def test_uninstall_removes_everything_it_installed(home: Path) -> None:
    written = di.install(command=["/usr/bin/true"])
    mimeapps = home / "config" / "mimeapps.list"
    if not mimeapps.exists():  # no xdg-mime: write what it would have
        mimeapps.parent.mkdir(parents=True, exist_ok=True)
        mimeapps.write_text(f"[Default Applications]\n{di.MIME_TYPE}=summit-timeline.desktop\n"
                            "text/plain=editor.desktop\n")
    removed = di.uninstall()
    assert set(removed) == set(written)
    assert not any(path.exists() for path in written)
    text = mimeapps.read_text()
    assert di.MIME_TYPE not in text
    if shutil.which("update-mime-database"):
        assert di.MIME_TYPE not in (home / "share" / "mime" / "globs2").read_text()
    assert di.uninstall() == []  # idempotent


def test_module_entry_point_installs_and_uninstalls(home: Path) -> None:
    for action in ("install", "uninstall"):
        done = subprocess.run([sys.executable, "-m", "summit_timeline.desktop_integration", action],
                              env=_env(home), capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "summit-timeline.desktop" in done.stdout
