"""Presenter mode: a full-screen slide per event, on the screen the main window is on.

Wiring is one call::

    from summit_timeline.qt.present import start_presentation
    start_presentation(state, main_window)          # F5 / View → Present

It reads the shared ``ViewState`` (or takes a bare ``Timeline``), never
writes it, and puts the main window back exactly as it was when the
presentation ends.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ...core.index import EventIndex
from ...core.model import Timeline, View
from ...core.views import default_view, view_range
from ...scene.deck import Deck
from ...scene.snapshot import Snapshot, file_day
from .presenter_window import PresenterWindow
from .window_snapshot import WindowSnapshot

__all__ = ["Deck", "PresenterWindow", "build_deck", "start_presentation"]


def build_deck(source: object, *, sequence: bool | Sequence[str] | None = None,
               knowledge_day: int | str | None = "default") -> Deck:
    """The slides for ``source`` (a ``ViewState``, ``Timeline`` or ``EventIndex``).

    ``sequence``: None/False presents every event known on the knowledge date;
    True only the events of the window's current filter, after a title slide;
    a list of event ids only those (in time order), after a title slide.
    ``knowledge_day`` overrides the state's (or the file's) knowledge date.
    """
    if isinstance(source, Timeline | EventIndex):
        timeline = source if isinstance(source, Timeline) else source.timeline
        opening = default_view(timeline) if knowledge_day == "default" else None
        if opening is not None:
            # A bare file is presented as it opens: in its default view.
            data = Snapshot.build(source, knowledge_day=file_day(timeline),
                                  tracks=list(opening.tracks) or None,
                                  day_range=view_range(opening))
        else:
            day = file_day(timeline) if knowledge_day == "default" else knowledge_day
            data = Snapshot.build(source, knowledge_day=day)  # type: ignore[arg-type]
    else:
        state_day = getattr(source, "knowledge_day", None)
        day = state_day if knowledge_day == "default" else knowledge_day
        index = getattr(source, "index", None)
        if index is None:
            raise ValueError("no timeline is open")
        view = getattr(source, "view", None)
        snap = getattr(source, "snapshot", None)
        if sequence is True and day == state_day and isinstance(snap, Snapshot):
            data = snap.with_selection(-1)
        elif isinstance(view, View):
            # The named view on screen decides the slides: its tracks and its range.
            data = Snapshot.build(index, knowledge_day=day,  # type: ignore[arg-type]
                                  tracks=list(view.tracks) or None,
                                  day_range=view_range(view))
        else:
            data = Snapshot.build(index, knowledge_day=day)  # type: ignore[arg-type]
    if sequence is None or sequence is False:
        return Deck.build(data)
    if sequence is True:
        return Deck.build(data, title_slide=True)
    return Deck.build(data, title_slide=True, event_ids=list(sequence))


def start_presentation(source: object, parent_window: QWidget | None = None,
                       start_event_id: str | None = None,
                       sequence: bool | Sequence[str] | None = None, *,
                       reduced_motion: bool = False) -> PresenterWindow:
    """Go full screen on the parent window's screen; Esc ends and restores the parent.

    Starts at ``start_event_id``, else the state's selected event, else the
    first event (the title slide is one step back when there is one).
    """
    deck = build_deck(source, sequence=sequence)
    if start_event_id is None:
        selection = getattr(source, "selection", -1)
        index = getattr(source, "index", None)
        if isinstance(selection, int) and selection >= 0 and index is not None:
            start_event_id = index.event(selection).id
    start = deck.step_of(start_event_id)
    if start is None:
        start = deck.first_event_step()
    window = PresenterWindow(deck, parent_window, start=start, reduced_motion=reduced_motion)
    if parent_window is not None:
        snapshot = WindowSnapshot.take(parent_window)
        window.sigClosed.connect(lambda: snapshot.restore(parent_window))
        screen = parent_window.screen()
    else:
        screen = QGuiApplication.primaryScreen()
    if screen is not None:
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)
    window.show()
    window.raise_()
    window.activateWindow()
    window.setFocus()
    return window
