"""What a slide says, as known on the knowledge date."""

from __future__ import annotations

from summit_timeline.core import knowledge
from summit_timeline.core.figures import figure_amount as format_figure
from summit_timeline.core.model import Figure, Timeline
from summit_timeline.scene.slide_content import event_content
from summit_timeline.scene.snapshot import Snapshot, file_day

KAZAN = "putin-xi-2024-10-22-kazan"
ASTANA = "putin-xi-2024-07-03-astana"


def _content(timeline: Timeline, event_id: str, day: int | None):  # type: ignore[no-untyped-def]
    data = Snapshot.build(timeline, knowledge_day=day)
    position = data.index.position_of(event_id)
    assert position is not None
    return event_content(data, position)


def test_kazan_as_of_the_article_is_planned_for_october_without_later_facts(
        timeline: Timeline) -> None:
    slide = _content(timeline, KAZAN, file_day(timeline))
    assert slide.status == "Planned — as of 3 Jul 2024"
    assert slide.date == "October 2024" and slide.date_note == "day not yet known"
    assert slide.place == "Kazan, Russia"  # the venue was learnt in October
    assert all("22 Oct" not in s and "Kremlin" not in s for s in slide.sources)
    assert "22" not in slide.occasion


def test_kazan_after_the_meeting_is_held_on_the_day(timeline: Timeline) -> None:
    slide = _content(timeline, KAZAN, knowledge.parse_day("2024-10-23"))
    assert slide.status == "Held"
    assert slide.date == "22 Oct 2024" and slide.date_note == ""
    assert slide.place.startswith("Kazan Kremlin")
    assert any("Kremlin" in s for s in slide.sources)


def test_astana_card_has_names_in_other_scripts_quote_and_figure(timeline: Timeline) -> None:
    slide = _content(timeline, ASTANA, file_day(timeline))
    assert "Xi Jinping (习近平, Си Цзиньпин)" in slide.participants
    assert slide.quote_by == "Vladimir Putin" and "stabilizing" in slide.quote
    assert slide.figure == "over $200 billion"
    assert slide.figure_by == "Russia–China trade — stated by Dmitry Peskov"


def test_figures_read_as_spoken() -> None:
    assert format_figure(Figure(label="x", source="s", value=2030, unit="year")) == "2030"
    assert format_figure(Figure(label="x", source="s", value=6.7e6, unit="people")) \
        == "6.7 million people"
    assert format_figure(Figure(label="x", source="s", value=7e6, unit="people",
                                qualifier="about")) == "about 7 million people"
