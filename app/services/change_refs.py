"""What a change request's grid refers to in one release: its tasks (by the row numbers
the plan shows) and its scope items.

A new task's links are typed in the plan view's predecessor notation
(:mod:`app.services.predecessor_text`) and read by :func:`linked_task`, which refuses,
naming the entry, what a stored request cannot hold: a request's new task follows at
most one task and precedes at most one, finish-to-start without lag (its other links
are made in the plan once it is there).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from app.errors import ValidationError
from app.services import scope_service, task_rows
from app.services.predecessor_text import (
    format_entry,
    ordinal,
    parse_predecessors,
    split_entries,
)
from app.workspace import Workspace
from models import ScopeItem, Task
from models.enums import LinkType


@dataclass(frozen=True)
class ReleaseRefs:
    """Tasks and scope items of a release, as a change request's grid names them.

    ``tasks``: plan row number → task id (``rows`` the other way), ``task_names`` and
    ``scope_names`` (key or title) by id, in the order the Scope tab lists them;
    ``summaries``: tasks with subtasks (their duration comes from them).
    """

    tasks: Mapping[int, uuid.UUID]
    rows: Mapping[uuid.UUID, int]
    task_names: Mapping[uuid.UUID, str]
    scope_names: Mapping[uuid.UUID, str]
    summaries: frozenset[uuid.UUID] = frozenset()

    def task_label(self, task_id: uuid.UUID | None) -> str:
        """``Build (row 3)``: name first, so typing it finds the task in a list."""
        if task_id is None:
            return ""
        row = self.rows.get(task_id)
        name = self.task_names.get(task_id, "a task no longer in the plan")
        return f"{name} (row {row})" if row else name

    def row_text(self, task_id: uuid.UUID | None) -> str:
        """The task's row number as predecessor text ("" for none or a gone task)."""
        row = self.rows.get(task_id) if task_id is not None else None
        return str(row) if row else ""


def linked_task(text: str, tasks: Mapping[int, uuid.UUID]) -> uuid.UUID | None:
    """The task named by predecessor text ``text`` ("" for none), or ValidationError
    naming the entry that is wrong, as the plan view does ("… (the 2nd entry): …")."""
    entries = parse_predecessors(text)
    if not entries:
        return None
    written = [entry for _place, entry in split_entries(text)]
    for place, entry in enumerate(entries, 1):

        def refuse(why: str, place: int = place) -> ValidationError:
            return ValidationError(
                f"Could not use '{written[place - 1]}' (the {ordinal(place)} entry): {why}"
            )

        if place > 1:
            raise refuse(
                "a request's new task follows one task and precedes one; "
                "add its other links in the plan once it is implemented"
            )
        if entry.link_type is not LinkType.FS or entry.lag:
            raise refuse(
                f"only a plain finish-to-start link ({entry.row}) can be requested, "
                f"not {format_entry(entry)}"
            )
        if entry.row not in tasks:
            raise refuse(f"the plan has no task row {entry.row}")
    return tasks[entries[0].row]


def release_refs(ws: Workspace, release_id: uuid.UUID) -> ReleaseRefs:
    """The task rows and scope items of a release, for the change request grid."""
    numbers = task_rows.row_numbers(ws, release_id)
    with ws.reading() as s:
        items = s.execute(
            sa.select(ScopeItem.id, ScopeItem.key, ScopeItem.title)
            .where(ScopeItem.release_id == release_id, ScopeItem.deleted_at.is_(None))
            .order_by(*scope_service.ORDER)
        ).all()
        live = (Task.release_id == release_id, Task.deleted_at.is_(None))
        names = dict(s.execute(sa.select(Task.id, Task.name).where(*live)).all())
        parents = frozenset(
            s.scalars(
                sa.select(Task.parent_id).distinct().where(*live, Task.parent_id.is_not(None))
            )
        )
    scope = {i: f"{t} ({k})" if k else t for i, k, t in items}
    tasks = {n: t for n, t in enumerate(numbers.task_ids, 1)}
    return ReleaseRefs(tasks, dict(numbers.rows), names, scope, parents)
