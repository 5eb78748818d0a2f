"""The central timeline: a pyqtgraph plot that paints the scene of the shared ``ViewState``.

It owns only navigation and the view (which days, how many pixels).  What is
drawn there is the scene ``scene.build`` makes from the state's snapshot and
this view; the one ``SceneItem`` paints it, the date axis shows its ticks and
the legend its entries.  Selection, filter and knowledge date live in the
state object; this view reads them on its signals and writes the selection
when the user clicks.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import QApplication, QToolTip, QVBoxLayout, QWidget

from ...core import dates, knowledge, views
from ...scene.build import Look, SceneBuilder
from ...scene.palette import Palette
from ...scene.scene import Badge, Scene, View
from ...scene.snapshot import Snapshot
from ..paint.fonts import FontMeasure
from ..paint.shapes import qcolor
from ..snapshot_worker import Plan, weak_plan
from ..state import NO_SELECTION, ViewState
from ..theme import plot_palette
from .date_axis import DateAxisItem
from .legend_bar import LegendBar
from .scene_item import SceneItem
from .timeline_view_box import TimelineViewBox

_MIN_RANGE = 2.0
"""Two days: the data know days, not hours, so there is nothing finer to show."""
_TITLE_PX = 170
_EDGE_PX = 24.0
"""Room kept between an event brought into view and the edge it came in by."""
_BADGE_TIP = 12
"""Most titles a "+N" lists on hover."""


class TimelineView(QWidget):
    sigKnowledgeDragged = Signal(int)
    """The user dragged the knowledge-date marker to this day number."""

    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._focused_once = False
        self._clicking = False
        """A click on the timeline is selecting: the view must not move under the pointer."""
        self._lane_spans: tuple[tuple[float, float], ...] = ()
        self._builder = SceneBuilder()
        self._look: Look | None = None
        self.view_box = TimelineViewBox()
        # The items ask for the scene through a weak method: a strong one would make a
        # cycle, and Qt objects freed by Python's cycle collector can crash it.
        source = _weak(self.scene)
        self.date_axis = DateAxisItem(source)
        self.plot_widget = pg.PlotWidget(viewBox=self.view_box,
                                         axisItems={"bottom": self.date_axis})
        self.plot_widget.setAccessibleName("Timeline")
        self.plot_widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.plot_widget.setAntialiasing(False)
        plot = self.plot_widget.getPlotItem()
        plot.hideButtons()
        self.lane_axis = plot.getAxis("left")
        self.lane_axis.setStyle(tickLength=0)
        self.scene_item = SceneItem(source, self.font())
        self.scene_item.setZValue(10)
        self.view_box.addItem(self.scene_item, ignoreBounds=True)
        # The knowledge line is painted with the scene; this invisible handle lets the
        # reader drag it, and shows itself while the pointer is over it.
        self.knowledge_line = pg.InfiniteLine(angle=90, movable=True)
        self.knowledge_line.setZValue(30)
        self.knowledge_line.setToolTip("Drag to change the knowledge date")
        self.view_box.addItem(self.knowledge_line, ignoreBounds=True)
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
        state.sigViewChanged.connect(self._on_state_view_changed)
        state.sigChangedMarksChanged.connect(self._on_state_review_changed)
        self._redraw_timer = QTimer(self, singleShot=True, interval=0)
        self._redraw_timer.timeout.connect(self._redraw)
        self._worker_builder = SceneBuilder()
        """Lays out regions on the snapshot worker (one job at a time uses it)."""
        self._worker_look: Look | None = None
        state.add_planner(weak_plan(self._plan))
        self._apply_colours()
        self._set_empty_range()

    # ------------------------------------------------------------ the scene

    def current_view(self) -> View | None:
        """The days and pixels of the plot area now (None before it has a size)."""
        rect = self.view_box.mapRectToDevice(self.view_box.boundingRect())
        if rect is None or rect.width() < 1 or rect.height() < 1:
            return None
        (x0, x1), _ = self.view_box.viewRange()
        return View(float(x0), float(x1), float(rect.width()), float(rect.height()),
                    closed=False)

    def look(self) -> Look:
        """The palette and text measure scenes of this view are built with."""
        if self._look is None:
            self._look = Look(plot_palette(self.palette()), FontMeasure(self.font()))
        return self._look

    def on_screen(self) -> tuple[View, QFont, Palette] | None:
        """The view, label font and colours now: what "export the current view" reproduces."""
        view = self.current_view()
        return None if view is None else (view, QFont(self.font()), self.look().palette)

    def scene(self) -> Scene | None:
        """What the timeline shows now; built once per view and snapshot, then reused."""
        snap = self._state.snapshot
        view = self.current_view()
        if snap is None or view is None:
            return None
        return self._builder.build(snap, view, self.look())

    def _plan(self) -> Plan | None:
        """While the worker works out the next snapshot, it also lays out this view's
        region of it (labels and all), so the GUI thread only paints when it lands."""
        view = self.current_view()
        if view is None or not self.isVisible():
            return None
        look = self.look()
        theirs = self._worker_look
        if theirs is None or theirs.key != look.key:
            # Its own measure: font metrics may be used on another thread, not shared.
            theirs = self._worker_look = Look(look.palette, FontMeasure(self.font()),
                                              look.emphasis)
        builder, adopt = self._worker_builder, self._builder.adopt

        def lay_out(snap: Snapshot) -> Callable[[], None]:
            """On the worker: plain data only, no widgets."""
            scene = builder.build(snap, view, theirs)
            return lambda: adopt(snap, view, look, scene)

        return lay_out

    # ------------------------------------------------------------ commands

    def fit_all(self) -> None:
        snap = self._state.snapshot
        data = snap.draw if snap is not None else None
        if data is None or len(data) == 0:
            self._set_empty_range()
            return
        self.frame(float(data.start.min()), float(data.end.max()))

    def frame(self, lo: float, hi: float) -> None:
        """Show days [lo, hi) with the margins of Fit all (the right one holds labels)."""
        self.view_box.setXRange(*views.framed(lo, hi), padding=0)

    def frame_view(self) -> None:
        """The named view's range, else every event it shows."""
        view = self._state.view
        bounds = views.view_range(view) if view is not None else None
        if bounds is None:
            self.fit_all()
        else:
            self.frame(*bounds)

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor`` (< 1 zooms in) about the selected event, or the centre.

        A selected event in view stays where it is on screen, as the point under
        the mouse does for the wheel, nudged only as far as needed to keep it and
        its label whole; one out of view is brought to the middle.  Zooming about
        the centre lost the selection after a few presses.
        """
        (x0, x1), _ = self.view_box.viewRange()
        bounds = self._selected_bounds()
        if bounds is None:
            mid, half = (x0 + x1) / 2, (x1 - x0) / 2 * factor
            self.view_box.setXRange(mid - half, mid + half, padding=0)
            return
        lo, hi = bounds
        anchor = (lo + hi) / 2
        if not x0 <= anchor <= x1:
            half = (x1 - x0) / 2 * factor
            self.view_box.setXRange(anchor - half, anchor + half, padding=0)
            return
        new0, new1 = anchor - (anchor - x0) * factor, anchor + (x1 - anchor) * factor
        width = new1 - new0
        if hi - lo <= width * 0.8:
            shift = min(0.0, lo - (new0 + width * 0.02)) + max(0.0, hi - (new1 - width * 0.15))
            new0, new1 = new0 + shift, new1 + shift
        self.view_box.setXRange(new0, new1, padding=0)

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
        """Bring the selected event wholly into view by the least movement, if it is not.

        An event already in view leaves the view where it is: re-centring on it threw
        the other labels off the edge (and, in a file reaching back to 44 BCE, the axis
        out to the year 3200).  One wider than the view is zoomed to only when none of
        it is in sight.
        """
        bounds = self._selected_bounds()
        if bounds is None:
            return
        lo, hi = bounds
        (x0, x1), _ = self.view_box.viewRange()
        width = x1 - x0
        view = self.current_view()
        margin = min(_EDGE_PX / view.sx if view is not None else 0.0, width * 0.1)
        if lo >= x0 + margin and hi <= x1 - margin:
            return
        if hi - lo > width - 2 * margin:
            if hi <= x0 or lo >= x1:
                self.zoom_to_selection()
            return
        shift = lo - (x0 + margin) if lo < x0 + margin else hi - (x1 - margin)
        self.view_box.setXRange(x0 + shift, x1 + shift, padding=0)

    def visible_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.view_box.viewRange()
        return float(x0), float(x1)

    def set_visible_range(self, x0: float, x1: float) -> None:
        self.view_box.setXRange(x0, x1, padding=0)

    # ------------------------------------------------------------ state → view

    def _on_state_timeline_changed(self) -> None:
        # The new timeline is laid out once, in the range it is shown in: drawn first in
        # the old file's range, a million events were laid out twice on opening.
        self._apply_colours(redraw=False)
        self._update_limits()
        self._update_markers(redraw=False)
        if self._state.keeping_view:
            self.set_visible_range(*self._state.visible_range)
        else:
            self.frame_view()
        self._redraw()

    def _on_state_shown_changed(self) -> None:
        self._redraw_soon()

    def _on_state_review_changed(self) -> None:
        self._redraw_soon()

    def _redraw_soon(self) -> None:
        """Redraw once the event loop has had a turn: the changes of one turn (a date, a
        filter and the flags, say) cost one redraw, and the window answers in between
        the state taking a new snapshot in and the timeline painting it."""
        if not self._redraw_timer.isActive():
            self._redraw_timer.start()

    def _on_state_view_changed(self) -> None:
        if self._state.view is not None:
            self.frame_view()

    def _on_state_knowledge_changed(self) -> None:
        self._update_markers()

    def _on_state_selection_changed(self, position: int) -> None:
        self._redraw()
        if position != NO_SELECTION and not self._clicking:
            self.ensure_selection_visible()

    def _redraw(self) -> None:
        self._update_lane_titles()
        self.scene_item.update()

    def _fit_rows(self) -> None:
        """The view box's vertical axis counts the plot's pixels, as the scene does."""
        height = max(float(self.view_box.height()), 1.0)
        self.view_box.setLimits(yMin=None, yMax=None)
        self.view_box.setYRange(0.0, height, padding=0)
        self.view_box.setLimits(yMin=0.0, yMax=height)

    def _on_view_box_resized(self, *_: object) -> None:
        self._fit_rows()
        self._update_lane_titles()

    def _update_lane_titles(self) -> None:
        scene = self.scene()
        if scene is None:
            return
        self._lane_spans = _lane_spans(scene)
        metrics = QFontMetrics(self.font())
        ticks = []
        widest = 40
        for lane in scene.lanes:
            title = metrics.elidedText(lane.title, Qt.TextElideMode.ElideRight, _TITLE_PX)
            widest = max(widest, metrics.horizontalAdvance(title))
            ticks.append((lane.centre, title))
        self.lane_axis.setTicks([ticks, []])
        self.lane_axis.setWidth(widest + 18)
        self.legend.set_scene(scene)

    def _update_limits(self) -> None:
        state = self._state
        data = state.snapshot.draw if state.snapshot is not None else None
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
        if state.index is not None:  # every named view's range can be framed
            for view in state.index.timeline.views:
                bounds = views.view_range(view)
                if bounds is not None:
                    lo, hi = min(lo, bounds[0]), max(hi, bounds[1])
        span = max(hi - lo, 30.0)
        self.view_box.setLimits(xMin=lo - span, xMax=hi + span, minXRange=_MIN_RANGE,
                                maxXRange=span * 3)

    def _update_markers(self, redraw: bool = True) -> None:
        """Put the knowledge line's drag handle where the scene draws the line."""
        snap = self._state.snapshot
        day = snap.knowledge_day if snap is not None else None
        if day is None:
            self.knowledge_line.hide()
        else:
            self.knowledge_line.show()
            self.knowledge_line.blockSignals(True)
            self.knowledge_line.setValue(day + 1)
            self.knowledge_line.blockSignals(False)
        if redraw:
            self._redraw()

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
        # Lanes share the height by what they need at this zoom: their titles follow.
        scene = self.scene()
        if scene is not None and _lane_spans(scene) != self._lane_spans:
            self._update_lane_titles()

    def _on_view_box_clicked(self, scene_pos: QPointF) -> None:
        """Select what was clicked; the view stays put, since it was clicked where it is."""
        self.plot_widget.setFocus()
        self._clicking = True
        try:
            self._state.select(self._event_at(scene_pos))
        finally:
            self._clicking = False

    def _on_knowledge_line_moved(self) -> None:
        day = math.floor(self.knowledge_line.value() + 0.5) - 1
        self.sigKnowledgeDragged.emit(day)

    def _event_at(self, scene_pos: QPointF) -> int:
        """The event whose shape or label is under a point of the plot (or NO_SELECTION);
        on a "+N", the first of the events it counts, which selecting then draws."""
        scene = self.scene()
        origin = self.scene_item.plot_origin()
        if scene is None or origin is None:
            return NO_SELECTION
        point = self.plot_widget.mapFromScene(scene_pos)
        x, y = point.x() - origin.x(), point.y() - origin.y()
        hit = scene.shapes.hit(x, y)
        if hit is not None:
            return int(scene.shapes.position[hit])
        for label in scene.labels:
            left, top, right, bottom = label.rect
            if left <= x <= right and top <= y <= bottom:
                return label.position
        badge = self._badge_at(scene, x, y)
        return badge.positions[0] if badge is not None else NO_SELECTION

    @staticmethod
    def _badge_at(scene: Scene, x: float, y: float) -> Badge | None:
        for badge in scene.badges:
            left, top, right, bottom = badge.rect
            if badge.positions and left <= x <= right and top <= y <= bottom:
                return badge
        return None

    def _on_scene_mouse_moved(self, scene_pos: QPointF) -> None:
        if self._state.index is None:
            return
        point = self.plot_widget.mapFromScene(scene_pos)
        text = None
        scene = self.scene()
        origin = self.scene_item.plot_origin()
        if scene is not None and origin is not None:
            x, y = point.x() - origin.x(), point.y() - origin.y()
            if scene.shapes.hit(x, y) is None:
                badge = self._badge_at(scene, x, y)
                if badge is not None:
                    text = self.badge_text(badge)
        if text is None:
            position = self._event_at(scene_pos)
            if position == NO_SELECTION:
                QToolTip.hideText()
                return
            text = self.tooltip_text(position)
        QToolTip.showText(self.plot_widget.mapToGlobal(point + QPoint(12, 12)), text,
                          self.plot_widget)

    def badge_text(self, badge: Badge) -> str:
        """What hovering over a "+N" says: which events have no row here, and how to see them."""
        from html import escape

        index = self._state.index
        assert index is not None
        shown = badge.positions[:_BADGE_TIP]
        lines = [escape(index.event(p).title) for p in shown]
        more = len(badge.positions) - len(shown)
        if more:
            lines.append(f"and {more} more")
        count = len(badge.positions)
        return (f"<b>{count} more event{'s' * (count != 1)} here</b>, with no row left "
                "at this size:<br>" + "<br>".join(lines) + "<br><span style='color:gray'>"
                "Click to show the first; ←/→ walk on; a taller window shows them all"
                "</span>")

    def tooltip_text(self, position: int) -> str:
        """What hovering over an event says: title, date and status as known, place."""
        from html import escape

        snap = self._state.snapshot
        assert snap is not None
        event = snap.index.event(position)
        status = knowledge.SHOWN_STATUSES[int(snap.known.shown_status[position])]
        # The date as known on the knowledge date, worked out as the list and the
        # details pane do.
        known = knowledge.known_state(event, snap.knowledge_day)
        when = known.when if known is not None else event.when
        place = snap.index.timeline.place(known.place if known is not None else event.place)
        where = f"{place.name}, {place.country}" if place and place.country else (
            place.name if place else "")
        return (f"<b>{escape(event.title)}</b><br>{escape(dates.parse(when).display())} "
                f"<span style='color:gray'>({escape(when)})</span><br>{escape(status)}"
                + (f"<br>{escape(where)}" if where else ""))

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

    def _apply_colours(self, redraw: bool = True) -> None:
        self._look = None
        look = self.look()
        palette = look.palette
        self.plot_widget.setBackground(qcolor(palette.background))
        for name in ("bottom", "left"):
            axis = self.plot_widget.getPlotItem().getAxis(name)
            axis.setPen(qcolor(palette.muted))
            axis.setTextPen(qcolor(palette.text))
        handle = QColor(qcolor(palette.marker))
        handle.setAlpha(0)
        self.knowledge_line.setPen(pg.mkPen(handle, width=6))
        self.knowledge_line.setHoverPen(pg.mkPen(qcolor(palette.marker), width=4))
        self.scene_item.set_font(self.font())
        self.scene_item.forget_sprites()
        if redraw:
            self._redraw()


def _lane_spans(scene: Scene) -> tuple[tuple[float, float], ...]:
    return tuple((lane.top, lane.bottom) for lane in scene.lanes)
def _weak(method: Callable[[], Scene | None]) -> Callable[[], Scene | None]:
    ref = weakref.WeakMethod(method)

    def call() -> Scene | None:
        bound = ref()
        return bound() if bound is not None else None

    return call


__all__ = ["TimelineView"]
