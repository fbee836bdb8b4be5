"""The changes a request asks for, one row each, as the request form's grid edits them.

Four kinds of row: a new task (name, duration, the task it follows and the one it
precedes, in the plan view's predecessor notation), a changed duration (an existing
task picked from the release, its new duration), a scope item to add (its name) and
one to remove (picked from the release's scope). A cell typed wrong is refused at the
field: ``refused(index, typed, message)`` tells the grid, which reopens the cell on
what was typed; the message stays on the cell (red, in its tooltip) until it is right.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.enums import ChangeItemKind as Kind
from app.errors import ValidationError
from app.services.change_items import ChangeItemSpec
from app.services.change_refs import ReleaseRefs, linked_task
from app.services.working_time import format_working
from ui.plan.duration_text import parse_duration
from ui.theme import colours

AnyIndex = QModelIndex | QPersistentModelIndex
ChoicesRole = Qt.ItemDataRole.UserRole + 1  # (label, id) pairs of a pick-one cell
HintRole = Qt.ItemDataRole.UserRole + 2  # an empty editor's placeholder
PER_DAY = 480  # a request's durations are in the plan's standard working day

KIND, WHAT, DURATION, AFTER, BEFORE = range(5)
HEADERS = ("Change", "Task or scope item", "Duration", "After row", "Before row")
HEADER_TIPS = (
    "What kind of change",
    "The new task or scope item's name, or the existing one it concerns",
    "Working time: 3d, 4h, 2d 4h, 1w",
    "The task (its plan row) the new task follows, finish-to-start",
    "The task (its plan row) the new task precedes, finish-to-start",
)
KIND_WORDS = {
    Kind.ADD_TASK: "New task",
    Kind.CHANGE_DURATION: "Change duration",
    Kind.ADD_SCOPE: "Add scope item",
    Kind.REMOVE_SCOPE: "Remove scope item",
}
_HINTS = {
    (Kind.ADD_TASK, WHAT): "name of the new task",
    (Kind.ADD_SCOPE, WHAT): "name of the new scope item",
    (Kind.ADD_TASK, DURATION): "e.g. 3d or 4h",
    (Kind.CHANGE_DURATION, DURATION): "e.g. 3d or 4h",
    (Kind.ADD_TASK, AFTER): "row it follows, e.g. 3",
    (Kind.ADD_TASK, BEFORE): "row it precedes, e.g. 5",
}


@dataclass(frozen=True)
class DraftChange:
    """One row of the grid: what the user typed or picked so far."""

    kind: Kind
    title: str = ""
    ref_id: uuid.UUID | None = None  # the task (duration) or scope item (remove)
    minutes: int | None = None
    after: uuid.UUID | None = None
    before: uuid.UUID | None = None

    @classmethod
    def of(cls, spec: ChangeItemSpec) -> DraftChange:
        """The row showing a stored change."""
        ref = spec.task_id if spec.kind is Kind.CHANGE_DURATION else spec.scope_item_id
        minutes = spec.duration_minutes if spec.kind in _TIMED else None
        return cls(spec.kind, spec.title, ref, minutes, spec.predecessor_id, spec.successor_id)

    def spec(self) -> ChangeItemSpec:
        """The change as the service stores it (incomplete rows as they are)."""
        task = self.ref_id if self.kind is Kind.CHANGE_DURATION else None
        scope = self.ref_id if self.kind is Kind.REMOVE_SCOPE else None
        return ChangeItemSpec(
            self.kind, self.title, scope, task, self.after, self.before, self.minutes or 0
        )


_TIMED = (Kind.ADD_TASK, Kind.CHANGE_DURATION)
_EDITABLE = {
    Kind.ADD_TASK: {WHAT, DURATION, AFTER, BEFORE},
    Kind.CHANGE_DURATION: {WHAT, DURATION},
    Kind.ADD_SCOPE: {WHAT},
    Kind.REMOVE_SCOPE: {WHAT},
}


class ChangeGridModel(QAbstractTableModel):
    """Rows of :class:`DraftChange` over the release's :class:`ReleaseRefs`."""

    refused = Signal(QModelIndex, object, str)  # the cell, what was typed, why

    def __init__(self, refs: ReleaseRefs, parent: Any = None) -> None:
        super().__init__(parent)
        self.refs = refs
        self._rows: list[DraftChange] = []
        self.cell_error: dict[tuple[int, int], str] = {}

    # -- rows ------------------------------------------------------------------------------
    def set_items(self, items: tuple[ChangeItemSpec, ...] | list[ChangeItemSpec]) -> None:
        self.beginResetModel()
        self._rows = [DraftChange.of(i) for i in items]
        self.cell_error.clear()
        self.endResetModel()

    def rows(self) -> tuple[DraftChange, ...]:
        return tuple(self._rows)

    def add(self, kind: Kind) -> int:
        """Append an empty row of ``kind`` (a new task lasts a day until told); its row."""
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(DraftChange(kind, minutes=PER_DAY if kind is Kind.ADD_TASK else None))
        self.endInsertRows()
        return n

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.cell_error = {
            (r - (r > row), c): m for (r, c), m in self.cell_error.items() if r != row
        }
        self.endRemoveRows()

    def specs(self) -> tuple[ChangeItemSpec, ...]:
        return tuple(r.spec() for r in self._rows)

    def problem(self) -> str:
        """What keeps the grid from being saved ("" when nothing): a refused cell or a
        row missing what its kind needs."""
        if self.cell_error:
            (row, column), message = min(self.cell_error.items())
            return f"Change {row + 1}, {HEADERS[column].lower()}: {message}"
        for n, r in enumerate(self._rows, 1):
            what = f"Change {n} ({KIND_WORDS[r.kind].lower()})"
            if r.kind in (Kind.ADD_TASK, Kind.ADD_SCOPE) and not r.title.strip():
                return f"{what} needs a name."
            if r.kind is Kind.CHANGE_DURATION and r.ref_id is None:
                return f"{what}: pick the task whose duration changes."
            if r.kind is Kind.REMOVE_SCOPE and r.ref_id is None:
                return f"{what}: pick the scope item to remove."
            if r.kind in _TIMED and r.minutes is None:
                return f"{what}: type the new duration, e.g. 3d."
        return ""

    # -- Qt --------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in _EDITABLE[self._rows[index.row()].kind]:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        error = self.cell_error.get((index.row(), column))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return row.ref_id if column == WHAT and self._choices(row) else self._text(row, column)
        if role == ChoicesRole and column == WHAT:
            return self._choices(row)
        if role == HintRole:
            return _HINTS.get((row.kind, column), "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return error or _HINTS.get((row.kind, column)) or None
        if role == Qt.ItemDataRole.ForegroundRole and error:
            return QColor(colours().danger_text)
        return None

    def _choices(self, row: DraftChange) -> list[tuple[str, uuid.UUID]] | None:
        refs = self.refs
        if row.kind is Kind.CHANGE_DURATION:
            tasks = sorted(refs.tasks.items())  # a summary's duration is its subtasks'
            return [(refs.task_label(t), t) for _n, t in tasks if t not in refs.summaries]
        if row.kind is Kind.REMOVE_SCOPE:
            return [(name, i) for i, name in refs.scope_names.items()]
        return None

    def _text(self, row: DraftChange, column: int) -> str:
        refs = self.refs
        if column == KIND:
            return KIND_WORDS[row.kind]
        if column == WHAT:
            if row.kind is Kind.CHANGE_DURATION:
                return refs.task_label(row.ref_id)
            if row.kind is Kind.REMOVE_SCOPE:
                return refs.scope_names.get(row.ref_id, row.title) if row.ref_id else ""
            return row.title
        if column == DURATION:
            return "" if row.minutes is None else format_working(row.minutes, PER_DAY)
        if column == AFTER:
            return refs.row_text(row.after)
        if column == BEFORE:
            return refs.row_text(row.before)
        return ""

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        n, column = index.row(), index.column()
        try:
            changed = self._edited(self._rows[n], column, value)
        except ValidationError as exc:
            self.cell_error[(n, column)] = str(exc)
            self.dataChanged.emit(index, index)
            self.refused.emit(QModelIndex(index), value, str(exc))
            return False
        self.cell_error.pop((n, column), None)
        self._rows[n] = changed
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(HEADERS) - 1))
        return True

    def _edited(self, row: DraftChange, column: int, value: Any) -> DraftChange:
        """``row`` with ``value`` in ``column``, or ValidationError saying why not."""
        if column == WHAT and self._choices(row) is not None:
            if not isinstance(value, uuid.UUID):
                raise ValidationError("Pick one from the list.")
            return replace(row, ref_id=value)
        text = str(value or "").strip()
        if column == WHAT:
            if not text:
                raise ValidationError("Type a name.")
            if len(text) > 240:
                raise ValidationError("A name is at most 240 characters.")
            return replace(row, title=text)
        if column == DURATION:
            duration = parse_duration(text, PER_DAY)
            if duration.elapsed:
                raise ValidationError("Type working time (3d, 4h), not elapsed time.")
            return replace(row, minutes=duration.minutes)
        task = linked_task(text, self.refs.tasks)
        other = row.before if column == AFTER else row.after
        if task is not None and task == other:
            raise ValidationError("A new task cannot come after and before one task.")
        return replace(row, after=task) if column == AFTER else replace(row, before=task)
