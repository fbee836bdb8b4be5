"""A release's outline: moving tasks, indenting them into summaries, and their WBS codes.

A task's place is its ``parent_id`` (the summary it belongs to, None at the top) and
its ``position`` among its siblings. Every change of the outline (a move, a new or
deleted task) renumbers the siblings it written 0, 1, 2, … and recomputes the release's
WBS codes as outline numbers (``1``, ``1.1``, ``1.2``, ``2``); only rows whose
position or code changes are written, and the change summary lists them.

- :func:`move_task` puts a task (with its sub-tasks) under a summary at an index;
- :func:`indent_task` makes it the last sub-task of the sibling above it;
- :func:`outdent_task` puts it right after its summary, one level up.

Each is one audited transaction expecting the moved task's version; a move that would
close a circle (a task linked to a summary it moves into) is refused naming the tasks.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import ChangeAction
from app.errors import ValidationError
from app.services import _rows
from app.services.task_changes import Changes, summary, tracked
from app.services.task_cycles import refuse_circles_through
from app.services.task_rows import outline, release_tasks
from app.workspace import Workspace
from models import Task


class Outline:
    """A release's live tasks, read once, rearranged in memory.

    Reading everything first and writing afterwards makes one flush write each row once
    (one version step per edit, however many of its fields the edit moves).
    """

    def __init__(self, s: Session, release_id: uuid.UUID) -> None:
        self.release_id = release_id
        self.tasks: list[Task] = [t for t, _depth in release_tasks(s, release_id)]

    def siblings(self, parent_id: uuid.UUID | None) -> list[Task]:
        """The tasks under ``parent_id`` (None: the top level) in sibling order."""
        return sorted((t for t in self.tasks if t.parent_id == parent_id), key=_sibling_key)

    def index_of(self, task: Task) -> int:
        """``task``'s place among its siblings (0-based)."""
        return [t.id for t in self.siblings(task.parent_id)].index(task.id)

    def place(self, task: Task, parent_id: uuid.UUID | None, index: int | None) -> None:
        """Put ``task`` under ``parent_id`` at ``index`` of its siblings (None or past
        the end: last) and renumber them and the siblings it left."""
        old_parent = task.parent_id if task in self.tasks else parent_id
        others = [t for t in self.siblings(parent_id) if t.id != task.id]
        at = len(others) if index is None else max(0, min(int(index), len(others)))
        others.insert(at, task)
        task.parent_id = parent_id
        if task not in self.tasks:
            self.tasks.append(task)
        _number(others)
        if old_parent != parent_id:
            self.renumber(old_parent)

    def renumber(self, parent_id: uuid.UUID | None) -> None:
        """Number the tasks under ``parent_id`` 0, 1, 2, … in their order."""
        _number(self.siblings(parent_id))

    def remove(self, task: Task) -> None:
        """Take a deleted task and its sub-tasks out, keeping its index as its position
        (where a restore puts it back)."""
        task.position = self.index_of(task)
        gone = {task.id}
        for t, _depth in outline(self.tasks):  # parents come before their children
            if t.parent_id in gone:
                gone.add(t.id)
        self.tasks = [t for t in self.tasks if t.id not in gone]
        self.renumber(task.parent_id)

    def number_wbs(self) -> None:
        """Give every task its outline number as its WBS code (``1``, ``1.1``, ``2``)."""
        counters: dict[uuid.UUID | None, int] = defaultdict(int)
        codes: dict[uuid.UUID, str] = {}
        for t, _depth in outline(sorted(self.tasks, key=_sibling_key)):
            parent = t.parent_id if t.parent_id in codes else None
            counters[parent] += 1
            code = f"{codes[parent]}.{counters[parent]}" if parent else str(counters[parent])
            codes[t.id] = code
            if t.wbs != code:
                t.wbs = code


def _sibling_key(task: Task) -> tuple[int, dt.datetime, str]:
    """:data:`~app.services.task_rows.SIBLING_ORDER` in memory (a new task: last)."""
    return task.position, task.created_at or dt.datetime.max, str(task.id)


