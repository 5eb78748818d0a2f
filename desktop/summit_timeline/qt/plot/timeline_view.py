"""The central timeline: a pyqtgraph plot of lanes and events that follows ``ViewState``.

It owns only drawing and navigation.  Selection, filter and knowledge date
live in the state object; this view reads them on its signals and writes the
selection when the user clicks.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QShowEvent
from PySide6.QtWidgets import QApplication, QToolTip, QVBoxLayout, QWidget

from ...core import dates, knowledge
from ...core.model import STATUSES
from ...scene.draw_set import DrawSet
from ..state import NO_SELECTION, ViewState
from ..theme import plot_colours
from .date_axis import DateAxisItem
from .events_item import EventsItem
from .labels_item import LabelsItem
from .legend_bar import LegendBar
from .prepared_timeline import PreparedTimeline
from .timeline_view_box import TimelineViewBox

_MIN_RANGE = 1 / 24
"""One hour: below that the calendar has nothing more to say."""
_TITLE_PX = 170


class TimelineView(QWidget):
    sigKnowledgeDragged = Signal(int)
    """The user dragged the knowledge-date marker to this day number."""

    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._focused_once = False
        self.view_box = TimelineViewBox()
        self.date_axis = DateAxisItem()
        self.plot_widget = pg.PlotWidget(viewBox=self.view_box,
                                         axisItems={"bottom": self.date_axis})
        self.plot_widget.setAccessibleName("Timeline")
        self.plot_widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.plot_widget.setAntialiasing(False)
        plot = self.plot_widget.getPlotItem()
        plot.hideButtons()
        self.lane_axis = plot.getAxis("left")
        self.lane_axis.setStyle(tickLength=0)
        colours = plot_colours(self.palette())
        self.events_item = EventsItem(colours)
        self.labels_item = LabelsItem(self.events_item, self._title_of, colours)
        self.events_item.setZValue(10)
        self.labels_item.setZValue(20)
        self.view_box.addItem(self.events_item, ignoreBounds=True)
        self.view_box.addItem(self.labels_item, ignoreBounds=True)
        self.knowledge_line = pg.InfiniteLine(angle=90, movable=True, label="known",
                                              labelOpts={"position": 0.97, "movable": False})
        self.as_of_line = pg.InfiniteLine(angle=90, movable=False, label="as of",
                                          labelOpts={"position": 0.03, "movable": False})
        for line in (self.knowledge_line, self.as_of_line):
            line.setZValue(30)
            self.view_box.addItem(line, ignoreBounds=True)
        self.knowledge_line.sigPositionChangeFinished.connect(self._on_knowledge_line_moved)
        self.legend = LegendBar(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.legend)
        self.view_box.sigXRangeChanged.connect(self._on_view_box_range_changed)
        self.view_box.sigResized.connect(self._on_view_box_resized)
        self.view_box.sigClicked.connect(self._on_view_box_clicked)
        self.plot_widget.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        state.sigTimelineChanged.connect(self._on_state_timeline_changed)
        state.sigShownChanged.connect(self._on_state_shown_changed)
        state.sigKnowledgeChanged.connect(self._on_state_knowledge_changed)
        state.sigSelectionChanged.connect(self._on_state_selection_changed)
        state.sigReviewChanged.connect(self._on_state_review_changed)
        self._apply_colours()
        self._set_empty_range()

    # ------------------------------------------------------------ commands

    def fit_all(self) -> None:
        data = self.events_item.draw_set()
        if data is None or len(data) == 0:
            self._set_empty_range()
            return
        lo, hi = float(data.start.min()), float(data.end.max())
        span = max(hi - lo, 2.0)
        self.view_box.setXRange(lo - span * 0.04, hi + span * 0.10, padding=0)

    def zoom(self, factor: float) -> None:
        """Zoom about the centre; factor < 1 zooms in."""
        (x0, x1), _ = self.view_box.viewRange()
        mid, half = (x0 + x1) / 2, (x1 - x0) / 2 * factor
        self.view_box.setXRange(mid - half, mid + half, padding=0)

    def pan(self, fraction: float) -> None:
        (x0, x1), _ = self.view_box.viewRange()
        shift = (x1 - x0) * fraction
        self.view_box.setXRange(x0 + shift, x1 + shift, padding=0)

    def zoom_to_selection(self) -> None:
        bounds = self._selected_bounds()
        if bounds is None:
            return
        lo, hi = bounds
        pad = max(3.0, (hi - lo) * 0.6)
        self.view_box.setXRange(lo - pad, hi + pad, padding=0)

    def ensure_selection_visible(self) -> None:
        bounds = self._selected_bounds()
        if bounds is None:
            return
        lo, hi = bounds
        (x0, x1), _ = self.view_box.viewRange()
        width = x1 - x0
        if lo >= x0 + width * 0.02 and hi <= x1 - width * 0.15:
            return
        if hi - lo > width * 0.8:
            self.zoom_to_selection()
            return
        mid = (lo + hi) / 2
        self.view_box.setXRange(mid - width * 0.45, mid + width * 0.55, padding=0)

    def visible_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.view_box.viewRange()
        return float(x0), float(x1)

    def set_visible_range(self, x0: float, x1: float) -> None:
        self.view_box.setXRange(x0, x1, padding=0)

    # ------------------------------------------------------------ state → view

    def _on_state_timeline_changed(self) -> None:
        self.labels_item.reset()
        self._apply_colours()
        self._rebuild()
        self._update_lane_titles()
        self._update_limits()
        self._update_markers()
        if self._state.keeping_view:
            self.set_visible_range(*self._state.visible_range)
        else:
            self.fit_all()

    def _on_state_shown_changed(self) -> None:
        self.labels_item.reset()
        self._rebuild()
        self._update_lane_titles()

    def _on_state_review_changed(self) -> None:
        data = self.events_item.draw_set()
        if data is not None:
            self.events_item.set_data(data.with_review(self._state.review_flags))

    def _on_state_knowledge_changed(self) -> None:
        self._update_markers()

    def _on_state_selection_changed(self, position: int) -> None:
        self.events_item.set_selected(position)
        self.labels_item.update()
        if position != NO_SELECTION:
            self.ensure_selection_visible()

    def _rebuild(self) -> None:
        state = self._state
        if state.index is None or state.known is None:
            return
        ready = PreparedTimeline.of(state.index)
        if ready is not None and ready.known is state.known and state.filter.is_empty:
            # Made on the loader's worker: the first frame of a big file costs no sort here.
            data = ready.draw_set
            if state.review_flags.any():
                data = data.with_review(state.review_flags)
        else:
            data = DrawSet.build(state.index, state.known, state.shown, state.review_flags)
        self.events_item.set_data(data)
        self.events_item.set_selected(state.selection)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Show every row, with a margin in pixels above and below for the marker captions.

        The margins are fixed in pixels, not in rows: with rows as tall as the
        plot allows, a fraction of a row was less than a label at small sizes
        (the first and last rows lost their labels and the "known on" caption
        covered the last row) and a waste of space at large ones.
        """
        data = self.events_item.draw_set()
        total = data.layout.total if data is not None else 1.0
        margin = QFontMetrics(self.font()).height() + 10.0
        height = max(float(self.view_box.height()), 3 * margin)
        row_px = max(height - 2 * margin, margin) / (total + 0.5)
        pad = margin / row_px
        y0, y1 = -0.25 - pad, total + 0.25 + pad
        self.view_box.setLimits(yMin=None, yMax=None)
        self.view_box.setYRange(y0, y1, padding=0)
        self.view_box.setLimits(yMin=y0, yMax=y1)

    def _on_view_box_resized(self, *_: object) -> None:
        self._fit_rows()

    def _update_lane_titles(self) -> None:
        state = self._state
        data = self.events_item.draw_set()
        if state.index is None or data is None:
            return
        metrics = QFontMetrics(self.font())
        ticks = []
        widest = 40
        for k, track in enumerate(state.index.tracks):
            title = metrics.elidedText(track.title, Qt.TextElideMode.ElideRight, _TITLE_PX)
            widest = max(widest, metrics.horizontalAdvance(title))
            ticks.append((float(data.layout.lane_top[k] + data.layout.lane_rows[k] / 2), title))
        self.lane_axis.setTicks([ticks, []])
        self.lane_axis.setWidth(widest + 18)

    def _update_limits(self) -> None:
        data = self.events_item.draw_set()
        state = self._state
        if state.index is not None and len(state.index):
            lo = float(state.index.start.min())
            hi = float(max(state.index.end.max(), (state.known.end.max() if state.known is not None
                                                   else 0.0)))
        elif data is not None and len(data):
            lo, hi = float(data.start.min()), float(data.end.max())
        else:
            lo, hi = self._empty_range()
        if state.as_of_day is not None:
            lo, hi = min(lo, state.as_of_day), max(hi, state.as_of_day + 1)
        span = max(hi - lo, 30.0)
        self.view_box.setLimits(xMin=lo - span, xMax=hi + span, minXRange=_MIN_RANGE,
                                maxXRange=span * 3)

    def _update_markers(self) -> None:
        state = self._state
        for line, day, label in ((self.knowledge_line, state.knowledge_day, "known on"),
                                 (self.as_of_line, state.as_of_day, "data as of")):
            if day is None:
                line.hide()
                continue
            line.show()
            line.blockSignals(True)
            line.setValue(day + 1)
            line.blockSignals(False)
            if line.label is not None:
                line.label.setFormat(f"{label} {dates.format_day(day)}")

    def _selected_bounds(self) -> tuple[float, float] | None:
        state = self._state
        if state.selection == NO_SELECTION or state.known is None:
            return None
        return float(state.known.start[state.selection]), float(state.known.end[state.selection])

    def _empty_range(self) -> tuple[float, float]:
        today = dates.today_number()
        return today - 180.0, today + 180.0

    def _set_empty_range(self) -> None:
        lo, hi = self._empty_range()
        self.view_box.setXRange(lo, hi, padding=0)

    # ------------------------------------------------------------ mouse

    def _on_view_box_range_changed(self, *_: object) -> None:
        x0, x1 = self.visible_range()
        self._state.set_visible_range(x0, x1)

    def _on_view_box_clicked(self, scene_pos: QPointF) -> None:
        self.plot_widget.setFocus()
        self._state.select(self._event_at(scene_pos))

    def _on_knowledge_line_moved(self) -> None:
        day = math.floor(self.knowledge_line.value() + 0.5) - 1
        self.sigKnowledgeDragged.emit(day)

    def _event_at(self, scene_pos: QPointF) -> int:
        frame = self.events_item.frame()
        data = self.events_item.draw_set()
        if frame is None or data is None:
            return NO_SELECTION
        point = self.plot_widget.mapFromScene(scene_pos)
        hit = frame.hit(point.x(), point.y())
        return NO_SELECTION if hit is None else int(data.position[frame.which[hit]])

    def _on_scene_mouse_moved(self, scene_pos: QPointF) -> None:
        position = self._event_at(scene_pos)
        if position == NO_SELECTION or self._state.index is None:
            QToolTip.hideText()
            return
        point = self.plot_widget.mapFromScene(scene_pos)
        QToolTip.showText(self.plot_widget.mapToGlobal(point + QPoint(12, 12)),
                          self._tooltip(position), self.plot_widget)

    def _tooltip(self, position: int) -> str:
        from html import escape

        state = self._state
        assert state.index is not None and state.known is not None
        event = state.index.event(position)
        status = STATUSES[int(state.known.status[position])]
        # The date as known on the knowledge date, worked out as the list and the
        # details pane do.
        known = knowledge.known_state(event, state.knowledge_day)
        when = known.when if known is not None else event.when
        place = state.index.timeline.place(event.place)
        where = f"{place.name}, {place.country}" if place and place.country else (
            place.name if place else "")
        return (f"<b>{escape(event.title)}</b><br>{escape(dates.parse(when).display())} "
                f"<span style='color:gray'>({escape(when)})</span><br>{escape(status)}"
                + (f"<br>{escape(where)}" if where else ""))

    def _title_of(self, position: int) -> str:
        index = self._state.index
        return "" if index is None else index.event(position).title

    # ------------------------------------------------------------ focus

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            # After the window is mapped, not during show(): X refuses focus before that.
            QTimer.singleShot(0, self.take_initial_focus)

    def take_initial_focus(self) -> None:
        """Activate the window and focus the timeline, once, after the first show.

        With no window manager (a kiosk, Xvfb, some presentations) nobody else
        activates the window, so keys would go nowhere; and otherwise the first
        focusable widget (the search field) would swallow ← and →, which must
        walk the meetings from the moment the window appears.
        """
        window = self.window()
        if not window.isVisible():
            return
        if QApplication.activeWindow() is None and QApplication.platformName() != "offscreen":
            window.raise_()
            window.activateWindow()
        focused = QApplication.focusWidget()
        if focused is None or focused.window() is window:
            self.plot_widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    # ------------------------------------------------------------ theme

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colours()
        super().changeEvent(event)

    def _apply_colours(self) -> None:
        colours = plot_colours(self.palette())
        self.plot_widget.setBackground(colours.background)
        for name in ("bottom", "left"):
            axis = self.plot_widget.getPlotItem().getAxis(name)
            axis.setPen(colours.muted)
            axis.setTextPen(colours.foreground)
        index = self._state.index
        tracks = index.tracks if index is not None else ()
        lane_colours = [colours.lane(k, t.colour) for k, t in enumerate(tracks)]
        self.events_item.set_colours(colours, lane_colours)
        self.labels_item.set_colours(colours)
        self.knowledge_line.setPen(pg.mkPen(colours.marker, width=2))
        self.knowledge_line.setHoverPen(pg.mkPen(colours.marker, width=4))
        self.as_of_line.setPen(pg.mkPen(colours.as_of, width=1.5, style=Qt.PenStyle.DashLine))
        for line, colour in ((self.knowledge_line, colours.marker),
                             (self.as_of_line, colours.as_of)):
            if line.label is not None:
                line.label.setColor(colour)
                fill = QColor(colours.background)
                fill.setAlpha(220)
                line.label.fill = pg.mkBrush(fill)
        self.legend.colour = colours.lane(0, tracks[0].colour if tracks else None)
        self.legend.marker_colour = colours.marker
        self.legend.as_of_colour = colours.as_of
        self.legend.update()


__all__ = ["TimelineView"]
