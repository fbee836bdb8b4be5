"""Base of the editor's table models: frozen service rows mapped to roles by columns.

Subclasses only declare their :class:`Column` list; ``set_rows`` applies a refresh as
``dataChanged`` when the same rows come back in the same order (the usual case after
an edit), and as a reset otherwise.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app import clock
from app.dates_text import moment

AnyIndex = QModelIndex | QPersistentModelIndex
RowRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
# Asked once per painted cell: combined once here (an enum "|" runs in Python).
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


def capitalized(member: Enum) -> str:
    """How an enum shows: ``Channel.STATUS_PAGE`` → ``"Status page"``."""
    return str(member.value).replace("_", " ").capitalize()


def stamp(value: Any, empty: str = "—") -> str:
    """A stored moment (UTC) as the editor tables show it: local time, ``empty`` when
    there is none."""
    return moment(clock.to_local(value)) if value else empty


@dataclass(frozen=True)
class Column:
    """One column: header and how a row shows in it."""

    header: str
    text: Callable[[Any], str]
    colour: Callable[[Any], str | None] | None = None  # foreground
    tooltip: Callable[[Any], str] | None = None
    decoration: Callable[[Any], str | None] | None = None  # a colour swatch
    stretch: bool = False  # takes the table's spare width (long text, elided)


class RowTableModel(QAbstractTableModel):
    """Read-only table of frozen rows with an ``id`` field."""

    columns: ClassVar[Sequence[Column]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(row)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.DecorationRole and column.decoration is not None:
            colour = column.decoration(row)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else column.text(row)
        if role == RowRole:
            return row
        if role == IdRole:
            return str(row.id)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    # -- ours ----------------------------------------------------------------------------
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_by_id(self, ident: uuid.UUID) -> Any | None:
        return next((r for r in self._rows if r.id == ident), None)

    def set_rows(self, rows: Sequence[Any]) -> None:
        rows = list(rows)
        if [r.id for r in rows] == [r.id for r in self._rows]:
            for i, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
                if old != new:
                    self._rows[i] = new
                    self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.columns) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
