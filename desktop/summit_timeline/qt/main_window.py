"""The main window: composition only.

It creates the shared state, the views and the docks, builds menus from
``actions``, and forwards window-level events (drops, close) to the
controllers.  Behaviour lives in the views and controllers it composes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..resources import is_default_dataset
from .actions import build_actions, build_menus, commands, listed
from .file_controller import FileController
from .named_views import NamedViewsMenu
from .plot.timeline_view import TimelineView
from .review_controller import ReviewController
from .settings import Settings
from .state import NO_SELECTION, ViewState
from .theme import apply_theme
from .widgets.busy_cue import BusyCue
from .widgets.detail_pane import DetailPane
from .widgets.event_list import EventListWidget
from .widgets.info_bar import InfoBar
from .widgets.knowledge_bar import KnowledgeBar
from .widgets.map_panel import MapPanel


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else Settings()
        self.setWindowTitle("Summit Timeline")
        self.setObjectName("main_window")
        self.setAcceptDrops(True)
        self.state = ViewState(self)
        self.timeline_view = TimelineView(self.state)
        self.info_bar = InfoBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.info_bar)
        column.addWidget(self.timeline_view, 1)
        self.setCentralWidget(central)
        self.detail_pane = DetailPane(self.state)
        self.detail_dock = self._dock("Details", "details_dock", self.detail_pane,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.event_list = EventListWidget(self.state)
        self.list_dock = self._dock("Events", "events_dock", self.event_list,
                                    Qt.DockWidgetArea.BottomDockWidgetArea)
        self.map_panel = MapPanel(self.state)
        self.map_dock = self._dock("Map", "map_dock", self.map_panel,
                                   Qt.DockWidgetArea.BottomDockWidgetArea)
        self.knowledge_bar = KnowledgeBar(self.state, self)
        self.addToolBar(self.knowledge_bar)
        self.files = FileController(self.state, self.settings, self)
        self.files.sigViewNotFound.connect(
            lambda message: self.info_bar.show_message(message, "warning"))
        self._build_status_bar()
        self.review = ReviewController(self.state, self.files, self.settings, self,
                                       self.info_bar)
        self.review_dock = self._dock("Review", "review_dock", self.review.pane,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.commands = commands(self)
        self.actions = build_actions(self, self.commands)
        self.menus = build_menus(self.menuBar(), self.commands, self.actions)
        file_menu = self.menus["&File"]
        file_menu.insertMenu(self.actions["file.open_default"], self.files.recent_menu)
        view_menu = self.menus["&View"]
        self.named_views = NamedViewsMenu(self.state, view_menu, self)
        view_menu.addSeparator()
        view_menu.addAction(self.detail_dock.toggleViewAction())
        view_menu.addAction(self.list_dock.toggleViewAction())
        view_menu.addAction(self.map_dock.toggleViewAction())
        view_menu.addAction(self.review_dock.toggleViewAction())
        view_menu.addAction(self.knowledge_bar.toggleViewAction())
        self.timeline_view.sigKnowledgeDragged.connect(self.state.set_knowledge_day)
        self.knowledge_bar.date_edit.sigInvalid.connect(
            lambda message: self.statusBar().showMessage(message, 15_000))
        self.state.sigTimelineChanged.connect(self._on_state_timeline_changed)
        self.state.sigShownChanged.connect(self._sync_window_title)
        self._sync_theme_actions(self.settings.theme())
        screen = self.screen().availableGeometry()
        if fills_screen(screen.width(), screen.height()):
            self.resize(screen.width(), screen.height())
        else:
            self.resize(int(screen.width() * 0.85), int(screen.height() * 0.85))
        self.reset_layout()

    # ------------------------------------------------------------ commands

    def step(self, direction: int) -> None:
        position = self.state.step(direction)
        if position != NO_SELECTION:
            self.state.select(position)

    def go_to_end(self, last: bool) -> None:
        """First or last shown event in time (Ctrl+Home / End)."""
        shown = self.state.shown_positions()
        if len(shown):
            self.state.select(int(shown[-1] if last else shown[0]))

    def focus_details(self) -> None:
        self.detail_dock.show()
        self.detail_dock.raise_()
        self.detail_pane.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_map(self) -> None:
        self.map_dock.show()
        self.map_dock.raise_()
        self.map_panel.map.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def clear_search(self) -> None:
        self.event_list.clear_search()

    def shift_knowledge(self, days: int) -> None:
        if self.state.knowledge_day is not None:
            self.state.set_knowledge_day(self.state.knowledge_day + days)

    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        self.settings.set_theme(name)
        self._sync_theme_actions(name)

    def show_shortcuts(self) -> None:
        from .widgets.shortcuts_dialog import ShortcutsDialog  # on demand: not at start-up

        dialog = ShortcutsDialog(listed(self.commands, self.actions)
                                 + listed(self.named_views.commands, self.named_views.actions),
                                 self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(self, "About Summit Timeline",
                          f"<b>Summit Timeline {__version__}</b><p>An offline viewer for "
                          "timelines of leaders' meetings. It never uses the network.</p>")

    def restore_settings(self) -> bool:
        """The window as the user left it; False on a first start (nothing saved)."""
        return self.settings.restore_window(self)

    def show_first(self, restored: bool) -> None:
        """Shown at its saved size, else maximised on a laptop-sized screen."""
        screen = self.screen().availableGeometry()
        if not restored and fills_screen(screen.width(), screen.height()):
            self.showMaximized()
        else:
            self.show()
        if not restored:
            # Dock shares set before the first show are lost to the docks' own size
            # hints (the list kept 200 pixels of a 1224-pixel window): set them again
            # once the window has its real size.
            QTimer.singleShot(0, self.reset_layout)

    # ------------------------------------------------------------ composition helpers

    def reset_layout(self) -> None:
        """Details and Review share one tabbed dock; the list gets a third of the height,
        with the map beside it.

        Stacked, Review squeezed Details to three lines and the list to two
        rows at 1280×720.  Saved layouts (``settings.WINDOW_STATE``) replace this.
        """
        self.tabifyDockWidget(self.detail_dock, self.review_dock)
        self.detail_dock.raise_()
        for dock in (self.list_dock, self.map_dock):
            dock.setFloating(False)
            dock.show()
        self.splitDockWidget(self.list_dock, self.map_dock, Qt.Orientation.Horizontal)
        width, height = self.width(), self.height()
        self.resizeDocks([self.detail_dock], [max(300, min(420, int(width * 0.26)))],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.list_dock, self.map_dock],
                         [int(width * 0.6), max(280, int(width * 0.4))],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.list_dock], [max(200, int(height * 0.36))],
                         Qt.Orientation.Vertical)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea
              ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.file_label = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.progress = QProgressBar(maximumWidth=160, textVisible=False)
        self.progress.setRange(0, 0)
        self.cancel_button = QToolButton(text="Cancel")
        self.cancel_button.clicked.connect(self.files.loader.cancel)
        self.busy_cue = BusyCue(self.state, (self.timeline_view,
                                             self.event_list.table.viewport()))
        bar.addPermanentWidget(self.busy_cue)
        bar.addPermanentWidget(self.file_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        self._progress_timer = QTimer(self, singleShot=True, interval=250)
        self._progress_timer.timeout.connect(self._show_progress)
        self.files.loader.sigStarted.connect(self._on_loader_started)
        self.files.loader.sigIdle.connect(self._on_loader_idle)

    def _sync_theme_actions(self, name: str) -> None:
        action = self.actions.get(f"view.theme.{name}")
        if action is not None:
            action.setChecked(True)

    # ------------------------------------------------------------ events

    def _sync_window_title(self) -> None:
        """The title as known on the date shown: no years yet to come in the title bar."""
        snap = self.state.snapshot
        title = snap.title if snap is not None else ""
        self.setWindowTitle(f"{title} — Summit Timeline" if title else "Summit Timeline")

    def _on_state_timeline_changed(self) -> None:
        self._sync_window_title()
        file = self.state.file or ""
        # The name a person recognises; the whole path (which may be long, or
        # somebody's home folder on a shared screen) is in the tooltip.
        self.file_label.setText("Bundled data" if file and is_default_dataset(file)
                                else Path(file).name)
        self.file_label.setToolTip(file)
        if self.state.keeping_view or self.state.view_asked:
            return
        saved = self.settings.view_range(self.state.file or "")
        if saved is not None:
            self.timeline_view.set_visible_range(*saved)

    def _on_loader_started(self, path: str) -> None:
        self.statusBar().showMessage(f"Opening {path}…")
        self._progress_timer.start()

    def _show_progress(self) -> None:
        if self.files.loader.busy:
            self.progress.show()
            self.cancel_button.show()

    def _on_loader_idle(self) -> None:
        self._progress_timer.stop()
        self.progress.hide()
        self.cancel_button.hide()
        self.statusBar().clearMessage()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.files.open(files[0])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange:
            action = self.actions.get("view.full_screen") if hasattr(self, "actions") else None
            if action is not None:
                action.setChecked(bool(self.windowState() & Qt.WindowState.WindowFullScreen))
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.review.close():
            event.ignore()
            return
        self.settings.save_window(self)
        if self.state.file is not None:
            self.settings.set_view_range(self.state.file, *self.timeline_view.visible_range())
        self.settings.sync()
        self.files.loader.shutdown()
        self.state.shutdown()
        super().closeEvent(event)


def fills_screen(width: int, height: int) -> bool:
    """Whether a first window should take the whole available area.

    At 85% of a 1280×720 screen the window was 1088×612: the event list showed four
    rows around a frame of unused desktop.  Below about 1600×1000 every pixel is
    worth more to the timeline than the desktop behind it.
    """
    return width < 1600 or height < 1000
