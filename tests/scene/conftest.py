"""Shared fixtures: the bundled timeline, loaded once per test session."""

from __future__ import annotations

import pytest

from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.model import Timeline
from summit_timeline.resources import default_dataset


@pytest.fixture(scope="session")
def timeline() -> Timeline:
    return load_any(str(default_dataset())).timeline
