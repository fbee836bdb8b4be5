"""Undoable build-notes import: undo takes the imported build and its notes back."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from app.changes import Change
from app.services.build_notes import delete_build, restore_build
from app.workspace import Workspace
from ui.undo.written_command import WrittenCommand


class BuildNotesImportCommand(WrittenCommand):
    """A build a worker thread already recorded with its notes: undo soft-deletes the
    build (its notes go with it), redo restores the same build and notes."""

    def __init__(self, ws: Workspace, what: str, change: Change) -> None:
        super().__init__(f"Import build notes {what}", (change,))
        self.ws, self.build_id = ws, change.id

    def back(self, expected: Mapping[uuid.UUID, int] | None) -> tuple[Change, ...]:
        return (delete_build(self.ws, self.build_id, (expected or {}).get(self.build_id)),)

    def again(self, expected: Mapping[uuid.UUID, int] | None) -> tuple[Change, ...]:
        return (restore_build(self.ws, self.build_id, (expected or {}).get(self.build_id)),)
