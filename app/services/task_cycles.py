"""Refusing a plan edit that would make tasks depend on each other in a circle.

The network is the engine's (:mod:`app.scheduling.network`): a link runs from the
predecessor's *end* to the successor's *start*; a summary task has a start that drives
its sub-tasks' starts and an end their ends drive, while a plain task's start and end
are one node. So a link from a sub-task to its own summary (or back) is a circle, as
in the engine and in Microsoft Project. Links may cross releases; so may circles.

The check walks the live rows in the edit's own transaction (after a flush), breadth
first from the edited task, reading a whole release at a time as the walk reaches it
(three selects): a circle is found before anything is committed, and the shortest one
is named.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app.errors import ValidationError
from app.services._rows import raw_key
from models import Task, TaskLink

Node = tuple[Any, str]  # (task key, "L" plain task | "B" summary start | "E" summary end)
_CHUNK = 900


class PlanCircleError(ValidationError):
    """The edit would close a circle of tasks; ``task_ids``/``task_names`` list it in
    link order (the first task is not repeated at the end)."""

    def __init__(self, task_ids: Sequence[uuid.UUID], task_names: Sequence[str]) -> None:
        self.task_ids = tuple(task_ids)
        self.task_names = tuple(task_names)
        circle = " → ".join([*self.task_names, self.task_names[0]])
        super().__init__(
            f"Tasks would depend on each other in a circle: {circle}. Nothing was saved."
        )


Key = Any  # a task id as the driver returns it: see _rows.raw_key


class _Graph:
    """The live task network around some tasks, read from the session a whole release
    at a time (three selects each), as the walk reaches its tasks. Tasks are keyed by
    their ids as the driver returns them (:func:`_rows.raw_key`): parsing 100,000 ids
    into UUIDs would cost more than the walk."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.sqlite = s.get_bind().dialect.name == "sqlite"
        self.releases: set[uuid.UUID] = set()
        self.children: dict[Key, list[Key]] = {}
        self.parent: dict[Key, Key | None] = {}
        self.successors: dict[Key, list[Key]] = {}

    def key(self, task_id: uuid.UUID) -> Key:
        """The raw key of a task id (32 hex digits on SQLite, the UUID elsewhere)."""
        return task_id.hex if self.sqlite else task_id

    def uid(self, key: Key) -> uuid.UUID:
        """The task id of a raw key."""
        return uuid.UUID(key) if self.sqlite else key

    def load(self, keys: Iterable[Key]) -> None:
        """Read the releases of the tasks not read yet."""
        todo = [self.uid(k) for k in set(keys) if k not in self.children]
        for start in range(0, len(todo), _CHUNK):
            found = self.s.scalars(
                sa.select(Task.release_id).where(Task.id.in_(todo[start : start + _CHUNK]))
            )
            for release_id in set(found) - self.releases:
                self._load_release(release_id)
        for k in map(self.key, todo):  # a task no longer live: nothing leads on from it
            self.children.setdefault(k, [])
            self.successors.setdefault(k, [])
            self.parent.setdefault(k, None)

    def _load_release(self, release_id: uuid.UUID) -> None:
        self.releases.add(release_id)
        live = Task.deleted_at.is_(None)
        own = sa.select(Task.id).where(Task.release_id == release_id, live)
        parent = aliased(Task)
        for tid, pid in self.s.execute(
            sa.select(raw_key(Task.id).label("task"), raw_key(parent.id).label("parent"))
            .outerjoin(parent, sa.and_(parent.id == Task.parent_id, parent.deleted_at.is_(None)))
            .where(Task.release_id == release_id, live)
        ):
            self.children.setdefault(tid, [])
            self.successors.setdefault(tid, [])
            self.parent[tid] = pid
        for cid, pid in self.s.execute(
            sa.select(
                raw_key(Task.id).label("task"), raw_key(Task.parent_id).label("parent")
            ).where(Task.parent_id.in_(own), live)
        ):
            self.children[pid].append(cid)
        target = aliased(Task)
        for pid, sid in self.s.execute(
            sa.select(
                raw_key(TaskLink.predecessor_id).label("pred"),
                raw_key(TaskLink.successor_id).label("succ"),
            )
            .join(target, target.id == TaskLink.successor_id)
            .where(
                TaskLink.predecessor_id.in_(own),
                TaskLink.deleted_at.is_(None),
                target.deleted_at.is_(None),
            )
        ):
            self.successors[pid].append(sid)

    def start(self, task: Key) -> Node:
        return (task, "B" if self.children[task] else "L")

    def end(self, task: Key) -> Node:
        return (task, "E" if self.children[task] else "L")

    def step_tasks(self, node: Node) -> list[Key]:
        """The tasks whose nodes :meth:`steps` from ``node`` lead to."""
        task, kind = node
        out: list[Key] = []
        if kind in "BL":
            out += self.children[task]
        if kind in "EL":
            out += self.successors[task]
            parent = self.parent[task]
            if parent is not None:
                out.append(parent)
        return out

    def steps(self, node: Node) -> list[Node]:
        """The nodes one edge away from ``node`` (their tasks loaded)."""
        task, kind = node
        out: list[Node] = []
        if kind in "BL":
            out += [self.start(c) for c in self.children[task]]
        if kind in "EL":
            out += [self.start(t) for t in self.successors[task]]
            parent = self.parent[task]
            if parent is not None:
                out.append(self.end(parent))
        return out


def _circle_from(graph: _Graph, origin: Node) -> list[Node] | None:
    """The shortest circle through ``origin``, in link order, or None."""
    came_from: dict[Node, Node] = {}
    frontier = [origin]
    while frontier:
        graph.load(t for node in frontier for t in graph.step_tasks(node))
        nxt: list[Node] = []
        for node in frontier:
            for dst in graph.steps(node):
                if dst == origin:
                    path = [node]
                    while path[-1] != origin:
                        path.append(came_from[path[-1]])
                    return path[::-1]
                if dst not in came_from:
                    came_from[dst] = node
                    nxt.append(dst)
        frontier = nxt
    return None


def refuse_circles_through(s: Session, task_ids: Iterable[uuid.UUID]) -> None:
    """Refuse (:class:`PlanCircleError`, naming the tasks) when a live circle of links
    and outline passes through any of ``task_ids``, as the session holds them now."""
    s.flush()
    graph = _Graph(s)
    keys = [graph.key(t) for t in dict.fromkeys(task_ids)]
    graph.load(keys)
    for task in keys:
        origins = {graph.start(task), graph.end(task)}
        for origin in sorted(origins, key=lambda n: n[1]):
            circle = _circle_from(graph, origin)
            if circle is not None:
                _refuse(s, [graph.uid(k) for k, _kind in circle])


def _refuse(s: Session, circle: list[uuid.UUID]) -> None:
    tasks: list[uuid.UUID] = []
    for task in circle:
        if not tasks or tasks[-1] != task:
            tasks.append(task)
    if len(tasks) > 1 and tasks[0] == tasks[-1]:
        tasks.pop()
    names = dict(s.execute(sa.select(Task.id, Task.name).where(Task.id.in_(tasks))).all())
    raise PlanCircleError(tasks, [names[t] for t in tasks])
