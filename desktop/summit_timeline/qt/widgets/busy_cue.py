"""A quiet sign that the views are about to change: "Updating…" and a busy pointer.

At a million events a new filter or knowledge date takes a few hundred
milliseconds to work out off the GUI thread, while the views keep showing
what they showed.  A change that lands within 150 ms needs no sign (it would
only flicker); one that takes longer gets this one, so a reader knows the
list and the timeline are not yet what they asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from ..state import ViewState

DELAY_MS: Final = 150


class BusyCue(QLabel):
    def __init__(self, state: ViewState, views: Sequence[QWidget],
                 parent: QWidget | None = None) -> None:
        super().__init__("Updating…", parent)
        self.setAccessibleName("Updating the views")
        self.setToolTip("The timeline and the list show the last result until the new one "
                        "is worked out")
        self.setEnabled(False)  # drawn in the muted text colour
        self._views = tuple(views)
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self._show_cue)
        self.hide()
        state.sigBusyChanged.connect(self._on_state_busy_changed)

    @property
    def showing(self) -> bool:
        return not self.isHidden()

    def _on_state_busy_changed(self, busy: bool) -> None:
        if busy:
            self._timer.start()
            return
        self._timer.stop()
        if self.showing:
            self.hide()
            for view in self._views:
                view.unsetCursor()

    def _show_cue(self) -> None:
        self.show()
        for view in self._views:
            view.setCursor(Qt.CursorShape.BusyCursor)
