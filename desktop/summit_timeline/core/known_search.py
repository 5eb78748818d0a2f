"""Search as known on a day: a match must be in the words told by then.

The whole-file search (``EventIndex.search``) looks in each event's own text,
its latest telling, and in all of its reports: as known on 17 May 2014,
"Gazprom" would find the Shanghai visit through a summary written after the
gas contract was signed.  The vectorised search stays as it is; only its matches whose text
was not all known on the day (later reports pending, or a quote from a later
source: the index's ``settled`` day) are checked again, one by one, against
the text told then.  Those are few (a few per cent of a big file at most), and
the text told on a day is kept, so typing a query letter by letter checks each
of them against a string already made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from . import dates
from .cancel import checkpoint
from .index import EventIndex, event_search_text, fold, own_words, people_texts, place_texts
from .knowledge import known_details

_KEPT_LIMIT = 200_000
"""Most texts told on a day kept at once (a few tens of megabytes)."""


@dataclass(eq=False)
class ToldTexts:
    """The searchable text of events as told on a day, made on first use and kept."""

    index: EventIndex
    _texts: dict[tuple[int, int], str] = field(default_factory=dict)
    _places: dict[str, tuple[str, str]] | None = None
    _people: dict[str, str] | None = None

    def text(self, position: int, day: int) -> str:
        key = (position, day)
        got = self._texts.get(key)
        if got is None:
            if len(self._texts) >= _KEPT_LIMIT:
                self._texts.clear()
            got = self._texts[key] = self._told(position, day)
        return got

    def _told(self, position: int, day: int) -> str:
        timeline = self.index.timeline
        if self._places is None or self._people is None:
            self._places, self._people = place_texts(timeline), people_texts(timeline)
        event = self.index.event(position)
        told = known_details(timeline, event, day)
        place = self._places.get(told.place or "", ("", ""))[1 if told.show_venue else 0]
        reports = [r for r in event.reports if dates.parse(r.date).lower <= day]
        own = own_words(event.title, told.summary, told.occasion, told.topics, told.quotes,
                        reports)
        return event_search_text(own, [place] if place else [],
                                 [self._people.get(p, "") for p in event.participants])


def search_as_of(index: EventIndex, query: str, day: int | None) -> NDArray[np.bool_]:
    """Events whose text as known on ``day`` contains every word of ``query``
    (None: everything known, the events' own text)."""
    mask = index.search(query)
    words = fold(query).split()
    if day is None or not words:
        return mask
    late = np.flatnonzero(mask & (index.search_text().settled > day))
    if len(late) == 0:
        return mask
    texts = _told_texts(index)
    for count, position in enumerate(late.tolist()):
        if count % 1024 == 1023:
            checkpoint()
        text = texts.text(position, day)
        if not all(word in text for word in words):
            mask[position] = False
    return mask


def _told_texts(index: EventIndex) -> ToldTexts:
    """One ``ToldTexts`` per index, kept on it (an index is immutable: the texts never
    go stale)."""
    texts = getattr(index, "_told_texts", None)
    if texts is None:
        texts = ToldTexts(index)
        object.__setattr__(index, "_told_texts", texts)
    assert isinstance(texts, ToldTexts)
    return texts
