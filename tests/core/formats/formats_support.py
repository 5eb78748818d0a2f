"""Shared helpers for the format tests: fixture paths and the checks every import must pass."""

from __future__ import annotations

from pathlib import Path

import msgspec

from summit_timeline.core.formats import checks, native
from summit_timeline.core.model import Timeline
from summit_timeline.core.problems import LoadError

DATA = Path(__file__).parents[2] / "data" / "formats"
DEFAULT = (Path(__file__).parents[3] / "desktop" / "summit_timeline" / "resources" / "data"
           / "putin-xi-meetings.timeline.json")


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def default_timeline() -> Timeline:
    return msgspec.json.decode(DEFAULT.read_bytes(), type=Timeline)


def assert_valid(loaded: native.Loaded) -> None:
    """An import result is a valid native timeline that survives native save and load."""
    assert not [f for f in checks.check(loaded.timeline) if f.severity == "error"]
    again = native.decode(native.encode(loaded.timeline), "again.json")
    assert again.timeline == loaded.timeline
    for w in loaded.warnings:
        assert w.severity == "warning"
        assert w.message


def assert_placed(err: LoadError) -> None:
    """Every error names a place in the file: a line (and a path where there is one)."""
    assert err.problems, "a LoadError without problems"
    for p in err.problems:
        assert p.line >= 1, f"no line for: {p}"
        assert p.message
        assert str(p).startswith(p.file)
