"""Every command of the window, declared once: id, text, shortcuts, menu, handler.

Menus and the Help → Keyboard shortcuts list are generated from this table,
so a shortcut cannot exist in one and be missing from the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from ..core.review_flags import FLAG_LABELS, FLAGS
from .theme import THEME_TITLES, THEMES

if TYPE_CHECKING:
    from .main_window import MainWindow

Keys = tuple[str | QKeySequence.StandardKey, ...]


@dataclass(frozen=True)
class Command:
    id: str
    text: str
    menu: str
    handler: Callable[[], None]
    keys: Keys = ()
    tip: str = ""
    checkable: bool = False
    group: str = ""
    """Commands sharing a group are exclusive choices (the theme)."""
    also_in: str = ""
    """A second menu that shows the same action (File → Compare review…)."""


MENUS: Final = ("&File", "&Edit", "&View", "&Go", "&Review", "&Help")


def commands(window: MainWindow) -> list[Command]:
    view = window.timeline_view
    files = window.files
    state = window.state
    listing = window.event_list
    out = [
        Command("file.open", "&Open…", "&File", files.open_dialog, (QKeySequence.StandardKey.Open,),
                "Open a timeline file"),
        Command("file.open_default", "Open the &bundled timeline", "&File", files.open_default,
                ("Ctrl+Shift+O",)),
        Command("file.export_data", "Export &data…", "&File", files.export_data, ("Ctrl+Shift+S",),
                "Save the timeline as our format, TimelineJS JSON, iCalendar or CSV"),
        Command("file.export", "&Export image or PDF…", "&File",
                lambda: _export_dialog(window, slides=False), ("Ctrl+E",),
                "Save the view or the whole timeline as PNG, SVG or PDF"),
        Command("file.export_slides", "Export &slides handout…", "&File",
                lambda: _export_dialog(window, slides=True), ("Ctrl+Shift+E",),
                "A PDF with a title page and one page per event"),
        Command("file.export_slide", "Export &this slide…", "&File",
                lambda: _export_slide(window), ("Ctrl+Alt+E",),
                "The selected event's slide as PNG or SVG, as presenting would show it"),
        Command("file.quit", "&Quit", "&File", window.close, ("Ctrl+Q",)),
        Command("edit.find", "&Find…", "&Edit", listing.focus_search, ("Ctrl+F",),
                "Search titles, summaries, quotes, places and people"),
        Command("edit.clear_search", "&Clear search and filters", "&Edit",
                window.clear_search, ("Esc",)),
        Command("view.zoom_in", "Zoom &in", "&View", lambda: view.zoom(0.5),
                ("+", "=", "Ctrl++")),
        Command("view.zoom_out", "Zoom &out", "&View", lambda: view.zoom(2.0), ("-", "Ctrl+-")),
        Command("view.zoom_fit", "&Fit all", "&View", view.fit_all, ("Home",),
                "Show every event"),
        Command("view.zoom_selection", "Zoom to &selection", "&View", view.zoom_to_selection,
                ("Z",)),
        Command("view.pan_left", "Pan &left", "&View", lambda: view.pan(-0.2),
                ("Shift+Left", "Alt+Left")),
        Command("view.pan_right", "Pan &right", "&View", lambda: view.pan(0.2),
                ("Shift+Right", "Alt+Right")),
        Command("view.present", "&Present", "&View", lambda: _present(window, sequence=False),
                ("F5",), "Full-screen slides from the title slide, one event per step; "
                "S shows your notes, Esc returns"),
        Command("view.present_filter", "Present the &filtered events", "&View",
                lambda: _present(window, sequence=True), ("Shift+F5",),
                "The title slide, then only the events the list shows, in time order"),
        Command("view.full_screen", "F&ull screen", "&View", window.toggle_full_screen,
                ("F11",), checkable=True),
        Command("view.reset_layout", "&Reset layout", "&View", window.reset_layout, (),
                "Put the details, review and event list back where they start"),
        *(Command(f"view.theme.{name}", f"{THEME_TITLES[name]} theme", "&View",
                  (lambda n=name: window.set_theme(n)), checkable=True, group="theme")
          for name in THEMES),
        Command("go.next", "&Next event", "&Go", lambda: window.step(1), ("Right", "N"),
                "Next event in time within the filter"),
        Command("go.previous", "&Previous event", "&Go", lambda: window.step(-1), ("Left", "P")),
        Command("go.first", "&First event", "&Go", lambda: window.go_to_end(last=False),
                ("Ctrl+Home",), "The earliest event within the filter"),
        Command("go.last", "&Last event", "&Go", lambda: window.go_to_end(last=True),
                ("End", "Ctrl+End"), "The latest event within the filter"),
        Command("go.details", "Show &details", "&Go", window.focus_details, ("Return", "Enter")),
        Command("go.timeline", "Focus &timeline", "&Go", view.plot_widget.setFocus, ("F6",)),
        Command("go.map", "Focus &map", "&Go", window.focus_map, ("F7",),
                "The map: +/− zoom, Home fits, Shift+arrows pan, click a place to list its "
                "events"),
        Command("go.knowledge_as_of", "Knowledge date: data &as of", "&Go",
                window.knowledge_bar.reset_to_as_of, ("Ctrl+0",)),
        Command("go.knowledge_later", "Knowledge date: a week &later", "&Go",
                lambda: window.shift_knowledge(7), ("Ctrl+]",)),
        Command("go.knowledge_earlier", "Knowledge date: a week &earlier", "&Go",
                lambda: window.shift_knowledge(-7), ("Ctrl+[",)),
        Command("go.clear_selection", "Clear selection", "&Go", lambda: state.select(-1),
                ("Ctrl+D",)),
        *review_commands(window),
        Command("help.shortcuts", "&Keyboard shortcuts", "&Help", window.show_shortcuts,
                ("F1", "Ctrl+/")),
        Command("help.about", "&About Summit Timeline", "&Help", window.show_about),
    ]
    return out


def review_commands(window: MainWindow) -> list[Command]:
    review = window.review
    return [
        Command("review.next_unreviewed", "&Next unreviewed event", "&Review",
                review.next_unreviewed, ("Ctrl+U",),
                "The next event in time you have not reviewed yet"),
        *(Command(f"review.flag.{flag}", f"Flag as {FLAG_LABELS[flag].lower()}", "&Review",
                  (lambda f=flag: review.set_flag(f)), (f"Ctrl+{number}",),
                  f"Set the selected event's review flag to {FLAG_LABELS[flag].lower()}")
          for number, flag in enumerate(FLAGS, 1)),
        Command("review.edit_note", "Edit &note", "&Review", review.edit_note,
                ("Ctrl+Shift+N",), "Write a note on the selected event"),
        Command("review.only_unreviewed", "Show only &unreviewed", "&Review",
                review.toggle_unreviewed_filter, ("Ctrl+Shift+U",),
                "Filter the list and timeline to events still unreviewed (again: show all)"),
        Command("review.compare", "&Compare review…", "&Review", review.compare_dialog,
                ("Ctrl+Shift+C",), "Open another reviewer's notes and see where you disagree",
                also_in="&File"),
        Command("review.export_report", "Export &review report…", "&Review",
                review.export_dialog, ("Ctrl+Shift+R",),
                "Write the review as Markdown, HTML or PDF", also_in="&File"),
        Command("review.what_changed", "&What changed…", "&Review", review.what_changed,
                ("Ctrl+Shift+W",),
                "What became known between two knowledge dates, event by event"),
        Command("review.reviewer_name", "Reviewer n&ame…", "&Review", review.edit_reviewer_name,
                tip="The name your notes are saved under"),
    ]


def _present(window: MainWindow, *, sequence: bool) -> None:
    """Imported on first use: presenter mode is not needed for the first frame."""
    from .present import start_presentation

    start_presentation(window.state, window, sequence=sequence)


def _export_slide(window: MainWindow) -> None:
    from .slide_export_dialog import show_slide_export_dialog

    show_slide_export_dialog(window, window.state)


def _export_dialog(window: MainWindow, *, slides: bool) -> None:
    from .export.dialogs import OnScreen, show_export_dialog, show_slides_export_dialog

    if slides:
        show_slides_export_dialog(window, window.state)
        return
    shown = window.timeline_view.on_screen()
    show_export_dialog(window, window.state, OnScreen(*shown) if shown is not None else None)


def build_actions(parent: QWidget, table: list[Command]) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for command in table:
        action = QAction(command.text, parent)
        action.setObjectName(command.id)
        action.setShortcuts([QKeySequence(k) for k in command.keys])
        if command.tip:
            action.setStatusTip(command.tip)
            action.setToolTip(command.tip)
        action.setCheckable(command.checkable)
        if command.group:
            group = groups.setdefault(command.group, QActionGroup(parent))
            group.addAction(action)
        action.triggered.connect(lambda _checked=False, h=command.handler: h())
        parent.addAction(action)
        actions[command.id] = action
    return actions


def build_menus(bar: QMenuBar, table: list[Command], actions: dict[str, QAction]
                ) -> dict[str, QMenu]:
    menus = {title: bar.addMenu(title) for title in MENUS}
    previous_prefix: dict[str, str] = {}
    for command in table:
        menu = menus[command.menu]
        prefix = command.id.rsplit(".", 1)[0] if command.group else command.id.split(".")[0]
        if previous_prefix.get(command.menu) not in (None, prefix):
            menu.addSeparator()
        previous_prefix[command.menu] = prefix
        menu.addAction(actions[command.id])
    for command in table:
        if command.also_in:
            extra = menus[command.also_in]
            quit_action = actions.get("file.quit")
            if command.also_in == "&File" and quit_action is not None:
                extra.insertAction(quit_action, actions[command.id])
            else:
                extra.addAction(actions[command.id])
    if any(c.also_in == "&File" for c in table) and "file.quit" in actions:
        menus["&File"].insertSeparator(actions["file.quit"])
    return menus


def listed(table: list[Command], actions: dict[str, QAction]) -> list[tuple[str, QAction]]:
    """(menu title, action) pairs in menu order, for the shortcuts dialog."""
    return [(c.menu.replace("&", ""), actions[c.id]) for c in table]
