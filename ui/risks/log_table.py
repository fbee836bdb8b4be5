"""What the risk and issue panes share: a sortable table of visible rows, its export."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QHeaderView, QTableView, QWidget

from app.interchange.table_export import export_table
from ui.risks.log_filter import visible_rows
from ui.risks.log_models import _LogModel

EXPORT_FILTER = "Excel workbook (*.xlsx);;CSV file (*.csv)"
Table = Callable[[Sequence[Any]], tuple[Sequence[str], list[tuple[Any, ...]]]]


class LogTable(QTableView):
    """A read-only table over a log model; a click on a header sorts by that column."""

    def __init__(self, model: _LogModel, sort_column: int, descending: bool = True) -> None:
        super().__init__()
        self.log_model = model
        self.setModel(model)
        self.all_rows: list[Any] = []
        self.accepts: Callable[[Any], bool] = lambda _row: True
        self.group_by_release = False
        self.sort_column, self.descending = sort_column, descending
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
        for i, column in enumerate(model.columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(i, mode)

    def show_rows(self, rows: Sequence[Any]) -> None:
        """Load the rows (a refresh) and show those the filter lets through."""
        self.all_rows = list(rows)
        self.apply()

    def apply(self) -> None:
        """Filter and sort the loaded rows again, keeping the selected row when it stays."""
        chosen = self.current()
        key = self.log_model.keys[self.sort_column]
        self.log_model.set_rows(
            visible_rows(self.all_rows, self.accepts, key, self.descending, self.group_by_release)
        )
        if chosen is not None:
            self.select_id(chosen.id)

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


def _order(descending: bool) -> Qt.SortOrder:
    return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
