"""Undoable plan edits: one command per kind of task or link edit, run by the CommandRunner.

Each factory returns a :class:`~ui.undo.service_command.ServiceCommand` to hand to
:meth:`CommandRunner.run <ui.undo.command_runner.CommandRunner.run>`; the first run
applies it (a refused or stale edit never reaches the stack), undo and redo call the
services of :mod:`app.services.task_service` and its siblings, each expecting the
version the previous step left (a colleague's save in between goes to the conflict
dialog). Every step returns all the changes the service reports (renumbered siblings
and WBS codes included), so views refresh and the stack's version ledger stays right.

- :func:`create_task`: undo deletes the new task, redo restores the same row;
- :func:`edit_task`: undo writes the old values back (with what they implied, e.g.
  the constraint date an ASAP constraint cleared);
- :func:`move_task`, :func:`indent_task`, :func:`outdent_task`: undo moves the task
  back to its old summary and index;
- :func:`delete_task`: undo restores the task with its sub-tasks and links (cascade);
- :func:`set_predecessors`: undo puts the old predecessor links back (by task, not row
  number, so it holds after the outline changed);
- :func:`add_link`, :func:`edit_link`, :func:`remove_link`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from app.services import task_links as links
from app.services import task_outline as outline
from app.services import task_rows as rows
from app.services import task_service as tasks
from app.services.task_changes import Changes
from app.services.task_rows import LinkRow, TaskRow
from app.services.task_values import implied_values
from app.workspace import Workspace
from ui.undo.service_command import (
    CreateCommand,
    ServiceCommand,
    UpdateCommand,
    VersionedCommand,
    version_after,
)


class _CreateCommand(CreateCommand):
    """:class:`CreateCommand` over a service that returns :data:`Changes` (the new
    row's change first): undo soft-deletes the row, redo restores the same row."""

    def forward(self, force: bool = False) -> Changes:
        if self.created_id is None:
            changes: Changes = self._create()  # type: ignore[assignment]
            self.created_id, self.version = changes[0].id, changes[0].version
            return changes
        return self._step(self._restore, force)


def create_task(
    ws: Workspace,
    release_id: uuid.UUID,
    name: str,
    *,
    parent_id: uuid.UUID | None = None,
    index: int | None = None,
    **values: Any,
) -> ServiceCommand:
    """A new task (see :func:`app.services.task_service.create_task`); after the run
    the command's ``created_id`` is its id."""
    values = dict(values)
    return _CreateCommand(
        f"Add task '{name.strip()}'",
        lambda: tasks.create_task(ws, release_id, name, parent_id=parent_id, index=index, **values),
        lambda i, expected: tasks.delete_task(ws, i, expected),
        lambda i, expected: tasks.restore_task(ws, i, expected),
    )


def edit_task(ws: Workspace, row: TaskRow, **values: Any) -> UpdateCommand:
    """Change fields of the task ``row`` (read at ``row.version``); undo writes back the
    old value of every field the edit changed."""
    new = implied_values(values)
    old = {k: getattr(row, k) for k in new}
    label = ", ".join(k.replace("_", " ") for k in values)
    return UpdateCommand(
        f"Edit {label} of '{row.name}'",
        lambda expected, vals: tasks.update_task(ws, row.id, expected, **vals),
        lambda: rows.task_version(ws, row.id),
        new,
        old,
        row.version,
    )


def _moving(
    ws: Workspace, text: str, row: TaskRow, forward: Callable[[int | None], Changes]
) -> VersionedCommand:
    """A move of ``row`` whose undo moves it back where the row says it stood."""
    parent, index = row.parent_id, row.index
    return VersionedCommand(
        text,
        row.id,
        row.version,
        forward,
        lambda expected: outline.move_task(ws, row.id, expected, parent_id=parent, index=index),
    )


def move_task(
    ws: Workspace, row: TaskRow, parent_id: uuid.UUID | None, index: int | None
) -> VersionedCommand:
    """Move ``row`` under ``parent_id`` (None: top level) at ``index``; undo moves it back."""
    return _moving(
        ws,
        f"Move '{row.name}'",
        row,
        lambda expected: outline.move_task(ws, row.id, expected, parent_id=parent_id, index=index),
    )


def _shift(
    ws: Workspace, verb: str, row: TaskRow, step: Callable[..., Changes]
) -> VersionedCommand:
    return _moving(ws, f"{verb} '{row.name}'", row, lambda expected: step(ws, row.id, expected))


def indent_task(ws: Workspace, row: TaskRow) -> VersionedCommand:
    """Make ``row`` a sub-task of the task above it; undo moves it back."""
    return _shift(ws, "Indent", row, outline.indent_task)


def outdent_task(ws: Workspace, row: TaskRow) -> VersionedCommand:
    """Move ``row`` one level up; undo moves it back."""
    return _shift(ws, "Outdent", row, outline.outdent_task)


def delete_task(ws: Workspace, row: TaskRow) -> VersionedCommand:
    """Delete ``row`` with its sub-tasks and links; undo restores them all."""
    return VersionedCommand(
        f"Delete task '{row.name}'",
        row.id,
        row.version,
        lambda expected: tasks.delete_task(ws, row.id, expected),
        lambda expected: tasks.restore_task(ws, row.id, expected),
    )


class PredecessorsCommand(ServiceCommand):
    """Set a task's predecessors from text; undo puts the old links back, redo the new
    ones (both by task id, read when the step before ran)."""

    def __init__(self, ws: Workspace, row: TaskRow, text: str) -> None:
        super().__init__(f"Set predecessors of '{row.name}' to '{text.strip()}'")
        self.ws, self.task_id, self.text = ws, row.id, text
        self.version: int | None = row.version
        self._old: tuple[links.Predecessor, ...] | None = None
        self._new: tuple[links.Predecessor, ...] | None = None

    def _expected(self, force: bool) -> int | None:
        return None if force else self.ledger.expect(self.task_id, self.version)

    def _done(self, changes: Changes) -> Changes:
        self.version = version_after(changes, self.task_id, self.version)
        return changes

    def forward(self, force: bool = False) -> Changes:
        if self._new is None:
            old = links.predecessors_of(self.ws, self.task_id)
            changes = links.set_predecessors_text(
                self.ws, self.task_id, self._expected(force), self.text
            )
            self._old, self._new = old, links.predecessors_of(self.ws, self.task_id)
            return self._done(changes)
        return self._done(
            links.set_predecessors(self.ws, self.task_id, self._expected(force), self._new)
        )

    def backward(self, force: bool = False) -> Changes:
        assert self._old is not None
        return self._done(
            links.set_predecessors(self.ws, self.task_id, self._expected(force), self._old)
        )


def set_predecessors(ws: Workspace, row: TaskRow, text: str) -> PredecessorsCommand:
    """Replace ``row``'s predecessors (same release) with those ``text`` names
    (``3FS+2d, 5SS-50%``); undo restores the old ones."""
    return PredecessorsCommand(ws, row, text)


def add_link(
    ws: Workspace,
    predecessor_id: uuid.UUID,
    successor_id: uuid.UUID,
    link_type: str = "FS",
    lag: float = 0.0,
    lag_unit: str = "working",
) -> ServiceCommand:
    """Link two tasks; undo removes the link, redo restores the same row."""
    return _CreateCommand(
        "Link tasks",
        lambda: links.add_link(ws, predecessor_id, successor_id, link_type, lag, lag_unit),
        lambda i, expected: links.remove_link(ws, i, expected),
        lambda i, expected: links.restore_link(ws, i, expected),
    )


def edit_link(ws: Workspace, row: LinkRow, **values: Any) -> UpdateCommand:
    """Change a link's ``link_type``, ``lag`` or ``lag_unit``; undo writes the old ones."""
    return UpdateCommand(
        "Edit link",
        lambda expected, vals: links.update_link(ws, row.id, expected, **vals),
        lambda: rows.get_link(ws, row.id).version,
        dict(values),
        {k: getattr(row, k) for k in values},
        row.version,
    )


def remove_link(ws: Workspace, row: LinkRow) -> VersionedCommand:
    """Remove a link; undo restores it."""
    return VersionedCommand(
        "Remove link",
        row.id,
        row.version,
        lambda expected: links.remove_link(ws, row.id, expected),
        lambda expected: links.restore_link(ws, row.id, expected),
    )
