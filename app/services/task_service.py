"""Editing a release's plan by hand: create, edit, delete and restore tasks.

No import is needed: the first task created in an empty release starts its plan (it
uses the release's calendar, else its domain's, else the standard one; see
:mod:`app.services.plan_loader`), and :func:`app.services.release_schedule.schedule_release`
schedules it at once. The rest of the editing API lives beside this module:

- :mod:`app.services.task_outline`: ``move_task``, ``indent_task``, ``outdent_task``,
  ``outline_place``;
- :mod:`app.services.task_links`: ``add_link``, ``update_link``, ``remove_link``,
  ``restore_link``, ``predecessors_of``, ``set_predecessors``, ``set_predecessors_text``;
- :mod:`app.services.task_rows`: ``list_tasks``, ``get_task``, ``task_version``,
  ``list_links``, ``get_link``, ``row_numbers``, ``calendar_choices``.

Every write is one audited transaction, expects the version of the row it is about
(``expected_version``; None skips the check), raises :class:`ConflictError` (nothing
written) when a colleague saved it since, :class:`ValidationError` with a message for
bad input, and returns :data:`~app.services.task_changes.Changes`: the change of the
row it is about first, then the other tasks it wrote. Deleting goes through
:mod:`app.services.cascade`: a task takes its sub-tasks and every link touching them
with it, and restoring brings back exactly those.
"""

from __future__ import annotations

import uuid
from typing import Any

from app import clock
from app.changes import ChangeAction
from app.errors import NotFoundError, ValidationError
from app.services import _rows, cascade
from app.services import task_values as values_
from app.services.task_changes import Changes, summary, tracked
from app.services.task_cycles import refuse_circles_through
from app.services.task_outline import Outline
from app.workspace import Workspace
from models import Release, Task

__all__ = ["create_task", "delete_task", "restore_task", "update_task"]


def _state(task: Task) -> dict[str, Any]:
    return {k: getattr(task, k) for k in values_.EDITABLE}


def create_task(
    ws: Workspace,
    release_id: uuid.UUID,
    name: str,
    *,
    parent_id: uuid.UUID | None = None,
    index: int | None = None,
    **values: Any,
) -> Changes:
    """A new task of ``release_id`` under the summary ``parent_id`` (None: top level) at
    ``index`` among its siblings (None: last).

    ``values`` are any fields of :data:`task_values.EDITABLE` (a new task lasts one
    working day unless ``duration_minutes`` says otherwise). The release's WBS codes
    are renumbered. The first change is the new task (CREATED).
    """
    _rows.check_fields(Task, values, values_.EDITABLE)
    with ws.transaction() as s, tracked(s) as written:
        release = _rows.require_ref(s, Release, release_id)
        state = values_.default_fields() | values_.normalise(
            s, values_.implied_values({**values, "name": name})
        )
        values_.check_task(state)
        parent = None
        if parent_id is not None:
            parent = _rows.require_ref(s, Task, parent_id, "summary task")
            if parent.release_id != release.id:
                raise ValidationError(
                    "A new task can only go under a summary task of its own release."
                )
        plan = Outline(s, release.id)
        task = Task(id=uuid.uuid4(), release_id=release.id, position=0, wbs="", **state)
        plan.place(task.id, parent.id if parent is not None else None, index)
        plan.number_wbs()
        plan.write(s, task)
        s.add(task)
        return summary(s, _rows.changed(s, task, ChangeAction.CREATED), written)


def update_task(
    ws: Workspace, task_id: uuid.UUID, expected_version: int | None, **values: Any
) -> Changes:
    """Change fields of a task read at ``expected_version``.

    Fields: name, duration_minutes (whole minutes; elapsed when duration_elapsed),
    duration_elapsed, milestone, is_deployment, calendar_id, constraint_type,
    constraint_date, deadline, percent_complete (0-100), actual_start, actual_finish,
    notes. Dates are naive plan (wall-clock) time. Setting an undated constraint type
    (ASAP, ALAP) alone also clears the constraint date (:func:`task_values.implied_values`).
    Refused: a negative duration, percent outside 0-100, an actual finish before the
    actual start (or without one), a dated constraint type without a date.
    """
    _rows.check_fields(Task, values, values_.EDITABLE)
    with ws.transaction() as s:
        task = _rows.load_live(s, Task, task_id)
        new = values_.normalise(s, values_.implied_values(values))
        _rows.check_version(task, expected_version, new)
        values_.check_task(_state(task) | new)
        for key, value in new.items():
            setattr(task, key, value)
        return (_rows.changed(s, task, ChangeAction.UPDATED),)


def delete_task(ws: Workspace, task_id: uuid.UUID, expected_version: int | None = None) -> Changes:
    """Soft-delete a task with its sub-tasks and every link touching them (restorable);
    its siblings and the release's WBS codes are renumbered."""
    with ws.transaction() as s, tracked(s) as written:
        task = _rows.load_live(s, Task, task_id)
        _rows.check_version(task, expected_version, {})
        plan = Outline(s, task.release_id)
        plan.remove(task.id)  # its index stays its position: a restore puts it back there
        plan.number_wbs()
        plan.write(s)
        cascade.delete_tree(s, task, clock.precise_now())
        return summary(s, _rows.changed(s, task, ChangeAction.DELETED), written)


def restore_task(ws: Workspace, task_id: uuid.UUID, expected_version: int | None = None) -> Changes:
    """Undo :func:`delete_task`: the task comes back with the sub-tasks and links
    deleted with it, at its old place among its siblings (a no-op on a live task).

    Refused when its summary or its release has been deleted since (restore that
    first) and when its links would now close a circle with links added since (the
    tasks are named).
    """
    with ws.transaction() as s, tracked(s) as written:
        task = s.get(Task, task_id)
        if task is None:
            raise NotFoundError("That task does not exist.")
        _rows.check_version(task, expected_version, {})
        if task.deleted_at is not None:
            if task.parent_id is not None and s.get(Task, task.parent_id).deleted_at:
                raise ValidationError(
                    f"'{task.name}' belonged to a summary task that is deleted; restore "
                    "that one first."
                )
            cascade.restore_tree(s, task)
            if task.deleted_at is not None:  # its release is deleted: it stays with it
                raise ValidationError(
                    f"'{task.name}' belongs to a release that is deleted; restore the release."
                )
            s.flush()
            plan = Outline(s, task.release_id)
            plan.place(task.id, task.parent_id, task.position)
            plan.number_wbs()
            plan.write(s)
            refuse_circles_through(s, [task.id])
        return summary(s, _rows.changed(s, task, ChangeAction.RESTORED), written)
