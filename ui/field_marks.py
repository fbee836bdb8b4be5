"""Marking a form field the user must correct: a red border and a line saying why.

The border comes from the style sheet (``[invalid="true"]`` in
``resources/styles/app.qss``); the message sits in a label under the field and is
also the field's accessible description, so a screen reader says it too.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def with_error_label(editor: QWidget) -> tuple[QWidget, QLabel]:
    """A cell holding ``editor`` above its (hidden) error label; both are returned."""
    error = QLabel(wordWrap=True)
    error.setObjectName("fieldError")
    error.hide()
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(editor)
    column.addWidget(error)
    return cell, error


def mark(editor: QWidget, error: QLabel, message: str) -> None:
    """Show ``message`` under ``editor`` and mark it invalid; "" clears both."""
    if bool(editor.property("invalid")) != bool(message):
        editor.setProperty("invalid", bool(message))
        editor.style().unpolish(editor)  # the style sheet reads the property anew
        editor.style().polish(editor)
    editor.setAccessibleDescription(message)
    error.setText(message)
    error.setVisible(bool(message))
