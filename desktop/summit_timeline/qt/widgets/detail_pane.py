"""The detail pane: everything known about the selected event, as of the knowledge date.

Links are never followed automatically: ``event:`` links select another
event, web links open in the system browser only when clicked, and nothing
(no image, no stylesheet) is loaded from the network.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from ...core.event_html import event_html
from ...core.knowledge import known_state
from ...core.safe_html import plain
from ..state import NO_SELECTION, ViewState

_EMPTY = ("<p class='muted'>Select an event on the timeline or in the list to see "
          "its details here.</p>")


class _OfflineBrowser(QTextBrowser):
    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Refuse every external resource: the pane never touches the network or disk."""
        return None


class DetailPane(QWidget):
    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
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
        state.sigTimelineChanged.connect(self._refresh)
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
        self.browser.setHtml(event_html(snap.index.timeline, event, known, snap.knowledge_day))

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
