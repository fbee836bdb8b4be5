"""Base of the editor tabs that show a table of rows with a few actions."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ReleaseDeskError
from app.services.changes import Change
from app.services.release_service import ReleaseRow
from ui.editor.row_table_model import RowRole, RowTableModel
from ui.icons import icon
from ui.undo.service_command import ServiceCommand
from ui.view_registry import ViewContext


class TableTab(QWidget):
    """A summary line, buttons and a table; reloads when its entities change."""

    entities: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, ctx: ViewContext, model: RowTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        model.setParent(self)
        self.release: ReleaseRow | None = None
        self.summary = QLabel(wordWrap=True)
        self.summary.setObjectName("bannerInfo")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.hide()
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.summary)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        self._row_buttons: list[QPushButton] = []
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

    def add_button(
        self, text: str, icon_name: str, slot: Callable[[], Any], needs_row: bool = False
    ) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.clicked.connect(lambda _c=False: slot())
        self.buttons.addWidget(button)
        if needs_row:
            button.setEnabled(False)
            self._row_buttons.append(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    # -- loading -------------------------------------------------------------------------
    def set_release(self, release: ReleaseRow) -> None:
        self.release = release
        self.reload()

    def reload(self) -> None:
        if self.release is None:
            return
        try:
            self.model.set_rows(self.fetch(self.release.id))
            self.after_reload()
        except ReleaseDeskError as exc:
            self.show_summary(str(exc))
        self.table.resizeColumnsToContents()
        self._on_table_selection_changed()

    def fetch(self, release_id: uuid.UUID) -> list[Any]:
        raise NotImplementedError

    def after_reload(self) -> None:
        """Update the summary line (optional)."""

    def show_summary(self, html: str) -> None:
        self.summary.setText(html)
        self.summary.setVisible(bool(html))

    def concerns(self, changes: Iterable[Change]) -> bool:
        return any(c.entity in self.entities for c in changes)

    # -- edits ---------------------------------------------------------------------------
    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RowRole) if rows else None

    def run(self, command: ServiceCommand) -> bool:
        return self.ctx.runner.run(command)

    def edit_selected(self) -> None:
        """Double-click: edit the row (tabs that can edit override this)."""

    def _on_table_selection_changed(self, *_args: object) -> None:
        has_row = self.selected() is not None
        for button in self._row_buttons:
            button.setEnabled(has_row)
