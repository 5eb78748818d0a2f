"""As known on a day, a timeline's title names only the years known then.

The bundled record is titled "Putin–Xi meetings, 2013–2025" and described "…to the
Beijing commemorations of September 2025"; shown as known on 3 July 2024 (the file's
opening view) or 17 May 2014 those words told what was still to come.
"""

from __future__ import annotations

import pytest

from summit_timeline.core.day_numbers import day_number
from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.known_title import known_title, timeline_title, without_years
from summit_timeline.core.model import Timeline
from summit_timeline.core.review import ReviewDocument, TimelineRef
from summit_timeline.core.review_report import build, render_markdown
from summit_timeline.resources import default_dataset

JULY_2024 = day_number(2024, 7, 3)
MAY_2014 = day_number(2014, 5, 17)


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return load_any(str(default_dataset())).timeline


def test_the_title_names_the_years_of_the_events_known_then(timeline: Timeline) -> None:
    assert timeline.title == "Putin–Xi meetings, 2013–2025"
    assert timeline_title(timeline, None) == timeline.title, "everything known: as written"
    # 3 July 2024 knows Xi's first visit (March 2013) to the planned Kazan summit.
    assert timeline_title(timeline, JULY_2024) == "Putin–Xi meetings, 2013–2024"
    assert timeline_title(timeline, MAY_2014) == "Putin–Xi meetings, 2013–2014"


def test_only_the_years_a_title_ends_with_are_replaced() -> None:
    assert without_years("Meetings (2013-25)") == "Meetings"
    assert without_years("G20: 2019 to 2024") == "G20"
    assert without_years("Top 100 meetings") == "Top 100 meetings"
    one_year = (day_number(2024, 5, 16), day_number(2024, 10, 24))
    assert known_title("Summits", JULY_2024, one_year) == "Summits, 2024"
    assert known_title("2013–2025", JULY_2024, one_year) == "2024"
    assert known_title("Summits, 2013–2025", JULY_2024, None) == "Summits", "nothing known"


def test_the_review_report_is_headed_with_the_title_known_then(timeline: Timeline) -> None:
    doc = ReviewDocument(format="summit-timeline-review/1",
                         timeline=TimelineRef(file="putin-xi.timeline.json",
                                              title=timeline.title))
    report = build(timeline, doc, "Anna", knowledge_day=JULY_2024)
    assert report.title == "Putin–Xi meetings, 2013–2024"
    text = render_markdown(timeline, doc, "Anna", knowledge_day=JULY_2024)
    assert "2013–2025" not in text and "Putin–Xi meetings, 2013–2024" in text
    assert build(timeline, doc, "Anna").title == timeline.title
