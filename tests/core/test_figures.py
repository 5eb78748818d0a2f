"""Figures read as people say them, the same in every place they are shown."""

from __future__ import annotations

import re

import pytest

from summit_timeline.core import knowledge, review
from summit_timeline.core.event_html import event_html
from summit_timeline.core.figures import amount_text, figure_text
from summit_timeline.core.formats import native
from summit_timeline.core.known_changes import changes_between
from summit_timeline.core.model import Timeline
from summit_timeline.resources import default_dataset


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return native.load(default_dataset()).timeline


@pytest.mark.parametrize(("value", "unit", "qualifier", "said"), [
    (240_100_000_000, "USD", "", "$240.1 billion"),
    (200_000_000_000, "USD", "over", "over $200 billion"),
    (6_300_000, "people", "", "6.3 million people"),
    (7_000_000, "", "about", "about 7 million"),
    (2030, "year", "", "2030"),
    (37, "percent", "", "37%"),
    (2.7, "times", "", "2.7 times"),
    (1500, "visitors", "", "1,500 visitors"),
    (1.25e15, "USD", "", "$1,250 trillion"),
    (0.004, "", "", "0.004"),
    (None, "USD", "over", "over"),
    (200e9, "USD", "target set by the two sides; Xi said trade was approaching it",
     "$200 billion (target set by the two sides; Xi said trade was approaching it)"),
])
def test_amounts_are_written_out_by_magnitude(value: float | None, unit: str, qualifier: str,
                                              said: str) -> None:
    assert amount_text(value, unit, qualifier) == said


def _figures_shown(timeline: Timeline, event_id: str, day: int | None) -> str:
    event = timeline.event(event_id)
    assert event is not None
    known = knowledge.known_state(event, day)
    assert known is not None
    return event_html(timeline, event, known, day)


def test_the_details_pane_never_shows_scientific_notation(timeline: Timeline) -> None:
    for event in timeline.events:
        html = _figures_shown(timeline, event.id, None)
        assert not re.search(r"\de[+-]\d", html), event.id
    assert "$240.1 billion" in _figures_shown(timeline, "putin-harbin-2024-05-17", None)
    erdogan = _figures_shown(timeline, "putin-erdogan-2024-07-03-astana", None)
    assert "6.3 million people" in erdogan and "about 7 million people" in erdogan
    astana = _figures_shown(timeline, "putin-xi-2024-07-03-astana", None)
    assert "over $200 billion" in astana and "<b>2030</b>" in astana and "2,030" not in astana


def test_the_change_list_writes_figures_the_same_way(timeline: Timeline) -> None:
    # Han Zheng's figure was published on 18 May 2024, after Harbin was announced.
    found = changes_between(timeline, knowledge.parse_day("2024-05-15"),
                            knowledge.parse_day("2024-05-20"))
    lines = "\n".join(found.lines())
    assert "China–Russia trade in 2023: $240.1 billion" in lines
    assert "e+" not in lines


def test_a_mark_made_before_figures_had_one_formatter_is_not_a_change(
        timeline: Timeline) -> None:
    event = timeline.event("putin-harbin-2024-05-17")
    assert event is not None
    key = "figure:0"
    assert review.describe_item(timeline, event, key) == figure_text(event.figures[0])
    assert review.marked_as_now(timeline, event, key, "China–Russia trade in 2023: 240 billion USD")
    assert not review.marked_as_now(timeline, event, key, "China–Russia trade in 2023: 200 "
                                    "billion USD")


def test_the_details_pane_shows_quote_and_figure_notes_and_sources(timeline: Timeline) -> None:
    html = _figures_shown(timeline, "putin-xi-2024-07-03-astana", None)
    import html as html_module

    quotes = html.split("<h3>Quotes</h3>")[1].split("<h3>")[0]
    event = timeline.event("putin-xi-2024-07-03-astana")
    assert event is not None
    notes = [q.note for q in event.quotes if q.note]
    assert sum("Pledge Times' English wording" in n for n in notes) >= 5
    for note in notes:
        assert html_module.escape(note, quote=True) in quotes, note
    figures = html.split("<h3>Figures</h3>")[1].split("<h3>")[0]
    assert "Period not stated." in figures
    assert "Rossiyskaya Gazeta" in figures, "the figure's source is named"
    assert figures.count("<li>") == 2
