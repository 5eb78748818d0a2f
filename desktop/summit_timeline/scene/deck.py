"""The order of slides: an optional title slide, then events in time order.

Presenting walks events as known on the knowledge date (an event nobody had
reported yet is not a slide).  A sequence narrows that to the window's
current filter, or to a hand-picked list, and opens with a title slide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .snapshot import Snapshot

TITLE = -1
"""The step value of the title slide (event steps hold event positions)."""
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


@dataclass(frozen=True, eq=False)
class Deck:
    data: Snapshot
    """Events the strip draws: exactly the events that are slides."""
    steps: tuple[int, ...]
    """Event positions, or ``TITLE`` first when there is a title slide."""

    @classmethod
    def build(cls, data: Snapshot, *, title_slide: bool = False,
              event_ids: Sequence[str] | None = None) -> Deck:
        """Slides for the shown events of ``data`` (or only ``event_ids``, in time order)."""
        if event_ids is not None:
            wanted = np.zeros(len(data.index), np.bool_)
            for event_id in event_ids:
                position = data.index.position_of(event_id)
                if position is not None:
                    wanted[position] = True
            data = data.with_shown(data.shown & wanted)
        positions = tuple(int(p) for p in data.positions())
        return cls(data, ((TITLE,) if title_slide else ()) + positions)

    def __len__(self) -> int:
        return len(self.steps)

    def event_positions(self) -> list[int]:
        return [s for s in self.steps if s != TITLE]

    def file_name(self, step: int, suffix: str = ".png") -> str:
        """The name an export of slide ``step`` is offered under: "slide-<event id>.png",
        "slide-title.png".  The presenter's Ctrl+S and File → Export this slide offer the
        same, and a number would name another slide once the deck changes."""
        value = self.steps[step] if 0 <= step < len(self.steps) else TITLE
        name = "title" if value == TITLE else \
            _UNSAFE.sub("-", self.data.event(value).id).strip("-.") or f"{step + 1}"
        return f"slide-{name}{suffix}"

    def step_of(self, event_id: str | None) -> int | None:
        """The step showing ``event_id``, or None if it is not in the deck."""
        if event_id is None:
            return None
        position = self.data.index.position_of(event_id)
        if position is None or position not in self.steps:
            return None
        return self.steps.index(position)

    def first_event_step(self) -> int:
        """Where a presentation starts when no event is selected: the first event."""
        for step, value in enumerate(self.steps):
            if value != TITLE:
                return step
        return 0
