"""The reviewer's flags: names, labels and the small integer codes the views draw from.

Kept apart from ``core.review`` (the sidecar's msgspec structs) so the list,
the timeline and the menus can name flags without loading the sidecar code,
which the window only needs once the first frame is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray

Flag = Literal["unreviewed", "checked", "needs_work", "disputed"]
FLAGS: Final[tuple[Flag, ...]] = ("unreviewed", "checked", "needs_work", "disputed")
FLAG_LABELS: Final[dict[Flag, str]] = {
    "unreviewed": "Unreviewed",
    "checked": "Checked",
    "needs_work": "Needs work",
    "disputed": "Disputed",
}
FLAG_CODE: Final[dict[Flag, int]] = {flag: code for code, flag in enumerate(FLAGS)}
"""Small integers for numpy columns aligned with ``timeline.events`` (see ``review.flag_codes``)."""

ItemKind = Literal["quote", "figure", "source"]
ITEM_KINDS: Final[tuple[ItemKind, ...]] = ("quote", "figure", "source")
Verdict = Literal["checked", "disputed"]


@dataclass(frozen=True, slots=True)
class Progress:
    reviewed: int
    total: int
    by_flag: dict[Flag, int]

    def text(self) -> str:
        """The status-bar line, e.g. "7 of 12 reviewed"."""
        return f"{self.reviewed:,} of {self.total:,} reviewed"


def count_flags(codes: NDArray[np.int8], known: NDArray[np.bool_] | None = None) -> Progress:
    """Progress over the events ``known`` marks (all if None), from the flag column.

    As known on a date, events first reported later are neither reviewed nor
    to review: "0 of 63 reviewed" on 3 July 2024, not "0 of 69".  One bincount,
    so a million events cost the same as a dozen.
    """
    counted = codes if known is None or len(known) != len(codes) else codes[known]
    tally = np.bincount(counted.astype(np.intp), minlength=len(FLAGS))
    by_flag: dict[Flag, int] = {flag: int(tally[FLAG_CODE[flag]]) for flag in FLAGS}
    total = len(counted)
    return Progress(total - by_flag["unreviewed"], total, by_flag)
