"""The Map dock: where the shown events took place, linked to everything through the state.

It paints the map scene ``scene.map_build`` makes from the shared state's
snapshot and this widget's view, and owns only navigation: the same keys and
wheel as the timeline (+/− zoom, Home fits the places shown, Shift or Alt
with the arrows pans, the wheel zooms about the pointer, a drag pans).
Clicking a place filters the list and the timeline to the events there and
selects the first; clicking it again, or the sea, shows every place again.
Land is drawn once into a pixmap a little larger than the widget, so a pan
only moves it; places, the route and names are painted over it each frame.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from html import escape
from typing import Final

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from ...core import dates
from ...core.geo.sites import NO_SITE, site_index
from ...scene import map_camera
from ...scene.build import Look
from ...scene.map_build import MapBuilder, route_lane
from ...scene.map_scene import LandLayer, MapRoute, MapScene, MapSite, MapView
from ...scene.snapshot import NO_SELECTION, Snapshot
from ..paint.fonts import FontMeasure
from ..paint.map_painter import MapPainter
from ..plot import paint_guard
from ..snapshot_worker import Plan, weak_plan
from ..state import ViewState
from ..theme import plot_palette

K = Qt.Key
_ZOOM_IN: Final = frozenset({K.Key_Plus, K.Key_Equal})
_ZOOM_OUT: Final = frozenset({K.Key_Minus})
_PAN: Final = {K.Key_Left: (-0.2, 0.0), K.Key_Right: (0.2, 0.0), K.Key_Up: (0.0, -0.2),
               K.Key_Down: (0.0, 0.2)}
_DRAG_PX: Final = 4
_LAND_MARGIN: Final = 0.5
"""Land is drawn this share of the widget's size beyond each edge, so a pan reuses it."""


