"""The full-screen presenter: one slide per step, driven by the keys clickers send.

It owns no data: it walks a ``Deck`` and paints with ``SlidePainter``, and
the camera (the strip's visible range) glides between framings with a short
animation that can be switched off for people who prefer reduced motion.
S shows the speaker notes over the slide (rehearsing on one screen), Ctrl+S
saves the slide as PNG or SVG exactly as it is on screen, and the previous
and next slides' names at the bottom edge go there when clicked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, Literal

from PySide6.QtCore import (
    QEasingCurve,
    QElapsedTimer,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ...scene import camera
from ...scene.deck import TITLE, Deck
from ...scene.palette import PROJECTOR, Palette
from ..paint.slide_image import SlideExportError, save_slide
from ..paint.slide_painter import SlidePainter
from ..plot import paint_guard
from ..save_dialog import ask_save_path
from ..widgets.message_box import warn
from .notes_overlay import elapsed_text, paint_notes

Blank = Literal["black", "white"] | None
K = Qt.Key
FORWARD: Final = frozenset({K.Key_PageDown, K.Key_Right, K.Key_Down, K.Key_Space, K.Key_N,
                            K.Key_Return, K.Key_Enter})
BACK: Final = frozenset({K.Key_PageUp, K.Key_Left, K.Key_Up, K.Key_Backspace, K.Key_P})
BLACK: Final = frozenset({K.Key_B, K.Key_Period})
WHITE: Final = frozenset({K.Key_W})
NOTES: Final = K.Key_S
MOVE_MS: Final = 400


class PresenterWindow(QWidget):
    sigStepChanged = Signal(int)
    """The current step index changed (not emitted while merely animating)."""
    sigClosed = Signal()
    """The presentation ended; the opener restores its window on this."""

    def __init__(self, deck: Deck, parent: QWidget | None = None, *, start: int = 0,
                 palette: Palette | None = None, reduced_motion: bool = False,
                 timeline_file: str | Path | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setWindowTitle(f"{deck.data.title} — presenting")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.deck = deck
        self.timeline_file = timeline_file
        self.painter = SlidePainter(deck, palette or PROJECTOR, timeline_file=timeline_file)
        self.reduced_motion = reduced_motion
        self.blank: Blank = None
        self.console: QWidget | None = None
        """The presenter's console on the other screen, when there is one."""
        self.show_notes = False
        """The speaker notes over the slide (S): for rehearsing on one screen."""
        self._clock = QElapsedTimer()
        self._clock.start()
        self._notes_tick = QTimer(self, interval=1000)
        self._notes_tick.timeout.connect(self.update)
        self._hide_cursor = QTimer(self, singleShot=True, interval=2500)
        self._hide_cursor.timeout.connect(lambda: self.setCursor(Qt.CursorShape.BlankCursor))
        self.setMouseTracking(True)
        self._step = min(max(start, 0), max(len(deck) - 1, 0))
        self._range = camera.framing(deck, self._step) if len(deck) else (0.0, 1.0)
        self._from = self._to = self._range
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(MOVE_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.Linear)
        self._animation.valueChanged.connect(self._on_animation_value_changed)
        self._closed = False

    # ------------------------------------------------------------ queries

    @property
    def step(self) -> int:
        return self._step

    def current_event_id(self) -> str | None:
        """The event on screen, or None on the title slide."""
        if not len(self.deck):
            return None
        value = self.deck.steps[self._step]
        return None if value == TITLE else self.deck.data.event(value).id

    def visible_range(self) -> tuple[float, float]:
        """The strip's current range (mid-animation, the camera's position now)."""
        return self._range

    def target_range(self) -> tuple[float, float]:
        return self._to

    def is_moving(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def new_painter(self) -> SlidePainter:
        """Another painter of this deck, in this presentation's colours (for previews)."""
        return SlidePainter(self.deck, self.painter.palette, timeline_file=self.timeline_file)

    def elapsed_ms(self) -> int:
        return int(self._clock.elapsed())

    # ------------------------------------------------------------ commands

    def go_to(self, step: int) -> None:
        """Show ``step`` (clamped); the camera glides unless motion is reduced."""
        if not len(self.deck):
            return
        step = min(max(step, 0), len(self.deck) - 1)
        if step == self._step:
            return
        self._step = step
        target = camera.framing(self.deck, step)
        self._animation.stop()
        if self.reduced_motion or not self.isVisible():
            self._range = self._from = self._to = target
        else:
            self._from, self._to = self._range, target
            self._animation.start()
        self.update()
        self.sigStepChanged.emit(step)

    def set_reduced_motion(self, reduced: bool) -> None:
        self.reduced_motion = reduced
        if reduced and self.is_moving():
            self._animation.stop()
            self._range = self._to
            self.update()

    def toggle_notes(self) -> None:
        """S: the speaker notes over the slide, or the slide alone again."""
        self.show_notes = not self.show_notes
        if self.show_notes:
            self._notes_tick.start()
        else:
            self._notes_tick.stop()
        self.update()

    def save_slide(self, path: str) -> None:
        """The slide on screen as PNG or SVG, at the screen's size, notes left out;
        raises ``SlideExportError``."""
        size = QSize(max(self.width(), 1), max(self.height(), 1))
        save_slide(path, self.painter, self._step, size, self._range)

    def save_slide_dialog(self) -> None:
        """Ctrl+S: ask where, then write the slide as it is on screen."""
        if not len(self.deck):
            return
        self.setCursor(Qt.CursorShape.ArrowCursor)
        try:
            name, _ = ask_save_path(self, "Export this slide", self.deck.file_name(self._step),
                                    "PNG image (*.png);;SVG drawing (*.svg)", kind="pictures")
            if name:
                try:
                    self.save_slide(name)
                except SlideExportError as error:
                    warn(self, "Export failed", str(error))
        finally:
            self.setCursor(Qt.CursorShape.BlankCursor)

    def toggle_blank(self, kind: Literal["black", "white"]) -> None:
        """B/. and W: blank the screen; the same key again (or any other key) returns."""
        self.blank = None if self.blank == kind else kind
        self.update()

    # ------------------------------------------------------------ events

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if key == K.Key_Escape:
            self.close()
        elif key == K.Key_S and control:
            self.save_slide_dialog()
        elif key == NOTES and not control:
            self.toggle_notes()
        elif key in BLACK:
            self.toggle_blank("black")
        elif key in WHITE:
            self.toggle_blank("white")
        elif self.blank is not None and key in FORWARD | BACK | {K.Key_Home, K.Key_End}:
            self.blank = None  # a clicker press while blanked brings the slide back first
            self.update()
        elif key in FORWARD:
            self.go_to(self._step + 1)
        elif key in BACK:
            self.go_to(self._step - 1)
        elif key == K.Key_Home:
            self.go_to(0)
        elif key == K.Key_End:
            self.go_to(len(self.deck) - 1)
        elif key == K.Key_M:
            self.set_reduced_motion(not self.reduced_motion)
        else:
            super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """The pointer shows while it moves (a hand over the previous and next names), and
        hides again when it rests."""
        over = any(where.adjusted(-8, -8, 8, 8).contains(event.position())
                   for where, _ in self.painter.links.values())
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        self._hide_cursor.start()
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            for where, step in self.painter.links.values():
                if where.adjusted(-8, -8, 8, 8).contains(event.position()):
                    self.go_to(step)
                    return
            self.go_to(self._step + 1)
        elif event.button() == Qt.MouseButton.RightButton:
            self.go_to(self._step - 1)
        else:
            super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect())
        if self.blank is not None:
            painter.fillRect(rect, QColor("#000000" if self.blank == "black" else "#FFFFFF"))
        elif not len(self.deck):
            painter.fillRect(rect, self.painter.look.background)
            painter.setPen(self.painter.look.text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "Nothing to present")
        else:
            try:
                self.painter.paint(painter, rect, self._step, self._range)
                if self.show_notes:
                    content = self.painter.content(self._step)
                    after = self._step + 1
                    upcoming = self.painter.content(after).title \
                        if after < len(self.deck) else ""
                    paint_notes(painter, rect, self.painter.look,
                                getattr(content, "notes", ""),
                                elapsed_text(self.elapsed_ms()), upcoming)
            except Exception:
                paint_guard.report(self)  # a slide that cannot be drawn never ends the talk
        painter.end()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._animation.stop()
        self._notes_tick.stop()
        self._hide_cursor.stop()
        super().closeEvent(event)
        if event.isAccepted() and not self._closed:
            self._closed = True
            self.sigClosed.emit()

    def _on_animation_value_changed(self, value: object) -> None:
        self._range = camera.blend(self._from, self._to, float(value))  # type: ignore[arg-type]
        self.update()
