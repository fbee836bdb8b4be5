"""The change summary of a task or link edit: the row it is about, then what else it wrote.

Plan edits write more than one row: moving a task renumbers its siblings and the WBS
codes after it, setting predecessors writes links and the task. Every task and link
service returns :data:`Changes` so that views refresh every row and the undo stack
knows every version the edit left.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.changes import Change, ChangeAction
from models import Task, TaskLink
from models.base import Entity

Changes = tuple[Change, ...]
"""What every task and link service write returns: the change of the row the call is
about first, then one change per kind of row and action for the other rows it wrote
(renumbered siblings and WBS codes, the task whose predecessors changed, the sub-tasks
and links a delete or restore took along)."""


class Written:
    """The rows a session wrote while tracked: each with what happened to it."""

    def __init__(self) -> None:
        self.rows: dict[Entity, ChangeAction] = {}

    def collect(self, session: Session, _ctx: Any, _instances: Any) -> None:
        """``before_flush``: note each modified task or link and how it changed."""
        for obj in session.dirty:
            if isinstance(obj, Task | TaskLink) and session.is_modified(obj):
                action = _action(obj)
                if self.rows.get(obj, ChangeAction.UPDATED) is ChangeAction.UPDATED:
                    self.rows[obj] = action


def _action(obj: Entity) -> ChangeAction:
    """DELETED or RESTORED when this write sets or clears ``deleted_at``, else UPDATED."""
    history = inspect(obj).attrs.deleted_at.history
    if not history.added:
        return ChangeAction.UPDATED
    if history.added[0] is not None:
        return ChangeAction.DELETED
    was_deleted = bool(history.deleted) and history.deleted[0] is not None
    return ChangeAction.RESTORED if was_deleted else ChangeAction.UPDATED


@contextmanager
def tracked(s: Session) -> Iterator[Written]:
    """Collect the tasks and links ``s`` writes while the block runs (flushes included)."""
    written = Written()
    event.listen(s, "before_flush", written.collect)
    try:
        yield written
    finally:
        event.remove(s, "before_flush", written.collect)


def summary(s: Session, first: Change, written: Written) -> Changes:
    """``first``, then one change per kind of row and action for every other row
    written (tasks renumbered, sub-tasks and links deleted or restored with a task),
    each with the version it was left at."""
    s.flush()
    groups: dict[tuple[str, ChangeAction], list[Entity]] = {}
    for obj, action in written.rows.items():
        if obj.id not in first.ids:
            groups.setdefault((obj.__tablename__, action), []).append(obj)
    others = []
    for (table, action), rows in sorted(groups.items()):
        rows.sort(key=lambda o: str(o.id))
        others.append(
            Change(table, action, tuple(o.id for o in rows), tuple(o.version for o in rows))
        )
    return (first, *others)
