"""Undoable edits of the rows a release editor shows (scope, stakeholders, sign-offs,
dependencies, handover, communications), built from their service functions."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.changes import Change
from app.errors import NotFoundError
from app.workspace import Workspace
from ui.undo.service_command import (
    CreateCommand,
    RowCall,
    UpdateCommand,
    VersionedCall,
    VersionedCommand,
)


@dataclass(frozen=True)
class RowService:
    """The service functions behind one kind of release row.

    ``create(ws, release_id, **values)`` takes the form's values by field name;
    ``delete``/``restore(ws, row_id, expected_version)`` refuse a stale version;
    ``update(ws, row_id, expected_version, **values)`` is None for rows that cannot be
    edited (they are removed and added again instead).
    """

    rows: Callable[[Workspace, uuid.UUID], Sequence[Any]]
    create: Callable[..., Change]
    delete: Callable[..., Change]
    restore: Callable[..., Change]
    update: Callable[..., Change] | None = None


def add(
    text: str, create: Callable[[], Change], delete: RowCall, restore: RowCall
) -> CreateCommand:
    """Create a row; undo soft-deletes it, redo restores it (each version-checked)."""
    return CreateCommand(text, create, delete, restore)


def remove(text: str, row: Any, delete: RowCall, restore: RowCall) -> VersionedCommand:
    """Soft-delete ``row`` as read (at ``row.version``); undo restores it."""
    return VersionedCommand(
        text,
        row.id,
        row.version,
        lambda expected: delete(row.id, expected),
        lambda expected: restore(row.id, expected),
    )


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


def step(text: str, row: Any, forward: VersionedCall, backward: VersionedCall) -> VersionedCommand:
    """Any other pair of service calls on ``row`` (accept / reopen, …), each called with
    the version it must expect: first the one the user saw (``row.version``)."""
    return VersionedCommand(text, row.id, row.version, forward, backward)


# -- the same three edits over a RowService ----------------------------------------------
def add_row(
    text: str, service: RowService, ws: Workspace, release_id: uuid.UUID, values: dict[str, Any]
) -> CreateCommand:
    """Create a row of ``release_id`` from ``values``; undo/redo as :func:`add`."""
    values = dict(values)  # the dialog's dict may be reused; the command keeps its own
    return add(
        text,
        lambda: service.create(ws, release_id, **values),
        lambda i, expected: service.delete(ws, i, expected),
        lambda i, expected: service.restore(ws, i, expected),
    )


def edit_row(
    text: str, service: RowService, ws: Workspace, row: Any, changed: dict[str, Any]
) -> UpdateCommand:
    """Change ``changed`` fields of ``row`` (which has ``release_id``); as :func:`edit`."""
    update = service.update
    assert update is not None, "this kind of row cannot be edited"
    return edit(
        text,
        row,
        lambda i, exp, **v: update(ws, i, exp, **v),
        lambda: service.rows(ws, row.release_id),
        **changed,
    )


def remove_row(text: str, service: RowService, ws: Workspace, row: Any) -> VersionedCommand:
    """Soft-delete ``row`` as read; undo restores it."""
    return remove(
        text,
        row,
        lambda i, expected: service.delete(ws, i, expected),
        lambda i, expected: service.restore(ws, i, expected),
    )
