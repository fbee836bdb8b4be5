"""The request form's grid of changes: buttons to add a row of each kind or remove the
current one, a table edited like the plan view's (type to edit, Tab to the next cell,
Enter to commit), and the message of the last refused cell under it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.enums import ChangeItemKind as Kind
from app.services.change_items import ChangeItemSpec
from app.services.change_refs import ReleaseRefs
from ui.changes.change_grid_delegate import ChangeGridDelegate
from ui.changes.change_grid_model import KIND_WORDS, WHAT, ChangeGridModel
from ui.field_marks import mark, with_error_label
from ui.icons import icon

WIDTHS = (130, 230, 80, 90, 90)  # px: kind, task or scope item, duration, after, before


class ChangeGrid(QWidget):
    """``table`` over ``model``; ``error`` says what the grid still needs."""

    def __init__(self, refs: ReleaseRefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChangeGridModel(refs, self)
        self.table = QTableView()
        self.table.setObjectName("changeGrid")
        self.table.setModel(self.model)
        self.delegate = ChangeGridDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setEditTriggers(  # as the plan view's table
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for n, width in enumerate(WIDTHS):
            self.table.setColumnWidth(n, width)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.model.refused.connect(self._on_model_refused)
        self.model.dataChanged.connect(lambda *_a: self._show_problem())
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for kind in Kind.ADD_TASK, Kind.CHANGE_DURATION, Kind.ADD_SCOPE, Kind.REMOVE_SCOPE:
            add = QPushButton(icon("add"), KIND_WORDS[kind])
            add.setToolTip(f"Add a row: {KIND_WORDS[kind].lower()}")
            add.clicked.connect(lambda _c=False, k=kind: self.add_row(k))
            buttons.addWidget(add)
        buttons.addStretch(1)
        self.remove_button = QPushButton(icon("delete"), "Remove row")
        self.remove_button.setToolTip("Remove the selected change from the request")
        self.remove_button.clicked.connect(lambda _c=False: self.remove_current())
        buttons.addWidget(self.remove_button)
        cell, self.error = with_error_label(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(cell, 1)

    def set_items(self, items: tuple[ChangeItemSpec, ...]) -> None:
        self.model.set_items(items)

    def add_row(self, kind: Kind) -> int:
        """Add a row of ``kind`` and start typing (or picking) what it concerns."""
        row = self.model.add(kind)
        index = self.model.index(row, WHAT)
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        return row

    def remove_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove(index.row())
            self._show_problem()

    def _show_problem(self) -> None:
        """Only refused cells are flagged while typing; a missing value waits for OK."""
        if not self.model.cell_error:
            mark(self.table, self.error, "")

    def _on_model_refused(self, index: QModelIndex, typed: Any, message: str) -> None:
        mark(self.table, self.error, self.model.problem())
        if isinstance(typed, str):
            self.delegate.retry_value[(index.row(), index.column())] = typed
        # The refused editor is still closing: open the cell again once it has.
        QTimer.singleShot(0, lambda: self._reopen(index, message))

    def _reopen(self, index: QModelIndex, message: str) -> None:
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        rect = self.table.visualRect(index)
        QToolTip.showText(self.table.viewport().mapToGlobal(rect.bottomLeft()), message, self.table)
