"""Which events the user asked to see: search text, track, person and status.

Kept free of widgets so the list, the timeline and the keyboard walk all use
one definition of "in the filter", computed once per change as a numpy mask.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .index import EventIndex


@dataclass(frozen=True)
class EventFilter:
    text: str = ""
    lane: int | None = None
    """Index into ``EventIndex.tracks``; None shows every track."""
    person: str | None = None
    status: int | None = None
    """Index into ``STATUSES`` as known on the knowledge date."""
    review: int | None = None
    """A ``review.FLAG_CODE`` value: only events the current reviewer flagged so."""

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.lane is None and self.person is None \
            and self.status is None and self.review is None


@dataclass(eq=False)
class ParticipantIndex:
    """Positions of each person's events, built on first use of the person filter.

    Building walks every event once (about half a second at a million events),
    so it is deferred until someone actually filters by person.
    """

    index: EventIndex
    _positions: dict[str, NDArray[np.int64]] = field(default_factory=dict)
    _built: bool = False

    def positions(self, person_id: str) -> NDArray[np.int64]:
        if not self._built:
            lists: dict[str, list[int]] = {}
            for pos, event in enumerate(self.index.timeline.events):
                for person in event.participants:
                    lists.setdefault(person, []).append(pos)
            self._positions = {k: np.asarray(v, np.int64) for k, v in lists.items()}
            self._built = True
        return self._positions.get(person_id, np.zeros(0, np.int64))


def filter_mask(index: EventIndex, wanted: EventFilter, status: NDArray[np.int8],
                people: ParticipantIndex, review: NDArray[np.int8] | None = None
                ) -> NDArray[np.bool_]:
    """True for events that pass every part of ``wanted``; ``status`` is the known status,
    ``review`` the reviewer's flag codes by position (None: nobody's flags, all unreviewed)."""
    mask = index.search(wanted.text) if wanted.text.strip() else np.ones(len(index), np.bool_)
    if wanted.lane is not None:
        mask &= index.lane == wanted.lane
    if wanted.status is not None:
        mask &= status == wanted.status
    if wanted.review is not None:
        flags = review if review is not None and len(review) == len(index) \
            else np.zeros(len(index), np.int8)
        mask &= flags == wanted.review
    if wanted.person is not None:
        keep = np.zeros(len(index), np.bool_)
        keep[people.positions(wanted.person)] = True
        mask &= keep
    return mask
