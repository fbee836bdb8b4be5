"""What a change request asks for: scope to add or remove, tasks to add or lengthen.

:class:`ChangeItemSpec` is plain data (a form builds it, the service stores it, the
what-if applies it); :func:`checked_items` refuses what cannot be applied, with a
message naming the item.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.interchange.limits import MAX_DURATION_MINUTES
from models import ScopeItem, Task
from models.enums import ChangeItemKind

KIND_WORDS = {
    ChangeItemKind.ADD_SCOPE: "add scope",
    ChangeItemKind.REMOVE_SCOPE: "remove scope",
    ChangeItemKind.ADD_TASK: "add task",
    ChangeItemKind.CHANGE_DURATION: "change duration",
}


@dataclass(frozen=True)
class ChangeItemSpec:
    """One thing a request asks for (which fields matter depends on ``kind``):

    - ``ADD_SCOPE``: ``title``;
    - ``REMOVE_SCOPE``: ``scope_item_id``;
    - ``ADD_TASK``: ``title``, ``duration_minutes``, optionally ``predecessor_id`` and
      ``successor_id`` (finish-to-start links to tasks of the release);
    - ``CHANGE_DURATION``: ``task_id`` and its new ``duration_minutes``.
    """

    kind: ChangeItemKind
    title: str = ""
    scope_item_id: uuid.UUID | None = None
    task_id: uuid.UUID | None = None
    predecessor_id: uuid.UUID | None = None
    successor_id: uuid.UUID | None = None
    duration_minutes: int = 0


def _live(
    s: Session, model: type[ScopeItem] | type[Task], ids: set[uuid.UUID], rid: uuid.UUID
) -> set[uuid.UUID]:
    if not ids:
        return set()
    return set(
        s.scalars(
            sa.select(model.id).where(
                model.id.in_(ids), model.release_id == rid, model.deleted_at.is_(None)
            )
        )
    )


def _check_one(n: int, item: ChangeItemSpec) -> ChangeItemSpec:
    kind = ChangeItemKind(item.kind)
    where = f"Change {n} ({KIND_WORDS[kind]})"
    title = (item.title or "").strip()
    if kind in (ChangeItemKind.ADD_SCOPE, ChangeItemKind.ADD_TASK) and not title:
        raise ValidationError(f"{where} needs a title.")
    if len(title) > 240:
        raise ValidationError(f"{where}: the title is longer than 240 characters.")
    if kind is ChangeItemKind.REMOVE_SCOPE and item.scope_item_id is None:
        raise ValidationError(f"{where} needs the scope item to remove.")
    if kind is ChangeItemKind.CHANGE_DURATION and item.task_id is None:
        raise ValidationError(f"{where} needs the task whose duration changes.")
    if kind in (ChangeItemKind.ADD_TASK, ChangeItemKind.CHANGE_DURATION):
        minutes = int(item.duration_minutes)
        if not 0 <= minutes <= MAX_DURATION_MINUTES:
            raise ValidationError(
                f"{where}: the duration must be zero or more and at most 50 working years."
            )
    if (
        kind is ChangeItemKind.ADD_TASK
        and item.predecessor_id == item.successor_id
        and (item.predecessor_id is not None)
    ):
        raise ValidationError(f"{where}: a new task cannot come after and before one task.")
    return ChangeItemSpec(
        kind,
        title,
        item.scope_item_id if kind is ChangeItemKind.REMOVE_SCOPE else None,
        item.task_id if kind is ChangeItemKind.CHANGE_DURATION else None,
        item.predecessor_id if kind is ChangeItemKind.ADD_TASK else None,
        item.successor_id if kind is ChangeItemKind.ADD_TASK else None,
        int(item.duration_minutes) if kind is not ChangeItemKind.ADD_SCOPE else 0,
    )


def checked_items(
    s: Session, release_id: uuid.UUID, items: Sequence[ChangeItemSpec]
) -> tuple[ChangeItemSpec, ...]:
    """``items`` normalised, each referring to live rows of ``release_id``, or
    :class:`ValidationError` naming the first that does not."""
    checked = tuple(_check_one(n, item) for n, item in enumerate(items, 1))
    scope = _live(s, ScopeItem, {i.scope_item_id for i in checked if i.scope_item_id}, release_id)
    task_ids = {t for i in checked for t in (i.task_id, i.predecessor_id, i.successor_id) if t}
    tasks = _live(s, Task, task_ids, release_id)
    for n, item in enumerate(checked, 1):
        where = f"Change {n} ({KIND_WORDS[item.kind]})"
        if item.scope_item_id is not None and item.scope_item_id not in scope:
            raise ValidationError(f"{where}: that scope item is not in this release any more.")
        for ref in (item.task_id, item.predecessor_id, item.successor_id):
            if ref is not None and ref not in tasks:
                raise ValidationError(f"{where}: that task is not in this release any more.")
    return checked
