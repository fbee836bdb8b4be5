"""Editors of the plan table's cells, by column: text for names, durations and
predecessors, a date-time editor for start and finish, a spin box for % complete, a
kind and a date for the constraint.

A cell whose last edit was refused opens with the refused value, so the user corrects it
instead of typing it again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.dates_text import QT_MOMENT
from ui.date_edit import DateTimeEdit
from ui.plan.constraint_edit import ConstraintEdit
from ui.plan.plan_columns import Edit
from ui.plan.task_table_model import EditRole, RowRole

AnyIndex = QModelIndex | QPersistentModelIndex


class CellDelegate(QStyledItemDelegate):
    """Picks the editor from the column's :class:`Edit` kind."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.retry_value: dict[tuple[int, int], Any] = {}  # (row, column) -> refused value

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        kind = index.data(EditRole)
        if kind in (Edit.START, Edit.FINISH):
            editor = DateTimeEdit(parent)
            editor.setDisplayFormat(QT_MOMENT)
            editor.setCalendarPopup(True)
            return editor
        if kind == Edit.CONSTRAINT:
            constraint = ConstraintEdit(parent)
            constraint.near = index.data(RowRole).start
            return constraint
        if kind == Edit.PERCENT:
            spin = QSpinBox(parent)
            spin.setRange(0, 100)
            spin.setSuffix("%")
            return spin
        line = QLineEdit(parent)
        line.setFrame(False)
        if kind == Edit.DURATION:
            line.setPlaceholderText("e.g. 3d, 4h, 2d 4h")
        elif kind == Edit.PREDECESSORS:
            line.setPlaceholderText("e.g. 3, 5SS+2d")
        return line

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        retry = self.retry_value.pop((index.row(), index.column()), None)
        if isinstance(editor, ConstraintEdit):
            editor.set_value(*(retry or value))
        elif isinstance(editor, DateTimeEdit) and isinstance(value, dt.datetime):
            editor.setDateTime(QDateTime(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or "") if retry is None else retry)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, ConstraintEdit):
            value: Any = editor.value()
        elif isinstance(editor, DateTimeEdit):
            value = editor.dateTime().toPython()
        elif isinstance(editor, QSpinBox):
            value = editor.value()
        else:
            value = editor.text().strip()  # type: ignore[attr-defined]
        model.setData(index, value)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, ConstraintEdit):  # a kind and a date need more than the cell
            editor.resize(max(editor.width(), editor.sizeHint().width()), editor.height())
