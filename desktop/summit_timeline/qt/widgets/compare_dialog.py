"""File → Compare review…: two reviewers' flags side by side, disagreements marked.

A plain table built once from ``core.review.compare`` rows: the comparison is
a snapshot of both files at the moment it was asked for, so nothing here
listens to the store.  Double-clicking a row selects that event in the
window, so a reviewer can go straight to the disagreement.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import dates
from ...core.model import Timeline
from ...core.review import FLAG_CODE, FLAG_LABELS, Comparison
from ..plot.review_badges import badge_icon

COLUMNS = ("Event", "Date", "Ours", "Theirs", "Disagree")
EVENT, DATE, OURS, THEIRS, DISAGREE = range(5)
_DISAGREE_FILL = QColor(255, 196, 0, 70)


class CompareDialog(QDialog):
    sigEventActivated = Signal(str)
    """An event id the user double-clicked."""

    def __init__(self, rows: list[Comparison], timeline: Timeline, ours: str, theirs: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare review: {ours} and {theirs}")
        self.rows = rows
        disagreements = sum(r.disagree for r in rows)
        self.summary = QLabel(f"<b>{disagreements}</b> of {len(rows)} events disagree "
                              f"between <b>{_esc(ours)}</b> (ours) and <b>{_esc(theirs)}</b> "
                              "(theirs). An event one of you has not reviewed is not a "
                              "disagreement.")
        self.summary.setWordWrap(True)
        self.only_disagreements = QCheckBox("Show disagreements only")
        self.table = QTableWidget(len(rows), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            ["Event", "Date", f"Ours ({ours})", f"Theirs ({theirs})", "Disagree"])
        self.table.setAccessibleName("Review comparison")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(EVENT, QHeaderView.ResizeMode.Stretch)
        bold = QFont(self.font())
        bold.setBold(True)
        for row, comparison in enumerate(rows):
            event = timeline.event(comparison.event_id)
            when = dates.parse(event.when).display() if event is not None else ""
            conflict = ""
            if comparison.disagree:
                conflict = "flags differ" if comparison.ours != comparison.theirs else ""
                if comparison.item_conflicts:
                    items = ", ".join(comparison.item_conflicts)
                    conflict = "; ".join(p for p in (conflict, f"items: {items}") if p)
            cells = (comparison.title, when, FLAG_LABELS[comparison.ours],
                     FLAG_LABELS[comparison.theirs], conflict)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, comparison.event_id)
                if column == OURS:
                    item.setIcon(badge_icon(FLAG_CODE[comparison.ours]))
                elif column == THEIRS:
                    item.setIcon(badge_icon(FLAG_CODE[comparison.theirs]))
                if comparison.disagree:
                    item.setBackground(QBrush(_DISAGREE_FILL))
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(EVENT, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.only_disagreements)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.only_disagreements.toggled.connect(self._on_only_disagreements_toggled)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.resize(820, 520)

    def disagreeing_ids(self) -> list[str]:
        return [r.event_id for r in self.rows if r.disagree]

    def _on_only_disagreements_toggled(self, only: bool) -> None:
        for row, comparison in enumerate(self.rows):
            self.table.setRowHidden(row, only and not comparison.disagree)

    def _on_table_cell_double_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.rows):
            self.sigEventActivated.emit(self.rows[row].event_id)


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
