"""File → Export this slide…: the selected event's slide, as F5 would put it on screen.

The slide is drawn by the presenter's painter, in the presenter's colours, at
the size of the screen the window is on, with the strip framed as the
presenter frames it once it has arrived: the file is the slide the audience
would see, without presenting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ..scene import camera
from ..scene.deck import Deck
from ..scene.palette import PROJECTOR
from .paint.slide_image import SlideExportError, save_slide
from .paint.slide_painter import SlidePainter
from .present import build_deck
from .save_dialog import ask_save_path
from .state import ViewState
from .widgets.message_box import warn


def slide_size(window: QWidget) -> QSize:
    """The size a presentation started from ``window`` would fill."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.geometry().size() if screen is not None else QSize(1920, 1080)


def _chosen(state: ViewState) -> tuple[Deck, int]:
    """The deck F5 presents and the step of the selected event (the title slide when
    none is, or when the selected one is not a slide)."""
    deck = build_deck(state)
    selected = state.index.event(state.selection).id \
        if state.index is not None and state.selection >= 0 else None
    return deck, deck.step_of(selected) or 0


def export_slide(state: ViewState, path: str | Path, size: QSize) -> Path:
    """Write the slide of the selected event (the title slide when none is) of the deck
    F5 presents; raises ``SlideExportError`` or ``ValueError`` (no timeline open)."""
    deck, step = _chosen(state)
    slides = SlidePainter(deck, PROJECTOR, timeline_file=state.file)
    return save_slide(path, slides, step, size, camera.framing(deck, step))


def show_slide_export_dialog(window: QWidget, state: ViewState) -> Path | None:
    if state.index is None:
        return None
    deck, step = _chosen(state)
    name, _ = ask_save_path(window, "Export this slide", deck.file_name(step),
                            "PNG image (*.png);;SVG drawing (*.svg)", kind="pictures")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".png", ".svg"):
        path = path.with_suffix(".png")
    try:
        return export_slide(state, path, slide_size(window))
    except (SlideExportError, ValueError) as error:
        warn(window, "Export failed", str(error))
        return None
