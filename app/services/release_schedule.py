"""A release's schedule for tables and JSON: ``releasedesk plan schedule``.

A release can hold 100,000 tasks. Its result rows come from the engine in one bulk
build (:meth:`TaskResults.values`, column-wise), not one lookup at a time (which builds
each row on its own, ~30 µs each), and the per-task :class:`ScheduledTask` rows a table
needs are made only when something asks for them: ``--json`` reads the engine's rows
directly (:meth:`ReleaseSchedule.own_results`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from app.gc_pause import gc_paused
from app.scheduling import Schedule
from app.scheduling.plan import TaskSpec
from app.scheduling.results import TaskResult
from app.services.plan_service import nothing_to, own_tasks, scheduled_release
from app.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ScheduledTask:
    """One task of a scheduled release, for tables and JSON (floats in working minutes)."""

    id: str
    name: str
    early_start: dt.datetime
    early_finish: dt.datetime
    late_start: dt.datetime
    late_finish: dt.datetime
    total_float_minutes: int
    free_float_minutes: int
    critical: bool
    is_summary: bool
    is_milestone: bool
    depth: int
    percent_complete: float = 0.0


@dataclass(frozen=True)
class ReleaseSchedule:
    """A release scheduled with everything upstream of it.

    ``tasks`` are the release's own tasks in outline order (made on first use);
    ``critical_path`` the critical chains (task names) as the engine found them,
    restricted to this release; ``schedule`` the engine's full result (upstream tasks of
    other releases included); ``outline`` the release's own task specs with their
    outline depth.
    """

    release_id: uuid.UUID
    release_name: str
    start: dt.datetime
    finish: dt.datetime
    deadline: dt.datetime | None
    critical_path: tuple[tuple[str, ...], ...]
    problems: tuple[str, ...]
    minutes_per_day: int
    schedule: Schedule
    outline: tuple[tuple[TaskSpec, int], ...]

    def own_results(self) -> Iterator[tuple[TaskSpec, TaskResult]]:
        """Each own task (in outline order) with the engine's row for it."""
        rows = self.schedule.tasks
        for t, _depth in self.outline:
            yield t, rows[t.id]

    @cached_property
    def tasks(self) -> tuple[ScheduledTask, ...]:
        """The release's own tasks in outline order, for tables."""
        rows = self.schedule.tasks
        return tuple(
            ScheduledTask(
                t.id, t.name, r.early_start, r.early_finish, r.late_start, r.late_finish,
                r.total_float, r.free_float, r.critical, r.is_summary, r.is_milestone,
                depth, t.percent_complete,
            )
            for t, depth in self.outline
            for r in (rows[t.id],)
        )


@gc_paused()  # 100,000s of rows that form no cycles: see app.gc_pause
def schedule_release(ws: Workspace, release: str | uuid.UUID) -> ReleaseSchedule:
    """Schedule a release (with everything upstream of it) by the critical path method.

    Raises :class:`PlanNotSchedulableError` with the engine's message (for example the
    tasks of a circle of links, by name) when no schedule exists, and
    :class:`ValidationError` for a release without tasks.
    """
    release_id, name, loaded, result = scheduled_release(ws, release)
    own = str(release_id)
    rows = result.tasks
    rows.values()  # builds every row at once: the lookups below only read them
    outline = tuple(own_tasks(loaded, release_id))
    if not outline:
        raise nothing_to("schedule", name)
    own_ids = {t.id for t, _depth in outline}
    names = {t.id: t.name for t in loaded.plan.tasks}
    chains = tuple(
        tuple(names[i] for i in chain if i in own_ids)
        for chain in result.critical_path
        if any(i in own_ids for i in chain)
    )
    return ReleaseSchedule(
        release_id=release_id,
        release_name=name,
        # The release's own first task, not the start of the upstream work loaded with it.
        start=min(
            (rows[t.id].early_start for t, _depth in outline),
            default=loaded.plan.project_start,
        ),
        finish=result.release_finish.get(own, result.finish),
        deadline=loaded.plan.deadline,
        critical_path=chains,
        problems=tuple(
            p.message for p in result.problems if p.task_id is None or p.task_id in own_ids
        ),
        minutes_per_day=loaded.plan.minutes_per_day,
        schedule=result,
        outline=outline,
    )
