"""Refusing a plan edit that would make tasks depend on each other in a circle.

The network is the engine's (:mod:`app.scheduling.network`): a link runs from the
predecessor's *end* to the successor's *start*; a summary task has a start that drives
its sub-tasks' starts and an end their ends drive, while a plain task's start and end
are one node. So a link from a sub-task to its own summary (or back) is a circle, as
in the engine and in Microsoft Project. Links may cross releases; so may circles.

The check walks the live rows in the edit's own transaction (after a flush), breadth
first from the edited task, one select per kind of step and level: a circle is found
before anything is committed, and the shortest one is named.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app.errors import ValidationError
from models import Task, TaskLink

Node = tuple[uuid.UUID, str]  # (task, "L" plain task | "B" summary start | "E" summary end)
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


class _Graph:
    """The live task network around some tasks, read from the session as needed."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.children: dict[uuid.UUID, list[uuid.UUID]] = {}
        self.parent: dict[uuid.UUID, uuid.UUID | None] = {}
        self.successors: dict[uuid.UUID, list[uuid.UUID]] = {}

    def load(self, ids: Iterable[uuid.UUID]) -> None:
        """Read children, parent and link successors of the tasks not read yet."""
        todo = [i for i in set(ids) if i not in self.children]
        for start in range(0, len(todo), _CHUNK):
            part = todo[start : start + _CHUNK]
            kids: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
            for cid, pid in self.s.execute(
                sa.select(Task.id, Task.parent_id).where(
                    Task.parent_id.in_(part), Task.deleted_at.is_(None)
                )
            ):
                kids[pid].append(cid)
            succ: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
            target = aliased(Task)
            for pid, sid in self.s.execute(
                sa.select(TaskLink.predecessor_id, TaskLink.successor_id)
                .join(target, target.id == TaskLink.successor_id)
                .where(
                    TaskLink.predecessor_id.in_(part),
                    TaskLink.deleted_at.is_(None),
                    target.deleted_at.is_(None),
                )
            ):
                succ[pid].append(sid)
            parent = aliased(Task)
            ups = dict(
                self.s.execute(
                    sa.select(Task.id, parent.id)
                    .outerjoin(
                        parent, sa.and_(parent.id == Task.parent_id, parent.deleted_at.is_(None))
                    )
                    .where(Task.id.in_(part))
                ).all()
            )
            for i in part:
                self.children[i] = kids.get(i, [])
                self.successors[i] = succ.get(i, [])
                self.parent[i] = ups.get(i)

    def start(self, task: uuid.UUID) -> Node:
        return (task, "B" if self.children[task] else "L")

    def end(self, task: uuid.UUID) -> Node:
        return (task, "E" if self.children[task] else "L")

    def step_tasks(self, node: Node) -> list[uuid.UUID]:
        """The tasks whose nodes :meth:`steps` from ``node`` lead to."""
        task, kind = node
        out: list[uuid.UUID] = []
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
    ids = list(dict.fromkeys(task_ids))
    graph.load(ids)
    for task in ids:
        origins = {graph.start(task), graph.end(task)}
        for origin in sorted(origins, key=lambda n: n[1]):
            circle = _circle_from(graph, origin)
            if circle is not None:
                _refuse(s, circle)


def _refuse(s: Session, circle: list[Node]) -> None:
    tasks: list[uuid.UUID] = []
    for task, _kind in circle:
        if not tasks or tasks[-1] != task:
            tasks.append(task)
    if len(tasks) > 1 and tasks[0] == tasks[-1]:
        tasks.pop()
    names = dict(s.execute(sa.select(Task.id, Task.name).where(Task.id.in_(tasks))).all())
    raise PlanCircleError(tasks, [names[t] for t in tasks])
