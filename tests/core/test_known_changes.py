"""What changed between two knowledge dates: each kind of change, and silence where none."""

from __future__ import annotations

import msgspec
import pytest

from summit_timeline.core.day_numbers import day_number
from summit_timeline.core.formats.registry import load_any
from summit_timeline.core.known_changes import changes_between
from summit_timeline.core.known_changes_report import render_html, render_markdown
from summit_timeline.core.model import Timeline
from summit_timeline.resources import default_dataset

JULY = day_number(2024, 7, 3)
OCTOBER = day_number(2024, 10, 23)

SMALL = {
    "format": "summit-timeline/1",
    "title": "Changes test",
    "people": [{"id": "a", "name": "Anna Leader"}, {"id": "b", "name": "Boris Leader"}],
    "places": [{"id": "hall", "name": "Kazan", "country": "Russia", "venue": "Kremlin hall"}],
    "sources": [
        {"id": "early", "title": "Early report", "date": "2024-07-01"},
        {"id": "late", "title": "Late report", "outlet": "Wire", "date": "2024-10-22"},
        {"id": "undated", "title": "Undated page"},
    ],
    "tracks": [{"id": "main", "title": "Main"}],
    "events": [
        {"id": "summit", "track": "main", "title": "The summit", "when": "2024-10-22",
         "status": "held", "place": "hall", "participants": ["a", "b"],
         "occasion": "A summit", "summary": "They met and talked.",
         "quotes": [{"speaker": "a", "text": "A good day", "source": "late"}],
         "figures": [{"label": "Trade", "value": 5, "unit": "bn", "source": "late"}],
         "sources": ["early", "late", "undated"],
         "reports": [{"date": "2024-07-01", "status": "planned", "when": "2024-10",
                      "source": "early", "note": "Expected in October"},
                     {"date": "2024-10-22", "status": "held", "source": "late"}]},
        {"id": "steady", "track": "main", "title": "Known all along", "when": "2024-05-01",
         "sources": ["early", "undated"]},
        {"id": "cited-late", "track": "main", "title": "Later cited", "when": "2024-06-01",
         "sources": ["early", "late"]},
        {"id": "new", "track": "main", "title": "Announced in August", "when": "2024-09",
         "status": "planned", "reports": [{"date": "2024-08-01", "status": "planned"}]},
    ],
}


@pytest.fixture
def timeline() -> Timeline:
    return msgspec.convert(SMALL, Timeline)


def test_each_kind_of_change_is_one_line(timeline: Timeline) -> None:
    found = changes_between(timeline, JULY, OCTOBER)
    assert [e.event_id for e in found.events] == ["cited-late", "new", "summit"]
    assert found.lines() == [
        "cited-late: source added: Late report, Wire, 22 Oct 2024",
        "new: first reported: planned, September 2024",
        "summit: status: planned → held",
        "summit: date: October 2024 (month only) → 22 Oct 2024 (exact day)",
        "summit: place: Kazan, Russia → Kremlin hall, Kazan, Russia",
        "summit: occasion: Expected in October → A summit",
        "summit: summary added: They met and talked.",
        "summit: quote added: Anna Leader: “A good day”",
        "summit: figure added: Trade: 5 bn",
        "summit: source added: Late report, Wire, 22 Oct 2024",
        "summit: source added: Undated page",
    ]


def test_nothing_for_the_same_day_or_an_unchanged_event(timeline: Timeline) -> None:
    assert changes_between(timeline, JULY, JULY).events == ()
    assert "steady" not in [e.event_id for e in changes_between(timeline, JULY, None).events]


def test_going_back_in_time_shows_what_was_not_known_yet(timeline: Timeline) -> None:
    back = changes_between(timeline, OCTOBER, JULY)
    assert "new: no longer reported: planned, September 2024" in back.lines()
    assert "summit: status: held → planned" in back.lines()
    assert "summit: source removed: Late report, Wire, 22 Oct 2024" in back.lines()


def test_a_checked_event_that_changed_is_flagged_for_recheck(timeline: Timeline) -> None:
    found = changes_between(timeline, JULY, OCTOBER, {"summit": "checked", "new": "disputed"},
                            "Ann")
    assert [e.event_id for e in found.rechecks()] == ["summit"]
    assert found.lines()[2] == "summit: status: planned → held [checked by Ann: recheck]"
    assert not any("recheck" in line for line in found.lines() if line.startswith("new"))
    markdown = render_markdown(found)
    assert "worth checking again: The summit." in markdown
    assert "- **Status:** planned → held" in markdown
    assert "checked before this changed" in render_html(found)


def test_reports_escape_the_files_text(timeline: Timeline) -> None:
    evil = msgspec.structs.replace(timeline, events=tuple(
        msgspec.structs.replace(e, title="<b>x</b> | y") if e.id == "new" else e
        for e in timeline.events))
    found = changes_between(evil, JULY, OCTOBER)
    assert "<b>x</b>" not in render_html(found) and "&lt;b&gt;x&lt;/b&gt;" in render_html(found)
    assert "\\<b\\>x\\</b\\> \\| y" in render_markdown(found)


def test_bundled_timeline_kazan_from_planned_to_held() -> None:
    bundled = load_any(default_dataset()).timeline
    found = changes_between(bundled, JULY, OCTOBER)
    kazan = [line for line in found.lines() if line.startswith("putin-xi-2024-10-22-kazan: ")]
    assert "putin-xi-2024-10-22-kazan: status: planned → held" in kazan
    assert any("date: October 2024" in line and "→ 22 Oct 2024" in line for line in kazan)
    assert any(line.startswith("putin-xi-2024-10-22-kazan: place: ")
               and line.endswith("→ Kazan Kremlin, Kazan, Russia") for line in kazan)
    changed = {e.event_id for e in found.events}
    # Known on 3 July and told the same way since: nothing to say about them.
    for unchanged in ("putin-xi-2024-05-16-beijing", "putin-xi-2024-07-03-astana",
                      "putin-harbin-2024-05-17"):
        assert unchanged not in changed
