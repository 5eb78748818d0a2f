"""The main window's placement before presenting, to put it back exactly on Esc.

Geometry alone is not enough: a maximised or full-screen window must come
back maximised or full screen, with its normal geometry intact underneath.
Nothing is touched when nothing changed, because a round trip through
``restoreGeometry`` clamps and nudges windows on some platforms.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

_SIZED = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen


@dataclass(frozen=True)
class WindowSnapshot:
    rect: QRect
    normal: QRect
    """The geometry a maximised or full-screen window returns to."""
    state: Qt.WindowState
    visible: bool

    @classmethod
    def take(cls, window: QWidget) -> WindowSnapshot:
        return cls(QRect(window.geometry()), QRect(window.normalGeometry()),
                   window.windowState(), window.isVisible())

    def restore(self, window: QWidget) -> None:
        state = window.windowState()
        if state != self.state:
            if self.state & _SIZED:
                if state & _SIZED:
                    window.setWindowState(Qt.WindowState.WindowNoState)
                window.setGeometry(self.normal)
                window.setWindowState(self.state)
            else:
                window.setWindowState(self.state)
                window.setGeometry(self.rect)
        elif not self.state & _SIZED and window.geometry() != self.rect:
            window.setGeometry(self.rect)
        if self.visible:
            window.show()
            window.raise_()
            window.activateWindow()
