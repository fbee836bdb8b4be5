"""The form of the calendar's editors: a :class:`FormDialog` that also knows the
repeat field (a :class:`RecurrencePicker`) and marks a refusal of the service at the
field it names (end before start, an environment deleted meanwhile), keeping the form
open with everything typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from app.errors import ReleaseDeskError
from app.services.calendar_checks import FieldError
from ui.calendar.recurrence_picker import RecurrencePicker
from ui.dialogs.form_dialog import Field, FormDialog
from ui.field_marks import with_error_label

# Saves the form's values: raises what the service refuses.
Save = Callable[[dict[str, Any]], None]


class CalendarForm(FormDialog):
    """Fields of kind ``"rrule"`` are repeat pickers; ``save`` is the command's run."""

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        save: Save,
        parent: QWidget | None = None,
        validate: Callable[[dict[str, Any]], Mapping[str, str]] | None = None,
    ) -> None:
        self._save = save
        super().__init__(title, fields, parent, validate, self._submit_values)
        self.resize(480, 0)

    def _editor(self, spec: Field) -> QWidget:
        if spec.kind == "rrule":
            picker = RecurrencePicker()
            picker.set_rule(spec.value or "")
            return picker
        return super()._editor(spec)

    def _with_error(self, spec: Field, editor: QWidget) -> QWidget:
        if not isinstance(editor, RecurrencePicker):
            return super()._with_error(spec, editor)
        cell, self.errors[spec.name] = with_error_label(editor)
        editor.changed.connect(lambda name=spec.name: self.mark(name, ""))
        return cell

    def values(self) -> dict[str, Any]:
        out = super().values()
        for name, editor in self.editors.items():
            if isinstance(editor, RecurrencePicker):
                out[name] = editor.rule()
        return out

    def set_value(self, name: str, value: Any) -> None:
        editor = self.editors[name]
        if isinstance(editor, RecurrencePicker):
            editor.set_rule(value)
            return
        super().set_value(name, value)

    def _submit_values(self, values: dict[str, Any]) -> str | None:
        """Save; a refusal naming a field is shown there, any other above the fields."""
        try:
            self._save(values)
        except FieldError as exc:
            if exc.field in self.editors:
                self.show_problems({exc.field: str(exc)})
                return ""
            return str(exc)
        except ReleaseDeskError as exc:
            return str(exc)
        return None


def window_problems(values: dict[str, Any], start: str, end: str) -> dict[str, str]:
    """The form's own check of a window: it must end after it starts."""
    if values.get(start) and values.get(end) and values[end] <= values[start]:
        return {end: "The window must end after it starts."}
    return {}
