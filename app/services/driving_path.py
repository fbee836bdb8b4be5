"""Why this date? The chain of what drives a task's start, back to what pins it.

Public API (Qt-free; signatures kept stable for the Plan view and the CLI):

* :func:`driving_path(ws, release, task) -> DrivingPath <driving_path>` — schedule the
  release (with everything upstream of it) and explain ``task``: a row number as the
  plan table shows it (1-based position in the release's outline order), a task id,
  or a task name (case-insensitive; an ambiguous name raises :class:`ValidationError`
  listing the candidates, an unknown one :class:`NotFoundError`).
* :func:`explain(plan, result, task_id, release_names=None, rows=None) -> DrivingPath
  <explain>` — the same over an engine :class:`Schedule` (no database).
* :func:`why_sentence(plan, result, task_id, release_names=None, *,
  unconstrained=False) -> str <why_sentence>` — the first step's sentence only (no
  walk), for a bar's tooltip.
* :class:`DrivingPath` (``steps``, ``task_ids()``, ``text``, ``pin``) and
  :class:`PathStep` (one task of the chain, with its sentence).

Each step explains one date of one task: the asked task's start first, then the date
of whatever set it (the predecessor's finish for an FS link, its start for SS, ...),
and so on, until a *pin*: a constraint, an actual date, the status date, a freeze
window, the release's planned start (a "start no earlier than" the plan loader gives
work of a release; its driver's ``name`` is :data:`PLANNED_START`) or the start of
the plan. A step whose date follows from the task's other end
(its duration) says so and goes on from that end. Plan dates are the wall-clock times
of the team's working calendars, so they are shown as they are (never converted).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import replace

import sqlalchemy as sa

from app.errors import NotFoundError, ValidationError
from app.scheduling import Driver, DriverKind, Schedule
from app.scheduling.plan import PlanSpec, TaskSpec
from app.scheduling.results import PINNING_KINDS
from app.services.driving_path_text import PLANNED_START, crossed_exceptions, step_sentence
from app.services.driving_steps import DrivingPath, PathStep
from app.services.plan_service import nothing_to, own_tasks, scheduled_release
from app.workspace import Workspace
from models import Task

__all__ = ["DrivingPath", "PathStep", "driving_path", "explain", "find_task", "why_sentence"]

_MAX_CANDIDATES = 8  # an ambiguous name lists at most this many tasks
_At = tuple[str, bool, dt.datetime | None]  # task, its finish?, a summary's bound date


def driving_path(ws: Workspace, release: str | uuid.UUID, task: str) -> DrivingPath:
    """Schedule ``release`` and explain the start of ``task`` (row number, id or name).

    Raises :class:`NotFoundError` for an unknown release or task,
    :class:`ValidationError` for an ambiguous name, a row out of range or a release
    without tasks, :class:`PlanNotSchedulableError` when the plan has no schedule.
    """
    release_id, name, loaded, result = scheduled_release(ws, release)
    outline = [t for t, _depth in own_tasks(loaded, release_id)]
    if not outline:
        raise nothing_to("explain", name)
    spec = find_task(outline, task, name)
    rows = {t.id: n for n, t in enumerate(outline, 1)}
    path = explain(loaded.plan, result, spec.id, loaded.release_names, rows)
    return _planned_start_named(ws, path)


def _planned_start_named(ws: Workspace, path: DrivingPath) -> DrivingPath:
    """A pin on "start no earlier than" that the plan loader gave an unconstrained task
    (work of a release starts no earlier than its planned start, see ``plan_loader``)
    is named as the release's planned start: the coordinator never set that constraint."""
    last = path.steps[-1]
    d = last.driver
    if d.kind != DriverKind.CONSTRAINT or d.name != "SNET":
        return path
    with ws.reading() as s:
        stored = s.scalar(sa.select(Task.constraint_type).where(Task.id == uuid.UUID(last.task_id)))
    if stored not in (None, "ASAP"):
        return path
    step = _as_planned_start(last, path.release, path.minutes_per_day)
    return replace(path, steps=(*path.steps[:-1], step))


def _as_planned_start(step: PathStep, release: str, minutes_per_day: int) -> PathStep:
    """``step`` with its "start no earlier than" pin named as the release's planned start."""
    d = step.driver
    if d.kind != DriverKind.CONSTRAINT or d.name != "SNET":
        return step
    step = replace(step, driver=replace(d, name=PLANNED_START))
    return replace(step, sentence=step_sentence(step, release, minutes_per_day))


def find_task(outline: list[TaskSpec], task: str, release_name: str) -> TaskSpec:
    """The task ``task`` names among ``outline`` (a release's tasks in table order)."""
    wanted = task.strip()
    if wanted.isdigit():
        row = int(wanted)
        if not 1 <= row <= len(outline):
            raise ValidationError(
                f"'{release_name}' has rows 1 to {len(outline)}; there is no row {row}."
            )
        return outline[row - 1]
    by_id = next((t for t in outline if t.id == wanted), None)
    if by_id is not None:
        return by_id
    same = [(n, t) for n, t in enumerate(outline, 1) if t.name.casefold() == wanted.casefold()]
    if len(same) == 1:
        return same[0][1]
    if same:
        listed = ", ".join(f"row {n} '{t.name}'" for n, t in same[:_MAX_CANDIDATES])
        more = "" if len(same) <= _MAX_CANDIDATES else f" and {len(same) - _MAX_CANDIDATES} more"
        raise ValidationError(
            f"{len(same)} tasks of '{release_name}' are named '{wanted}': {listed}{more}; "
            "give the row number instead."
        )
    raise NotFoundError(f"'{release_name}' has no task named '{wanted}'.")


