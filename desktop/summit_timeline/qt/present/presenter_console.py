"""The presenter's own screen: the current slide, the next one, the notes and the time.

Opened when the computer has a second screen: the slides go full screen on
the audience's screen and this console on the one the window was on.  It
draws both slides with the presentation's own painter (what is shown is what
the audience sees), follows every step, and passes the clicker's keys on, so
whichever window has focus, the talk moves the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...scene import camera
from ..paint.slide_painter import SlidePainter
from .notes_overlay import NO_NOTES, elapsed_text
from .presenter_window import PresenterWindow


class SlidePreview(QWidget):
    """One slide, scaled to the widget, drawn by the presentation's painter."""

    def __init__(self, slides: SlidePainter, caption: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.slides = slides
        self.step: int | None = None
        self.setAccessibleName(caption)
        self.setMinimumSize(240, 135)

    def show_step(self, step: int | None) -> None:
        self.step = step
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        w, h = self.width(), self.height()
        scale = min(w / 16, h / 9)
        target = QRectF((w - 16 * scale) / 2, (h - 9 * scale) / 2, 16 * scale, 9 * scale)
        if self.step is None:
            painter.fillRect(target, self.slides.look.background)
            painter.setPen(self.slides.look.muted)
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter, "End of the presentation")
        else:
            self.slides.paint(painter, target, self.step,
                              camera.framing(self.slides.deck, self.step))
        painter.end()


class PresenterConsole(QWidget):
    sigClosed = Signal()

    def __init__(self, presenter: PresenterWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"{presenter.deck.data.title} — presenter view")
        self.presenter = presenter
        # Painters of their own: the presenter's remembers where its clickable names are.
        self.current = SlidePreview(presenter.new_painter(), "Current slide")
        self.upcoming = SlidePreview(presenter.new_painter(), "Next slide")
        self.notes = QTextBrowser()
        self.notes.setAccessibleName("Speaker notes")
        self.notes.setOpenLinks(False)
        self.clock = QLabel()
        self.clock.setAccessibleName("Elapsed time")
        font = self.clock.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.clock.setFont(font)
        self.counter = QLabel()
        self.next_title = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        side = QVBoxLayout()
        side.addWidget(QLabel("Next"))
        side.addWidget(self.upcoming, 2)
        side.addWidget(self.next_title)
        side.addWidget(QLabel("Notes"))
        side.addWidget(self.notes, 3)
        top = QHBoxLayout()
        top.addWidget(self.clock)
        top.addStretch(1)
        top.addWidget(self.counter)
        column = QVBoxLayout()
        column.addLayout(top)
        column.addWidget(self.current, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(column, 3)
        layout.addLayout(side, 2)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._elapsed = QElapsedTimer()
        self._elapsed.start()
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_clock)
        self._tick.start()
        presenter.sigStepChanged.connect(self._on_presenter_step_changed)
        presenter.sigClosed.connect(self.close)
        self._on_presenter_step_changed(presenter.step)
        self._update_clock()

    def elapsed_ms(self) -> int:
        return int(self._elapsed.elapsed())

    def _update_clock(self) -> None:
        self.clock.setText(elapsed_text(self.elapsed_ms()))

    def _on_presenter_step_changed(self, step: int) -> None:
        deck = self.presenter.deck
        if not len(deck):
            return
        following = step + 1 if step + 1 < len(deck) else None
        self.current.show_step(step)
        self.upcoming.show_step(following)
        self.counter.setText(f"{step + 1} / {len(deck)}")
        content = self.presenter.painter.content(step)
        notes = getattr(content, "notes", "")
        self.notes.setPlainText(notes or NO_NOTES)
        self.next_title.setText(self.presenter.painter.content(following).title
                                if following is not None else "")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The clicker may talk to this window: the presentation moves all the same."""
        self.presenter.keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._tick.stop()
        super().closeEvent(event)
        if event.isAccepted():
            self.sigClosed.emit()
            if self.presenter.isVisible():
                self.presenter.close()
