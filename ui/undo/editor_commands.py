"""Undoable edits of the rows a release editor shows (scope, stakeholders, sign-offs,
dependencies, handover, communications), built from their service functions."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from app.errors import NotFoundError
from app.services.changes import Change
from ui.undo.service_command import CallCommand, Changes, CreateCommand, UpdateCommand


def add(
    text: str,
    create: Callable[[], Change],
    delete: Callable[[uuid.UUID], Changes],
    restore: Callable[[uuid.UUID], Changes],
) -> CreateCommand:
    """Create a row; undo soft-deletes it, redo restores it."""
    return CreateCommand(text, create, delete, restore)


def remove(
    text: str,
    row_id: uuid.UUID,
    delete: Callable[[uuid.UUID], Changes],
    restore: Callable[[uuid.UUID], Changes],
) -> CallCommand:
    """Soft-delete a row; undo restores it."""
    return CallCommand(text, lambda _force: delete(row_id), lambda: restore(row_id))


def version_reader(rows: Callable[[], Sequence[Any]], row_id: uuid.UUID) -> Callable[[], int]:
    """Reads the current version of one row from its release's list."""

    def read() -> int:
        for row in rows():
            if row.id == row_id:
                return int(row.version)
        raise NotFoundError("That item no longer exists (it may have been deleted).")

    return read


def edit(
    text: str,
    row: Any,
    update: Callable[..., Change],
    rows: Callable[[], Sequence[Any]],
    **values: Any,
) -> UpdateCommand:
    """Change fields of ``row`` read at ``row.version``; only fields that differ."""
    old = {k: getattr(row, k) for k in values}
    return UpdateCommand(
        text,
        lambda expected, vals: update(row.id, expected, **vals),
        version_reader(rows, row.id),
        dict(values),
        old,
        row.version,
    )


def step(text: str, forward: Callable[[], Changes], backward: Callable[[], Changes]) -> CallCommand:
    """Any other pair of service calls (accept / reopen, …)."""
    return CallCommand(text, lambda _force: forward(), backward)
