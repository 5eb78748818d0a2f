"""A date field that takes a whole date typed in any common form, with a calendar beside it.

``QDateEdit`` edits one section at a time: selecting everything and typing
"23 Oct 2024" gave 3 October, silently.  Here the text is read whole when the
person presses Enter or leaves the field, by ``core.date_input`` with the
locale's own month names and day/month order added, so "23 Oct 2024",
"2024-10-23" and (in a day-first locale) "23/10/2024" all work.  Text that
cannot be read is kept for correcting, outlined, and explained in words
(``sigInvalid``) naming the forms that work.  ↑/↓ step a day, Page Up/Down a
month, Esc puts back the current date.

The API follows ``QDateEdit`` where it overlaps (``date``, ``setDate``,
``setDateRange``, ``dateChanged``), so callers can swap one for the other.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QStyle, QToolTip, QWidget

from ...core.date_input import DateInputError, NumericOrder, read_date
from ...core.day_numbers import from_day_number

DISPLAY_FORMAT: Final = "d MMM yyyy"


class DateField(QLineEdit):
    dateChanged = Signal(QDate)
    """A new date was set: typed and confirmed, picked, stepped, or set by code."""
    sigInvalid = Signal(str)
    """Text that is not a date was confirmed; the message says what to type instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = QDate()
        self._minimum = QDate(100, 1, 1)
        self._maximum = QDate(9999, 12, 31)
        self.error = ""
        """The last complaint about the text, empty while the text is a date."""
        self._tip = ""
        self._calendar: QCalendarWidget | None = None
        self._no_date = ""
        self.setPlaceholderText("—")
        self._fit_width()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip("Pick a day on a calendar (Alt+↓)")
        self.calendar_action.triggered.connect(self.show_calendar)

    # ------------------------------------------------------------ QDateEdit's API

    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, value: QDate) -> None:
        """Show ``value`` (an invalid QDate shows the placeholder), clamped to the range."""
        if value.isValid():
            value = min(max(value, self._minimum), self._maximum)
        changed = value != self._date
        self._date = QDate(value)
        self._show()
        if changed and value.isValid():
            self.dateChanged.emit(QDate(value))

    def setDateRange(self, minimum: QDate, maximum: QDate) -> None:
        self._minimum, self._maximum = QDate(minimum), QDate(max(minimum, maximum))
        if self._calendar is not None:
            self._calendar.setDateRange(self._minimum, self._maximum)
        if self._date.isValid() and not self._minimum <= self._date <= self._maximum:
            self.setDate(self._date)

    def setNoDateText(self, text: str) -> None:
        """What the field says while it holds no date ("Everything known"), in place of
        the placeholder dash: typing a date over it, or picking one, works as ever."""
        self._no_date = text
        self._fit_width()
        self._show()

    def _fit_width(self) -> None:
        metrics = self.fontMetrics()
        width = max(metrics.horizontalAdvance("30 Sep 2024"),
                    metrics.horizontalAdvance(self._no_date)) + 36
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 16)

    def minimumDate(self) -> QDate:
        return QDate(self._minimum)

    def maximumDate(self) -> QDate:
        return QDate(self._maximum)

    # ------------------------------------------------------------ reading text

    def commit(self) -> bool:
        """Read the text as a date and take it; False (and ``sigInvalid``) if it is not one."""
        if self.text() == self._shown_text():
            self._set_error("")
            return True
        try:
            parsed = read_date(self.text(), order=numeric_order(self.locale()),
                               months=month_names(self.locale()), day_only=True)
        except DateInputError as error:
            self._set_error(str(error), "\n".join(error.sentences))
            return False
        year, month, day = from_day_number(parsed.lower)
        wanted = QDate(year, month, day)
        if not self._minimum <= wanted <= self._maximum:
            self._set_error(f"{self._format(wanted)} is outside the dates this timeline covers "
                            f"({self._format(self._minimum)} to {self._format(self._maximum)})")
            return False
        self._set_error("")
        self.setDate(wanted)
        return True

    def _set_error(self, message: str, lines: str = "") -> None:
        """Outline the field and say what is wrong (``lines``: the same, line by line)."""
        self.error = message
        self.setToolTip(lines or message or self._tip)
        self.setStyleSheet("DateField { border: 2px solid #C62828; }" if message else "")
        if message:
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), lines or message, self)
            self.sigInvalid.emit(message)

    def setToolTip(self, text: str) -> None:
        """The help text, shown again once an error is put right."""
        if not getattr(self, "error", ""):
            self._tip = text
        super().setToolTip(text)

    # ------------------------------------------------------------ calendar

    def show_calendar(self) -> None:
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.setGridVisible(False)
            self._calendar.setDateRange(self._minimum, self._maximum)
            self._calendar.clicked.connect(self._on_calendar_clicked)
            self._calendar.activated.connect(self._on_calendar_clicked)
        if self._date.isValid():
            self._calendar.setSelectedDate(self._date)
        self._calendar.adjustSize()
        self._calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self._calendar.show()
        self._calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def calendar(self) -> QCalendarWidget | None:
        return self._calendar

    def _on_calendar_clicked(self, value: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self._set_error("")
        self.setDate(value)
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    # ------------------------------------------------------------ keys and focus

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0),
                 Qt.Key.Key_PageUp: (0, 1), Qt.Key.Key_PageDown: (0, -1)}
        if key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.show_calendar()
            return
        if key in steps and self._date.isValid() and self.commit():
            days, months = steps[Qt.Key(key)]
            self.setDate(self._date.addDays(days).addMonths(months))
            self.selectAll()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Taken here, not passed on: in a dialog Enter would also press its
            # default button (and close it) before the date was read.
            if not self.commit():
                self.selectAll()
            event.accept()
            return
        if key == Qt.Key.Key_Escape and (self.error or self.text() != self._shown_text()):
            self._set_error("")
            self._show()
            self.selectAll()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        """Keep ↑/↓, Enter and Esc from window shortcuts while the field has focus."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return,
                                    Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_PageUp,
                                    Qt.Key.Key_PageDown):
            event.accept()
            return True
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Leaving the field takes a typed date; text that is not one is put back."""
        if event.reason() != Qt.FocusReason.PopupFocusReason and not self.commit():
            self._show()
        super().focusOutEvent(event)

    # ------------------------------------------------------------ text

    def _format(self, value: QDate) -> str:
        return self.locale().toString(value, DISPLAY_FORMAT)

    def _shown_text(self) -> str:
        return self._format(self._date) if self._date.isValid() else self._no_date

    def _show(self) -> None:
        text = self._shown_text()
        if self.text() != text:
            self.setText(text)


def numeric_order(locale: QLocale) -> NumericOrder | None:
    """The order of day, month and year in the locale's short date format (d/M/yy → dmy)."""
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    places = {part: pattern.find(letter) for part, letter in (("d", "d"), ("m", "M"), ("y", "y"))}
    if min(places.values()) < 0:
        return None
    order = "".join(sorted(places, key=places.__getitem__))
    return order if order in ("dmy", "mdy", "ymd") else None  # type: ignore[return-value]


def month_names(locale: QLocale) -> dict[str, int]:
    """The locale's month names, long and short, as shown and as stand-alone words."""
    names: dict[str, int] = {}
    for month in range(1, 13):
        for kind in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
            for name in (locale.monthName(month, kind), locale.standaloneMonthName(month, kind)):
                if name:
                    names[name.casefold().rstrip(".")] = month
    return names
