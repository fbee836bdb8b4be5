"""Builders for the task-editing tests: a release planned by hand through the services."""

from __future__ import annotations

import uuid

from app.services import task_rows, task_service
from app.workspace import Workspace


def add_tasks(
    ws: Workspace, release_id: uuid.UUID, *names: str, **values: object
) -> list[uuid.UUID]:
    """Top-level tasks ``names`` appended to the release, in order; their ids."""
    return [task_service.create_task(ws, release_id, n, **values)[0].id for n in names]


def outline(ws: Workspace, release_id: uuid.UUID) -> list[tuple[str, str, int]]:
    """``(wbs, name, depth)`` of each task in table order."""
    return [(r.wbs, r.name, r.depth) for r in task_rows.list_tasks(ws, release_id)]


def row(ws: Workspace, task_id: uuid.UUID) -> task_rows.TaskRow:
    """The table row of one task."""
    return task_rows.get_task(ws, task_id)
