"""A small form built from field descriptions (add/edit dialogs of the editor tabs).

Pressing OK checks the form first: a required field left empty, or a problem the
form's ``validate`` callable names, keeps the dialog open with everything typed, marks
the field (``invalid`` property, styled in ``resources/styles/app.qss``), explains it
under the field and puts the cursor there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.dates_text import QT_MOMENT
from ui.combo import select
from ui.date_edit import DateTimeEdit
from ui.field_marks import mark, with_error_label
from ui.optional_date import OptionalDate

INT_MAX = 999_999  # the largest whole number an int field takes


@dataclass(frozen=True)
class Field:
    """``kind``: text, multiline, choice (``choices`` = (label, value)), datetime, date,
    bool, int (a whole number from 0).

    A date field holds a day that may be empty (None): it shows "Not set" and a Clear
    button (:class:`ui.optional_date.OptionalDate`).

    A datetime field holds a *moment*: its value is stored UTC, shown and typed in local
    time, and ``values()`` gives it back as UTC (``app.clock`` converts both ways).
    """

    name: str
    label: str
    kind: str = "text"
    value: Any = None
    choices: Sequence[tuple[str, Any]] = field(default_factory=tuple)
    required: bool = False  # OK is refused while it is empty (or no choice is made)


# The form's values -> {field name: what is wrong with it}; empty when all is well.
Validator = Callable[[dict[str, Any]], Mapping[str, str]]
# Saves the valid values while the form is open: None closes it; a message (or "",
# when the error was shown elsewhere) keeps it open with everything typed.
Submit = Callable[[dict[str, Any]], str | None]


class FormDialog(QDialog):
    """``values()`` after ``exec()`` gives ``{name: value}``.

    ``validate`` checks the values when OK is pressed (after the required fields);
    ``errors[name]`` is the label under each field that explains what is wrong.
    ``submit`` then saves them; what it refuses shows in ``form_error`` above the fields.
    """

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        parent: QWidget | None = None,
        validate: Validator | None = None,
        submit: Submit | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._fields = list(fields)
        self._validate = validate
        self._submit = submit
        self.form_error = QLabel(wordWrap=True)
        self.form_error.setObjectName("bannerError")
        self.form_error.hide()
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for spec in self._fields:
            editor = self._editor(spec)
            self.editors[spec.name] = editor
            form.addRow("" if spec.kind == "bool" else spec.label, self._with_error(spec, editor))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_error)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(440, 0)

    def _editor(self, spec: Field) -> QWidget:
        if spec.kind == "multiline":
            edit = QPlainTextEdit(spec.value or "")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(90)
            return edit
        if spec.kind == "choice":
            combo = QComboBox()
            for label, value in spec.choices:
                combo.addItem(label, value)
            select(combo, spec.value)
            return combo
        if spec.kind == "datetime":
            edit = DateTimeEdit(calendarPopup=True)
            edit.setDisplayFormat(QT_MOMENT)
            local = clock.to_local(spec.value) if spec.value else clock.local_now()
            edit.setDateTime(QDateTime(local))
            return edit
        if spec.kind == "date":
            return OptionalDate(spec.value)
        if spec.kind == "bool":
            return QCheckBox(spec.label, checked=bool(spec.value))
        if spec.kind == "int":
            spin = QSpinBox(maximum=INT_MAX)
            spin.setValue(int(spec.value or 0))
            return spin
        return QLineEdit(spec.value or "")

    def _with_error(self, spec: Field, editor: QWidget) -> QWidget:
        """``editor`` above its (hidden) error label; an edit clears the mark."""
        cell, self.errors[spec.name] = with_error_label(editor)
        _changed_signal(editor).connect(lambda *_a, name=spec.name: self.mark(name, ""))
        return cell

    # -- checking ------------------------------------------------------------------------
    def problems(self) -> dict[str, str]:
        """What keeps OK from closing the form: ``{field name: message}``."""
        values = self.values()
        found = {
            spec.name: f"{spec.label} is required."
            for spec in self._fields
            if spec.required and values.get(spec.name) in (None, "")
        }
        if self._validate is not None:
            for name, message in self._validate(values).items():
                found.setdefault(name, message)
        return found

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """Mark the fields named in ``problems`` (clearing the others); focus the first."""
        for name in self.editors:
            self.mark(name, problems.get(name, ""))
        first = next((name for name in self.editors if name in problems), None)
        if first is not None:
            self.editors[first].setFocus()

    def mark(self, name: str, message: str) -> None:
        """Show ``message`` under field ``name`` and mark it invalid ("" clears)."""
        mark(self.editors[name], self.errors[name], message)

    def accept(self) -> None:
        """OK: close only when the form holds nothing the checks refuse."""
        problems = self.problems()
        self.show_problems(problems)
        if problems:
            return
        refused = self._submit(self.values()) if self._submit is not None else None
        self.form_error.setText(refused or "")
        self.form_error.setVisible(bool(refused))
        if refused is None:
            super().accept()

    def set_value(self, name: str, value: Any) -> None:
        """Fill a field (tests and callers that preset values)."""
        editor = self.editors[name]
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value)
        elif isinstance(editor, QComboBox):
            select(editor, value)
        elif isinstance(editor, QDateTimeEdit):
            editor.setDateTime(QDateTime(clock.to_local(value)))
        elif isinstance(editor, OptionalDate):
            editor.set_day(value)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
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
            elif isinstance(editor, OptionalDate):
                out[name] = editor.day()
            elif isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                out[name] = editor.value()
            elif isinstance(editor, QLineEdit):
                out[name] = editor.text().strip()
        return out


def _changed_signal(editor: QWidget) -> Any:
    """The signal an editor emits when the user changes its value."""
    if isinstance(editor, QComboBox):
        return editor.currentIndexChanged
    if isinstance(editor, QDateTimeEdit):
        return editor.dateTimeChanged
    if isinstance(editor, QCheckBox):
        return editor.toggled
    if isinstance(editor, QSpinBox):
        return editor.valueChanged
    if isinstance(editor, OptionalDate):
        return editor.changed
    assert isinstance(editor, QLineEdit | QPlainTextEdit)
    return editor.textChanged


def ask(
    title: str,
    fields: Sequence[Field],
    parent: QWidget | None = None,
    validate: Validator | None = None,
    submit: Submit | None = None,
) -> dict[str, Any] | None:
    """Show a form until it is valid (and ``submit`` took it) or cancelled; its values,
    or None when cancelled."""
    dialog = FormDialog(title, fields, parent, validate, submit)
    return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
