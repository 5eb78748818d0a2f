"""The reviewer's flags: names, labels and the small integer codes the views draw from.

Kept apart from ``core.review`` (the sidecar's msgspec structs) so the list,
the timeline and the menus can name flags without loading the sidecar code,
which the window only needs once the first frame is on screen.
"""

from __future__ import annotations

from typing import Final, Literal

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
