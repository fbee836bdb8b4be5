"""Links between tasks: add, edit, remove and restore one, or set a task's predecessors.

A link runs from a predecessor to a successor with a type (FS, SS, FF, SF) and a lag
(negative: a lead) in working minutes, elapsed minutes or percent of the predecessor's
duration (``TaskLink.lag`` / ``lag_unit``). Links may cross releases.

A task's predecessors are part of what its row shows, so every link write also stamps
the successor task (its version goes up; no audited field changes): an edit of the
predecessors made on a stale row is then a conflict like any other stale edit.

:func:`set_predecessors_text` takes Microsoft Project's notation
(:mod:`app.services.predecessor_text`) with row numbers of the task table and replaces
the task's predecessor links *from its own release* in one transaction: unchanged
links stay as they are, changed ones are edited, missing ones removed, new ones
added. Links from other releases cannot be written as row numbers and are kept.
Refused, with nothing saved: text it cannot read (the entry is quoted), an unknown
row, the task itself, a row named twice, and links that would close a circle (the
tasks of the circle are named).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app import clock
from app.changes import Change, ChangeAction
from app.errors import ValidationError
from app.services import _rows
from app.services import task_values as values_
from app.services.predecessor_text import ordinal, parse_predecessors
from app.services.task_changes import Changes, summary, tracked
from app.services.task_cycles import refuse_circles_through
from app.services.task_rows import row_numbers_in
from app.workspace import Workspace
from models import Task, TaskLink
from models.enums import LagUnit, LinkType

LINK_EDITABLE = ("link_type", "lag", "lag_unit")


@dataclass(frozen=True)
class Predecessor:
    """One predecessor link of a task, by the predecessor's id (what an undo restores:
    row numbers move when the outline does)."""

    predecessor_id: uuid.UUID
    link_type: LinkType = LinkType.FS
    lag: float = 0.0
    lag_unit: LagUnit = LagUnit.WORKING


def _touch(task: Task) -> None:
    """Stamp ``task`` as changed (its version goes up): its predecessors changed."""
    task.updated_at = clock.precise_now()


def _checked_link(values: dict[str, Any]) -> dict[str, Any]:
    out = values_.link_values(values)
    values_.check_lag(out.get("lag", 0.0), out.get("lag_unit", LagUnit.WORKING))
    return out


def _live_link(s: Session, pred: uuid.UUID, succ: uuid.UUID, own: uuid.UUID | None) -> bool:
    return (
        s.scalar(
            sa.select(TaskLink.id).where(
                TaskLink.predecessor_id == pred,
                TaskLink.successor_id == succ,
                TaskLink.deleted_at.is_(None),
                TaskLink.id != own if own is not None else sa.true(),
            )
        )
        is not None
    )


def _check_ends(s: Session, pred_id: uuid.UUID, succ_id: uuid.UUID, own: uuid.UUID | None) -> Task:
    """The successor, once both ends are live, distinct and not linked already."""
    pred = _rows.require_ref(s, Task, pred_id, "predecessor task")
    succ = _rows.require_ref(s, Task, succ_id, "successor task")
    if pred.id == succ.id:
        raise ValidationError(f"'{succ.name}' cannot be its own predecessor.")
    if _live_link(s, pred.id, succ.id, own):
        raise ValidationError(f"'{pred.name}' is already a predecessor of '{succ.name}'.")
    return succ


def add_link(
    ws: Workspace,
    predecessor_id: uuid.UUID,
    successor_id: uuid.UUID,
    link_type: LinkType | str = LinkType.FS,
    lag: float = 0.0,
    lag_unit: LagUnit | str = LagUnit.WORKING,
) -> Changes:
    """Link two tasks (of any releases); the first change is the new link (CREATED).

    Refused: a task linked to itself, a second link between the same two tasks, a lag
    out of range, and a link that closes a circle (the tasks are named).
    """
    values = _checked_link({"link_type": link_type, "lag": lag, "lag_unit": lag_unit})
    with ws.transaction() as s, tracked(s) as written:
        succ = _check_ends(s, predecessor_id, successor_id, None)
        link = TaskLink(
            id=uuid.uuid4(), predecessor_id=predecessor_id, successor_id=successor_id, **values
        )
        s.add(link)
        _touch(succ)
        refuse_circles_through(s, [succ.id])
        return summary(s, _rows.changed(s, link, ChangeAction.CREATED), written)


def update_link(
    ws: Workspace, link_id: uuid.UUID, expected_version: int | None, **values: Any
) -> Changes:
    """Change a link's ``link_type``, ``lag`` or ``lag_unit`` (read at ``expected_version``)."""
    _rows.check_fields(TaskLink, values, LINK_EDITABLE)
    with ws.transaction() as s, tracked(s) as written:
        link = _rows.load_live(s, TaskLink, link_id)
        new = values_.link_values(values)
        _rows.check_version(link, expected_version, new)
        values_.check_lag(new.get("lag", link.lag), new.get("lag_unit", link.lag_unit))
        for key, value in new.items():
            setattr(link, key, value)
        _touch(_rows.load_live(s, Task, link.successor_id))
        return summary(s, _rows.changed(s, link, ChangeAction.UPDATED), written)


