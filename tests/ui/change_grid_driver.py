"""Typing into the change request grid as a user does: a button adds a row and opens
its first cell, keys fill the open editor, Tab commits it and opens the next."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton, QWidget

from ui.changes.change_grid import ChangeGrid


def open_editor(grid: ChangeGrid, qtbot: Any = None) -> QWidget:
    """The editor open in the grid's current cell (waited for with ``qtbot``: a
    refused cell reopens once its old editor has closed)."""
    if qtbot is not None:
        qtbot.waitUntil(lambda: grid.table.indexWidget(grid.table.currentIndex()) is not None)
    editor = grid.table.indexWidget(grid.table.currentIndex())
    assert editor is not None, f"no editor open at {grid.table.currentIndex()}"
    return editor


def add(qtbot: Any, grid: ChangeGrid, button_text: str) -> None:
    """Click the add button ``button_text`` (the new row's first cell opens)."""
    [button] = [b for b in grid.findChildren(QPushButton) if b.text() == button_text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_cell(qtbot: Any, grid: ChangeGrid, text: str, key: Qt.Key = Qt.Key.Key_Tab) -> None:
    """Replace what the open editor holds with ``text`` and press ``key`` (Tab: on to
    the next cell; Return: commit and stay)."""
    editor = open_editor(grid, qtbot)
    if not isinstance(editor, QComboBox):  # a list is searched by typing, not replaced
        editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, key)
    QApplication.processEvents()  # a refused cell reopens from a zero timer


def type_into_cell(qtbot: Any, grid: ChangeGrid, row: int, column: int, text: str) -> None:
    """Go to a cell with the mouse-free way a user would: select it and start typing."""
    index = grid.model.index(row, column)
    grid.table.setFocus()
    grid.table.setCurrentIndex(index)
    qtbot.keyClick(grid.table, Qt.Key.Key_F2)
    type_cell(qtbot, grid, text, Qt.Key.Key_Return)
