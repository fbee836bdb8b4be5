"""Baselines of a release's plan: set them from the schedule, and measure the slip.

A baseline is what the coordinator and the stakeholders agreed: each task's start,
finish and working duration as scheduled at that moment. Setting it again replaces
it (the previous values are returned, so the window can undo it); the variance report
compares today's schedule with it, per task and for the release as a whole.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from app.batches import batches
from app.changes import Change, ChangeAction
from app.scheduling import capture_baseline, variance
from app.services._rows import check_version
from app.services.plan_service import nothing_to, own_tasks, resolve_release, scheduled_release
from app.workspace import Workspace
from models import Task


@dataclass(frozen=True)
class BaselineValues:
    """One task's stored baseline (all None: the task had none)."""

    task_id: uuid.UUID
    start: dt.datetime | None
    finish: dt.datetime | None
    duration_minutes: int | None


@dataclass(frozen=True)
class BaselinePlan:
    """A release's schedule ready to be stored as its baseline (:func:`plan_baseline`).

    Computing it schedules the plan (slow on a large one: a worker thread's job);
    storing it (:func:`store_baseline`) is one quick transaction.
    """

    release_id: uuid.UUID
    release_name: str
    own_ids: tuple[uuid.UUID, ...]
    entries: Mapping[str, Any]  # task id → BaselineEntry
    # The release's task versions read before scheduling: a task saved after that
    # moment may not be in the schedule, so storing over it is a conflict.
    versions: Mapping[uuid.UUID, int] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class BaselineSet:
    """What :func:`set_baseline` did: ``previous`` puts the old baseline back."""

    release_id: uuid.UUID
    release_name: str
    tasks: int
    start: dt.datetime
    finish: dt.datetime
    previous: tuple[BaselineValues, ...]
    change: Change


@dataclass(frozen=True)
class TaskSlip:
    """A task's schedule against its baseline; variances in working minutes, positive =
    later or longer, None where the task has no baseline."""

    id: str
    name: str
    depth: int
    start: dt.datetime
    finish: dt.datetime
    baseline_start: dt.datetime | None
    baseline_finish: dt.datetime | None
    start_variance_minutes: int | None
    finish_variance_minutes: int | None
    duration_variance_minutes: int | None


@dataclass(frozen=True)
class ReleaseSlip:
    """A release's schedule against its baseline (release variances are None when no
    task of it has a baseline)."""

    release_id: uuid.UUID
    release_name: str
    finish: dt.datetime
    deadline: dt.datetime | None
    baseline_finish: dt.datetime | None
    start_variance_minutes: int | None
    finish_variance_minutes: int | None
    duration_variance_minutes: int | None
    tasks: tuple[TaskSlip, ...]
    minutes_per_day: int


def plan_baseline(ws: Workspace, release: str | uuid.UUID) -> BaselinePlan:
    """Schedule the release (upstream releases included in the calculation) and keep
    each task's dates as the baseline to store; nothing is written. The task versions
    are read first (see ``BaselinePlan.versions``)."""
    release_id, _name = resolve_release(ws, release)
    with ws.reading() as s:
        read = sa.select(Task.id, Task.version).where(Task.release_id == release_id)
        versions = dict(s.execute(read).all())
    release_id, name, loaded, result = scheduled_release(ws, release_id)
    ids = tuple(uuid.UUID(t.id) for t, _depth in own_tasks(loaded, release_id))
    if not ids:
        raise nothing_to("baseline", name)
    return BaselinePlan(release_id, name, ids, capture_baseline(result), versions)