def remove_link(ws: Workspace, link_id: uuid.UUID, expected_version: int | None = None) -> Changes:
    """Soft-delete a link (restorable with :func:`restore_link`)."""
    with ws.transaction() as s, tracked(s) as written:
        link = _rows.load_live(s, TaskLink, link_id)
        _rows.check_version(link, expected_version, {})
        link.deleted_at = clock.precise_now()
        _touch(_rows.load_live(s, Task, link.successor_id))
        return summary(s, _rows.changed(s, link, ChangeAction.DELETED), written)


def restore_link(ws: Workspace, link_id: uuid.UUID, expected_version: int | None = None) -> Changes:
    """Bring a removed link back; refused when an end was deleted, the two tasks were
    linked again since, or the link would now close a circle."""
    with ws.transaction() as s, tracked(s) as written:
        link = s.get(TaskLink, link_id)
        if link is None:
            raise _rows.NotFoundError("That task link does not exist.")
        _rows.check_version(link, expected_version, {})
        if link.deleted_at is not None:
            succ = _check_ends(s, link.predecessor_id, link.successor_id, link.id)
            link.deleted_at = None
            _touch(succ)
            refuse_circles_through(s, [succ.id])
        return summary(s, _rows.changed(s, link, ChangeAction.RESTORED), written)


def _own_links(s: Session, task: Task) -> dict[uuid.UUID, TaskLink]:
    """The task's live predecessor links from live tasks of its release, by predecessor."""
    pred = aliased(Task)
    links = s.scalars(
        sa.select(TaskLink)
        .join(pred, pred.id == TaskLink.predecessor_id)
        .where(
            TaskLink.successor_id == task.id,
            TaskLink.deleted_at.is_(None),
            pred.deleted_at.is_(None),
            pred.release_id == task.release_id,
        )
        .order_by(TaskLink.created_at, TaskLink.id)
    )
    return {x.predecessor_id: x for x in links}


def predecessors_of(ws: Workspace, task_id: uuid.UUID) -> tuple[Predecessor, ...]:
    """A live task's predecessor links from its own release (what the text shows)."""
    with ws.reading() as s:
        task = _rows.load_live(s, Task, task_id)
        return tuple(
            Predecessor(x.predecessor_id, x.link_type, x.lag, x.lag_unit)
            for x in _own_links(s, task).values()
        )


def _same_link(link: TaskLink, p: Predecessor) -> bool:
    """Whether ``link`` already is ``p`` (without lag, its lag unit does not matter)."""
    return (link.link_type, link.lag) == (p.link_type, p.lag) and (
        not p.lag or link.lag_unit == p.lag_unit
    )


