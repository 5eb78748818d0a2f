"""The Map dock's content: the map, and a line saying what it shows.

The line names the route ("Putin–Xi: Beijing → Astana → Kazan"), or, while
the list is narrowed to a place clicked on the map, that place with a button
to show every place again: a filter no other widget shows must be visible
where it was set, and undone there.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ...core.geo.sites import site_index
from ..state import ViewState
from .map_widget import MapWidget


class MapPanel(QWidget):
    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.map = MapWidget(state)
        self.caption = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.caption.setAccessibleName("What the map shows")
        self.caption.setMinimumWidth(40)
        self.show_all = QToolButton(text="Show all places", autoRaise=True)
        self.show_all.setToolTip("Stop narrowing the list and the timeline to one place (Esc)")
        self.show_all.clicked.connect(self._on_show_all_clicked)
        self.fit_button = QToolButton(text="Fit", autoRaise=True)
        self.fit_button.setToolTip("Show every place (Home while the map has focus)")
        self.fit_button.clicked.connect(self.map.fit)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 2, 2)
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.show_all)
        bar.addWidget(self.fit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.map, 1)
        self.setFocusProxy(self.map)
        for signal in (state.sigTimelineChanged, state.sigShownChanged,
                       state.sigSelectionChanged, state.sigFilterChanged):
            signal.connect(self._update_caption)
        self._update_caption()

    def _update_caption(self, *_: object) -> None:
        snap = self._state.snapshot
        places = snap.filter.places if snap is not None else None
        self.show_all.setVisible(places is not None)
        if snap is None:
            self.caption.setText("")
            return
        if places is not None:
            sites = site_index(snap.index)
            codes = sites.codes_of(places)
            name = sites.sites[int(codes[0])].label if len(codes) else ", ".join(places)
            count = len(snap.walk)
            self.caption.setText(f"{count} event{'s' * (count != 1)} at {name}")
        else:
            route = self.map.route()
            if route is None:
                text = "Places of the events shown"
            elif len(route.stops) <= 6:
                text = f"{route.track}: {route.text}"
            else:
                text = (f"{route.track}: {route.stops[0]} → … → {route.stops[-1]}, "
                        f"{route.journeys:,} journeys")
            self.caption.setText(self.caption.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, max(self.caption.width(), 200)))
            self.caption.setToolTip(text)

    def _on_show_all_clicked(self) -> None:
        wanted = self._state.filter
        if wanted.places is not None:
            self._state.set_filter(replace(wanted, places=None))
