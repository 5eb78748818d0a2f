"""Message boxes that show what they are given as text, never as HTML.

Qt guesses whether a message is HTML from its first line: a warning such as
"HTML markup that is not kept was removed: <script>" was taken for markup and
its tag vanished, and a file or view name with ``<b>`` in it turned bold.  The
texts shown here come from files (names, paths, fields, readers' messages), so
every box is plain text, whatever its first line holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

Button = QMessageBox.StandardButton


def message_box(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None, *,
                informative: str = "", detail: str = "",
                buttons: Button = Button.Ok, default: Button | None = None) -> QMessageBox:
    """A box (not yet shown) whose text and informative text read exactly as given."""
    box = QMessageBox(icon, title, text, buttons, parent)
    if informative:
        box.setInformativeText(informative)
    if detail:
        box.setDetailedText(detail)
    if default is not None:
        box.setDefaultButton(default)
    as_plain_text(box)
    return box


def as_plain_text(box: QMessageBox) -> None:
    """Show the box's text and informative text as written (call after setting them).

    Some Qt versions give the format to the main text only, so the informative
    label is set as well."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        if label.objectName() in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
            label.setTextFormat(Qt.TextFormat.PlainText)


def warn(parent: QWidget | None, title: str, text: str, *,
         buttons: Button = Button.Ok, default: Button | None = None) -> Button:
    """``QMessageBox.warning`` with its text shown as text: the button chosen."""
    box = message_box(QMessageBox.Icon.Warning, title, text, parent,
                      buttons=buttons, default=default)
    return Button(box.exec())


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """``QMessageBox.information`` with its text shown as text."""
    message_box(QMessageBox.Icon.Information, title, text, parent).exec()
