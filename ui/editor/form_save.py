"""Saving a form's values while the form is still open.

A refusal the service gives (a duplicate, a value too long, a date in the future) is
said inside the open form, so nothing typed is lost; other errors (a lost connection,
a deleted row) get the usual message while the form stays open to retry or cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.errors import ReleaseDeskError, ValidationError

OnError = Callable[[ReleaseDeskError], None]
# Saves a form's values (reporting a refusal to the callback); whether it was applied.
Apply = Callable[[dict[str, Any], OnError | None], bool]


class FormSave:
    """The ``submit`` of a :class:`~ui.dialogs.form_dialog.FormDialog` over ``apply``.

    ``report`` shows errors that are not the form's to explain; ``applied`` tells the
    caller afterwards whether the edit was made.
    """

    def __init__(self, apply: Apply, report: OnError) -> None:
        self._apply = apply
        self._report = report
        self.applied = False

    def __call__(self, values: dict[str, Any]) -> str | None:
        refusals: list[str] = []

        def refused(error: ReleaseDeskError) -> None:
            if isinstance(error, ValidationError):
                refusals.append(str(error))
            else:
                self._report(error)
                refusals.append("")  # keep the form open, nothing to say in it

        self.applied = self._apply(values, refused)
        return refusals[0] if refusals else None
