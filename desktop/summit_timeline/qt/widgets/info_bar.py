"""A dismissible strip above the timeline for news that must not interrupt the reader.

Reload summaries and file problems arrive while someone is reading or typing
a note; a modal box would steal focus and keystrokes, so they appear here
and stay until closed or replaced.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

_TONES = {"info": "#2F6FB2", "warning": "#C77C00", "error": "#C62828"}


class InfoBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("info_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel(wordWrap=True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Message")
        self.close_button = QToolButton(text="✕", autoRaise=True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAccessibleName("Dismiss message")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.close_button.clicked.connect(self.hide)
        self.tone = "info"
        self.hide()

    def show_message(self, text: str, tone: str = "info") -> None:
        """Plain text (file names and error messages are never read as HTML)."""
        self.tone = tone
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setText(text)
        colour = self.palette().color(QPalette.ColorRole.Window)
        edge = _TONES.get(tone, _TONES["info"])
        self.setStyleSheet(f"#info_bar {{ background: {colour.name()}; border: 1px solid {edge};"
                           f" border-left: 5px solid {edge}; }}")
        self.show()

    def text(self) -> str:
        return self.label.text()
