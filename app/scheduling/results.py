"""What the engine hands back: frozen, plain result rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from app.scheduling.plan import LinkSpec


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a coordinator should look at; the plan was still scheduled.

    ``kind`` is a stable code for filtering (``"constraint_conflict"``,
    ``"missed_deadline"``, ``"ignored_constraint"``, ...); ``message`` is for people.
    """

    kind: str
    message: str
    task_id: str | None = None


@dataclass(frozen=True, slots=True)
class TaskResult:
    """Scheduled dates of one task.

    ``start``/``finish`` are the dates the task is planned on (the early dates, or
    the late ones for an "as late as possible" task, or the actual dates once it has
    progress). Floats are working minutes on the task's calendar; negative float means
    a deadline or constraint cannot be met. ``duration_minutes`` is the working time
    between ``start`` and ``finish``.
    """

    task_id: str
    early_start: dt.datetime
    early_finish: dt.datetime
    late_start: dt.datetime
    late_finish: dt.datetime
    start: dt.datetime
    finish: dt.datetime
    duration_minutes: int
    total_float: int
    free_float: int
    critical: bool
    near_critical: bool
    is_summary: bool = False
    is_milestone: bool = False
    is_complete: bool = False
    release_id: str | None = None


class DriverKind(StrEnum):
    """What set one end (start or finish) of a task's early dates."""

    LINK = "link"  # a predecessor link (``Driver.link``, ``Driver.task_id`` = predecessor)
    DURATION = "duration"  # the other end of the task plus (or minus) its duration
    CHILD = "child"  # a summary's first start or last finish among its children
    SUMMARY = "summary"  # the bound a summary's own links/constraint put on its children
    CONSTRAINT = "constraint"  # a date constraint (``Driver.name``: its type)
    ACTUAL = "actual"  # an actual start or finish
    STATUS_DATE = "status_date"  # remaining work starts no earlier than the status date
    PROJECT_START = "project_start"  # nothing later: the plan's start
    FREEZE_WINDOW = "freeze_window"  # a deployment pushed past a freeze window


PINNING_KINDS = frozenset({
    DriverKind.CONSTRAINT, DriverKind.ACTUAL, DriverKind.STATUS_DATE,
    DriverKind.PROJECT_START, DriverKind.FREEZE_WINDOW,
})
"""Drivers that end a driving path: nothing before them moved the date."""


@dataclass(frozen=True, slots=True)
class Driver:
    """Why one end of a task is where it is.

    ``task_id``: the predecessor (``LINK``), the child (``CHILD``) or the summary
    (``SUMMARY``). ``date``: for ``LINK`` the predecessor's instant the link leaves from
    (its finish for FS/FF, its start for SS/SF), exactly as the engine used it; for a
    pinning driver its own date (constraint date, actual date, status date, plan start,
    end of the freeze window). ``name``: the constraint type or the window's name.
    ``to_finish`` says which end of the *driven* task this driver set.
    """

    kind: DriverKind
    to_finish: bool = False
    task_id: str | None = None
    link: LinkSpec | None = None
    date: dt.datetime | None = None
    name: str = ""


@dataclass(frozen=True, slots=True)
class TaskDrivers:
    """What set a task's early start and early finish, and which successors it drives.

    For a summary task ``start``/``finish`` are ``CHILD`` drivers and
    ``bound_start``/``bound_finish`` what its own links and constraint impose on its
    children (``None`` when it has none). ``driven`` are the successor tasks whose start
    or finish this task's links set, in plan order.
    """

    task_id: str
    start: Driver
    finish: Driver
    driven: tuple[str, ...] = ()
    bound_start: Driver | None = None
    bound_finish: Driver | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    """A scheduled plan.

    ``tasks`` is keyed by task id, in the plan's task order. ``critical_path`` holds
    the critical tasks as ordered chains (each chain follows driving links from its
    first to its last task) for display. ``release_finish`` maps each ``release_id``
    to the latest finish of its tasks.
    """

    tasks: Mapping[str, TaskResult]
    start: dt.datetime
    finish: dt.datetime
    critical_path: tuple[tuple[str, ...], ...]
    release_finish: Mapping[str, dt.datetime]
    problems: tuple[Problem, ...] = ()
    near_critical_minutes: int = 960
    explain: Callable[[str], TaskDrivers] | None = field(default=None, compare=False, repr=False)

    def drivers(self, task_id: str) -> TaskDrivers:
        """What set ``task_id``'s early dates (worked out on first ask, not while
        scheduling). Raises ``KeyError`` for a task not in the plan."""
        if self.explain is None:
            raise LookupError("This schedule was not made by the engine: no drivers known.")
        return self.explain(task_id)

    def __getitem__(self, task_id: str) -> TaskResult:
        return self.tasks[task_id]

    @property
    def critical_task_ids(self) -> frozenset[str]:
        """Ids of all critical tasks."""
        return frozenset(tid for tid, r in self.tasks.items() if r.critical)
