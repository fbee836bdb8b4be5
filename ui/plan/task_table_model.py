"""The plan table: one row per :class:`GanttRow`, in the chart's order (row ``i`` of the
table is bar ``i`` of the chart), the outline shown by indenting the task name.

The model never writes: an edited cell becomes ``edit_requested(row, column key,
value)``, which the view turns into an undoable command; the rows come back from the
next schedule. A cell whose edit was refused keeps the message (``cell_error``) and
shows it in red until it is edited again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from app.charts.gantt_plan import GanttRow
from app.services.risk_links import threatened_by
from ui.plan.plan_columns import COLUMNS, KEYS, Edit
from ui.theme import colours

AnyIndex = QModelIndex | QPersistentModelIndex
RowRole = Qt.ItemDataRole.UserRole + 1  # the GanttRow
EditRole = Qt.ItemDataRole.UserRole + 2  # the column's Edit kind
INDENT = "    "  # one outline level in the name column
OPEN, FOLDED = "▾", "▸"  # a summary's disclosure marker, before its name


class TaskTableModel(QAbstractTableModel):
    """Flat table of a plan's rows; ``set_rows`` keeps views steady across refreshes."""

    edit_requested = Signal(object, str, object)  # GanttRow, column key, new value

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[GanttRow, ...] = ()
        self.minutes_per_day = 480
        self.cell_error: dict[tuple[str, str], str] = {}  # (task id, column key) -> message
        self.folded: frozenset[str] = frozenset()  # summaries whose subtasks are hidden
        self.threats: Mapping[str, tuple[str, ...]] = {}  # task id -> its open risks

    # -- content ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[GanttRow], minutes_per_day: int = 480) -> None:
        """Show ``rows``; the same tasks in the same order change in place (selection,
        editor and scroll position stay), anything else resets the table."""
        rows = tuple(rows)
        self.minutes_per_day = minutes_per_day
        same = len(rows) == len(self._rows) and all(
            a.task_id == b.task_id for a, b in zip(rows, self._rows, strict=True)
        )
        if same:
            self._rows = rows
            if rows:
                last = self.index(len(rows) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> tuple[GanttRow, ...]:
        return self._rows

    def set_threats(self, threats: Mapping[str, tuple[str, ...]]) -> None:
        """The open risks of each task (a name cell's tooltip names them)."""
        self.threats = threats
        if self._rows:
            column = KEYS["name"]
            self.dataChanged.emit(
                self.index(0, column),
                self.index(len(self._rows) - 1, column),
                [Qt.ItemDataRole.ToolTipRole],
            )

    def row_of(self, task_id: str) -> int | None:
        for n, row in enumerate(self._rows):
            if row.task_id == task_id:
                return n
        return None

    def set_cell_error(self, task_id: str, key: str, message: str) -> None:
        """Show ``message`` on a cell (empty: clear it)."""
        if message:
            self.cell_error[(task_id, key)] = message
        else:
            self.cell_error.pop((task_id, key), None)
        row = self.row_of(task_id)
        if row is not None:
            index = self.index(row, KEYS[key])
            self.dataChanged.emit(index, index)

    def name_prefix(self, row: GanttRow) -> str:
        """The indent (and a summary's marker) before a task's name."""
        if not row.summary:
            return INDENT * row.level
        return INDENT * row.level + (FOLDED if row.task_id in self.folded else OPEN) + " "

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self._rows[index.row()]
        edit = COLUMNS[index.column()].edit
        if edit and not (row.summary and edit in _NOT_ON_SUMMARIES):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = column.text(row, self.minutes_per_day)
            return self.name_prefix(row) + text if column.key == "name" else text
        if role == Qt.ItemDataRole.EditRole:
            return _edit_value(row, column.key, column.text(row, self.minutes_per_day))
        if role == RowRole:
            return row
        if role == EditRole:
            return column.edit
        error = self.cell_error.get((row.task_id, column.key))
        if role == Qt.ItemDataRole.ToolTipRole:
            return error or _tooltip(row, column.key, self.threats.get(row.task_id, ()))
        if role == Qt.ItemDataRole.ForegroundRole:
            return _foreground(row, column.key, bool(error))
        if role == Qt.ItemDataRole.FontRole and row.summary:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row = self._rows[index.row()]
        key = COLUMNS[index.column()].key
        if value == self.data(index, Qt.ItemDataRole.EditRole):
            return False  # nothing changed: no command, no undo step
        self.edit_requested.emit(row, key, value)
        return True


# A summary's dates, duration and progress come from its children.
_NOT_ON_SUMMARIES = frozenset(
    {Edit.DURATION, Edit.START, Edit.FINISH, Edit.PERCENT, Edit.CONSTRAINT}
)


def _edit_value(row: GanttRow, key: str, shown: str) -> Any:
    if key == "start":
        return row.start
    if key == "finish":
        return row.finish
    if key == "percent":
        return round(row.percent_complete)
    if key == "constraint":
        return (row.constraint_type, row.constraint_date)
    return shown


def _foreground(row: GanttRow, key: str, error: bool) -> QColor | None:
    c = colours()
    if error:
        return QColor(c.danger_text)
    if key == "name" and row.critical:
        return QColor(c.danger_text)
    if key in ("total_float", "variance"):
        minutes = row.total_float_minutes if key == "total_float" else row.finish_variance_minutes
        if minutes is not None and minutes < 0 and key == "total_float":
            return QColor(c.danger_text)
        if key == "variance" and minutes:
            return QColor(c.danger_text if minutes > 0 else c.success)
    return None


def _tooltip(row: GanttRow, key: str, threats: Sequence[str]) -> str | None:
    if key == "name":
        lines = [f"{row.label} is on the critical path: any delay moves the finish."]
        lines = lines if row.critical else []
        lines += [threatened_by(threats)] if threats else []
        return "\n".join(lines) or None
    if key == "constraint" and row.constraint:
        return row.constraint
    return None
