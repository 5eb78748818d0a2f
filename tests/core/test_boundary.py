"""The pure core must load without Qt, so it works headless and in scripts."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import summit_timeline.core as core


def test_importing_all_of_core_loads_no_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(core.__path__, "summit_timeline.core.")]
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', "
        "'pyqtgraph') or m.startswith('summit_timeline.qt')]\n"
        "print(json.dumps(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert len(modules) >= 8
    assert json.loads(out.stdout) == []
