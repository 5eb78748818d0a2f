"""Create ``.venv`` with a working pip, even where Debian left out ``ensurepip``.

A fresh Debian has python3 but not always python3-venv; ``python3 -m venv``
then fails.  In that case this makes the venv without pip and installs pip
from its wheel on PyPI (install time only: the app itself never uses the
network).  Standard library only, since nothing else exists yet.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import urllib.request
import venv
from pathlib import Path


def main(target: str) -> int:
    env_dir = Path(target)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    if python.exists() and _has_pip(python):
        return 0
    try:
        venv.EnvBuilder(with_pip=True).create(env_dir)
    except (subprocess.CalledProcessError, OSError) as err:
        print(f"bootstrap: venv with pip failed ({err}); installing pip from PyPI instead",
              file=sys.stderr)
        venv.EnvBuilder(with_pip=False, clear=True).create(env_dir)
        _install_pip(python)
    if not _has_pip(python):
        _install_pip(python)
    return 0


def _has_pip(python: Path) -> bool:
    probe = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True)
    return probe.returncode == 0


def _install_pip(python: Path) -> None:
    with urllib.request.urlopen("https://pypi.org/pypi/pip/json", timeout=60) as reply:
        meta = json.load(reply)
    wheel = next(u for u in meta["urls"] if u["filename"].endswith(".whl"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / wheel["filename"]
        with urllib.request.urlopen(wheel["url"], timeout=120) as reply:
            path.write_bytes(reply.read())
        subprocess.run([str(python), f"{path}/pip", "install", "--quiet", str(path)], check=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else ".venv"))
