"""Which events the user asked to see: search text, track, person, status, review flag, notes,
place.

Kept free of widgets so the list, the timeline and the keyboard walk all use
one definition of "in the filter", computed once per change as a numpy mask.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .cancel import checkpoint
from .geo.sites import site_index
from .index import EventIndex
from .knowledge import KnownArrays
from .known_search import search_as_of


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
    lanes: tuple[int, ...] | None = None
    """The tracks a named view keeps, as lane indices; None keeps every track."""
    noted: bool = False
    """Only events the current reviewer wrote a note on."""
    days: tuple[float, float] | None = None
    """The [start, end) day numbers a named view frames: events wholly outside are left
    out, as they are from the view's exports and slides; None keeps every date."""
    places: tuple[str, ...] | None = None
    """Only events at these places as known on the knowledge date (the place ids of one
    spot clicked on the map); None: anywhere."""

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.lane is None and self.person is None \
            and self.status is None and self.review is None and self.lanes is None \
            and not self.noted and self.days is None and self.places is None


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
                if pos % 4096 == 0:
                    checkpoint()
                for person in event.participants:
                    lists.setdefault(person, []).append(pos)
            self._positions = {k: np.asarray(v, np.int64) for k, v in lists.items()}
            self._built = True
        return self._positions.get(person_id, np.zeros(0, np.int64))


def filter_mask(index: EventIndex, wanted: EventFilter, known: KnownArrays,
                people: ParticipantIndex, review: NDArray[np.int8] | None = None,
                notes: NDArray[np.bool_] | None = None) -> NDArray[np.bool_]:
    """True for events that pass every part of ``wanted`` as ``known`` on the knowledge
    date; ``review`` the reviewer's flag codes by position (None: nobody's flags, all
    unreviewed), ``notes`` whether the reviewer wrote a note on each (None: no notes)."""
    status = known.status
    mask = search_as_of(index, wanted.text, known.day) if wanted.text.strip() \
        else np.ones(len(index), np.bool_)
    if wanted.days is not None:
        lo, hi = wanted.days
        mask &= (known.end > lo) & (known.start < hi)
    if wanted.lane is not None:
        mask &= index.lane == wanted.lane
    if wanted.lanes is not None:
        mask &= np.isin(index.lane, np.asarray(wanted.lanes, np.int32))
    if wanted.status is not None:
        mask &= status == wanted.status
    if wanted.review is not None:
        flags = review if review is not None and len(review) == len(index) \
            else np.zeros(len(index), np.int8)
        mask &= flags == wanted.review
    if wanted.noted:
        mask &= notes if notes is not None and len(notes) == len(index) \
            else np.zeros(len(index), np.bool_)
    if wanted.person is not None:
        keep = np.zeros(len(index), np.bool_)
        keep[people.positions(wanted.person)] = True
        mask &= keep
    if wanted.places is not None:
        sites = site_index(index)
        mask &= np.isin(sites.codes(known.day), sites.codes_of(wanted.places))
    return mask
