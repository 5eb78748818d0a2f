"""Venues in one town are one spot on the map, and each event's spot follows the knowledge date."""

from __future__ import annotations

import numpy as np

from summit_timeline.core import dates
from summit_timeline.core.event_filter import EventFilter, ParticipantIndex, filter_mask
from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.geo.sites import NO_SITE, site_index
from summit_timeline.core.index import EventIndex
from summit_timeline.core.knowledge import arrays_as_of
from summit_timeline.resources import default_dataset

KAZAN = "putin-xi-2024-10-22-kazan"


def _index() -> EventIndex:
    return EventIndex.build(load_any(str(default_dataset())).timeline)


def test_the_venues_of_a_town_share_its_site() -> None:
    sites = site_index(_index())
    beijing = {sites.site_of(p) for p in ("beijing", "beijing-great-hall", "beijing-diaoyutai",
                                          "beijing-tiananmen", "beijing-friendship-hotel")}
    assert len(beijing) == 1 and NO_SITE not in beijing
    assert sites.sites[beijing.pop()].name == "Beijing"
    assert sites.site_of("harbin") not in (sites.site_of("beijing"), NO_SITE)
    names = [site.name for site in sites.sites]
    assert len(names) == len(set(names)), "one dot per town in the bundled data"


def test_the_kazan_meeting_stays_on_the_kazan_site_as_its_venue_becomes_known() -> None:
    index = _index()
    sites = site_index(index)
    kazan = index.position_of(KAZAN)
    assert kazan is not None
    july = sites.codes(dates.day_number(2024, 7, 3))[kazan]
    october = sites.codes(dates.day_number(2024, 10, 23))[kazan]
    assert july == october == sites.site_of("kazan") == sites.site_of("kazan-kremlin")


def test_a_place_filter_keeps_the_events_there_as_known_on_the_day() -> None:
    index = _index()
    day = dates.day_number(2024, 7, 3)
    known = arrays_as_of(index, day)
    wanted = EventFilter(places=("kazan", "kazan-kremlin"))
    mask = filter_mask(index, wanted, known, ParticipantIndex(index))
    ids = {index.event(int(p)).id for p in np.flatnonzero(mask & known.visible)}
    assert KAZAN in ids and "brics-summit-kazan-2024-10" in ids
    assert all("kazan" in (index.event(int(p)).place or "")
               for p in np.flatnonzero(mask & known.visible))
    assert not wanted.is_empty and EventFilter().places is None
