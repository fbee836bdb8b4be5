"""Undoable release edits: create, change fields, transition, duplicate, delete."""

from __future__ import annotations

from typing import Any

from app.changes import Change
from app.enums import ReleaseStatus
from app.services import release_service as releases
from app.services.release_lifecycle import LABELS
from app.workspace import Workspace
from ui.undo.service_command import CallCommand, CreateCommand, ServiceCommand, UpdateCommand


def create_release(ws: Workspace, name: str, **values: Any) -> CreateCommand:
    """New Draft release; undo deletes it, redo restores the same row."""
    return CreateCommand(
        f"Create release '{name}'",
        lambda: releases.create_release(ws, name=name, **values),
        lambda rid: releases.delete_release(ws, rid),
        lambda rid: releases.restore_release(ws, rid),
    )


def update_release(ws: Workspace, row: releases.ReleaseRow, **values: Any) -> UpdateCommand:
    """Change fields of ``row`` (read at ``row.version``); undo restores the old values."""
    old = {k: getattr(row, k) for k in values}
    label = ", ".join(k.replace("_", " ") for k in values)
    return UpdateCommand(
        f"Edit {label} of '{row.title}'",
        lambda expected, vals: releases.update_release(ws, row.id, expected, **vals),
        lambda: releases.get_release(ws, row.id).version,
        dict(values),
        old,
        row.version,
    )


class TransitionCommand(ServiceCommand):
    """Move a release to another lifecycle state; undo moves it back."""

    def __init__(self, ws: Workspace, row: releases.ReleaseRow, target: ReleaseStatus) -> None:
        super().__init__(f"Move '{row.title}' to {LABELS[target]}")
        self.ws, self.release_id = ws, row.id
        self.source, self.target = row.status, target
        self._version: int | None = row.version

    def forward(self, force: bool = False) -> Change:
        expected = None if force else self._version
        self._version = None  # later redos follow whatever version undo left behind
        return releases.transition_release(self.ws, self.release_id, self.target, expected)

    def backward(self) -> Change:
        return releases.transition_release(self.ws, self.release_id, self.source)


def delete_release(ws: Workspace, row: releases.ReleaseRow) -> CallCommand:
    """Soft-delete; undo restores."""
    return CallCommand(
        f"Delete '{row.title}'",
        lambda _force: releases.delete_release(ws, row.id),
        lambda: releases.restore_release(ws, row.id),
    )


def duplicate_release(ws: Workspace, row: releases.ReleaseRow) -> CreateCommand:
    """A new Draft copy of ``row`` (board service); undo deletes the copy."""

    def create() -> Change:
        from app.services import board_service

        return board_service.duplicate_release(ws, row.id)

    return CreateCommand(
        f"Duplicate '{row.title}'",
        create,
        lambda rid: releases.delete_release(ws, rid),
        lambda rid: releases.restore_release(ws, rid),
    )
