"""Widths of the event list's columns: short columns sized to what they hold, the title
given the rest.

Left to Qt, the stretched Title column took most of the table while Place read
"Astana, Kaza…" and Track "With other le…" at their default 100 px.  Qt's own
"resize to contents" reads every row (or the rows on screen), so the widths
here come from a sample of rows spread over the whole list: two hundred rows
cost the same at a hundred events or a million.  When the table is too narrow
for everything, the title keeps a share of the width and the columns that can
give do so in turn: Place (whose long names are few) before Track (a cut cell's
tooltip shows it whole).
A column the user has dragged keeps the width they gave it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

SAMPLE_ROWS: Final = 100
"""Rows measured per column, spread evenly over the list (each fit runs on the GUI
thread whenever a file arrives or the knowledge date moves)."""
TITLE_SHARE: Final = 0.25
"""Of the table's width, what the stretched column keeps before other columns shrink."""


class ColumnFit(QObject):
    """Keeps a table's column widths fitted; call ``fit`` when its contents change."""

    def __init__(self, table: QTableView, stretch: int, fitted: Sequence[int],
                 shrinkable: Sequence[int]) -> None:
        super().__init__(table)
        self._table = table
        self._stretch = stretch
        self._fitted = tuple(fitted)
        self._shrinkable = tuple(shrinkable)
        """Columns that give way when room is short, first first."""
        self._wanted: dict[int, int] = {}
        self._stretch_wanted = 0
        self.user_sized: set[int] = set()
        """Columns the user dragged to a width of their own: never changed again."""
        self._applying = False
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._on_header_section_resized)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)

    def fit(self) -> None:
        """Measure a sample of the rows shown now, then share out the width."""
        self._wanted = {column: self._measure(column) for column in self._fitted}
        self._stretch_wanted = self._measure(self._stretch)
        self._share()

    def wanted(self, column: int) -> int:
        """The width ``column`` was measured to need (0 before the first ``fit``)."""
        return self._wanted.get(column, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The event's type first: while the table is being torn down, asking it for
        # anything (its viewport included) would reach a half-destroyed object.
        if event.type() == QEvent.Type.Resize and watched is self._viewport and self._wanted:
            self._share()
        return False

    def _measure(self, column: int) -> int:
        table = self._table
        model = table.model()
        header = table.horizontalHeader()
        rows = model.rowCount()
        wanted = header.sectionSizeHint(column)
        if rows == 0:
            return wanted
        sample = np.unique(np.linspace(0, rows - 1, min(rows, SAMPLE_ROWS)).round()
                           .astype(np.int64))
        metrics = table.fontMetrics()
        widths = [metrics.horizontalAdvance(str(model.index(row, column).data() or ""))
                  for row in sample.tolist()]
        # A column shows an icon in every row or in none (the review flag's badge).
        icon = model.index(int(sample[0]), column).data(Qt.ItemDataRole.DecorationRole) \
            is not None
        needed = max(widths)
        style = table.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        needed += 2 * margin + 2 * table.showGrid()
        if icon:
            size = table.iconSize().width()
            needed += (size if size > 0 else
                       style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, table)) \
                + 2 * margin
        return max(wanted, needed)

    def _share(self) -> None:
        header = self._table.horizontalHeader()
        room = self._table.viewport().width()
        widths = {column: header.sectionSize(column) if column in self.user_sized
                  else self._wanted[column] for column in self._fitted}
        give = [c for c in self._shrinkable if c not in self.user_sized]
        kept = min(self._stretch_wanted, int(TITLE_SHARE * room))
        over = sum(widths.values()) + kept - room
        for column in give:  # in the order given: the first gives way first
            if over <= 0:
                break
            cut = min(over, widths[column] - header.sectionSizeHint(column))
            if cut > 0:
                widths[column] -= cut
                over -= cut
        self._applying = True
        try:
            for column, width in widths.items():
                if column not in self.user_sized and header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._applying = False

    def _on_header_section_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._applying and column != self._stretch and column in self._fitted \
                and self._table.isVisible():
            self.user_sized.add(column)
