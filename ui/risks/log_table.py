"""What the risk and issue panes share: a sortable table of visible rows, its export."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from app.interchange.table_export import export_table
from ui.risks.log_filter import ordered
from ui.risks.log_models import _LogModel

STRETCH_MIN = 120  # the narrowest a title or mitigation column gets
EXPORT_FILTER = "Excel workbook (*.xlsx);;CSV file (*.csv)"
Table = Callable[[Sequence[Any]], tuple[Sequence[str], list[tuple[Any, ...]]]]


class LogTable(QTableView):
    """A read-only table over a log model; a click on a header sorts by that column."""

    def __init__(self, model: _LogModel, sort_column: int, descending: bool = True) -> None:
        super().__init__()
        self.log_model = model
        self.setModel(model)
        self._read: list[Any] = []  # the rows as loaded
        self._ordered: list[Any] = []  # the same, in the table's order
        self.accepts: Callable[[Any], bool] = lambda _row: True
        self.group_by_release = False
        self.sort_column, self.descending = sort_column, descending
        self.loading_note = QLabel(self.viewport(), alignment=Qt.AlignmentFlag.AlignCenter)
        self.loading_note.setObjectName("muted")
        self.loading_note.hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(sort_column, _order(descending))
        header.sectionClicked.connect(self._on_header_clicked)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(28)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    @property
    def all_rows(self) -> list[Any]:
        """The loaded rows in the table's order (a filter keeps it: no sort per keystroke)."""
        return self._ordered

    @all_rows.setter
    def all_rows(self, rows: Sequence[Any]) -> None:
        self._read = list(rows)
        self.log_model.forget_looks()  # the texts of the rows read before
        self._reorder()

    def _reorder(self) -> None:
        key = self.log_model.keys[self.sort_column]
        self._ordered = ordered(self._read, key, self.descending, self.group_by_release)

    def group(self, by_release: bool) -> None:
        """Keep each release's rows together (in the table's order within it), or not."""
        if by_release != self.group_by_release:
            self.group_by_release = by_release
            self._reorder()

    def apply(self) -> None:
        """Filter the loaded rows again, keeping the selected row when it stays."""
        self.show_ordered([r for r in self._ordered if self.accepts(r)])

    def show_ordered(self, rows: Sequence[Any]) -> None:
        """Show ``rows``, a part of :attr:`all_rows` in its order; keep the selection."""
        chosen = self.current()
        self.log_model.set_rows(rows)
        if chosen is not None:
            self.select_id(chosen.id)

    def set_loading(self, text: str) -> None:
        """Say ``text`` ("Loading risks…") over the empty table; "" hides it."""
        self.loading_note.setText(text)
        self.loading_note.setVisible(bool(text))
        self._place_loading()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_loading()

    def _place_loading(self) -> None:
        if self.loading_note.isVisible():
            self.loading_note.setGeometry(self.viewport().rect())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # the window, or a scroll bar came or went
            self.fit_columns(self.viewport().width())
        return super().viewportEvent(event)

    def fit_columns(self, room: int) -> None:
        """Fit the columns into ``room`` pixels, no sideways scrolling: each column at
        its width, the long-text ones sharing what is left (at least
        :data:`STRETCH_MIN` each); when that does not fit, the model's ``drop_order``
        columns are hidden one by one."""
        widths, header = self.log_model.widths, self.horizontalHeader()
        hidden: set[int] = set()
        for column in (None, *self.log_model.drop_order):
            if column is not None:
                hidden.add(column)
            sizes = _sizes(widths, hidden, room)
            if sum(sizes.values()) <= room:
                break
        for i in range(len(widths)):
            header.setSectionHidden(i, i not in sizes)
            if i in sizes:
                header.resizeSection(i, sizes[i])

    def current(self) -> Any | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isSelected(index):
            return None
        return self.log_model.row_at(index.row())

    def select_id(self, ident: Any) -> None:
        for n, row in enumerate(self.log_model.rows()):
            if row.id == ident:
                self.selectRow(n)
                return

    def sort_by(self, column: int, descending: bool) -> None:
        self.sort_column, self.descending = column, descending
        self.horizontalHeader().setSortIndicator(column, _order(descending))
        self._reorder()
        self.apply()

    def _on_header_clicked(self, column: int) -> None:
        descending = not self.descending if column == self.sort_column else column == 0
        self.sort_by(column, descending)

    def export(self, parent: QWidget, table: Table, title: str, protected: Sequence[str]) -> None:
        """Ask for a file and write the visible rows to it (errors: ReleaseDeskError)."""
        path, _ = QFileDialog.getSaveFileName(
            parent, f"Export {title.lower()}", f"{title}.xlsx", EXPORT_FILTER
        )
        if path:
            self.export_to(path, table, title, protected)

    def export_to(self, path: str, table: Table, title: str, protected: Sequence[str]) -> None:
        """Write the visible rows, as shown and in this order, to ``path``."""
        headers, cells = table(self.log_model.rows())
        # The save dialog asked before replacing a file.
        export_table(path, headers, cells, title=title, replace=True, protected=protected)


def _sizes(widths: Sequence[int], hidden: set[int], room: int) -> dict[int, int]:
    """The width of each column not ``hidden``, the spare ``room`` shared out."""
    shown = [i for i in range(len(widths)) if i not in hidden]
    spare = room - sum(widths[i] for i in shown if widths[i] > 0)
    parts = sum(-widths[i] for i in shown if widths[i] < 0) or 1
    return {
        i: widths[i] if widths[i] > 0 else max(STRETCH_MIN, spare * -widths[i] // parts)
        for i in shown
    }


def _order(descending: bool) -> Qt.SortOrder:
    return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
