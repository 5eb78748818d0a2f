"""The review dock: flag, note and per-item marks for the selected event.

Every edit goes straight to the session (memory), which saves within a second;
the pane holds no review state of its own, so it can be rebuilt, hidden or
closed at any moment without losing a keystroke.  It follows the shared
selection and the session's change signal, and writes nothing else.

The reviewer's name is a field of the pane, not a dialog: a dialog that popped
up under the first flag took the note typed next for a name.  Until a name is
given, a flag is refused with a word on where to type it, and a note typed
stays in its editor, kept once the name is there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.model import Event, Timeline
from ...core.review_flags import FLAG_CODE, FLAG_LABELS, FLAGS, Flag, ItemKind, Verdict
from ..plot.review_badges import badge_icon
from ..review_session import clean_name
from ..state import NO_SELECTION, ViewState

if TYPE_CHECKING:
    from ...core import review
    from ..review_session import ReviewSession

_VERDICTS: Final[tuple[tuple[str, Verdict | None], ...]] = (
    ("—", None), ("Checked", "checked"), ("Disputed", "disputed"))
ITEM, VERDICT, REASON = range(3)


class ReviewPane(QWidget):
    sigReattachWanted = Signal(str, str)
    """(reviewer, event id) of orphaned notes the reviewer wants to attach to an event."""

    def __init__(self, state: ViewState, session: ReviewSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._session = session
        self._syncing = False
        self._event_id: str | None = None
        self._note_for: tuple[int, str, str | None] | None = None
        """Store, reviewer and event whose note the editor shows."""
        self._keys: list[tuple[ItemKind, int | str]] = []
        self.read_only_banner = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.read_only_banner.setAccessibleName("Review file is read only")
        self.read_only_banner.setStyleSheet(
            "QLabel { border: 1px solid #C77C00; border-left: 5px solid #C77C00; padding: 4px; }")
        self.read_only_banner.setSizePolicy(QSizePolicy.Policy.Preferred,
                                            QSizePolicy.Policy.Minimum)
        self.read_only_banner.hide()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Your name: flags and notes are saved under it")
        self.name_edit.setAccessibleName("Reviewer name")
        self.name_edit.setToolTip("The name your flags and notes are saved under, so that "
                                  "several reviewers can share a review file (Review → "
                                  "Reviewer name…)")
        name_row = QGridLayout()
        name_row.setContentsMargins(0, 0, 0, 0)
        name_label = QLabel("&Reviewer")
        name_label.setBuddy(self.name_edit)
        name_row.addWidget(name_label, 0, 0)
        name_row.addWidget(self.name_edit, 0, 1)
        self.title = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.flag_group = QButtonGroup(self)
        self.flag_group.setExclusive(True)
        self.flag_buttons: dict[Flag, QToolButton] = {}
        # Two by two, so the pane (tabbed with Details) fits a 300-pixel dock at 1280×720.
        flags_row = QGridLayout()
        flags_row.setSpacing(2)
        for number, flag in enumerate(FLAGS, 1):
            button = QToolButton(text=FLAG_LABELS[flag], checkable=True)
            button.setIcon(badge_icon(FLAG_CODE[flag]))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(f"{FLAG_LABELS[flag]} (Ctrl+{number})")
            button.setAccessibleName(f"Flag: {FLAG_LABELS[flag]}")
            self.flag_group.addButton(button, FLAG_CODE[flag])
            self.flag_buttons[flag] = button
            button.toggled.connect(lambda on, b=button: _embolden(b, on))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            flags_row.addWidget(button, (number - 1) // 2, (number - 1) % 2)
        self._style_flags()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("Your note on this event: what you checked, what "
                                          "is wrong, what to ask… (Ctrl+Shift+N)")
        self.note_edit.setAccessibleName("Review note")
        self.note_edit.setTabChangesFocus(True)
        self.items_table = QTableWidget(0, 3)
        self.items_table.setHorizontalHeaderLabels(["Quote, figure or source", "Mark", "Reason"])
        self.items_table.setAccessibleName("Marks on quotes, figures and sources")
        self.items_table.verticalHeader().hide()
        self.items_table.setWordWrap(False)
        header = self.items_table.horizontalHeader()
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # not cut at both ends
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(VERDICT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        self.items_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed
                                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.orphans_box = QGroupBox("Notes on events no longer in the timeline (kept)")
        self.orphan_list = QListWidget()
        self.orphan_list.setAccessibleName("Orphaned notes")
        self.reattach_button = QPushButton("Attach to an event…")
        self.reattach_button.setToolTip("Move the selected notes onto an event of this timeline "
                                        "(when its id was renamed)")
        self.reattach_button.setEnabled(False)
        orphan_layout = QVBoxLayout(self.orphans_box)
        orphan_layout.setContentsMargins(4, 4, 4, 4)
        orphan_layout.addWidget(self.orphan_list)
        orphan_layout.addWidget(self.reattach_button, 0, Qt.AlignmentFlag.AlignRight)
        self._orphans: list[review.Orphan] = []
        self.status = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        # Short enough at least that the tab fits a 612-pixel-high window with the list
        # below it; both grow with the dock.
        line = self.fontMetrics().lineSpacing()
        self.note_edit.setMinimumHeight(round(line * 2.2 + 10))
        self.items_table.setMinimumHeight(round(line * 2.6 + 10))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.read_only_banner)
        layout.addLayout(name_row)
        layout.addWidget(self.title)
        layout.addLayout(flags_row)
        layout.addWidget(QLabel("Note"))
        layout.addWidget(self.note_edit, 3)
        layout.addWidget(QLabel("Marks"))
        layout.addWidget(self.items_table, 2)
        layout.addWidget(self.orphans_box, 1)
        layout.addWidget(self.status)
        self.name_edit.editingFinished.connect(self._on_name_edit_finished)
        self.name_edit.installEventFilter(self)
        self.flag_group.idClicked.connect(self._on_flag_group_clicked)
        self.note_edit.textChanged.connect(self._on_note_edit_text_changed)
        self.items_table.itemChanged.connect(self._on_items_table_item_changed)
        self.orphan_list.currentRowChanged.connect(self._on_orphan_list_row_changed)
        self.orphan_list.itemDoubleClicked.connect(lambda _item: self._on_reattach_clicked())
        self.reattach_button.clicked.connect(self._on_reattach_clicked)
        state.sigSelectionChanged.connect(self._refresh)
        state.sigTimelineChanged.connect(self._refresh)
        session.sigStoreChanged.connect(self._refresh)
        session.sigReviewsChanged.connect(self._on_session_reviews_changed)
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the name field ends the name; the window's Enter (show the details)
        waits until focus leaves it."""
        if watched is self.name_edit and event.type() == QEvent.Type.ShortcutOverride \
                and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ theme

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._style_flags()
        super().changeEvent(event)

    def _style_flags(self) -> None:
        """The chosen flag in the theme's highlight, bold: in the dark theme the checked
        button's own shading was about 20 grey levels from the others."""
        palette = self.palette()
        back = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.HighlightedText)
        sheet = (f"QToolButton:checked {{ background-color: {back.name()}; "
                 f"color: {text.name()}; "
                 f"border: 1px solid {back.darker(130).name()}; border-radius: 3px; "
                 "padding: 3px; }")
        for button in self.flag_buttons.values():
            if button.styleSheet() != sheet:
                button.setStyleSheet(sheet)

    # ------------------------------------------------------------ commands

    def set_flag(self, flag: Flag) -> bool:
        """Flag the selected event; False (and the reason shown) if it cannot be kept."""
        if self._event_id is None:
            return False
        done = self._session.set_flag(self._event_id, flag)
        if not done:
            self.status.setText(self._session.why_not_editable())
            if self._session.store is not None and not self._session.reviewer:
                self._want_name()
        # Without a name nothing was saved: a note typed so far stays in its editor.
        self._show_record(force=bool(self._session.reviewer))
        return done

    def _want_name(self) -> None:
        """Point at the empty name field, leaving the keyboard where it is."""
        self.name_edit.setStyleSheet("QLineEdit { border: 2px solid #C77C00; "
                                     "border-radius: 3px; padding: 1px; }")

    def focus_name(self) -> None:
        self.name_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.name_edit.selectAll()

    def focus_note(self) -> None:
        self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.note_edit.moveCursor(self.note_edit.textCursor().MoveOperation.End)

    # ------------------------------------------------------------ user → session

    def _on_name_edit_finished(self) -> None:
        """Work under the typed name (trimmed); an emptied field keeps the name there was.

        A note typed before there was a name is kept as soon as there is one."""
        typed = clean_name(self.name_edit.text())
        current = self._session.reviewer
        if not typed:
            self.name_edit.setText(current)
            if current:
                self.status.setText("A reviewer needs a name; it stays " + current + ".")
            return
        if typed != self.name_edit.text():
            self.name_edit.setText(typed)
        if typed == current:
            return
        waiting = self.note_edit.toPlainText() if not current and self._event_id else ""
        self._session.rename_reviewer(typed)
        if waiting:
            assert self._event_id is not None
            self._session.set_note(self._event_id, waiting)
        self._show_record()

    def _on_flag_group_clicked(self, code: int) -> None:
        if self._syncing:
            return
        self.set_flag(FLAGS[code])

    def _on_note_edit_text_changed(self) -> None:
        if self._syncing or self._event_id is None:
            return
        if not self._session.set_note(self._event_id, self.note_edit.toPlainText()):
            self.status.setText(self._session.why_not_editable())
            if self._session.store is not None and not self._session.read_only \
                    and not self._session.reviewer:
                self._want_name()
                return  # the text stays in the editor, kept once a name is given
            self._show_record(force=True)

    def _on_verdict_changed(self, row: int) -> None:
        if self._syncing:
            return
        self._mark_row(row)
        self._show_items()  # a marked item's reason becomes editable

    def _on_items_table_item_changed(self, item: QTableWidgetItem) -> None:
        if self._syncing or item.column() != REASON:
            return
        self._mark_row(item.row())

    def _mark_row(self, row: int) -> None:
        if self._event_id is None or not 0 <= row < len(self._keys):
            return
        box = self.items_table.cellWidget(row, VERDICT)
        reason_item = self.items_table.item(row, REASON)
        verdict = box.currentData() if isinstance(box, QComboBox) else None
        reason = reason_item.text().strip() if reason_item is not None else ""
        kind, ref = self._keys[row]
        self._session.mark_item(self._event_id, kind, ref, verdict, reason if verdict else "")

    # ------------------------------------------------------------ session → widgets

    def _on_session_reviews_changed(self, changed: frozenset[tuple[str, str]]) -> None:
        if self._event_id is not None and (self._session.reviewer, self._event_id) in changed:
            self._show_record()
        self._show_orphans()

    def _refresh(self, *_: object) -> None:
        state = self._state
        event: Event | None = None
        if state.index is not None and state.selection != NO_SELECTION:
            event = state.index.event(state.selection)
        self._event_id = event.id if event is not None else None
        read_only = self._session.read_only
        enabled = event is not None and self._session.store is not None and not read_only
        for widget in (*self.flag_buttons.values(), self.note_edit, self.items_table):
            widget.setEnabled(enabled)
        self.read_only_banner.setVisible(read_only)
        if read_only:
            self.read_only_banner.setText(self._session.why_not_editable())
        self.title.setText(event.title if event is not None
                           else "Select an event to review it.")
        self.name_edit.setEnabled(not read_only)
        if not self.name_edit.hasFocus():
            self.name_edit.setText(self._session.reviewer)
        if self._session.reviewer:
            self.name_edit.setStyleSheet("")
        self._keys = _item_keys(event)
        self._show_record()
        self._show_orphans()
        store = self._session.store
        who = self._session.reviewer or "type your name above"
        where = store.path.name if store is not None else "—"
        self.status.setText(self._session.unavailable if store is None
                            and self._session.unavailable
                            else f"Reviewer: {who} · notes in {where}")
        self.status.setToolTip(str(store.path) if store is not None else "")

    def _current(self) -> review.EventReview | None:
        store, name = self._session.store, self._session.reviewer
        if store is None or not name or self._event_id is None:
            return None
        return store.get(name, self._event_id)

    def _show_record(self, *, force: bool = False) -> None:
        """Widgets follow the stored record.  The note editor is left alone while
        the reviewer is typing in it, unless it now shows another event's or
        another reviewer's note (or ``force``: an edit was refused)."""
        record = self._current()
        shown_for = (id(self._session.store), self._session.reviewer, self._event_id)
        # Typing, or typed before there was a name to keep it under: left alone.
        held = self.note_edit.hasFocus() or not self._session.reviewer
        typing = held and shown_for == self._note_for and not force
        self._note_for = shown_for
        self._syncing = True
        try:
            flag = record.flag if record is not None else "unreviewed"
            self.flag_buttons[flag].setChecked(self._event_id is not None)
            if self._event_id is None:
                self.flag_group.setExclusive(False)
                for button in self.flag_buttons.values():
                    button.setChecked(False)
                self.flag_group.setExclusive(True)
            note = record.note if record is not None else ""
            if self.note_edit.toPlainText() != note and not typing:
                cursor = self.note_edit.textCursor().position()
                self.note_edit.setPlainText(note)
                moved = self.note_edit.textCursor()
                moved.setPosition(min(cursor, len(note)))
                self.note_edit.setTextCursor(moved)
        finally:
            self._syncing = False
        self._show_items()

    def _show_items(self) -> None:
        from ...core import review  # the sidecar code: loaded once the first frame is shown

        record = self._current()
        marks = record.items if record is not None else {}
        state = self._state
        timeline = state.index.timeline if state.index is not None else None
        event = timeline.event(self._event_id) if timeline is not None and self._event_id \
            else None
        self._syncing = True
        try:
            table = self.items_table
            table.setRowCount(len(self._keys))
            for row, (kind, ref) in enumerate(self._keys):
                key = review.item_key(kind, ref)
                mark = marks.get(key)
                text = review.describe_item(timeline, event, key) or key
                label = _cell(table, row, ITEM)
                label.setText(_item_text(timeline, event, kind, ref) or text)
                label.setToolTip(f"{kind.capitalize()}: {text}")
                label.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                box = table.cellWidget(row, VERDICT)
                if not isinstance(box, QComboBox):
                    box = QComboBox()
                    for title, verdict in _VERDICTS:
                        box.addItem(title, verdict)
                    box.currentIndexChanged.connect(lambda _i, r=row: self._on_verdict_changed(r))
                    table.setCellWidget(row, VERDICT, box)
                box.setCurrentIndex(box.findData(mark.verdict) if mark is not None else 0)
                reason = _cell(table, row, REASON)
                if reason.text() != (mark.reason if mark is not None else ""):
                    reason.setText(mark.reason if mark is not None else "")
                editable = Qt.ItemFlag.ItemIsEditable if mark is not None else Qt.ItemFlag(0)
                reason.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                | editable)
                reason.setToolTip("Why (double-click to edit)" if mark is not None
                                  else "Mark the item first")
        finally:
            self._syncing = False

    def _on_orphan_list_row_changed(self, row: int) -> None:
        self.reattach_button.setEnabled(0 <= row < len(self._orphans)
                                        and not self._session.read_only)

    def _on_reattach_clicked(self) -> None:
        row = self.orphan_list.currentRow()
        if 0 <= row < len(self._orphans) and not self._session.read_only:
            orphan = self._orphans[row]
            self.sigReattachWanted.emit(orphan.reviewer, orphan.event_id)

    def _show_orphans(self) -> None:
        store = self._session.store
        orphans = store.orphans() if store is not None and store.timeline is not None else []
        self._orphans = orphans
        self.orphan_list.clear()
        for orphan in orphans:
            first = orphan.review.note.strip().splitlines()[0] if orphan.review.note.strip() \
                else ""
            title = orphan.review.title or orphan.event_id
            text = f"{title} [{orphan.event_id}] — {orphan.reviewer}: " \
                   f"{FLAG_LABELS[orphan.review.flag]}" + (f" — {first}" if first else "")
            self.orphan_list.addItem(text)
            self.orphan_list.item(self.orphan_list.count() - 1).setToolTip(orphan.review.note)
        self.orphans_box.setVisible(bool(orphans))
        self._on_orphan_list_row_changed(self.orphan_list.currentRow())


