"""What the engine hands back: frozen, plain result rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass


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

    def __getitem__(self, task_id: str) -> TaskResult:
        return self.tasks[task_id]

    @property
    def critical_task_ids(self) -> frozenset[str]:
        """Ids of all critical tasks."""
        return frozenset(tid for tid, r in self.tasks.items() if r.critical)