def store_baseline(
    ws: Workspace, plan: BaselinePlan, expected_versions: Mapping[uuid.UUID, int] | None = None
) -> BaselineSet:
    """Store ``plan`` as the baseline of each of its tasks, in one transaction.

    With ``expected_versions`` (task id → the version the caller saw, e.g. what an undo
    left) a task a colleague changed since is not overwritten: :class:`ConflictError`.
    """
    entries, expected = plan.entries, expected_versions or {}
    with ws.transaction() as s:
        live = sa.select(Task).where(Task.release_id == plan.release_id, Task.deleted_at.is_(None))
        rows = [row for row in s.scalars(live) if str(row.id) in entries]  # just scheduled
        previous = tuple(
            BaselineValues(r.id, r.baseline_start, r.baseline_finish, r.baseline_duration_minutes)
            for r in rows
        )
        for row in rows:
            entry = entries[str(row.id)]
            _put(row, expected, entry.start, entry.finish, entry.duration_minutes)
        s.flush()
        change = _task_change(rows)
    mine = [entries[str(i)] for i in plan.own_ids]
    return BaselineSet(
        plan.release_id, plan.release_name, len(rows), min(e.start for e in mine),
        max(e.finish for e in mine), previous, change,
    )


def set_baseline(
    ws: Workspace,
    release: str | uuid.UUID,
    expected_versions: Mapping[uuid.UUID, int] | None = None,
) -> BaselineSet:
    """Store the release's current schedule (upstream releases included in the
    calculation) as the baseline of each of its tasks, in one transaction.

    Without ``expected_versions`` the versions read before scheduling are expected: a
    colleague's save while the plan was being scheduled is a :class:`ConflictError`.
    """
    plan = plan_baseline(ws, release)
    expected = plan.versions if expected_versions is None else expected_versions
    return store_baseline(ws, plan, expected)


def restore_baseline(
    ws: Workspace,
    previous: tuple[BaselineValues, ...],
    expected_versions: Mapping[uuid.UUID, int] | None = None,
) -> Change:
    """Put back the baselines :func:`set_baseline` replaced (its undo).

    ``expected_versions`` are the task versions the set left (its change's versions);
    a task a colleague changed since raises :class:`ConflictError`, nothing is written.
    """
    by_id = {v.task_id: v for v in previous}
    ids, expected = list(by_id), expected_versions or {}
    with ws.transaction() as s:
        rows = [  # in slices: a statement takes at most so many parameters
            row for batch in batches(ids)
            for row in s.scalars(sa.select(Task).where(Task.id.in_(batch)))
        ]
        for row in rows:
            old = by_id[row.id]
            _put(row, expected, old.start, old.finish, old.duration_minutes)
        s.flush()
        return _task_change(rows)


def _put(
    row: Task,
    expected: Mapping[uuid.UUID, int],
    start: dt.datetime | None,
    finish: dt.datetime | None,
    minutes: int | None,
) -> None:
    """Write one task's baseline, refusing a task changed since ``expected`` says."""
    values = {"baseline_start": start, "baseline_finish": finish,
              "baseline_duration_minutes": minutes}
    check_version(row, expected.get(row.id), values)
    row.baseline_start, row.baseline_finish, row.baseline_duration_minutes = start, finish, minutes


def _task_change(rows: list[Task]) -> Change:
    """The tasks written, each with the version it now has (what an undo must expect)."""
    return Change(
        Task.__tablename__, ChangeAction.UPDATED,
        tuple(r.id for r in rows), tuple(r.version for r in rows),
    )


def release_slip(ws: Workspace, release: str | uuid.UUID) -> ReleaseSlip:
    """Today's schedule of the release against its baseline, task by task."""
    release_id, name, loaded, result = scheduled_release(ws, release)
    report = variance(loaded.plan, result)
    own = str(release_id)
    tasks = []
    for t, depth in own_tasks(loaded, release_id):
        r, v = result.tasks[t.id], report.tasks[t.id]
        tasks.append(TaskSlip(
            t.id, t.name, depth, r.start, r.finish, t.baseline_start, t.baseline_finish,
            v.start_minutes, v.finish_minutes, v.duration_minutes,
        ))
    whole = report.releases.get(own)
    finishes = [t.baseline_finish for t in tasks if t.baseline_finish is not None]
    return ReleaseSlip(
        release_id, name, result.release_finish.get(own, result.finish), loaded.plan.deadline,
        max(finishes, default=None),
        whole.start_minutes if whole else None,
        whole.finish_minutes if whole else None,
        whole.duration_minutes if whole else None,
        tuple(tasks), loaded.plan.minutes_per_day,
    )
