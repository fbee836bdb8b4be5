"""A release's task plan for the demo: phases, tasks and every kind of link."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import uuid

from sqlalchemy.orm import Session

from app.demo.catalog import PHASES
from models import Release, Task, TaskLink
from models.enums import ConstraintType, LagUnit, LinkType

DAY = 480  # working minutes per day
EXTRA_TASKS = (
    ("Security review", 2),
    ("Penetration test", 3),
    ("Accessibility audit", 2),
    ("Data backfill", 2),
    ("Feature toggle clean-up", 1),
    ("Load balancer configuration", 1),
    ("Contract testing with partners", 3),
    ("Documentation update", 2),
)
# (predecessor, successor, type, lag in days): the links beyond the plain FS chains.
SPECIAL_LINKS = (
    ("Implement backend changes", "Implement user interface", LinkType.SS, 2),
    ("Implement backend changes", "Database migration scripts", LinkType.FF, 0),
    ("System integration testing", "Performance testing", LinkType.SS, 2),
    ("System integration testing", "User acceptance testing", LinkType.FS, 1),
    # SF: the readiness review cannot finish before a day after staging deployment starts.
    ("Deploy to staging", "Operational readiness review", LinkType.SF, 1),
    ("Production deployment", "Knowledge transfer to support", LinkType.FS, -2),
)


def _working_days_after(start: dt.datetime, days: int) -> dt.datetime:
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def add_plan(
    s: Session, rng: random.Random, release: Release, new_id: callable, progress: float
) -> dict[str, uuid.UUID]:
    """Add a 24-32 task plan to ``release``; ``progress`` (0..1) marks the share done.

    Returns task ids by name so callers can link plans across releases.
    """
    start = release.planned_start or dt.datetime(2026, 1, 5, 8)
    by_name: dict[str, Task] = {}
    ordered: list[tuple[Task, int]] = []  # task, working days
    pending: list[tuple[uuid.UUID, uuid.UUID]] = []  # FS links inside each phase
    position = 0
    extras = rng.sample(EXTRA_TASKS, rng.randint(0, len(EXTRA_TASKS)))
    for phase_name, tasks in PHASES:
        phase_id = new_id()
        s.add(Task(id=phase_id, release_id=release.id, name=phase_name, position=position))
        s.flush()  # the summary row first: its children reference it
        position += 1
        chain: list[uuid.UUID] = []
        phase_tasks = list(tasks)
        if phase_name == "Test":
            phase_tasks[1:1] = [(n, d, False, False) for n, d in extras]
        for name, days, milestone, deployment in phase_tasks:
            task = Task(
                id=new_id(),
                release_id=release.id,
                parent_id=phase_id,
                position=position,
                name=name,
                duration_minutes=days * DAY,
                milestone=milestone,
                is_deployment=deployment,
            )
            s.add(task)
            position += 1
            by_name[name] = task
            chain.append(task.id)
            ordered.append((task, days))
        links = list(itertools.pairwise(chain))
        if phase_name == "Test" and extras:
            # Extra checks run in parallel after the deployment to test, not in a chain.
            first, extra_ids = chain[0], chain[1 : 1 + len(extras)]
            links = [(a, b) for a, b in links if a not in extra_ids and b not in extra_ids]
            links += [(first, e) for e in extra_ids] + [(e, chain[-1]) for e in extra_ids]
        pending += links
    s.flush()  # tasks before the links that reference them (no ORM relationships here)
    for pred, succ in pending:
        s.add(TaskLink(id=new_id(), predecessor_id=pred, successor_id=succ))
    for (_, prev_tasks), (_, next_tasks) in itertools.pairwise(PHASES):
        s.add(
            TaskLink(
                id=new_id(),
                predecessor_id=by_name[prev_tasks[-1][0]].id,
                successor_id=by_name[next_tasks[0][0]].id,
            )
        )
    for pred, succ, kind, lag in SPECIAL_LINKS:
        s.add(
            TaskLink(
                id=new_id(),
                predecessor_id=by_name[pred].id,
                successor_id=by_name[succ].id,
                link_type=kind,
                lag=lag * DAY,
                lag_unit=LagUnit.WORKING,
            )
        )
    by_name["Go-live"].deadline = release.planned_end
    by_name["Operational readiness review"].constraint_type = ConstraintType.SNET
    by_name["Operational readiness review"].constraint_date = start
    _mark_progress(ordered, start, progress)
    return {name: task.id for name, task in by_name.items()}


def _mark_progress(ordered: list[tuple[Task, int]], start: dt.datetime, progress: float) -> None:
    """Sequential baseline dates, and actuals for the first ``progress`` share of tasks."""
    done = int(len(ordered) * progress)
    cursor = start
    for index, (task, days) in enumerate(ordered):
        finish = _working_days_after(cursor, days).replace(hour=17)
        if index < done:
            task.actual_start, task.actual_finish, task.percent_complete = cursor, finish, 100.0
        elif index == done and progress > 0:
            task.actual_start, task.percent_complete = cursor, 40.0
        task.baseline_start, task.baseline_finish = cursor, finish
        task.baseline_duration_minutes = days * DAY
        cursor = finish.replace(hour=8) if days else cursor
