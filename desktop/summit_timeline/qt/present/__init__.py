"""Presenter mode: a full-screen slide per event, and the presenter's console on a second screen.

Wiring is one call::

    from summit_timeline.qt.present import start_presentation
    start_presentation(state, main_window)          # F5 / View → Present

It reads the shared ``ViewState`` (or takes a bare ``Timeline``), never
writes it, and puts the main window back exactly as it was when the
presentation ends.  With one screen the slides fill the screen the window is
on (S shows the notes over them); with two, the slides go to the other screen
(the projector) and the console, with the current and next slides, the notes
and the time, to the window's screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ...core.index import EventIndex
from ...core.model import Timeline, View
from ...core.views import default_view, view_range
from ...scene.deck import Deck
from ...scene.snapshot import Snapshot, file_day
from .presenter_console import PresenterConsole
from .presenter_window import PresenterWindow
from .window_snapshot import WindowSnapshot

__all__ = ["Deck", "PresenterConsole", "PresenterWindow", "build_deck", "choose_screens",
           "start_presentation"]

S = TypeVar("S")


def choose_screens(window_screen: S | None, screens: Sequence[S]) -> tuple[S | None, S | None]:
    """(the screen for the slides, the screen for the console or None).

    One screen: the slides on it, no console.  More: the slides on a screen other
    than the window's (the projector), the console where the window is.
    """
    if len(screens) < 2:
        return (window_screen if window_screen is not None else
                (screens[0] if screens else None)), None
    home = window_screen if window_screen in screens else screens[0]
    other = next(s for s in screens if s is not home)
    return other, home


def build_deck(source: object, *, sequence: bool | Sequence[str] | None = None,
               knowledge_day: int | str | None = "default") -> Deck:
    """The slides for ``source`` (a ``ViewState``, ``Timeline`` or ``EventIndex``).

    ``sequence``: None/False presents every event known on the knowledge date
    (in the named view on screen); True only the events of the window's current
    filter; a list of event ids only those (in time order).  Every deck opens
    with its title slide, so F5, Shift+F5 and the handout (which is the deck on
    paper) all have the same first page.  ``knowledge_day`` overrides the
    state's (or the file's) knowledge date.
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
    if sequence is None or isinstance(sequence, bool):
        return Deck.build(data, title_slide=True)
    return Deck.build(data, title_slide=True, event_ids=list(sequence))


def start_presentation(source: object, parent_window: QWidget | None = None,
                       start_event_id: str | None = None,
                       sequence: bool | Sequence[str] | None = None, *,
                       reduced_motion: bool = False,
                       console: bool | None = None) -> PresenterWindow:
    """Go full screen on the parent window's screen; Esc ends and restores the parent.

    Starts on the title slide (F5 and Shift+F5 alike), or at ``start_event_id``
    when one is given.  ``console``: open the presenter's console (default: when
    there is a second screen for it).
    """
    deck = build_deck(source, sequence=sequence)
    start = deck.step_of(start_event_id) if start_event_id is not None else None
    window = PresenterWindow(deck, parent_window, start=start or 0,
                             reduced_motion=reduced_motion,
                             timeline_file=getattr(source, "file", None))
    if parent_window is not None:
        snapshot = WindowSnapshot.take(parent_window)
        window.sigClosed.connect(lambda: snapshot.restore(parent_window))
    home = parent_window.screen() if parent_window is not None else \
        QGuiApplication.primaryScreen()
    slides_screen, console_screen = choose_screens(home, QGuiApplication.screens())
    if slides_screen is not None:
        window.setScreen(slides_screen)
        window.setGeometry(slides_screen.geometry())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)
    window.show()
    if console or (console is None and console_screen is not None):
        presenter_console = PresenterConsole(window)
        window.console = presenter_console
        target = console_screen or home
        if target is not None:
            presenter_console.setScreen(target)
            presenter_console.setGeometry(target.availableGeometry())
        presenter_console.show()
    window.raise_()
    window.activateWindow()
    window.setFocus()
    return window
