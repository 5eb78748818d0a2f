"""The Review pane as a first-time reviewer meets it: where the name goes, the chosen flag
in the dark theme, and marks that can be told apart."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot
from review_support import ASTANA, BEIJING, select

from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.settings import Settings


@pytest.fixture
def unnamed(window: MainWindow) -> MainWindow:
    """The window as a reviewer opens it the first time: no name yet."""
    Settings().set_reviewer_name("")
    window.review.session.sigStoreChanged.emit()
    return window


def test_the_first_flag_asks_for_nothing_and_keeps_the_keyboard_where_it_was(
        unnamed: MainWindow, qtbot: QtBot) -> None:
    """The first Ctrl+2 opened an untitled name box, and the note typed next went into it;
    the pane said the name was asked on the first note."""
    window, pane = unnamed, unnamed.review.pane
    assert "type your name" in pane.status.text().lower()
    assert "first note" not in pane.status.text()
    select(window, BEIJING)
    plot = window.timeline_view.plot_widget
    plot.setFocus()
    qtbot.waitUntil(plot.hasFocus)
    qtbot.keyClick(plot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.activeModalWidget() is None, "no dialog"
    assert plot.hasFocus(), "the keyboard stays where the reviewer was"
    store = window.review.session.store
    assert store is not None and store.flag("", BEIJING) == "unreviewed"
    assert not pane.flag_buttons["checked"].isChecked(), "nothing was flagged"
    assert "Type your name in the Review tab" in window.statusBar().currentMessage()
    assert window.review_dock.isVisible() and pane.isVisible(), "the name field is in sight"
    # The note typed next goes into the note, and is kept once there is a name.
    pane.note_edit.setFocus()
    qtbot.keyClicks(pane.note_edit, "Check the date")
    assert pane.note_edit.toPlainText() == "Check the date"
    qtbot.keyClicks(pane.name_edit, "  Bea Reviewer ")
    qtbot.keyClick(pane.name_edit, Qt.Key.Key_Return)
    assert store.note("Bea Reviewer", BEIJING) == "Check the date"
    plot.setFocus()
    qtbot.keyClick(plot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert store.flag("Bea Reviewer", BEIJING) == "checked"
    assert pane.flag_buttons["checked"].isChecked()


@pytest.fixture
def dark(window: MainWindow, qtbot: QtBot) -> Iterator[MainWindow]:
    window.set_theme("dark")
    qtbot.waitUntil(lambda: window.review.pane.palette().color(QPalette.ColorRole.Window)
                    == QApplication.palette().color(QPalette.ColorRole.Window))
    yield window
    window.set_theme("system")


def _mean_lightness(button: QToolButton) -> float:
    image = button.grab().toImage()
    pixels = np.array([[image.pixelColor(x, y).lightness() for x in range(2, image.width() - 2)]
                       for y in range(2, image.height() - 2)], np.float64)
    return float(pixels.mean())


def test_in_the_dark_theme_the_chosen_flag_stands_out(dark: MainWindow, qtbot: QtBot) -> None:
    window, pane = dark, dark.review.pane
    window.review_dock.raise_()
    select(window, ASTANA)
    window.actions["review.flag.checked"].trigger()
    qtbot.waitUntil(lambda: pane.flag_buttons["checked"].isChecked())
    chosen = _mean_lightness(pane.flag_buttons["checked"])
    others = [_mean_lightness(pane.flag_buttons[f]) for f in ("unreviewed", "needs_work",
                                                               "disputed")]
    assert min(abs(chosen - other) for other in others) > 45, (chosen, others)
    assert pane.flag_buttons["checked"].fontInfo().bold()
    assert not pane.flag_buttons["disputed"].fontInfo().bold()


def test_the_marks_column_tells_the_quotes_apart(window: MainWindow) -> None:
    """Astana's three quotes all read "Quote: Vladimir Putin:…" in the narrow column."""
    pane = window.review.pane
    window.review_dock.raise_()
    select(window, ASTANA)
    table = pane.items_table
    rows = [table.item(r, 0).text() for r in range(table.rowCount())]
    quotes = [text for text in rows if text.startswith("“")]
    assert len(quotes) >= 3
    width = table.columnWidth(0)
    metrics = table.fontMetrics()
    seen = [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width) for text in rows]
    assert len(set(seen)) == len(seen), "every row reads differently as shown"
    assert all(text.endswith(("— Vladimir Putin", "— Xi Jinping")) for text in quotes)
