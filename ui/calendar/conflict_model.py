"""The conflicts of the calendar's range as a list: severity and sentence per row,
the worst and earliest first."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.conflicts.conflict import LABELS, Conflict
from ui import theme

Index = QModelIndex | QPersistentModelIndex


class ConflictRole(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1  # the conflict's stable key
    ITEMS = Qt.ItemDataRole.UserRole + 2  # the keys of the items involved
    FIX = Qt.ItemDataRole.UserRole + 3  # what the suggested fix does ("" when none)


class ConflictModel(QAbstractListModel):
    """Rows of :class:`Conflict`; ``set_conflicts`` replaces them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Conflict] = []

    def set_conflicts(self, conflicts: list[Conflict]) -> None:
        self.beginResetModel()
        self._rows = sorted(conflicts, key=lambda c: (c.severity.rank, c.start, c.sentence))
        self.endResetModel()

    def conflict(self, row: int) -> Conflict:
        return self._rows[row]

    def row_of(self, key: str) -> int | None:
        return next((i for i, c in enumerate(self._rows) if c.key == key), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{LABELS.get(c.kind, c.kind.value)} · {c.sentence}"
        if role == Qt.ItemDataRole.ToolTipRole:
            fix = f"\nSuggested fix: {c.fix.sentence}" if c.fix is not None else ""
            return f"{c.sentence}{fix}"
        if role == Qt.ItemDataRole.ForegroundRole and c.severity.rank == 0:
            return QColor(theme.colours().danger_text)
        if role == ConflictRole.KEY:
            return c.key
        if role == ConflictRole.ITEMS:
            return [i.id for i in c.items]
        if role == ConflictRole.FIX:
            return c.fix.sentence if c.fix is not None else ""
        return None
