"""Undoable calendar import: Edit → Undo takes the windows of an .ics import back."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING

from app.changes import Change
from app.services.calendar_import_undo import (
    reinstate_calendar_import,
    withdraw_calendar_import,
)
from app.workspace import Workspace
from ui.undo.service_command import ServiceCommand

if TYPE_CHECKING:
    from app.services.calendar_exchange import CalendarImport


class CalendarImportCommand(ServiceCommand):
    """A calendar import (it ran on a worker thread before this command was made): undo
    deletes the windows it created and puts back the ones it changed, redo does the
    import's part again, each expecting the versions the previous step left."""

    def __init__(self, ws: Workspace, file_name: str, result: CalendarImport) -> None:
        super().__init__(f"Import calendar windows from '{file_name}'")
        self.ws, self.result = ws, result
        self._changes: tuple[Change, ...] = result.changes  # what the last step left
        self._imported = False

    def _expected(self, force: bool) -> Mapping[uuid.UUID, int] | None:
        if force:
            return None
        return {
            i: self.ledger.expect(i, v) or v
            for change in self._changes
            for i, v in zip(change.ids, change.versions, strict=True)
        }

    def forward(self, force: bool = False) -> tuple[Change, ...]:
        if not self._imported:  # the import itself: already written
            self._imported = True
            return self._changes
        self._changes = reinstate_calendar_import(
            self.ws, self.result.created_ids, self.result.edits, self._expected(force)
        )
        return self._changes

    def backward(self, force: bool = False) -> tuple[Change, ...]:
        self._changes = withdraw_calendar_import(
            self.ws, self.result.created_ids, self.result.edits, self._expected(force)
        )
        return self._changes
