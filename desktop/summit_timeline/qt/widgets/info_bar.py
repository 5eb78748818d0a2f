"""A dismissible strip above the timeline for news that must not interrupt the reader.

Reload summaries and file problems arrive while someone is reading or typing
a note; a modal box would steal focus and keystrokes, so they appear here
and stay until closed or replaced.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

_TONES = {"info": "#2F6FB2", "warning": "#C77C00", "error": "#C62828"}


class InfoBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("info_bar")
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
        self.update()
        self.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The window colour of the current theme, edged in the tone's colour.

        Painted rather than set in a style sheet: a style sheet bakes in the
        colour of the theme it was made in and kept it after a theme switch.
        """
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        edge = QColor(_TONES.get(self.tone, _TONES["info"]))
        painter.setPen(QPen(edge, 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.fillRect(0, 0, 5, self.height(), edge)
        painter.end()

    def text(self) -> str:
        return self.label.text()
