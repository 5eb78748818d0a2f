"""Density strips: every count maps to one of the five tints, whatever the peak."""

from __future__ import annotations

import numpy as np

from summit_timeline.scene.build import density_levels


def test_levels_stay_in_range_for_every_peak_up_to_a_hundred_thousand() -> None:
    for peak in range(1, 100_001, 1):
        counts = np.array([[0, 1, peak // 2, peak]], np.int64)
        levels = density_levels(counts)
        assert levels.min() >= 0 and levels.max() <= 4, peak
        assert levels[0, 0] == 0 and levels[0, -1] == 4


def test_levels_grow_with_the_count() -> None:
    counts = np.arange(0, 1001, dtype=np.int64)[None, :]
    levels = density_levels(counts)[0]
    assert (np.diff(levels) >= 0).all()
    assert levels[0] == 0 and levels[1] >= 1 and levels[-1] == 4