def _number(tasks: list[Task]) -> None:
    for position, each in enumerate(tasks):
        if each.position != position:
            each.position = position


def _descends(s: Session, task_id: uuid.UUID, ancestor: uuid.UUID | None) -> bool:
    """Whether ``task_id`` is ``ancestor`` or lies under it."""
    seen: set[uuid.UUID] = set()
    current: uuid.UUID | None = task_id
    while current is not None and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        current = s.scalar(sa.select(Task.parent_id).where(Task.id == current))
    return False


def _summary(s: Session, task: Task, parent_id: uuid.UUID | None) -> uuid.UUID | None:
    """``parent_id`` checked as a summary ``task`` may move under (None: top level)."""
    if parent_id is None:
        return None
    parent = _rows.require_ref(s, Task, parent_id, "summary task")
    if parent.release_id != task.release_id:
        raise ValidationError("A task can only move under a summary task of its own release.")
    if _descends(s, parent.id, task.id):
        raise ValidationError(
            f"'{task.name}' cannot move under '{parent.name}': that task is part of it."
        )
    return parent.id


def _moved(
    s: Session,
    plan: Outline,
    task: Task,
    expected_version: int | None,
    parent_id: uuid.UUID | None,
    index: int | None,
) -> Changes:
    _rows.check_version(task, expected_version, {"parent_id": parent_id})
    with tracked(s) as written:
        plan.place(task, parent_id, index)
        plan.number_wbs()
        refuse_circles_through(s, [task.id])
        return summary(s, _rows.changed(s, task, ChangeAction.UPDATED), written)


def move_task(
    ws: Workspace,
    task_id: uuid.UUID,
    expected_version: int | None,
    *,
    parent_id: uuid.UUID | None,
    index: int | None = None,
) -> Changes:
    """Move a task (with its sub-tasks) under the summary ``parent_id`` (None: the top
    level) to ``index`` among its new siblings (None: last; clamped).

    Refused: a summary of another release, the task itself or one of its sub-tasks, and
    a move that closes a circle of links. Stale ``expected_version`` → ConflictError.
    """
    with ws.transaction() as s:
        task = _rows.load_live(s, Task, task_id)
        parent = _summary(s, task, parent_id)
        return _moved(s, Outline(s, task.release_id), task, expected_version, parent, index)


def outline_place(ws: Workspace, task_id: uuid.UUID) -> tuple[uuid.UUID | None, int]:
    """Where a live task stands: ``(parent_id, index among its siblings)``; what a
    :func:`move_task` back there takes."""
    with ws.reading() as s:
        task = _rows.load_live(s, Task, task_id)
        return task.parent_id, Outline(s, task.release_id).index_of(task)


def indent_task(ws: Workspace, task_id: uuid.UUID, expected_version: int | None) -> Changes:
    """Make a task the last sub-task of the sibling just above it (which becomes a
    summary); refused for the first task of its level."""
    with ws.transaction() as s:
        task = _rows.load_live(s, Task, task_id)
        plan = Outline(s, task.release_id)
        at = plan.index_of(task)
        if at == 0:
            raise ValidationError(
                f"'{task.name}' has no task above it at its level to become part of."
            )
        above = plan.siblings(task.parent_id)[at - 1]
        return _moved(s, plan, task, expected_version, above.id, None)


def outdent_task(ws: Workspace, task_id: uuid.UUID, expected_version: int | None) -> Changes:
    """Move a task one level up, right after the summary it belonged to; refused for a
    task at the top level."""
    with ws.transaction() as s:
        task = _rows.load_live(s, Task, task_id)
        if task.parent_id is None:
            raise ValidationError(f"'{task.name}' is already at the top level.")
        parent = _rows.load_live(s, Task, task.parent_id)
        plan = Outline(s, task.release_id)
        at = plan.index_of(parent) + 1
        return _moved(s, plan, task, expected_version, parent.parent_id, at)
