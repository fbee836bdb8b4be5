"""One task's stored fields and version, read alone: what a field edit needs.

:func:`app.services.task_rows.get_task` numbers the task within its whole release (its
row, outline index and predecessor text), which reads every task of the release. An
edit of a task's own fields (name, duration, constraint, progress) needs only the task:
this reads one row, leaving the outline fields at their defaults. Moves, which undo to
the outline index, still read the task with ``get_task``.
"""

from __future__ import annotations

import dataclasses
import uuid

from app.services import _rows
from app.services.task_rows import TaskRow
from app.workspace import Workspace
from models import Task

_OUTLINE = frozenset({"row", "depth", "index", "is_summary", "predecessors"})
_FIELDS = tuple(f.name for f in dataclasses.fields(TaskRow) if f.name not in _OUTLINE)


def task_snapshot(ws: Workspace, task_id: uuid.UUID) -> TaskRow:
    """The live task ``task_id`` (:class:`NotFoundError` when it is gone), without its
    place in the outline."""
    with ws.reading() as s:
        task = _rows.load_live(s, Task, task_id)
        return TaskRow(**{name: getattr(task, name) for name in _FIELDS})
