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
from ui.undo.written_command import WrittenCommand

if TYPE_CHECKING:
    from app.services.calendar_exchange import CalendarImport


class CalendarImportCommand(WrittenCommand):
    """A calendar import (it ran on a worker thread before this command was made): undo
    deletes the windows it created and puts back the ones it changed, redo does the
    import's part again, each expecting the versions the previous step left."""

    def __init__(self, ws: Workspace, file_name: str, result: CalendarImport) -> None:
        super().__init__(f"Import calendar windows from '{file_name}'", result.changes)
        self.ws, self.result = ws, result

    def again(self, expected: Mapping[uuid.UUID, int] | None) -> tuple[Change, ...]:
        return reinstate_calendar_import(
            self.ws, self.result.created_ids, self.result.edits, expected
        )

    def back(self, expected: Mapping[uuid.UUID, int] | None) -> tuple[Change, ...]:
        return withdraw_calendar_import(
            self.ws, self.result.created_ids, self.result.edits, expected
        )
