"""Editors of the change grid's cells: a list to pick an existing task or scope item
from (typing the start of its name finds it), a line for names, durations and links.
A refused cell opens again on what was typed (``retry_value``), so it is corrected
rather than typed anew."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.changes.change_grid_model import ChoicesRole, HintRole
from ui.combo import select

AnyIndex = QModelIndex | QPersistentModelIndex


class ChangeGridDelegate(QStyledItemDelegate):
    """A combo box where the cell offers choices, else a frameless line edit."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.retry_value: dict[tuple[int, int], Any] = {}  # (row, column) -> refused value

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        choices = index.data(ChoicesRole)
        if choices is not None:
            combo = QComboBox(parent)  # typing a name's first letters finds it
            for label, value in choices:
                combo.addItem(label, value)
            return combo
        line = QLineEdit(parent)
        line.setFrame(False)
        line.setPlaceholderText(index.data(HintRole) or "")
        return line

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        retry = self.retry_value.pop((index.row(), index.column()), None)
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            select(editor, value)
            if value is None:
                editor.setCurrentIndex(-1)
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or "") if retry is None else str(retry))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text().strip())
