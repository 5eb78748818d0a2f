"""Pick one event of the timeline from a list: where orphaned notes should go.

The event whose title is closest to the notes' remembered title is chosen to
start with (a renamed id usually keeps most of its title); typing narrows the
list, Enter or OK takes the highlighted event.
"""

from __future__ import annotations

import difflib

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import dates
from ...core.model import Timeline


class EventChooser(QDialog):
    sigChosen = Signal(str)
    """The id of the event picked."""

    def __init__(self, timeline: Timeline, prompt: str, like: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Attach notes to an event")
        self.filter = QLineEdit(placeholderText="Type to narrow the list…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter events")
        self.list = QListWidget()
        self.list.setAccessibleName("Events")
        events = sorted(timeline.events, key=lambda e: _day(e.when))
        for event in events:
            item = QListWidgetItem(f"{_display(event.when)} — {event.title}")
            item.setData(Qt.ItemDataRole.UserRole, event.id)
            item.setToolTip(event.id)
            self.list.addItem(item)
        titles = [e.title for e in events]
        best = difflib.get_close_matches(like, titles, n=1, cutoff=0.0) if like else []
        self.list.setCurrentRow(titles.index(best[0]) if best else 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.resize(520, 420)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else \
            str(item.data(Qt.ItemDataRole.UserRole))

    def accept(self) -> None:
        event_id = self.chosen()
        if event_id is None:
            return
        super().accept()
        self.sigChosen.emit(event_id)

    def _on_filter_text_changed(self, text: str) -> None:
        words = text.casefold().split()
        first_shown = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = not all(w in item.text().casefold() for w in words)
            item.setHidden(hidden)
            if not hidden and first_shown is None:
                first_shown = row
        current = self.list.currentItem()
        if (current is None or current.isHidden()) and first_shown is not None:
            self.list.setCurrentRow(first_shown)


def _day(when: str) -> int:
    try:
        return dates.parse(when).lower
    except ValueError:
        return 2**62


def _display(when: str) -> str:
    try:
        return dates.parse(when).display()
    except ValueError:
        return when
