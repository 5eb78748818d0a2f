"""Build the Debian package from the one-folder bundle (``make deb``).

    python3 packaging/build_deb.py [--bundle dist/summit-timeline] [--out dist] [--no-lintian]

Writes ``dist/summit-timeline_VERSION_ARCH.deb`` with ``dpkg-deb`` (no
network), holding:

- the bundle under ``/opt/summit-timeline`` and the launcher
  ``/usr/bin/summit-timeline`` (a link to it);
- the menu entry, AppStream metadata, MIME type and hicolor icons under
  ``/usr/share``: the very files ``--install-desktop`` writes for one user
  (``desktop_integration.install`` is called with ``/usr/share`` as the data
  home), with ``Exec=summit-timeline %f``;
- a manual page, the copyright file, the changelog, lintian overrides
  (each explained in ``docs/packaging.md``), and maintainer scripts that
  refresh the desktop, MIME and icon caches when those tools exist.

``Depends`` joins what ``dpkg-shlibdeps`` finds the bundle's libraries
linked against (versioned, from this system's symbols files), the system
libraries Qt loads that ``tools/ensure_qt_libs.sh`` lists, and ``tzdata``
(time zones for calendar files come from the system).  The Wayland
libraries are only ``Recommends``: without them Qt falls back to X11
(XWayland), and the CJK font too.  Then ``lintian`` checks the package;
any error fails the build.  Standard library only; run by any Python 3.
"""

from __future__ import annotations

import argparse
import gzip
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))
sys.dont_write_bytecode = True  # no __pycache__ of ours in the source tree
from summit_timeline import __version__, desktop_integration  # noqa: E402

PACKAGE = "summit-timeline"
OPT = Path("opt") / PACKAGE
SOURCES = ROOT / "packaging" / "debian"
QT_LIBS_SCRIPT = ROOT / "tools" / "ensure_qt_libs.sh"
DEFAULT_MAINTAINER = "Summit Timeline contributors <summit-timeline@example.org>"
# Loaded only by Qt's Wayland plugins; Qt uses X11 when they cannot load.
WAYLAND = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
BUILD_TOOLS = {"dpkg-shlibdeps": "dpkg-dev", "readelf": "binutils", "lintian": "lintian"}


def maintainer() -> str:
    """``DEBFULLNAME <DEBEMAIL>`` as Debian's own tools take it, else the project."""
    name, mail = os.environ.get("DEBFULLNAME", ""), os.environ.get("DEBEMAIL", "")
    return f"{name} <{mail}>" if name and mail else DEFAULT_MAINTAINER


def changelog_version() -> str:
    first = (SOURCES / "changelog").read_text(encoding="utf-8").splitlines()[0]
    found = re.match(rf"{PACKAGE} \(([^)]+)\)", first)
    return found.group(1) if found else ""


def changelog_epoch() -> int:
    """The newest changelog entry's date: the timestamp of every file, so two
    builds of one version are identical (SOURCE_DATE_EPOCH)."""
    from email.utils import parsedate_to_datetime

    for line in (SOURCES / "changelog").read_text(encoding="utf-8").splitlines():
        if line.startswith(" -- "):
            return int(parsedate_to_datetime(line.split("  ", 1)[1]).timestamp())
    raise SystemExit("build_deb: packaging/debian/changelog has no trailer line")


def write_gz(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9,
                                               filename="", mtime=0) as out:
        out.write(text.encode("utf-8"))


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def stage(bundle: Path, root: Path) -> None:
    shutil.copytree(bundle, root / OPT, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    # Absolute, as policy wants for links between top-level folders; the
    # bundle finds its _internal folder from the resolved executable.
    (root / "usr" / "bin" / PACKAGE).symlink_to(f"/{OPT}/{PACKAGE}")
    desktop_integration.install(root / "usr" / "share", command=[PACKAGE], run_tools=False)
    doc = root / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copyfile(SOURCES / "copyright", doc / "copyright")
    changelog = (SOURCES / "changelog").read_text(encoding="utf-8")
    write_gz(doc / "changelog.gz", changelog.replace("@MAINTAINER@", maintainer()))
    manual = (SOURCES / f"{PACKAGE}.1").read_text(encoding="utf-8")
    write_gz(root / "usr" / "share" / "man" / "man1" / f"{PACKAGE}.1.gz",
             manual.replace("@VERSION@", __version__))
    overrides = root / "usr" / "share" / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copyfile(SOURCES / "lintian-overrides", overrides / PACKAGE)
    control = root / "DEBIAN"
    control.mkdir()
    for script in ("postinst", "postrm"):
        shutil.copyfile(SOURCES / script, control / script)
    normalise_modes(root)


def normalise_modes(root: Path) -> None:
    """0755 for folders, the program and maintainer scripts; 0644 for the rest
    (libraries need no execute bit; menu entries must not have one)."""
    executables = {root / OPT / PACKAGE, root / "DEBIAN" / "postinst", root / "DEBIAN" / "postrm"}
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() or path in executables else 0o644)


def needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\).*\[(.+?)\]", out)


