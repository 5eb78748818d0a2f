"""The wheel a user installs: built with ``python -m build``, installed into a
fresh venv outside the checkout, and every command run from there.

Catches what the editable install of the test venv hides: package data left
out of the wheel, paths that only resolve inside the repository, a launcher
script that does not start.  About 20 s here (most of it creating the venv;
pip takes the dependencies' wheels from its cache).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from summit_timeline import __version__

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "desktop" / "summit_timeline" / "resources"

pytestmark = pytest.mark.slow


def _clean_env() -> dict[str, str]:
    """This test run's environment minus what would point back at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600, env=_clean_env())
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (found,) = out.glob("summit_timeline-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``bin/summit-timeline`` of a new venv (no system site-packages) holding the wheel."""
    env_dir = tmp_path_factory.mktemp("wheel-venv")
    assert not env_dir.resolve().is_relative_to(ROOT)
    venv.EnvBuilder(with_pip=True, system_site_packages=False, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)],
                          capture_output=True, text=True, timeout=900, env=_clean_env(),
                          cwd=env_dir)
    assert done.returncode == 0, done.stderr[-3000:]
    return env_dir / "bin" / "summit-timeline"


def test_the_wheel_carries_every_resource_file(wheel: Path) -> None:
    on_disk = {p.relative_to(RESOURCES).as_posix() for p in RESOURCES.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    prefix = "summit_timeline/resources/"
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = {n[len(prefix):] for n in archive.namelist() if n.startswith(prefix)}
    assert on_disk - in_wheel == set()
    assert any(name.startswith("data/") and name.endswith(".timeline.json") for name in in_wheel)


def test_the_installed_wheel_runs_every_command(installed: Path, tmp_path: Path) -> None:
    # The package the launcher imports is the venv's copy, not this checkout.
    where = subprocess.run([str(installed.parent / "python"), "-c",
                            "import summit_timeline; print(summit_timeline.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=_clean_env())
    assert Path(where.stdout.strip()).is_relative_to(installed.parent.parent), where.stderr
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "smoke_check.py"),
                           "--version", __version__, "--desktop", str(installed)],
                          capture_output=True, text=True, timeout=600, env=_clean_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FAIL" not in done.stdout and done.stdout.count("ok ") >= 10, done.stdout
