"""Install the app into the current user's Linux desktop, and remove it again.

``summit-timeline --install-desktop`` puts, under ``$XDG_DATA_HOME`` (default
``~/.local/share``), following the freedesktop specifications:

- ``applications/summit-timeline.desktop`` (Desktop Entry spec), its
  ``Exec`` pointing at the launcher that is running now (the frozen bundle,
  the ``summit-timeline`` script, or ``python -m summit_timeline``);
- ``mime/packages/summit-timeline.xml`` (shared-mime-info): the type
  ``application/x-summit-timeline+json`` for ``*.timeline.json``;
- ``icons/hicolor/<N>x<N>/apps/summit-timeline.png`` and
  ``icons/hicolor/scalable/apps/summit-timeline.svg`` (Icon Theme spec);
- ``metainfo/io.github.summit_timeline.SummitTimeline.metainfo.xml`` (AppStream);

then runs ``update-mime-database``, ``update-desktop-database`` and
``xdg-mime default`` when they are installed, so the app shows in the menu
and opens ``.timeline.json`` files on double-click.  ``uninstall`` removes
exactly those files and the default-application entry it made.

Pure Python (standard library only): no Qt, so it runs before any window.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .resources import resource_root

APP_ID = "summit-timeline"
DESKTOP_ID = f"{APP_ID}.desktop"
METAINFO_ID = "io.github.summit_timeline.SummitTimeline"
MIME_TYPE = "application/x-summit-timeline+json"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
_DEFAULTS_GROUP = "[Default Applications]"


@dataclass(frozen=True)
class _Sources:
    desktop: Path
    mime: Path
    metainfo: Path
    icons: Path


def data_home(prefix: Path | None = None) -> Path:
    """Where per-user data goes: ``prefix``, else ``$XDG_DATA_HOME``, else ``~/.local/share``."""
    if prefix is not None:
        return Path(prefix)
    env = os.environ.get("XDG_DATA_HOME", "")
    # The spec says a relative value is invalid and must be ignored.
    if env and os.path.isabs(env):
        return Path(env)
    return Path.home() / ".local" / "share"


def config_home() -> Path:
    env = os.environ.get("XDG_CONFIG_HOME", "")
    if env and os.path.isabs(env):
        return Path(env)
    return Path.home() / ".config"


def _sources() -> _Sources:
    """The desktop files and icons shipped as package data."""
    root = resource_root()
    linux = root / "linux"
    return _Sources(
        desktop=linux / DESKTOP_ID,
        mime=linux / f"{APP_ID}-mime.xml",
        metainfo=linux / f"{METAINFO_ID}.metainfo.xml",
        icons=root / "icons",
    )


def targets(prefix: Path | None = None) -> dict[str, Path]:
    """Every file ``install`` writes, by role, under the data home."""
    home = data_home(prefix)
    found = {
        "desktop": home / "applications" / DESKTOP_ID,
        "mime": home / "mime" / "packages" / f"{APP_ID}.xml",
        "metainfo": home / "metainfo" / f"{METAINFO_ID}.metainfo.xml",
        "icon-scalable": home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    }
    for size in ICON_SIZES:
        theme_dir = home / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        found[f"icon-{size}"] = theme_dir / f"{APP_ID}.png"
    return found


def launcher_command() -> list[str]:
    """The command that starts this very installation of the app."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name.startswith(APP_ID) and argv0.is_file() \
            and os.access(argv0, os.X_OK):
        return [str(argv0.resolve())]
    # The script next to this interpreter (a venv's bin/) beats one on PATH.
    beside = Path(sys.executable).parent / APP_ID
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which(APP_ID)
    if found:
        return [str(Path(found).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "summit_timeline"]


def quote_exec_arg(arg: str) -> str:
    """One argument of an ``Exec`` key, quoted as the Desktop Entry spec requires.

    Inside double quotes, ``"`` `` ` `` ``$`` and ``\\`` are escaped with a
    backslash; then the whole value is escaped as a desktop-file string, which
    doubles every backslash again.  ``%`` is doubled so it is not a field code.
    """
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    arg = arg.replace("%", "%%")
    if arg and not (set(arg) & reserved):
        return arg
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return '"' + inner.replace("\\", "\\\\") + '"'


def desktop_entry_text(template: str, command: Sequence[str]) -> str:
    """The template with its ``Exec`` key set to ``command`` plus ``%f``.

    ``TryExec`` is dropped: the launcher may be ``python -m ...``, and an
    absolute ``Exec`` already hides the entry if the launcher is gone.
    """
    exec_value = " ".join(quote_exec_arg(part) for part in command) + " %f"
    lines, in_main = [], False
    for line in template.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            in_main = stripped == "[Desktop Entry]"
        elif in_main and stripped.startswith("Exec="):
            line = f"Exec={exec_value}"
        elif in_main and stripped.startswith("TryExec="):
            continue
        lines.append(line)
    return "\n".join(lines).rstrip("\n") + "\n"


def install(prefix: Path | None = None, *, command: Sequence[str] | None = None,
            run_tools: bool = True) -> list[Path]:
    """Install for the current user; return the files written."""
    src = _sources()
    dest = targets(prefix)
    missing = [p for p in (src.desktop, src.mime, src.metainfo, src.icons / f"{APP_ID}.svg")
               if not p.is_file()]
    if missing:
        raise FileNotFoundError("desktop integration files not found: "
                                + ", ".join(str(p) for p in missing))
    written: list[Path] = []

    def put(target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written.append(target)

    template = src.desktop.read_text(encoding="utf-8")
    put(dest["desktop"], desktop_entry_text(template, command or launcher_command()).encode())
    os.chmod(dest["desktop"], 0o755)  # some file managers want launchers executable
    put(dest["mime"], src.mime.read_bytes())
    put(dest["metainfo"], src.metainfo.read_bytes())
    put(dest["icon-scalable"], (src.icons / f"{APP_ID}.svg").read_bytes())
    for size in ICON_SIZES:
        png = src.icons / f"{APP_ID}-{size}.png"
        if png.is_file():
            put(dest[f"icon-{size}"], png.read_bytes())
    if run_tools:
        refresh(prefix)
        _run(["xdg-mime", "default", DESKTOP_ID, MIME_TYPE], env=_xdg_env(prefix))
    return written


def uninstall(prefix: Path | None = None, *, run_tools: bool = True) -> list[Path]:
    """Remove what ``install`` wrote; return the files removed."""
    removed = []
    for path in targets(prefix).values():
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    _forget_default()
    if run_tools:
        refresh(prefix)
    return removed


def refresh(prefix: Path | None = None) -> None:
    """Rebuild the per-user MIME and desktop caches (when the tools exist)."""
    home = data_home(prefix)
    if (home / "mime" / "packages").is_dir():
        _run(["update-mime-database", str(home / "mime")])
    if (home / "applications").is_dir():
        _run(["update-desktop-database", str(home / "applications")])
    hicolor = home / "icons" / "hicolor"
    if (hicolor / "index.theme").is_file():
        _run(["gtk-update-icon-cache", "--quiet", "--ignore-theme-index", str(hicolor)])
    else:
        # an icon cache older than the new icons is ignored; touching the
        # theme folder tells GTK to look again
        if hicolor.is_dir():
            os.utime(hicolor)


def _xdg_env(prefix: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if prefix is not None:
        env["XDG_DATA_HOME"] = str(data_home(prefix))
    return env


def _run(cmd: list[str], env: dict[str, str] | None = None) -> bool:
    if shutil.which(cmd[0]) is None:
        return False
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _forget_default() -> None:
    """Remove our ``[Default Applications]`` entry from ``mimeapps.list``.

    Only the value ``xdg-mime default`` wrote is touched; if the user has
    since chosen another default for the type, it stays.
    """
    path = config_home() / "mimeapps.list"
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return
    out, group, changed = [], "", False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            group = stripped
        elif group == _DEFAULTS_GROUP and stripped.startswith(f"{MIME_TYPE}="):
            apps = [a for a in stripped.split("=", 1)[1].split(";") if a and a != DESKTOP_ID]
            changed = True
            if not apps:
                continue
            line = f"{MIME_TYPE}={';'.join(apps)};"
        out.append(line)
    if changed:
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
        os.replace(tmp, path)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m summit_timeline.desktop_integration [install|uninstall] [--prefix DIR]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="summit_timeline.desktop_integration")
    parser.add_argument("action", choices=["install", "uninstall"])
    parser.add_argument("--prefix", type=Path, help="data home (default: $XDG_DATA_HOME "
                        "or ~/.local/share)")
    args = parser.parse_args(argv)
    try:
        files = install(args.prefix) if args.action == "install" else uninstall(args.prefix)
    except FileNotFoundError as err:
        print(f"summit-timeline: {err}", file=sys.stderr)
        return 1
    verb = "installed" if args.action == "install" else "removed"
    for path in files:
        print(f"{verb} {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