def shlib_depends(root: Path) -> list[str]:
    """What ``dpkg-shlibdeps`` says the bundle's ELF files need from the system.

    Files linked against a Wayland library are left out of its input (they
    are optional plugins, and those libraries may be absent here); the rest
    load every library that those plugins share with Qt."""
    files = [p for p in sorted((root / OPT).rglob("*")) if is_elf(p)
             and not any(name in WAYLAND for name in needed(p))]
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "debian").mkdir()
        (Path(tmp) / "debian" / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n", encoding="utf-8")
        done = subprocess.run(["dpkg-shlibdeps", "-O", "--ignore-missing-info",
                               "--warnings=0", *map(str, files)],
                              cwd=tmp, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build_deb: dpkg-shlibdeps failed:\n{done.stderr[-3000:]}")
    line = next((x for x in done.stdout.splitlines() if x.startswith("shlibs:Depends=")), "")
    return [dep.strip() for dep in line.partition("=")[2].split(",") if dep.strip()]


def qt_system_packages() -> list[str]:
    """The packages ``tools/ensure_qt_libs.sh`` installs for Qt (one list)."""
    found = re.search(r'pkgs="([^"]+)"', QT_LIBS_SCRIPT.read_text(encoding="utf-8"))
    if not found:
        raise SystemExit(f"build_deb: no pkgs=\"...\" list in {QT_LIBS_SCRIPT}")
    return found.group(1).split()


def relations(root: Path) -> tuple[str, str]:
    """(Depends, Recommends): one entry per package, versioned where known."""
    depends: dict[str, str] = {}
    for dep in shlib_depends(root):
        depends[dep.split()[0]] = dep
    recommends = dict.fromkeys(sorted(set(WAYLAND.values())))
    for name in qt_system_packages():
        if name.startswith("fonts-"):
            recommends[name] = None
        else:
            depends.setdefault(name, name)
    depends.setdefault("tzdata", "tzdata")
    return ", ".join(depends[k] for k in sorted(depends)), ", ".join(recommends)


def write_md5sums(root: Path) -> None:
    """``DEBIAN/md5sums``, which ``dpkg --verify`` (debsums) checks files against."""
    import hashlib

    lines = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] == "DEBIAN" or path.is_symlink() or not path.is_file():
            continue
        lines.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative.as_posix()}\n")
    (root / "DEBIAN" / "md5sums").write_text("".join(lines), encoding="utf-8")
    (root / "DEBIAN" / "md5sums").chmod(0o644)


def installed_size_kib(root: Path) -> int:
    """As dpkg-gencontrol counts it: each file rounded up to 1 KiB, 1 KiB for
    every other entry."""
    total = 0
    for path in root.rglob("*"):
        if path.parts[len(root.parts)] == "DEBIAN":
            continue
        total += (math.ceil(path.lstat().st_size / 1024) or 1) if path.is_file() \
            and not path.is_symlink() else 1
    return total


def write_control(root: Path, architecture: str) -> None:
    depends, recommends = relations(root)
    text = (SOURCES / "control.in").read_text(encoding="utf-8")
    for key, value in {"VERSION": __version__, "ARCH": architecture, "MAINTAINER": maintainer(),
                       "INSTALLED_SIZE": str(installed_size_kib(root)), "DEPENDS": depends,
                       "RECOMMENDS": recommends}.items():
        text = text.replace(f"@{key}@", value)
    (root / "DEBIAN" / "control").write_text(text, encoding="utf-8")
    (root / "DEBIAN" / "control").chmod(0o644)


def ensure_tools() -> None:
    """Install the build tools when we can (root with apt-get), like
    ``tools/ensure_qt_libs.sh`` does for Qt; otherwise name them."""
    missing = sorted({pkg for tool, pkg in BUILD_TOOLS.items() if shutil.which(tool) is None})
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"build_deb: installing {' '.join(missing)}", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)
        return
    raise SystemExit(f"build_deb: needs {' '.join(missing)}: sudo apt-get install "
                     + " ".join(missing))


def run_lintian(deb: Path) -> bool:
    """Print lintian's findings; False if it reports an error."""
    done = subprocess.run(["lintian", "--fail-on", "error", "--display-info", str(deb)],
                          capture_output=True, text=True)
    findings = (done.stdout + done.stderr).strip()
    print(findings or "lintian: no findings")
    return done.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--no-lintian", action="store_true")
    args = parser.parse_args(argv)
    start = time.monotonic()
    if changelog_version() != __version__:
        raise SystemExit(f"build_deb: packaging/debian/changelog is at {changelog_version()}, "
                         f"the program at {__version__}: add a changelog entry first")
    if not (args.bundle / PACKAGE).is_file():
        raise SystemExit(f"build_deb: no bundle at {args.bundle} (run `make bundle`)")
    ensure_tools()
    architecture = subprocess.run(["dpkg", "--print-architecture"], capture_output=True,
                                  text=True, check=True).stdout.strip()
    deb = args.out / f"{PACKAGE}_{__version__}_{architecture}.deb"
    epoch = str(changelog_epoch())
    with tempfile.TemporaryDirectory(prefix="summit-deb-") as tmp:
        root = Path(tmp) / "root"
        stage(args.bundle, root)
        write_control(root, architecture)
        write_md5sums(root)
        args.out.mkdir(parents=True, exist_ok=True)
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz",
                        f"--threads-max={os.cpu_count() or 1}", "--build", str(root),
                        str(deb)], check=True, env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
                       stdout=subprocess.DEVNULL)
    size_mb = deb.stat().st_size / 2**20
    print(f"deb: {deb}  {size_mb:.1f} MB  built in {time.monotonic() - start:.0f} s")
    if args.no_lintian:
        return 0
    return 0 if run_lintian(deb) else 1


if __name__ == "__main__":
    raise SystemExit(main())