class MapWidget(QWidget):
    sigViewChanged = Signal()
    """The map's view moved (a zoom, a pan, a fit)."""

    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._builder = MapBuilder()
        self._built: tuple[Snapshot, MapView, Look, MapScene] | None = None
        """The last scene with what it was built from: the caption and the paint of one
        change ask for the same scene, and a hover repaints without a change."""
        self._worker_builder = MapBuilder()
        """Prepares the next snapshot's map on the snapshot worker (one job at a time)."""
        self._look: Look | None = None
        self._view: MapView | None = None
        self._moved = False
        """The reader zoomed or panned since the last fit: changes of what is shown then
        keep their view instead of fitting again."""
        self._press: QPointF | None = None
        self._dragged = False
        self._land: tuple[tuple[object, ...], QPixmap, float, float] | None = None
        self.painted: MapScene | None = None
        """The scene of the last paint: what is on screen now."""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName("Map")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(160, 120)
        self.setToolTip("")
        state.sigTimelineChanged.connect(self._on_state_timeline_changed)
        state.sigShownChanged.connect(self._on_state_shown_changed)
        state.sigSelectionChanged.connect(self._on_state_selection_changed)
        state.sigViewChanged.connect(self._on_state_view_changed)
        state.sigFilterChanged.connect(self.update)
        state.add_planner(weak_plan(self._plan))
        state.add_opening_planner(weak_plan(self._plan_opening))

    def sizeHint(self) -> QSize:
        return QSize(420, 280)

    # ------------------------------------------------------------ the scene

    def look(self) -> Look:
        if self._look is None:
            self._look = Look(plot_palette(self.palette()), FontMeasure(self.font()))
        return self._look

    def map_view(self) -> MapView | None:
        """The part of the world shown now (None before there is anything to show)."""
        if self._view is None and self._state.snapshot is not None and self.width() > 0:
            self._fit()
        return self._view

    def scene(self) -> MapScene | None:
        snap = self._state.snapshot
        view = self.map_view()
        if snap is None or view is None:
            return None
        look = self.look()
        built = self._built
        if built is not None and built[0] is snap and built[1] is view and built[2] is look:
            return built[3]
        scene = self._builder.build(snap, view, look)
        self._built = (snap, view, look, scene)
        return scene

    def route(self) -> MapRoute | None:
        """The route the map draws now, named (what its caption says) without laying out
        the rest of the map: a hidden map costs a change of selection nothing more."""
        snap = self._state.snapshot
        if snap is None:
            return None
        built = self._built
        if built is not None and built[0] is snap:
            return built[3].route
        return self._builder.route(snap)

    def _plan(self) -> Plan | None:
        """While the worker works out the next snapshot of a big file, it also works out
        this map's places and route for it, so painting it costs the window no more
        than a pan."""
        if not self.isVisible():
            return None
        selection = self._state.selection
        worker, mine = self._worker_builder, self._builder

        def prepare(snap: Snapshot) -> Callable[[], None]:
            """On the worker: plain data only, no widgets."""
            adopt = worker.prepare(snap, route_lane(snap.with_selection(selection)))
            return lambda: adopt(mine)

        return prepare

    def _plan_opening(self) -> Plan | None:
        """The same for a file being opened: its places grouped on the loader's worker
        (a few tens of milliseconds at a million events), with nothing selected yet."""
        if not self.isVisible():
            return None
        worker, mine = MapBuilder(), self._builder

        def prepare(snap: Snapshot) -> Callable[[], None]:
            """On the loader's worker: plain data only, no widgets."""
            adopt = worker.prepare(snap, route_lane(snap.with_selection(NO_SELECTION)))
            return lambda: adopt(mine)

        return prepare

    # ------------------------------------------------------------ commands

    def fit(self) -> None:
        """Home: every place shown, in the projection that suits them."""
        self._moved = False
        self._fit()
        self.update()
        self.sigViewChanged.emit()

    def zoom(self, factor: float, about: QPointF | None = None) -> None:
        """Zoom by ``factor`` (< 1 zooms in) keeping the point ``about`` where it is on
        screen (default the middle)."""
        view = self.map_view()
        if view is None:
            return
        point = (about.x(), about.y()) if about is not None else None
        self._set_view(map_camera.zoom(view, factor, point))

    def zoom_about_selection(self, factor: float) -> None:
        """+ and −: zoom about the selected event's place while it is in view, so that it
        stays where it is, as the timeline keeps its selected event; else about the
        middle.  Zooming about the middle lost the place after a few presses."""
        self.zoom(factor, self.selected_point())

    def selected_point(self) -> QPointF | None:
        """Where the selected event's place is in the widget, if it is in view."""
        snap, view = self._state.snapshot, self.map_view()
        if snap is None or view is None or snap.selection < 0:
            return None
        sites = site_index(snap.index)
        code = int(sites.codes(snap.knowledge_day)[snap.selection])
        if code == NO_SITE:
            return None
        x, y = (float(v) for v in
                view.to_page(view.projection.project(sites.lonlat[code:code + 1]))[0])
        if not (math.isfinite(x) and math.isfinite(y)
                and 0 <= x <= view.width and 0 <= y <= view.height):
            return None
        return QPointF(x, y)

    def pan(self, dx: float, dy: float) -> None:
        view = self.map_view()
        if view is not None:
            self._set_view(map_camera.pan(view, dx, dy))

    def click_site(self, site: MapSite | None) -> None:
        """A place: the list and timeline show its events and the first is selected;
        the place already chosen, or no place: every place again."""
        state = self._state
        wanted = state.filter
        if site is None or wanted.places == site.place_ids:
            if wanted.places is not None:
                state.set_filter(replace(wanted, places=None))
            return
        state.set_filter(replace(wanted, places=site.place_ids))
        if state.selection not in site.positions.tolist():
            shown = site.positions[state.shown[site.positions]]
            if len(shown):
                state.select(int(shown[0]))

    def tooltip_text(self, site: MapSite) -> str:
        """"Kazan, Russia — 2 events" and the first few of them, as hovering shows."""
        snap = self._state.snapshot
        head = f"<b>{escape(site.title)}</b> — {site.count} event{'s' * (site.count != 1)}"
        if snap is None:
            return head
        lines = []
        for position in site.positions[:6].tolist():
            start = float(snap.known.start[position])
            lines.append(f"{escape(dates.format_day(int(start)))}: "
                         f"{escape(snap.event(position).title)}")
        more = site.count - len(lines)
        if more > 0:
            lines.append(f"… and {more} more")
        return head + "<br>" + "<br>".join(lines) + "<br><i>Click to list them</i>"

    # ------------------------------------------------------------ state → view

    def _on_state_timeline_changed(self) -> None:
        self._look = None
        self._moved = False
        self._view = None
        self.update()

    def _on_state_view_changed(self) -> None:
        if self._state.view is not None:
            self.fit()

    def _on_state_shown_changed(self) -> None:
        snap = self._state.snapshot
        view = self._view
        if snap is not None and view is not None and not self._moved:
            points = self._builder.shown_sites(snap)
            suited = map_camera.fit_view(points, view.width, view.height)
            if suited.projection != view.projection or \
                    not map_camera.contains(view, points):
                self._view = suited
                self.sigViewChanged.emit()
        self.update()

    def _on_state_selection_changed(self, _position: int) -> None:
        self.update()

    def _fit(self) -> None:
        snap = self._state.snapshot
        if snap is None:
            self._view = None
            return
        self._view = map_camera.fit_view(self._builder.shown_sites(snap), max(self.width(), 1),
                                         max(self.height(), 1))

    def _set_view(self, view: MapView) -> None:
        self._view = view
        self._moved = True
        self.update()
        self.sigViewChanged.emit()

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        scene = self.scene()
        if scene is None:
            painter.fillRect(self.rect(), self.palette().base())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter,
                             "No timeline open")
            painter.end()
            return
        self.painted = scene
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            self._paint_land(painter, scene)
            MapPainter(self.font()).paint_overlay(painter, scene)
        except Exception:
            paint_guard.report(self)
        if not scene.sites:
            painter.setPen(QColor(*scene.colours.muted))
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter,
                             "No place with coordinates among the events shown")
        if self.hasFocus():
            painter.setPen(QColor(*scene.colours.selected))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -1.5, -1.5))
        painter.end()

    def _paint_land(self, painter: QPainter, scene: MapScene) -> None:
        """The cached land, shifted for a pan; drawn afresh for a new scale or colours."""
        view = scene.view
        dpr = self.devicePixelRatioF()
        # Only the colours land is drawn in: the route's colour follows the selected
        # event's track, and stepping between tracks drew the whole world again.
        colours = scene.colours
        key = (scene.land, view.frame.scale, colours.water, colours.outside, colours.land,
               colours.border, scene.line, view.width, view.height, dpr)
        x0, y1 = view.frame.x0, view.frame.y1
        margin_x = float(math.ceil(view.width * _LAND_MARGIN))
        margin_y = float(math.ceil(view.height * _LAND_MARGIN))
        if self._land is not None and self._land[0] == key:
            _, pixmap, rx0, ry1 = self._land
            dx = (rx0 - x0) * view.frame.scale
            dy = (y1 - ry1) * view.frame.scale
            if abs(dx) <= margin_x and abs(dy) <= margin_y:
                painter.drawPixmap(QPointF(dx - margin_x, dy - margin_y), pixmap)
                return
        pixmap = QPixmap(max(1, math.ceil((view.width + 2 * margin_x) * dpr)),
                         max(1, math.ceil((view.height + 2 * margin_y) * dpr)))
        pixmap.setDevicePixelRatio(dpr)
        wide = replace(scene, view=MapView(view.width + 2 * margin_x,
                                           view.height + 2 * margin_y, view.projection,
                                           replace(view.frame, x0=x0 - margin_x
                                                   / view.frame.scale,
                                                   y1=y1 + margin_y / view.frame.scale)))
        into = QPainter(pixmap)
        try:
            into.setRenderHint(QPainter.RenderHint.Antialiasing)
            MapPainter(self.font()).paint_land(into, wide)
        finally:
            into.end()
        self._land = (key, pixmap, x0, y1)
        painter.drawPixmap(QPointF(-margin_x, -margin_y), pixmap)

    def land_layer(self) -> LandLayer | None:
        """The outlines on screen (for tests: which resolution the view chose)."""
        return self.painted.land if self.painted is not None else None

    # ------------------------------------------------------------ mouse and keys

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._press = event.position()
            self._dragged = False
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = point - self._press
            if self._dragged or abs(delta.x()) + abs(delta.y()) >= _DRAG_PX:
                self._dragged = True
                view = self.map_view()
                if view is not None:
                    self._set_view(map_camera.shift(view, -delta.x(), -delta.y()))
                self._press = point
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        self._hover(point)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragged:
                scene = self.scene()
                point = event.position()
                self.click_site(scene.site_at(point.x(), point.y()) if scene else None)
            self._press = None
            self._dragged = False
            self.unsetCursor()
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            scene = self.scene()
            point = event.position()
            if scene is not None and scene.site_at(point.x(), point.y()) is None:
                self.zoom(0.5, point)
            event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta:
            # pyqtgraph's step, so a notch zooms the map as much as the timeline
            self.zoom(1.02 ** (-delta / 8), event.position())
        event.accept()

    def _hover(self, point: QPointF) -> None:
        scene = self.scene()
        site = scene.site_at(point.x(), point.y()) if scene is not None else None
        if site is None:
            QToolTip.hideText()
            self.unsetCursor()
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(self.mapToGlobal(point.toPoint() + QPoint(12, 12)),
                          self.tooltip_text(site), self)

    def event(self, event: QEvent) -> bool:
        """While the map has focus, the zoom and pan keys are its own: the window's
        shortcuts for them would move the timeline instead."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self._navigation(event) is not None:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._navigation(event)
        if action is None:
            super().keyPressEvent(event)
            return
        kind, a, b = action
        if kind == "zoom":
            self.zoom_about_selection(a)
        elif kind == "pan":
            self.pan(a, b)
        else:
            self.fit()
        event.accept()

    def _navigation(self, event: QKeyEvent) -> tuple[str, float, float] | None:
        key = K(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier,
                         Qt.KeyboardModifier.ShiftModifier)
        if key in _ZOOM_IN and plain:
            return ("zoom", 0.5, 0.0)
        if key in _ZOOM_OUT and plain:
            return ("zoom", 2.0, 0.0)
        if key == K.Key_Home and mods == Qt.KeyboardModifier.NoModifier:
            return ("fit", 0.0, 0.0)
        if key in _PAN and mods in (Qt.KeyboardModifier.ShiftModifier,
                                    Qt.KeyboardModifier.AltModifier):
            dx, dy = _PAN[key]
            return ("pan", dx, dy)
        return None

    # ------------------------------------------------------------ geometry and theme

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._view is not None:
            if self._moved:
                self._view = map_camera.resized(self._view, self.width(), self.height())
            else:
                self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
                            QEvent.Type.FontChange):
            self._look = None
            self._land = None
            self.update()
        super().changeEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()