def _replace(s: Session, task: Task, wanted: Sequence[Predecessor]) -> Changes:
    """Make the task's own-release predecessor links exactly ``wanted``."""
    existing = _own_links(s, task)
    made: list[TaskLink] = []
    edited: list[TaskLink] = []
    for p in wanted:
        link = existing.pop(p.predecessor_id, None)
        values = {"link_type": p.link_type, "lag": p.lag, "lag_unit": p.lag_unit}
        if link is None:
            made.append(
                TaskLink(
                    id=uuid.uuid4(), predecessor_id=p.predecessor_id, successor_id=task.id, **values
                )
            )
        elif not _same_link(link, p):
            for key, value in values.items():
                setattr(link, key, value)
            edited.append(link)
    when = clock.precise_now()
    for link in existing.values():
        link.deleted_at = when
    s.add_all(made)
    _touch(task)
    refuse_circles_through(s, [task.id])
    out = [_rows.changed(s, task, ChangeAction.UPDATED)]
    for action, rows in (
        (ChangeAction.CREATED, made),
        (ChangeAction.UPDATED, edited),
        (ChangeAction.DELETED, list(existing.values())),
    ):
        if rows:
            ids = tuple(x.id for x in rows)
            out.append(Change(TaskLink.__tablename__, action, ids, tuple(x.version for x in rows)))
    return tuple(out)


def set_predecessors(
    ws: Workspace,
    task_id: uuid.UUID,
    expected_version: int | None,
    predecessors: Sequence[Predecessor],
) -> Changes:
    """Replace a task's predecessor links from its own release with ``predecessors``
    (links from other releases are kept); the first change is the task (UPDATED),
    then the links created, edited and removed."""
    with ws.transaction() as s:
        task = _rows.load_live(s, Task, task_id)
        _rows.check_version(task, expected_version, {})
        wanted = []
        for n, p in enumerate(predecessors, 1):
            pred = _rows.require_ref(s, Task, p.predecessor_id, "predecessor task")
            if pred.release_id != task.release_id:
                raise ValidationError(
                    f"'{pred.name}' belongs to another release; link it with add_link."
                )
            values = _checked_link({"link_type": p.link_type, "lag": p.lag, "lag_unit": p.lag_unit})
            wanted.append(Predecessor(pred.id, **values))
            _refuse_self_and_twins(task, wanted, n, f"'{pred.name}'")
        return _replace(s, task, wanted)


def _refuse_self_and_twins(task: Task, wanted: list[Predecessor], n: int, what: str) -> None:
    """Refuse the ``n``-th entry (the last of ``wanted``) naming the task itself or a
    predecessor an earlier entry named."""
    last = wanted[-1].predecessor_id
    if last == task.id:
        raise ValidationError(
            f"{what} (the {ordinal(n)} entry) is this task itself: a task cannot be its own "
            "predecessor."
        )
    first = next(i for i, p in enumerate(wanted, 1) if p.predecessor_id == last)
    if first != n:
        raise ValidationError(
            f"{what} is named twice (the {ordinal(first)} and {ordinal(n)} entries): a task "
            "can be a predecessor only once."
        )


def set_predecessors_text(
    ws: Workspace, task_id: uuid.UUID, expected_version: int | None, text: str
) -> Changes:
    """Replace a task's predecessor links from its own release with those ``text``
    names in Microsoft Project's notation (``3FS+2d, 5SS-50%, 7FF+4eh``; row numbers
    as :func:`app.services.task_rows.row_numbers` gives them). Empty text removes them.
    """
    entries = parse_predecessors(text)
    with ws.transaction() as s:
        task = _rows.load_live(s, Task, task_id)
        _rows.check_version(task, expected_version, {})
        numbers = row_numbers_in(s, task.release_id)
        wanted: list[Predecessor] = []
        for n, e in enumerate(entries, 1):
            pred = numbers.task_id(e.row)
            if pred is None:
                rows = len(numbers.task_ids)
                raise ValidationError(
                    f"Row {e.row} (the {ordinal(n)} entry) is not a task of this release, "
                    f"which has {rows} row{'s' if rows != 1 else ''}."
                )
            values_.check_lag(e.lag, e.lag_unit)
            wanted.append(Predecessor(pred, e.link_type, e.lag, e.lag_unit))
            _refuse_self_and_twins(task, wanted, n, f"Row {e.row}")
        return _replace(s, task, wanted)
