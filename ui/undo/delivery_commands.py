"""Undoable delivery edits: environments (add, edit, move, remove), a release's
promotion path, and scheduling a deployment (undo takes the scheduled one back)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from app.changes import Change
from app.services import environment_edits as edits
from app.services import promotion
from app.services.deployment_schedule import (
    delete_scheduled,
    restore_scheduled,
    schedule_deployment,
)
from app.services.promotion import EnvironmentRow, PathRow
from app.workspace import Workspace
from ui.undo.editor_commands import add, edit, remove, step
from ui.undo.service_command import CreateCommand, ServiceCommand, UpdateCommand, VersionedCommand


def add_environment(ws: Workspace, name: str, stage: str) -> CreateCommand:
    """A new environment, last in the stage order; undo removes it."""
    return add(
        f"Add environment {name}",
        lambda: promotion.add_environment(ws, name, stage),
        lambda i, v: edits.delete_environment(ws, i, v),
        lambda i, v: edits.restore_environment(ws, i, v),
    )


def edit_environment(ws: Workspace, row: EnvironmentRow, **values: object) -> UpdateCommand:
    """Rename an environment or change its stage; undo writes the old values back."""
    return edit(
        f"Edit environment {row.name}",
        row,
        lambda i, expected, **v: edits.update_environment(ws, i, expected, **v),
        lambda: promotion.list_environments(ws),
        **values,
    )


def move_environment(ws: Workspace, row: EnvironmentRow, old: int, new: int) -> VersionedCommand:
    """Put ``row`` at position ``new`` of the stage order; undo puts it back at ``old``."""
    return step(
        f"Move environment {row.name} {'up' if new < old else 'down'}",
        row,
        lambda v: edits.place_environment(ws, row.id, v, new),
        lambda v: edits.place_environment(ws, row.id, v, old),
    )


def remove_environment(ws: Workspace, row: EnvironmentRow) -> VersionedCommand:
    """Remove an environment (refused while it has deployments); undo brings it back."""
    return remove(
        f"Remove environment {row.name}",
        row,
        lambda i, v: edits.delete_environment(ws, i, v),
        lambda i, v: edits.restore_environment(ws, i, v),
    )


class PathCommand(ServiceCommand):
    """Set a release's promotion path; undo sets the one it replaced.

    Each step expects the path the previous one left (first: the path the user saw),
    so a colleague's change of the path in between is a conflict, not overwritten.
    """

    def __init__(self, ws: Workspace, seen: PathRow, chosen: Sequence[uuid.UUID] | None) -> None:
        super().__init__("Set the promotion path")
        self.ws, self.release_id = ws, seen.release_id
        self._old = seen.ids if seen.custom else None
        self._new = tuple(chosen) if chosen is not None else None
        self._expected: tuple[uuid.UUID, ...] = seen.ids

    def _set(self, ids: Sequence[uuid.UUID] | None, force: bool) -> Change:
        expected = None if force else self._expected
        change = promotion.set_promotion_path(self.ws, self.release_id, ids, expected)
        self._expected = promotion.release_path(self.ws, self.release_id).ids
        return change

    def forward(self, force: bool = False) -> Change:
        return self._set(self._new, force)

    def backward(self, force: bool = False) -> Change:
        return self._set(self._old, force)


def schedule(
    ws: Workspace,
    release_id: uuid.UUID,
    env: EnvironmentRow,
    start: dt.datetime,
    end: dt.datetime,
    backout_plan: str,
    note: str,
) -> CreateCommand:
    """Schedule a deployment to ``env``; undo takes the scheduled deployment back."""
    return add(
        f"Schedule a deployment to {env.name}",
        lambda: schedule_deployment(ws, release_id, env.id, start, end, backout_plan, note),
        lambda i, v: delete_scheduled(ws, i, v),
        lambda i, v: restore_scheduled(ws, i, v),
    )
