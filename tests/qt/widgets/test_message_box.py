"""Messages about files read as written: a tag name in a warning is shown, not taken for HTML."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from summit_timeline.qt.main_window import MainWindow
from summit_timeline.qt.widgets.message_box import warn
from summit_timeline.resources import default_dataset


def shown(label: QLabel) -> str:
    """What a reader sees in the label: its text, or the text of the HTML Qt made of it."""
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text))
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def box_lines(box: QMessageBox) -> str:
    return "\n".join(shown(label) for label in box.findChildren(QLabel)
                     if label.objectName() in ("qt_msgbox_label", "qt_msgbox_informativelabel"))


def test_a_removed_tag_is_named_in_the_load_warnings(window: MainWindow, qtbot: QtBot,
                                                     tmp_path: Path) -> None:
    source = tmp_path / "talks.json"
    source.write_text(json.dumps({"events": [{
        "start_date": {"year": 2024, "month": 5, "day": 16},
        "text": {"headline": "Talks in Beijing",
                 "text": "<script>alert(1)</script>Talks on trade."}}]}), encoding="utf-8")
    with qtbot.waitSignal(window.state.sigTimelineChanged, timeout=10_000):
        window.files.open(source)
    box = window.files.last_warnings
    assert box is not None and box.isVisible()
    try:
        assert "HTML markup that is not kept was removed: <script>" in box_lines(box)
    finally:
        box.close()


def test_a_view_name_with_markup_is_shown_as_typed(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.state.sigTimelineChanged, timeout=10_000):
        window.files.open(default_dataset(), view="<b>2019</b>")
    assert window.info_bar.isVisible()
    assert "no view '<b>2019</b>'" in shown(window.info_bar.label)


def test_a_warning_about_a_file_keeps_its_angle_brackets(qtbot: QtBot) -> None:
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box_lines(box))
        box.done(QMessageBox.StandardButton.Ok)

    QTimer.singleShot(0, read_and_close)
    warn(None, "Export failed", "<i>out</i>.png: cannot write here")
    assert seen and "<i>out</i>.png: cannot write here" in seen[0]