def explain(
    plan: PlanSpec,
    result: Schedule,
    task_id: str,
    release_names: Mapping[str, str] | None = None,
    rows: Mapping[str, int] | None = None,
) -> DrivingPath:
    """The driving path of ``task_id``'s start in ``result`` (the schedule of ``plan``)."""
    names = release_names or {}
    specs = {t.id: t for t in plan.tasks}
    walker = _Walker(plan, result, specs, names, rows or {})
    first = specs[task_id]
    return DrivingPath(
        task_id,
        first.name,
        walker.release_of(first),
        walker.walk(task_id),
        tuple(specs[t].name for t in result.drivers(task_id).driven),
        plan.minutes_per_day,
    )


def why_sentence(
    plan: PlanSpec,
    result: Schedule,
    task_id: str,
    release_names: Mapping[str, str] | None = None,
    *,
    unconstrained: bool = False,
) -> str:
    """The first step of ``task_id``'s driving path alone, as one sentence (cheap: no
    walk back through the plan), for a bar's tooltip. ``unconstrained``: the task is
    stored as "as soon as possible", so a "start no earlier than" on it is the one the
    plan loader gives, named as the release's planned start (as :func:`driving_path`
    does)."""
    specs = {t.id: t for t in plan.tasks}
    walker = _Walker(plan, result, specs, release_names or {}, {})
    walker.asked_release = specs[task_id].release_id
    step = walker.step(task_id, False, None)
    if unconstrained:
        step = _as_planned_start(step, walker.release_of(specs[task_id]), plan.minutes_per_day)
    return step.sentence


class _Walker:
    """Follows drivers from one task's start back to the pin, a step per date."""

    def __init__(
        self,
        plan: PlanSpec,
        result: Schedule,
        specs: Mapping[str, TaskSpec],
        release_names: Mapping[str, str],
        rows: Mapping[str, int],
    ) -> None:
        self.plan, self.result, self.specs = plan, result, specs
        self.names, self.rows = release_names, rows
        self.asked_release: str | None = None

    def release_of(self, spec: TaskSpec) -> str:
        return self.names.get(spec.release_id or "", "")

    def walk(self, task_id: str) -> tuple[PathStep, ...]:
        self.asked_release = self.specs[task_id].release_id
        steps: list[PathStep] = []
        seen: set[tuple[str, bool, bool]] = set()
        at: _At | None = (task_id, False, None)
        while at is not None and (key := (at[0], at[1], at[2] is not None)) not in seen:
            seen.add(key)
            step = self.step(*at)
            steps.append(step)
            at = self._next(step.driver)
        return tuple(steps)

    def _next(self, d: Driver) -> _At | None:
        if d.kind in PINNING_KINDS or d.task_id is None:
            return None
        if d.kind == DriverKind.LINK:
            assert d.link is not None
            return d.task_id, d.link.type in ("FS", "FF"), None
        return d.task_id, d.to_finish, d.date if d.kind == DriverKind.SUMMARY else None

    def step(self, task_id: str, finish: bool, bound: dt.datetime | None) -> PathStep:
        """The step explaining ``task_id``'s start (or finish), or the ``bound`` date a
        summary puts on its children."""
        drivers = self.result.drivers(task_id)
        row = self.result.tasks[task_id]
        spec = self.specs[task_id]
        if bound is not None:  # a summary's bound on its children, not its own dates
            d = drivers.bound_finish if finish else drivers.bound_start
            assert d is not None  # it drove a child, so it exists
            via = False
            date = bound
        else:
            d = drivers.finish if finish else drivers.start
            via = d.kind == DriverKind.DURATION
            if via:
                d = drivers.start if finish else drivers.finish
            date = row.early_finish if finish else row.early_start
            if d.kind == DriverKind.CHILD and d.date is not None:
                date = d.date  # the child's instant: the summary's row shows it on its calendar
        other = self.specs.get(d.task_id or "")
        cal_id = spec.calendar_id or self.plan.default_calendar_id
        calendar = self.plan.calendars[cal_id]
        crossed: tuple[str, ...] = ()
        if d.kind == DriverKind.LINK and d.date is not None:
            linked = date if not via else row.early_start if finish else row.early_finish
            crossed = crossed_exceptions(calendar, d.date, linked)
        step = PathStep(
            task_id,
            spec.name,
            self.release_of(spec),
            self.rows.get(task_id),
            "finish" if finish else "start",
            date,
            row.early_start,
            row.early_finish,
            row.duration_minutes,
            via,
            d,
            other.name if other else "",
            self.release_of(other) if other else "",
            calendar.name,
            crossed,
            "",
            bound is not None,
        )
        asked = self.names.get(self.asked_release or "", "")
        return replace(step, sentence=step_sentence(step, asked, self.plan.minutes_per_day))
