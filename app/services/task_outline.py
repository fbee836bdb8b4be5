"""A release's outline: moving tasks, indenting them into summaries, and their WBS codes.

A task's place is its ``parent_id`` (the summary it belongs to, None at the top) and
its ``position`` among its siblings. Every change of the outline (a move, a new or
deleted task) renumbers the siblings it touched 0, 1, 2, … and recomputes the release's
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
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import ChangeAction
from app.errors import ValidationError
from app.services import _rows
from app.services.task_changes import Changes, summary, tracked
from app.services.task_cycles import refuse_circles_through
from app.services.task_rows import SIBLING_ORDER, outline
from app.workspace import Workspace
from models import Task


@dataclass(slots=True)
class _Place:
    """Where one task stands: what an outline edit may change, and how it sorts."""

    id: uuid.UUID
    parent_id: uuid.UUID | None
    position: int
    wbs: str
    created_at: dt.datetime

    def key(self) -> tuple[int, dt.datetime, str]:
        """:data:`~app.services.task_rows.SIBLING_ORDER` in memory."""
        return self.position, self.created_at, str(self.id)


class Outline:
    """A release's live tasks' places, read once (plain columns) and rearranged in
    memory; :meth:`write` then sets the changed ones on the task rows, so that one
    flush writes each changed row once and unchanged rows are never loaded."""

    def __init__(self, s: Session, release_id: uuid.UUID) -> None:
        self.places = {
            p.id: p
            for p in (
                _Place(*row)
                for row in s.execute(
                    sa.select(Task.id, Task.parent_id, Task.position, Task.wbs, Task.created_at)
                    .where(Task.release_id == release_id, Task.deleted_at.is_(None))
                    .order_by(*SIBLING_ORDER)
                )
            )
        }
        self.read = {i: (p.parent_id, p.position, p.wbs) for i, p in self.places.items()}
        self.gone: dict[uuid.UUID, _Place] = {}

    def siblings(self, parent_id: uuid.UUID | None) -> list[_Place]:
        """The places under ``parent_id`` (None: the top level) in sibling order."""
        return sorted((p for p in self.places.values() if p.parent_id == parent_id), key=_Place.key)

    def index_of(self, task_id: uuid.UUID) -> int:
        """A task's place among its siblings (0-based)."""
        parent = self.places[task_id].parent_id
        return [p.id for p in self.siblings(parent)].index(task_id)

    def place(self, task_id: uuid.UUID, parent_id: uuid.UUID | None, index: int | None) -> None:
        """Put a task (a new one: not read yet) under ``parent_id`` at ``index`` of its
        siblings (None or past the end: last); renumber them and the siblings it left."""
        me = self.places.get(task_id)
        if me is None:
            me = self.places[task_id] = _Place(task_id, parent_id, 0, "", dt.datetime.max)
        old_parent = me.parent_id
        others = [p for p in self.siblings(parent_id) if p.id != task_id]
        at = len(others) if index is None else max(0, min(int(index), len(others)))
        others.insert(at, me)
        me.parent_id = parent_id
        _number(others)
        if old_parent != parent_id:
            _number(self.siblings(old_parent))

    def remove(self, task_id: uuid.UUID) -> None:
        """Take a deleted task and its sub-tasks out, keeping its index as its position
        (where a restore puts it back)."""
        me = self.places[task_id]
        me.position = self.index_of(task_id)
        gone = {task_id}
        for p, _depth in outline(sorted(self.places.values(), key=_Place.key)):
            if p.parent_id in gone:
                gone.add(p.id)
        self.gone[task_id] = me
        self.places = {i: p for i, p in self.places.items() if i not in gone}
        _number(self.siblings(me.parent_id))

    def number_wbs(self) -> None:
        """Give every task its outline number as its WBS code (``1``, ``1.1``, ``2``)."""
        counters: dict[uuid.UUID | None, int] = defaultdict(int)
        codes: dict[uuid.UUID, str] = {}
        for p, _depth in outline(sorted(self.places.values(), key=_Place.key)):
            parent = p.parent_id if p.parent_id in codes else None
            counters[parent] += 1
            p.wbs = f"{codes[parent]}.{counters[parent]}" if parent else str(counters[parent])
            codes[p.id] = p.wbs

    def write(self, s: Session, *new: Task) -> None:
        """Set the changed places on their task rows (``new``: tasks not in the session
        yet, which take their place as they are)."""
        for task in new:
            me = self.places[task.id]
            task.parent_id, task.position, task.wbs = me.parent_id, me.position, me.wbs
        fresh = {t.id for t in new}
        changed = [
            p
            for p in (*self.places.values(), *self.gone.values())
            if p.id not in fresh and self.read.get(p.id) != (p.parent_id, p.position, p.wbs)
        ]
        ids = [p.id for p in changed]
        tasks: dict[uuid.UUID, Task] = {}
        for start in range(0, len(ids), 900):  # one select per chunk, not one per row
            chunk = sa.select(Task).where(Task.id.in_(ids[start : start + 900]))
            tasks.update((t.id, t) for t in s.scalars(chunk))
        for p in changed:
            task = tasks[p.id]
            if task.parent_id != p.parent_id:
                task.parent_id = p.parent_id
            if task.position != p.position:
                task.position = p.position
            if task.wbs != p.wbs:
                task.wbs = p.wbs


def _number(places: list[_Place]) -> None:
    for position, each in enumerate(places):
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
        plan.place(task.id, parent_id, index)
        plan.number_wbs()
        plan.write(s)
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
        return task.parent_id, Outline(s, task.release_id).index_of(task.id)


def indent_task(ws: Workspace, task_id: uuid.UUID, expected_version: int | None) -> Changes:
    """Make a task the last sub-task of the sibling just above it (which becomes a
    summary); refused for the first task of its level."""
    with ws.transaction() as s:
        task = _rows.load_live(s, Task, task_id)
        plan = Outline(s, task.release_id)
        at = plan.index_of(task.id)
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
        at = plan.index_of(parent.id) + 1
        return _moved(s, plan, task, expected_version, parent.parent_id, at)
