"""A release's task plan for the demo: phases, tasks and every kind of link."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import uuid

from sqlalchemy.orm import Session

from app.demo.catalog import PHASES
from app.scheduling import schedule
from app.scheduling.plan import CalendarSpec, FreezeWindow, LinkSpec, PlanSpec, TaskSpec
from app.scheduling.plan import ConstraintType as PlanConstraint
from app.scheduling.plan import LinkType as PlanLinkType
from models import Release, Task, TaskLink
from models.enums import ConstraintType, LagUnit, LinkType

DAY = 480  # working minutes per day
DEADLINE_SLACK_DAYS = 5  # a release's deadline: this long after its planned end
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


def add_plan(
    s: Session,
    rng: random.Random,
    release: Release,
    new_id: callable,
    progress: float,
    calendar: CalendarSpec | None = None,
    status_date: dt.datetime | None = None,
    freeze_windows: tuple[FreezeWindow, ...] = (),
) -> dict[str, uuid.UUID]:
    """Add a 24-32 task plan to ``release``; ``progress`` (0..1) marks the share done.

    Baselines are the plan's own schedule (the engine, on ``calendar``: the domain's
    working week and holidays, the standard calendar without one; deployments kept out
    of ``freeze_windows``, as ``plan schedule`` keeps them); the release's
    planned end becomes the baseline's finish, its deadline five days later. The first
    ``progress`` share of the work, in schedule order, ran exactly to that baseline, as
    far as it lies before ``status_date`` (the demo's "now"): no work is done in the
    future. Returns task ids by name so callers can link plans across releases.
    """
    start = release.planned_start or dt.datetime(2026, 1, 5, 8)
    by_name: dict[str, Task] = {}
    tasks_in_order: list[Task] = []
    pending: list[tuple[uuid.UUID, uuid.UUID]] = []  # FS links inside each phase
    position = 0
    extras = rng.sample(EXTRA_TASKS, rng.randint(0, len(EXTRA_TASKS)))
    for phase_name, tasks in PHASES:
        phase_id = new_id()
        phase = Task(id=phase_id, release_id=release.id, name=phase_name, position=position)
        s.add(phase)
        tasks_in_order.append(phase)
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
            tasks_in_order.append(task)
        links = list(itertools.pairwise(chain))
        if phase_name == "Test" and extras:
            # Extra checks run in parallel after the deployment to test, not in a chain.
            first, extra_ids = chain[0], chain[1 : 1 + len(extras)]
            links = [(a, b) for a, b in links if a not in extra_ids and b not in extra_ids]
            links += [(first, e) for e in extra_ids] + [(e, chain[-1]) for e in extra_ids]
        pending += links
    s.flush()  # tasks before the links that reference them (no ORM relationships here)
    links = [TaskLink(predecessor_id=p, successor_id=q) for p, q in pending]
    links += [
        TaskLink(
            predecessor_id=by_name[prev_tasks[-1][0]].id,
            successor_id=by_name[next_tasks[0][0]].id,
        )
        for (_, prev_tasks), (_, next_tasks) in itertools.pairwise(PHASES)
    ]
    links += [
        TaskLink(
            predecessor_id=by_name[pred].id,
            successor_id=by_name[succ].id,
            link_type=kind,
            lag=lag * DAY,
            lag_unit=LagUnit.WORKING,
        )
        for pred, succ, kind, lag in SPECIAL_LINKS
    ]
    for link in links:
        link.id = new_id()
        s.add(link)
    by_name["Operational readiness review"].constraint_type = ConstraintType.SNET
    by_name["Operational readiness review"].constraint_date = start
    plan = _plan(tasks_in_order, links, start, calendar or CalendarSpec("demo"), freeze_windows)
    finish = _baseline_and_progress(tasks_in_order, plan, progress, status_date)
    # The window ends where the baseline does, the deadline a few days later: a release
    # is late only when something moves it (an upstream release of another domain).
    release.planned_end = by_name["Go-live"].deadline = finish
    release.deadline = finish + dt.timedelta(days=DEADLINE_SLACK_DAYS)
    return {name: task.id for name, task in by_name.items()}


def _plan(
    tasks: list[Task],
    links: list[TaskLink],
    start: dt.datetime,
    calendar: CalendarSpec,
    freeze_windows: tuple[FreezeWindow, ...],
) -> PlanSpec:
    """The release's plan as the engine takes it."""
    return PlanSpec(
        freeze_windows=freeze_windows,
        tasks=[
            TaskSpec(
                str(t.id), t.name, t.duration_minutes or 0, milestone=bool(t.milestone),
                parent_id=str(t.parent_id) if t.parent_id else None,
                constraint=PlanConstraint(t.constraint_type or "ASAP"),
                constraint_date=t.constraint_date, is_deployment=bool(t.is_deployment),
            )
            for t in tasks
        ],
        links=[
            LinkSpec(
                str(k.predecessor_id), str(k.successor_id), PlanLinkType(k.link_type or "FS"),
                k.lag or 0.0,
            )
            for k in links
        ],
        project_start=start,
        calendars={calendar.id: calendar},
        default_calendar_id=calendar.id,
    )


def _baseline_and_progress(
    tasks: list[Task], plan: PlanSpec, progress: float, status_date: dt.datetime | None
) -> dt.datetime:
    """Baseline every task by the plan's schedule and mark the progress; the finish."""
    result = schedule(plan)
    leaves = sorted(
        (t for t in tasks if t.parent_id is not None),
        key=lambda t: (result[str(t.id)].early_finish, t.position),
    )
    done = int(len(leaves) * progress)
    if status_date is not None:
        done = min(done, sum(result[str(t.id)].early_finish <= status_date for t in leaves))
    for index, task in enumerate(leaves):
        row = result[str(task.id)]
        task.baseline_start, task.baseline_finish = row.early_start, row.early_finish
        task.baseline_duration_minutes = task.duration_minutes
        if index < done:
            task.actual_start, task.actual_finish = row.early_start, row.early_finish
            task.percent_complete = 100.0
        elif index == done and progress > 0 and (
            status_date is None or row.early_start < status_date
        ):
            task.actual_start, task.percent_complete = row.early_start, 40.0
    return max(t.baseline_finish for t in leaves)
