"""A small form built from field descriptions (add/edit dialogs of the editor tabs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import clock
from ui.combo import select


@dataclass(frozen=True)
class Field:
    """``kind``: text, multiline, choice (``choices`` = (label, value)), datetime, bool.

    A datetime field holds a *moment*: its value is stored UTC, shown and typed in local
    time, and ``values()`` gives it back as UTC (``app.clock`` converts both ways).
    """

    name: str
    label: str
    kind: str = "text"
    value: Any = None
    choices: Sequence[tuple[str, Any]] = field(default_factory=tuple)


class FormDialog(QDialog):
    """``values()`` after ``exec()`` gives ``{name: value}``."""

    def __init__(self, title: str, fields: Sequence[Field], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._fields = list(fields)
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for spec in self._fields:
            editor = self._editor(spec)
            self.editors[spec.name] = editor
            form.addRow("" if spec.kind == "bool" else spec.label, editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(440, 0)

    def _editor(self, spec: Field) -> QWidget:
        if spec.kind == "multiline":
            edit = QPlainTextEdit(spec.value or "")
            edit.setFixedHeight(90)
            return edit
        if spec.kind == "choice":
            combo = QComboBox()
            for label, value in spec.choices:
                combo.addItem(label, value)
            select(combo, spec.value)
            return combo
        if spec.kind == "datetime":
            edit = QDateTimeEdit(calendarPopup=True)
            edit.setDisplayFormat("d MMM yyyy HH:mm")
            local = clock.to_local(spec.value) if spec.value else clock.local_now()
            edit.setDateTime(QDateTime(local))
            return edit
        if spec.kind == "bool":
            return QCheckBox(spec.label, checked=bool(spec.value))
        return QLineEdit(spec.value or "")

    def set_value(self, name: str, value: Any) -> None:
        """Fill a field (tests and callers that preset values)."""
        editor = self.editors[name]
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value)
        elif isinstance(editor, QComboBox):
            select(editor, value)
        elif isinstance(editor, QDateTimeEdit):
            editor.setDateTime(QDateTime(clock.to_local(value)))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(value)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QPlainTextEdit):
                out[name] = editor.toPlainText()
            elif isinstance(editor, QComboBox):
                out[name] = editor.currentData()
            elif isinstance(editor, QDateTimeEdit):
                out[name] = clock.from_local(editor.dateTime().toPython())
            elif isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, QLineEdit):
                out[name] = editor.text().strip()
        return out


def ask(
    title: str, fields: Sequence[Field], parent: QWidget | None = None
) -> dict[str, Any] | None:
    """Show a form; its values, or None when cancelled. Tests replace this function."""
    dialog = FormDialog(title, fields, parent)
    return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
