"""Rows for events so that their labels never overlap: interval packing in pixels.

The window's lane layout packs by time, because its labels give way when
space runs out.  A printed page or a slide cannot be zoomed, so here every
label is part of the space an event takes, and an event moves to a lower row
when its label would run into a neighbour.  Pure Python on a few thousand
intervals at most; callers skip labels beyond that.
"""

from __future__ import annotations

from collections.abc import Sequence


def pack_rows(left: Sequence[float], right: Sequence[float], max_rows: int,
              gap: float = 0.0) -> tuple[list[int], list[bool]]:
    """A row per interval (lowest free row first) and whether it found a free row.

    Intervals must be given sorted by ``left``.  When all ``max_rows`` rows
    are busy the interval goes to the row that frees up first and is marked
    as not fitting, so the caller can drop its label instead of overprinting.
    """
    ends: list[float] = []
    rows: list[int] = []
    fits: list[bool] = []
    for lo, hi in zip(left, right, strict=True):
        chosen = -1
        for r, end in enumerate(ends):
            if end + gap <= lo:
                chosen = r
                break
        if chosen < 0 and len(ends) < max_rows:
            ends.append(hi)
            rows.append(len(ends) - 1)
            fits.append(True)
            continue
        if chosen < 0:
            chosen = min(range(len(ends)), key=ends.__getitem__)
            fits.append(False)
            ends[chosen] = max(ends[chosen], hi)
        else:
            fits.append(True)
            ends[chosen] = hi
        rows.append(chosen)
    return rows, fits
