"""A small timeline written for the review tests.

Hand-made rather than the bundled dataset, so that the tests do not move when
the dataset is edited, and so that it holds the awkward text a report must
escape (markup, pipes, quotes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from summit_timeline.core.model import Timeline

SMALL = {
    "format": "summit-timeline/1",
    "title": "Test meetings <2024> & co",
    "people": [{"id": "putin", "name": "Vladimir Putin"}, {"id": "xi", "name": "Xi Jinping"}],
    "sources": [
        {"id": "article", "title": "Source article", "date": "2024-07-03"},
        {"id": "tass", "title": "TASS report", "outlet": "TASS", "url": "https://tass.example/1"},
    ],
    "tracks": [{"id": "main", "title": "Main"}],
    "events": [
        {"id": "astana", "track": "main", "title": "Talks in Astana", "when": "2024-07-03",
         "quotes": [{"speaker": "putin", "text": "the best period | in history",
                     "source": "article"}],
         "figures": [{"label": "Trade", "value": 200e9, "unit": "USD", "qualifier": "over",
                      "source": "tass"}],
         "sources": ["article", "tass"]},
        {"id": "beijing", "track": "main", "title": "Talks in Beijing <b>", "when": "2024-05-16",
         "sources": ["tass"]},
        {"id": "kazan", "track": "main", "title": "Meeting in Kazan", "when": "2024-10",
         "status": "planned", "sources": ["article"]},
    ],
}


@pytest.fixture
def timeline() -> Timeline:
    return msgspec.convert(SMALL, Timeline)


@pytest.fixture
def clock() -> Callable[[], datetime]:
    """A clock that ticks one second per call, so merge order is decided by the test."""
    moments = _ticks(datetime(2024, 7, 3, 12, 0, tzinfo=UTC))
    return lambda: next(moments)


def _ticks(start: datetime) -> Iterator[datetime]:
    moment = start
    while True:
        yield moment
        moment += timedelta(seconds=1)


@pytest.fixture
def sidecar(tmp_path: Path) -> Path:
    return tmp_path / "meetings.review.json"
