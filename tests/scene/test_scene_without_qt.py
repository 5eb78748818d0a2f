"""The pure layers load and build a scene where Qt cannot be imported at all."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import summit_timeline.core as core
import summit_timeline.scene as scene

_CHILD = r"""
import importlib, importlib.abc, json, sys

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"):
            raise ImportError(f"{name} is blocked in this test")
        return None

sys.meta_path.insert(0, NoQt())
for name in MODULES:
    importlib.import_module(name)

from summit_timeline.core.formats.registry import load_any
from summit_timeline.resources import default_dataset
from summit_timeline.scene.build import build_scene, Look
from summit_timeline.scene.palette import PAPER
from summit_timeline.scene.scene import View
from summit_timeline.core.index import EventIndex
from summit_timeline.scene.snapshot import Snapshot

class Fixed:
    key = "fixed"
    line_height = 14.0
    def width(self, text):
        return 7.0 * len(text)

timeline = load_any(default_dataset()).timeline
snap = Snapshot.open(EventIndex.build(timeline))
lo, hi = snap.extent()
built = build_scene(snap, View(lo, hi, 1200.0, 500.0), Look(PAPER, Fixed()))
from summit_timeline.scene.map_build import MapBuilder, shown_sites
from summit_timeline.scene.map_camera import fit_view
mapped = MapBuilder().build(snap, fit_view(shown_sites(snap), 800.0, 500.0),
                            Look(PAPER, Fixed()))
try:
    import PySide6  # noqa: F401
    blocked = False
except ImportError:
    blocked = True
print(json.dumps({
    "blocked": blocked,
    "qt_loaded": [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6",
                                                                 "pyqtgraph")],
    "shapes": len(built.shapes), "shown": len(snap.walk), "labels": built.label_texts(),
    "ticks": [t.text for t in built.ticks], "subtitle": built.subtitle,
    "sites": sorted(site.name for site in mapped.sites), "land": len(mapped.land.xy),
    "route": list(mapped.route.stops) if mapped.route else [],
}))
"""


def test_core_and_scene_import_and_build_a_scene_with_qt_blocked() -> None:
    modules = [m.name for pkg, prefix in ((core, "summit_timeline.core."),
                                          (scene, "summit_timeline.scene."))
               for m in pkgutil.walk_packages(pkg.__path__, prefix)]
    code = f"MODULES = {modules!r}\n" + _CHILD
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout)
    assert result["blocked"] and result["qt_loaded"] == []
    assert len(modules) >= 20
    assert result["shapes"] == result["shown"] > 0, "every event of the opening view drawn"
    assert "Putin–Xi meeting in Kazan (planned)" in result["labels"]
    assert result["ticks"] and "data as of 3 Jul 2024" in result["subtitle"]
    assert result["sites"] == ["Astana", "Beijing", "Bürgenstock", "Harbin", "Kazan"]
    assert result["land"] > 10_000 and result["route"] == ["Beijing", "Astana", "Kazan"]
