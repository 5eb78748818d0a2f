"""The knowledge-date control: a slider over the timeline's dates plus an exact date field.

"Show the timeline as known on this day" is the product's distinctive
question, so it gets a toolbar of its own; it only edits ``ViewState``.  The
field takes whole dates typed in the forms the locale shows (``DateField``).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QSlider, QToolBar, QToolButton, QWidget

from ...core import dates
from ..state import ViewState
from .date_field import DateField

_SLIDER_MIN_PX: Final = 120
_SLIDER_MAX_PX: Final = 420
_JULIAN_EPOCH: Final = 2440588
"""Julian day of 1970-01-01: converts day numbers to QDate without any time zone."""


def to_qdate(day: int) -> QDate:
    return QDate.fromJulianDay(day + _JULIAN_EPOCH)


def from_qdate(value: QDate) -> int:
    return int(value.toJulianDay()) - _JULIAN_EPOCH


_EVERYTHING: Final = "Everything known"
_FIRST_DAY = -4_371_222  # 1 Jan of year -9998 (9999 BCE), as days since 1970-01-01
_LAST_DAY = 2_932_896  # 31 Dec 9999


class KnowledgeBar(QToolBar):
    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__("Knowledge date", parent)
        self.setObjectName("knowledge_toolbar")
        self._state = state
        self._syncing = False
        self.slider = QSlider(Qt.Orientation.Horizontal)
        # Bounded both ways: wide enough to aim at a week, never so wide that the
        # toolbar outgrows a 1280-pixel window and hides the date field and button.
        self.slider.setMinimumWidth(_SLIDER_MIN_PX)
        self.slider.setMaximumWidth(_SLIDER_MAX_PX)
        self.slider.setAccessibleName("Knowledge date slider")
        self.slider.setToolTip("Show the timeline as it was known on this day")
        self.date_edit = DateField()
        self.date_edit.setAccessibleName("Knowledge date")
        self.date_edit.setToolTip("The day the timeline is shown as known on: type a date "
                                  "(23 Oct 2024 or 2024-10-23) and press Enter, or pick one; "
                                  "↑/↓ step a day")
        self.reset_button = QToolButton(text="Reset")
        self.reset_button.setAccessibleName("Reset knowledge date to the data's date")
        label = QLabel(" Known on: ")
        label.setToolTip("Show the timeline as it was known on a day: later reports are hidden")
        label.setBuddy(self.date_edit)
        self.addWidget(label)
        self.addWidget(self.slider)
        self.addWidget(self.date_edit)
        self.addWidget(self.reset_button)
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.date_edit.dateChanged.connect(self._on_date_edit_changed)
        self.reset_button.clicked.connect(self.reset_to_as_of)
        state.sigTimelineChanged.connect(self._on_state_timeline_changed)
        state.sigKnowledgeChanged.connect(self._on_state_knowledge_changed)
        self.setEnabled(False)

    def reset_to_as_of(self) -> None:
        if self._state.as_of_day is not None:
            self._state.set_knowledge_day(self._state.as_of_day)

    def _on_slider_value_changed(self, value: int) -> None:
        if not self._syncing:
            self._state.set_knowledge_day(value)

    def _on_date_edit_changed(self, value: QDate) -> None:
        if not self._syncing:
            self._state.set_knowledge_day(from_qdate(value))

    def _on_state_timeline_changed(self) -> None:
        state = self._state
        index = state.index
        if index is None or len(index) == 0:
            self.setEnabled(False)
            return
        assert state.snapshot is not None
        span = state.snapshot.report_span
        assert span is not None
        lo, hi = span
        if state.as_of_day is not None:
            lo, hi = min(lo, state.as_of_day), max(hi, state.as_of_day)
        lo, hi = max(lo, _FIRST_DAY), min(hi, _LAST_DAY)  # deep-time files: keep Qt in range
        self._syncing = True
        try:
            self.slider.setRange(lo - 30, hi + 60)
            self.date_edit.setDateRange(to_qdate(lo - 30), to_qdate(hi + 60))
        finally:
            self._syncing = False
        self.setEnabled(bool(len(index.with_reports)) or state.as_of_day is not None)
        self._on_state_knowledge_changed()

    def _on_state_knowledge_changed(self) -> None:
        day = self._state.knowledge_day
        self._sync_reset_button()
        self._syncing = True
        try:
            if day is None:
                # Every report known ("2024 in hindsight"): said in words, the slider
                # past the last report; a date typed or dragged from there is taken.
                self.date_edit.setNoDateText(_EVERYTHING)
                self.date_edit.setDate(QDate())
                self.slider.setValue(self.slider.maximum())
                return
            if not self.isEnabled():
                # Nothing to choose between: a dash, not a date that means nothing.
                self.date_edit.setNoDateText("")
                self.date_edit.setDate(QDate())
                return
            self.slider.setValue(day)
            self.date_edit.setDate(to_qdate(day))
        finally:
            self._syncing = False

    def _sync_reset_button(self) -> None:
        """"Reset to 3 Jul 2024": says where it goes; greyed out when already there."""
        as_of = self._state.as_of_day
        if as_of is None:
            self.reset_button.setText("Reset")
            self.reset_button.setToolTip("This file does not say what date its data is as of")
            self.reset_button.setEnabled(False)
            return
        shown = dates.format_day(as_of)
        self.reset_button.setText(f"Reset to {shown}")
        self.reset_button.setToolTip(f"Show the timeline as known on {shown}, the date the "
                                     "data is as of")
        self.reset_button.setEnabled(self._state.knowledge_day != as_of)
