"""Editors of the plan table's cells, by column: text for names, durations and
predecessors, a date-time editor for start and finish, a spin box for % complete.

A cell whose last edit was refused opens with the refused text, so the user corrects it
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
from ui.plan.plan_columns import Edit
from ui.plan.task_table_model import EditRole

AnyIndex = QModelIndex | QPersistentModelIndex


class CellDelegate(QStyledItemDelegate):
    """Picks the editor from the column's :class:`Edit` kind."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.retry_text: dict[tuple[int, int], str] = {}  # (row, column) -> refused text

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        kind = index.data(EditRole)
        if kind in (Edit.START, Edit.FINISH):
            editor = DateTimeEdit(parent)
            editor.setDisplayFormat(QT_MOMENT)
            editor.setCalendarPopup(True)
            return editor
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
        if isinstance(editor, DateTimeEdit) and isinstance(value, dt.datetime):
            editor.setDateTime(QDateTime(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QLineEdit):
            retry = self.retry_text.pop((index.row(), index.column()), None)
            editor.setText(str(value or "") if retry is None else retry)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, DateTimeEdit):
            value: Any = editor.dateTime().toPython()
        elif isinstance(editor, QSpinBox):
            value = editor.value()
        else:
            value = editor.text().strip()  # type: ignore[attr-defined]
        model.setData(index, value)