def _embolden(button: QToolButton, on: bool) -> None:
    font = button.font()
    if font.bold() != on:
        font.setBold(on)
        button.setFont(font)


def _item_text(timeline: Timeline | None, event: Event | None, kind: ItemKind,
               ref: int | str) -> str | None:
    """What tells a marked item from the others in a narrow column, its own words first.

    Three rows all reading "Quote: Vladimir Putin:…" could not be told apart: a quote
    shows its text and then its speaker, a source its title and then its outlet."""
    if event is None:
        return None
    if kind == "quote" and isinstance(ref, int) and ref < len(event.quotes):
        quote = event.quotes[ref]
        person = timeline.person(quote.speaker) if timeline is not None else None
        who = person.name if person is not None and person.name else quote.speaker
        return f"“{quote.text}” — {who}"
    if kind == "source" and isinstance(ref, str) and timeline is not None:
        source = timeline.source(ref)
        if source is not None:
            return f"{source.title} — {source.outlet}" if source.outlet else source.title
    return None


def _cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The existing item, updated in place: replacing an item from inside its own
    ``itemChanged`` signal would delete it under Qt's feet."""
    item = table.item(row, column)
    if item is None:
        item = QTableWidgetItem()
        table.setItem(row, column, item)
    return item


def _item_keys(event: Event | None) -> list[tuple[ItemKind, int | str]]:
    if event is None:
        return []
    keys: list[tuple[ItemKind, int | str]] = [("quote", i) for i in range(len(event.quotes))]
    keys += [("figure", i) for i in range(len(event.figures))]
    keys += [("source", s) for s in event.sources]
    return keys
