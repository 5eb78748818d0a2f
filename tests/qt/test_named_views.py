"""Named views in the window: the opening view, the View menu, --view and presenter mode."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from summit_timeline.core import dates, views
from summit_timeline.core.model import STATUSES
from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.present import build_deck
from summit_timeline.resources import default_dataset

MEETINGS = {"putin-xi-2024-05-16-beijing": ("held", "16 May 2024"),
            "putin-xi-2024-07-03-astana": ("held", "3 Jul 2024"),
            "putin-xi-2024-10-22-kazan": ("planned", "October 2024")}


def _day(text: str) -> int:
    return dates.parse(text).lower


def _shown_status(window: MainWindow, event_id: str) -> str:
    state = window.state
    assert state.index is not None and state.known is not None
    position = state.index.position_of(event_id)
    assert position is not None and state.shown[position]
    return STATUSES[int(state.known.status[position])]


def test_opens_as_reported_on_3_july_framing_may_to_november(window: MainWindow) -> None:
    state = window.state
    assert state.view is not None and state.view.name == "As reported on 3 July 2024"
    assert state.knowledge_day == dates.day_number(2024, 7, 3)
    x0, x1 = window.timeline_view.visible_range()
    assert _day("2024-05-01") <= x0 < _day("2024-05-16"), dates.format_day(int(x0))
    assert _day("2024-11-01") < x1 <= _day("2024-11-30"), dates.format_day(int(x1))
    for event_id, (status, _) in MEETINGS.items():
        assert _shown_status(window, event_id) == status
    assert window.named_views.actions["view.named.reported-2024-07-03"].isChecked()


def test_view_menu_offers_each_view_with_its_date_and_range(window: MainWindow) -> None:
    menu = window.menus["&View"]
    first = [a for a in menu.actions()[:4]]
    assert [a.text() for a in first[:3]] == [
        "As reported on 3 July 2024", "2024 in hindsight", "All meetings since 2013"]
    assert first[3].isSeparator()
    assert first[0].toolTip().startswith("As known on 3 Jul 2024 · 16 May – 31 Oct 2024")
    assert first[2].toolTip().startswith("Everything known · Mar 2013 – Sep 2025")
    assert [a.shortcut().toString() for a in first[:3]] == ["Alt+1", "Alt+2", "Alt+3"]


def test_choosing_a_view_applies_its_date_and_range(window: MainWindow) -> None:
    state = window.state
    actions = window.named_views.actions
    actions["view.named.since-2013"].trigger()
    assert state.view is not None and state.view.id == "since-2013"
    assert state.knowledge_day is None
    assert _shown_status(window, "putin-xi-2024-10-22-kazan") == "held"
    x0, x1 = window.timeline_view.visible_range()
    assert x0 < _day("2013-01-01") and x1 > _day("2025-12-31")
    assert actions["view.named.since-2013"].isChecked()
    assert not actions["view.named.reported-2024-07-03"].isChecked()
    # Moving the knowledge date leaves the view: its tick goes.
    window.state.set_knowledge_day(dates.day_number(2024, 7, 3))
    assert state.view is None
    assert not any(a.isChecked() for a in actions.values())
    actions["view.named.reported-2024-07-03"].trigger()
    assert state.view is not None and state.knowledge_day == dates.day_number(2024, 7, 3)
    assert _shown_status(window, "putin-xi-2024-10-22-kazan") == "planned"


def test_a_view_asked_for_by_name_opens_the_file_in_it(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.state.sigTimelineChanged, timeout=10_000):
        window.files.open(default_dataset(), view="2024 IN HINDSIGHT")
    state = window.state
    assert state.view is not None and state.view.id == "2024-in-hindsight"
    assert state.knowledge_day is None
    x0, x1 = window.timeline_view.visible_range()
    assert _day("2024-04-01") < x0 < _day("2024-05-01") and _day("2024-10-31") < x1


def test_an_unknown_view_is_reported_listing_the_views(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.state.sigTimelineChanged, timeout=10_000):
        window.files.open(default_dataset(), view="2019")
    notice = window.info_bar
    assert notice.isVisible(), "a notice in the window, not a box to click away"
    assert "no view '2019'" in notice.text() and "All meetings since 2013" in notice.text()
    assert window.state.view is not None
    assert window.state.view.id == "reported-2024-07-03"


def test_presenter_mode_presents_the_view(window: MainWindow) -> None:
    state = window.state
    timeline = state.index.timeline if state.index is not None else None
    assert timeline is not None
    hindsight = views.find_view(timeline, "2024-in-hindsight")
    narrow = hindsight.__class__(id="july", name="July", range="2024-07", tracks=("putin-xi",))
    state.apply_view(narrow)
    deck = build_deck(state)
    titles = [deck.data.event(p).title for p in deck.event_positions()]
    assert titles == ["Putin–Xi meeting in Astana"]


def test_a_view_shows_only_its_dates_until_the_window_leaves_it(window: MainWindow) -> None:
    """As its exports and slides do: the 2024 view lists 2024, not the whole record."""
    state = window.state
    assert state.index is not None
    opening = window.event_list.model.rowCount()
    days = [state.index.event(int(p)).when for p in state.shown_positions()]
    assert opening == 15 and all(d.startswith("2024") for d in days)
    window.named_views.actions["view.named.since-2013"].trigger()
    assert window.event_list.model.rowCount() == len(state.index.timeline.events)
    window.named_views.actions["view.named.reported-2024-07-03"].trigger()
    assert window.event_list.model.rowCount() == opening
    # Moving the knowledge date leaves the view, and its dates with it.
    state.set_knowledge_day(dates.day_number(2024, 7, 4))
    assert state.view is None and state.filter.days is None
    assert window.event_list.model.rowCount() > opening
