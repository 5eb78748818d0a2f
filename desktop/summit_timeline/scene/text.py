"""Label text: the words, their widths, two-line forms and abbreviations, measured by the caller.

The scene cannot measure text without a font, and fonts are Qt's, so the
painter's side passes a measuring object in; everything else (which words go
on which line, where "…" goes, the status suffix that must survive any
shortening) is decided here, once, for every painter.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Final, Protocol

from .style import HELD, STATUS_WORDS

PAD: Final = 6.0
"""Horizontal room around a label's text, in pixels."""
MIN_WIDTH: Final = 60.0
"""Narrowest an abbreviated label may get before it is dropped instead."""
ELLIPSIS: Final = "…"
KEEP: Final = 0.6
"""Least share of a title's characters an abbreviation keeps (the README's "never below
60% of it"): "BRICS sum…" names nothing, so a label that cannot keep this much wraps or is
left out (hovering or zooming in shows it)."""


def shortest(title: str) -> str:
    """The shortest abbreviation of ``title`` a label may show: its first 60% of
    characters (at least its first word) and "…"; the title itself when that is shorter.

    Counted in characters, as a reader counts them, not in pixels: "BRICS sum…" is 48%
    of "BRICS summit in Kazan" in letters although 55% of its width.
    """
    keep = max(math.ceil(KEEP * len(title)), len(title.split(" ")[0]))
    if keep >= len(title):
        return title
    head = title[:keep]
    while head.endswith(" ") and keep < len(title):  # a space is no letter kept
        keep += 1
        head = title[:keep]
    return head.rstrip() + ELLIPSIS


class TextMeasure(Protocol):
    """Widths of strings in the font labels are drawn with (pixels of the drawing)."""

    @property
    def key(self) -> Hashable:
        """Equal for measures that give equal widths (the font's description)."""

    @property
    def line_height(self) -> float:
        """Height of one line of label text."""

    def width(self, text: str) -> float: ...


def suffix(status: int) -> str:
    """" (planned)", " (cancelled)"…: the part of a label that must never be cut.

    A planned meeting whose label loses "(planned)" reads as one that happened.
    """
    return "" if status == HELD else f" ({STATUS_WORDS[status]})"


@dataclass(frozen=True)
class LabelText:
    title: str
    suffix: str
    one: float
    """Width of the whole label on one line, padding included."""
    lines: tuple[str, str] | None
    """The whole label on two lines, split where the longer line is shortest."""
    two: float
    """Width of the two-line form (infinite when the title is one word)."""
    least: float
    """Narrowest abbreviated form worth drawing: most of the title, then the whole suffix."""

    @property
    def full(self) -> str:
        return self.title + self.suffix


def label_text(title: str, status: int, measure: TextMeasure) -> LabelText:
    tail = suffix(status)
    one = measure.width(title + tail) + PAD
    words = title.split(" ")
    best: tuple[str, str] | None = None
    two = float("inf")
    for cut in range(1, len(words) + (1 if tail else 0)):
        first, second = " ".join(words[:cut]), (" ".join(words[cut:]) + tail).strip()
        if not second:
            continue
        width = max(measure.width(first), measure.width(second)) + PAD
        if width < two:
            best, two = (first, second), width
    if best is not None and two >= one:
        best, two = None, float("inf")
    title_room = max(measure.width(shortest(title)), 40.0)
    # Half a pixel over: ``fitted`` must find that abbreviation fits where it was placed.
    least = min(one, max(MIN_WIDTH, measure.width(tail) + title_room + PAD + 0.5))
    return LabelText(title, tail, one, best, two, least)


def elide(text: str, width: float, measure: TextMeasure) -> str:
    """The longest start of ``text`` that fits ``width`` with an ellipsis ("" if none)."""
    if measure.width(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure.width(text[:mid].rstrip() + ELLIPSIS) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS if lo else ""


def fitted(label: LabelText, width: float, measure: TextMeasure) -> str:
    """The label in ``width`` pixels: the title abbreviated, the status suffix whole."""
    if label.one <= width + 0.5:
        return label.full
    room = width - PAD - measure.width(label.suffix)
    return (elide(label.title, room, measure) or ELLIPSIS) + label.suffix
