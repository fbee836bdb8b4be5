"""One board cell: the cards of one lifecycle state (and, with swimlanes, one domain).

It is also the drop target of that cell: a drop becomes a *request* to transition the
dragged releases, which the board runs through the undo stack; the model itself never
changes on a drop.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from app.enums import ReleaseStatus
from ui.board.board_model import BoardModel, FilterRole, SortRole, decode_ids

AnyIndex = QModelIndex | QPersistentModelIndex
ANY_LANE = False  # sentinel: no swimlane (a domain id of None means "no domain")


class ColumnProxy(QSortFilterProxyModel):
    """Cards of ``status`` (and ``lane`` domain), sorted by planned start then name."""

    drop_requested = Signal(list, object)  # release ids, target ReleaseStatus

    def __init__(
        self,
        board: BoardModel,
        status: ReleaseStatus,
        lane: uuid.UUID | bool | None = ANY_LANE,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.status = status
        self.lane = lane
        self._status_value = status.value
        self._board = board
        self.setSortRole(SortRole)
        # The board announces a new filter as dataChanged on this role, row by row.
        self.setFilterRole(FilterRole)
        self.setDynamicSortFilter(True)
        self.setSourceModel(board)
        self.sort(0)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        # Called for every card in every cell on a refilter: the board's lists, read
        # inline, rather than a call to BoardModel.accepts per row.
        visible, cells = self._board.acceptance()
        if not visible[source_row]:
            return False
        status, domain = cells[source_row]
        return status == self._status_value and (self.lane is False or domain == self.lane)

    def refilter(self) -> None:
        """Re-read the board model's filter result."""
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return bool(decode_ids(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        ids = decode_ids(data)
        if not ids:
            return False
        self.drop_requested.emit(ids, self.status)
        # False: nothing was inserted here; the card moves when the service says so.
        return False
