"""The table both history screens show: when, who, what happened; more on scroll."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.services import history_service
from app.services.history_service import Cursor, HistoryFilter, HistoryPage
from app.workspace import Workspace
from ui.editor.history_model import HistoryModel


class HistoryTable(QTableView):
    """A read-only table of history entries over ``workspace``; call :meth:`show_history`."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.history = HistoryModel(self._page, self)
        self.setModel(self.history)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        # Long sentences wrap (the editor's pane is narrow); the tooltip lists every field.
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _page(self, where: HistoryFilter, after: Cursor | None) -> HistoryPage:
        return history_service.history_page(self._workspace, where, after)

    def show_history(self, where: HistoryFilter) -> None:
        """Show the entries matching ``where``, newest first, from the top."""
        self.history.show(where)
        self.history.fetchMore()  # the first page now, not after the next layout pass
        self.scrollToTop()
