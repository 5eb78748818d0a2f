"""The named views of the open file, as View-menu actions.

The views come from the file, so these commands are declared (``Command``,
as in ``actions``) each time a timeline arrives and the menu section is
rebuilt; the checked one follows ``ViewState.view``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from ..core import views
from ..core.model import View
from .actions import Command, build_actions
from .state import ViewState

MENU = "&View"


def view_commands(state: ViewState) -> list[Command]:
    """One command per view in the open file; Alt+1…Alt+9 for the first nine."""
    if state.index is None:
        return []
    timeline = state.index.timeline
    out = []
    for number, view in enumerate(timeline.views, 1):
        tip = views.view_tip(timeline, view)
        default = " (the file opens in it)" if view.id == timeline.default_view else ""
        out.append(Command(f"view.named.{view.id}", view.name.replace("&", "&&"), MENU,
                           (lambda v=view: state.apply_view(v)),
                           (f"Alt+{number}",) if number <= 9 else (), f"{tip}{default}",
                           checkable=True))
    return out


class NamedViewsMenu(QObject):
    """Keeps the View menu's first section equal to the open file's views."""

    def __init__(self, state: ViewState, menu: QMenu, window: QWidget) -> None:
        super().__init__(window)
        self._state = state
        self._menu = menu
        self._window = window
        self.commands: list[Command] = []
        self.actions: dict[str, QAction] = {}
        self._separator: QAction | None = None
        state.sigTimelineChanged.connect(self._on_state_timeline_changed)
        state.sigViewChanged.connect(self._on_state_view_changed)

    def _on_state_timeline_changed(self) -> None:
        for action in self.actions.values():
            self._menu.removeAction(action)
            self._window.removeAction(action)
            action.deleteLater()
        if self._separator is not None:
            self._menu.removeAction(self._separator)
            self._separator = None
        self.commands = view_commands(self._state)
        self.actions = build_actions(self._window, self.commands)
        first = self._menu.actions()[0]  # the menu always holds the zoom commands
        for command in self.commands:
            self._menu.insertAction(first, self.actions[command.id])
        if self.commands:
            self._separator = self._menu.insertSeparator(first)
        self._on_state_view_changed()

    def _on_state_view_changed(self) -> None:
        current: View | None = self._state.view
        for command in self.commands:
            action = self.actions[command.id]
            action.setChecked(current is not None and command.id == f"view.named.{current.id}")
