"""The detail pane: everything known about the selected event, as of the knowledge date.

Links are never followed automatically: ``event:`` links select another
event, web links open in the system browser only when clicked, and nothing
(no image, no stylesheet) is loaded from the network.  An event's local
images are checked and decoded here (``media_image``), then handed to the
document under names of the pane's own (``media:0``); the document asks for
nothing else, and gets nothing else.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QEvent, QSize, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPalette
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from ...core.event_html import ShownMedia, event_html
from ...core.knowledge import known_state
from ...core.media_files import is_image_name, resolve
from ...core.model import Event
from ...core.safe_html import plain
from ..media_image import ShownImage, load_image
from ..state import NO_SELECTION, ViewState

DECODE_SIZE: Final = QSize(960, 720)
"""Images are decoded at most this large, then shown at the pane's width."""
_CACHE: Final = 24

_EMPTY = ("<p class='muted'>Select an event on the timeline or in the list to see "
          "its details here.</p>")


class _OfflineBrowser(QTextBrowser):
    def __init__(self) -> None:
        super().__init__()
        self.images: dict[str, QImage] = {}
        """The decoded images of the event shown, by the names the HTML uses."""
        self.asked: list[str] = []
        """Every resource the document asked for (tests: no web address among them)."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Only the pane's own decoded images; every other resource is refused, so the
        pane never touches the network, and the disk only through ``media_image``."""
        key = name.toString() if isinstance(name, QUrl) else str(name)
        self.asked.append(key)
        return self.images.get(key)


class DetailPane(QWidget):
    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._images: dict[str, ShownImage] = {}
        self.browser = _OfflineBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName("Event details")
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.setFocusProxy(self.browser)
        state.sigSelectionChanged.connect(self._refresh)
        state.sigKnowledgeChanged.connect(self._refresh)
        state.sigTimelineChanged.connect(self._on_state_timeline_changed)
        self._refresh()

    def _on_state_timeline_changed(self) -> None:
        self._images.clear()  # a reload may come with new pictures under the old names
        self._refresh()

    def html(self) -> str:
        return self.browser.toHtml()

    def plain_text(self) -> str:
        return self.browser.toPlainText()

    def _refresh(self, *_: object) -> None:
        self._apply_style()
        snap = self._state.snapshot  # the date the timeline beside it shows, not one asked for
        if snap is None or snap.selection == NO_SELECTION:
            self.browser.setHtml(_EMPTY)
            return
        event = snap.index.event(snap.selection)
        known = known_state(event, snap.knowledge_day)
        if known is None:
            self.browser.setHtml(f"<h2>{plain(event.title)}</h2><p class='muted'>Not yet "
                                 "reported on the knowledge date.</p>")
            return
        shown = self._media(event)
        self.browser.setHtml(event_html(snap.index.timeline, event, known, snap.knowledge_day,
                                        shown))

    def _media(self, event: Event) -> list[ShownMedia]:
        """Each of the event's media as the pane shows it: decoded, or why not."""
        self.browser.images = {}
        out = []
        room = max(self.browser.viewport().width() - 24, 120)
        for k, media in enumerate(event.media):
            if not media.file:
                out.append(ShownMedia())
                continue
            if not is_image_name(media.file):
                out.append(ShownMedia(problem=f"{media.file}: not an image (PNG, JPEG, WebP "
                                              "or SVG)"))
                continue
            decoded = self._decoded(media.file)
            if decoded.image is None:
                out.append(ShownMedia(problem=decoded.problem))
                continue
            name = f"media:{k}"
            self.browser.images[name] = decoded.image
            size = decoded.image.size()
            scale = min(1.0, room / max(size.width(), 1))
            out.append(ShownMedia(name, max(1, round(size.width() * scale)),
                                  max(1, round(size.height() * scale))))
        return out

    def _decoded(self, file: str) -> ShownImage:
        path = resolve(self._state.file, file)
        if path is None:
            return ShownImage(None, f"{file}: only files next to the timeline are shown "
                                    "(a relative path), never other places or addresses")
        key = str(path)
        got = self._images.get(key)
        if got is None:
            got = load_image(path, DECODE_SIZE)
            if len(self._images) >= _CACHE:
                self._images.pop(next(iter(self._images)))
            self._images[key] = got
        return got

    def changeEvent(self, event: QEvent) -> None:
        """A theme switch re-renders the text: its muted colour is baked into the HTML's
        style sheet, and the old one was nearly invisible on the new background."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh()

    def _apply_style(self) -> None:
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        self.browser.document().setDefaultStyleSheet(
            f".muted {{ color: {muted}; }} h2 {{ margin-bottom: 4px; }} "
            "h3 { margin-top: 10px; margin-bottom: 2px; } ul { margin-left: -20px; }")

    def _on_browser_anchor_clicked(self, link: QUrl) -> None:
        if link.scheme() == "event":
            index = self._state.index
            position = index.position_of(link.path()) if index is not None else None
            if position is not None:
                self._state.select(position)
            return
        if link.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(link)
