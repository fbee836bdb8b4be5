"""Undoable release edits: create, change fields, transition, duplicate, delete."""

from __future__ import annotations

from typing import Any

from app.changes import Change
from app.enums import ReleaseStatus
from app.services import release_service as releases
from app.services.release_lifecycle import LABELS
from app.workspace import Workspace
from ui.undo.service_command import (
    CreateCommand,
    UpdateCommand,
    VersionedCommand,
)


def create_release(ws: Workspace, name: str, **values: Any) -> CreateCommand:
    """New Draft release; undo deletes it, redo restores the same row."""
    return CreateCommand(
        f"Create release '{name}'",
        lambda: releases.create_release(ws, name=name, **values),
        lambda rid, expected: releases.delete_release(ws, rid, expected),
        lambda rid, expected: releases.restore_release(ws, rid, expected),
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


def transition(ws: Workspace, row: releases.ReleaseRow, target: ReleaseStatus) -> VersionedCommand:
    """Move a release to another lifecycle state; undo moves it back. Each step expects
    the version the previous one left, so a colleague's edit in between is a conflict."""
    source = row.status
    return VersionedCommand(
        f"Move '{row.title}' to {LABELS[target]}",
        row.id,
        row.version,
        lambda expected: releases.transition_release(ws, row.id, target, expected),
        lambda expected: releases.transition_release(ws, row.id, source, expected),
    )


def delete_release(ws: Workspace, row: releases.ReleaseRow) -> VersionedCommand:
    """Soft-delete the release as read; undo restores it."""
    return VersionedCommand(
        f"Delete '{row.title}'",
        row.id,
        row.version,
        lambda expected: releases.delete_release(ws, row.id, expected),
        lambda expected: releases.restore_release(ws, row.id, expected),
    )


def duplicate_release(ws: Workspace, row: releases.ReleaseRow) -> CreateCommand:
    """A new Draft copy of ``row`` (board service); undo deletes the copy."""

    def create() -> Change:
        from app.services import board_service

        return board_service.duplicate_release(ws, row.id)

    return CreateCommand(
        f"Duplicate '{row.title}'",
        create,
        lambda rid, expected: releases.delete_release(ws, rid, expected),
        lambda rid, expected: releases.restore_release(ws, rid, expected),
    )
