"""Baselines of a release's plan: set them from the schedule, and measure the slip.

A baseline is what the coordinator and the stakeholders agreed: each task's start,
finish and working duration as scheduled at that moment. Setting it again replaces
it (the previous values are returned, so the window can undo it); the variance report
compares today's schedule with it, per task and for the release as a whole.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from app.batches import batches
from app.changes import Change, ChangeAction
from app.errors import ValidationError
from app.scheduling import capture_baseline, variance
from app.services.plan_service import own_tasks, scheduled_release
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


def set_baseline(ws: Workspace, release: str | uuid.UUID) -> BaselineSet:
    """Store the release's current schedule (upstream releases included in the
    calculation) as the baseline of each of its tasks, in one transaction."""
    release_id, name, loaded, result = scheduled_release(ws, release)
    ids = [uuid.UUID(t.id) for t, _depth in own_tasks(loaded, release_id)]
    if not ids:
        raise ValidationError(f"'{name}' has no tasks yet, so there is nothing to baseline.")
    entries = capture_baseline(result)
    with ws.transaction() as s:
        live = sa.select(Task).where(Task.release_id == release_id, Task.deleted_at.is_(None))
        rows = [row for row in s.scalars(live) if str(row.id) in entries]  # just scheduled
        previous = tuple(
            BaselineValues(r.id, r.baseline_start, r.baseline_finish, r.baseline_duration_minutes)
            for r in rows
        )
        for row in rows:
            entry = entries[str(row.id)]
            row.baseline_start, row.baseline_finish = entry.start, entry.finish
            row.baseline_duration_minutes = entry.duration_minutes
    mine = [entries[str(i)] for i in ids]
    return BaselineSet(
        release_id, name, len(rows), min(e.start for e in mine), max(e.finish for e in mine),
        previous, Change(Task.__tablename__, ChangeAction.UPDATED, tuple(ids)),
    )


def restore_baseline(ws: Workspace, previous: tuple[BaselineValues, ...]) -> Change:
    """Put back the baselines :func:`set_baseline` replaced (its undo)."""
    by_id = {v.task_id: v for v in previous}
    ids = list(by_id)
    with ws.transaction() as s:
        rows = [  # in slices: a statement takes at most so many parameters
            row for batch in batches(ids)
            for row in s.scalars(sa.select(Task).where(Task.id.in_(batch)))
        ]
        for row in rows:
            old = by_id[row.id]
            row.baseline_start, row.baseline_finish = old.start, old.finish
            row.baseline_duration_minutes = old.duration_minutes
    return Change(Task.__tablename__, ChangeAction.UPDATED, tuple(by_id))


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
