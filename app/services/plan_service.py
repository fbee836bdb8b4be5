"""Release plans: import from Microsoft Project / GanttProject, export, schedule.

Reading plans for the engine lives in :mod:`app.services.plan_loader` (Core selects,
no ORM). Importing writes in one transaction (if anything fails, nothing is written):
the release and calendars through the ORM, tasks and links in bulk through the same
audited path (:func:`models.bulk_audit.insert_audited`: one audit row per row).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any, Protocol

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change
from app.dates_text import day
from app.errors import NotFoundError, PlanFileError, PlanNotSchedulableError, ValidationError
from app.gc_pause import gc_paused
from app.interchange import write_mspdi
from app.interchange.file_output import check_export_target
from app.scheduling import Schedule, SchedulingError, schedule
from app.scheduling.plan import CalendarSpec, PlanSpec, TaskSpec
from app.services.plan_calendars import format_hours, format_week
from app.services.plan_import_undo import import_changes
from app.services.plan_loader import LoadedPlan, load_plan
from app.workspace import Workspace
from models import Calendar, CalendarException, Domain, Release, Task, TaskLink
from models.bulk_audit import ascending_ids, insert_audited
from models.enums import (
    CalendarExceptionKind,
    ConstraintType,
    LagUnit,
    LinkType,
    ReleaseStatus,
)

_NAME_MAX = 240  # Task.name
_WBS_MAX = 40  # Task.wbs
_RELEASE_NAME_MAX = 160
_HOURS_LENGTH = Calendar.working_hours.type.length
_WEEKDAY_HOURS_LENGTH = Calendar.weekday_hours.type.length


ImportProgress = Callable[[int, int], None]
"""``progress(done, total)``: rows (tasks and links) written so far, never decreasing."""
Progress = Callable[[int], None]


class PlanDocument(Protocol):
    """What :func:`import_plan` needs of a read file (MspdiDocument or GanDocument)."""

    name: str
    plan: PlanSpec
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote: the release, row counts and what was read approximately.

    ``changes`` is the change summary (every row written, with its version): what the
    views refresh from, and what undoing the import takes back.
    """

    release_id: uuid.UUID
    release_name: str
    tasks: int
    links: int
    created_release: bool
    calendars: int = 0
    calendar_exceptions: int = 0
    warnings: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()


# -- import -------------------------------------------------------------------------------
def import_plan(
    ws: Workspace,
    document: PlanDocument,
    *,
    release_name: str | None = None,
    progress: ImportProgress | None = None,
) -> ImportResult:
    """Write an imported plan into a release (a new Draft release when none has the name).

    The release name defaults to the document's name. A release that already has tasks
    is refused with :class:`ValidationError`: an import never mixes with, nor replaces,
    an existing plan. Tasks keep their outline, WBS, notes, constraints, actuals and
    baselines; the plan's calendars (the default one and any a task uses) become
    Calendar rows with their holidays and special working days.

    Tasks and links are written in bulk with one audit row each (their fields as
    canonical JSON, see :mod:`models.bulk_audit`); ``progress(done, total)`` is called
    with the rows written so far, from ``(0, total)`` up to ``(total, total)``.
    """
    name = (release_name if release_name is not None else document.name).strip()
    if not name:
        raise ValidationError("The plan has no name; give one with --release NAME.")
    if len(name) > _RELEASE_NAME_MAX:
        raise ValidationError(f"A release name can have at most {_RELEASE_NAME_MAX} characters.")
    plan = document.plan
    _check_plan(plan)
    warnings = list(document.warnings)
    if plan.minutes_per_day != 480:
        warnings.append(
            f"The file counts {plan.minutes_per_day} minutes per day; ReleaseDesk uses 480 "
            "for day figures (durations themselves are kept in minutes)."
        )
    if plan.status_date is not None:
        warnings.append(f"The file's status date {day(plan.status_date)} was not kept.")
    # hundreds of thousands of row dicts and audit records, no cycles (see gc_pause)
    with gc_paused(), ws.transaction() as s:
        release, created = _target_release(s, name, plan)
        cal_ids, exception_count = _add_calendars(s, plan, name)
        _release_calendar(s, release, cal_ids[plan.default_calendar_id], warnings)
        total = len(plan.tasks) + len(plan.links)
        report = progress or (lambda _done, _total: None)
        report(0, total)
        task_ids = _add_tasks(
            s, document, release.id, cal_ids, warnings, lambda done: report(done, total)
        )
        link_count = _add_links(
            s, plan, task_ids, lambda done: report(len(task_ids) + done, total)
        )
        result = ImportResult(
            release_id=release.id,
            release_name=release.title,
            tasks=len(task_ids),
            links=link_count,
            created_release=created,
            calendars=len(cal_ids),
            calendar_exceptions=exception_count,
            warnings=tuple(warnings),
            changes=import_changes(s, release, created, list(cal_ids.values())),
        )
    return result


def _check_plan(plan: PlanSpec) -> None:
    """Refuse, before writing anything, what the database would refuse less clearly."""
    ids = [t.id for t in plan.tasks]
    if len(set(ids)) != len(ids):
        raise ValidationError("The plan has two tasks with the same id.")
    known = set(ids)
    for t in plan.tasks:
        if t.duration_minutes < 0:
            raise ValidationError(f"Task '{t.name}' has a negative duration.")
        if not 0 <= t.percent_complete <= 100:
            raise ValidationError(f"Task '{t.name}' is {t.percent_complete:g} % complete.")
        if t.parent_id is not None and t.parent_id not in known:
            raise ValidationError(f"Task '{t.name}' belongs to a summary that is not in the plan.")
    for link in plan.links:
        if link.predecessor_id not in known or link.successor_id not in known:
            raise ValidationError("A link of the plan refers to a task that is not in it.")
        if link.predecessor_id == link.successor_id:
            raise ValidationError("A task of the plan is linked to itself.")


def _target_release(s: Session, name: str, plan: PlanSpec) -> tuple[Release, bool]:
    found = s.scalars(
        sa.select(Release).where(
            Release.deleted_at.is_(None), sa.or_(Release.name == name, Release.title == name)
        )
    ).all()
    if len(found) > 1:
        raise ValidationError(
            f"Several releases are named '{name}'; add the version, e.g. '{found[0].title}'."
        )
    if found:
        release = found[0]
        count = s.scalar(
            sa.select(sa.func.count())
            .select_from(Task)
            .where(Task.release_id == release.id, Task.deleted_at.is_(None))
        )
        if count:
            raise ValidationError(
                f"'{name}' already has a plan of {count} tasks; import into a new release "
                "with --release NAME."
            )
        if release.planned_start is None:
            release.planned_start = plan.project_start
        if release.deadline is None and plan.deadline is not None:
            release.deadline = plan.deadline
        return release, False
    release = Release(
        name=name,
        status=ReleaseStatus.DRAFT,
        planned_start=plan.project_start,
        deadline=plan.deadline,
        description="Imported plan.",
    )
    s.add(release)
    s.flush()
    return release, True


def _used_calendars(plan: PlanSpec) -> list[str]:
    used = [plan.default_calendar_id]
    for t in plan.tasks:
        if t.calendar_id is not None and t.calendar_id not in used:
            used.append(t.calendar_id)
    return used


def _add_calendars(
    s: Session, plan: PlanSpec, owner: str
) -> tuple[dict[str, uuid.UUID], int]:
    """Calendar rows for the default calendar and those tasks use; ids by plan id."""
    rows: dict[str, Calendar] = {}
    for cid in _used_calendars(plan):
        spec = plan.calendars.get(cid) or CalendarSpec(cid)
        days, hours, weekday_hours = format_week(spec.week)
        if len(hours) > _HOURS_LENGTH or len(weekday_hours) > _WEEKDAY_HOURS_LENGTH:
            raise ValidationError(
                f"Calendar '{spec.name}' has more working intervals per day than ReleaseDesk "
                "can store; simplify its working times and import again."
            )
        rows[cid] = Calendar(
            id=uuid.uuid4(),
            name=f"{spec.name} ({owner})"[:120],
            working_days=days,
            working_hours=hours,
            weekday_hours=weekday_hours,
            holiday_country=spec.holiday_country,
        )
    s.add_all(rows.values())
    s.flush()  # calendars before the exceptions and tasks that refer to them
    exceptions = [
        CalendarException(
            calendar_id=rows[cid].id,
            name=exc.name[:160],
            kind=(
                CalendarExceptionKind.WORKING
                if exc.working_times
                else CalendarExceptionKind.HOLIDAY
            ),
            start=dt.datetime.combine(exc.start, dt.time(0)),
            finish=dt.datetime.combine(exc.finish, dt.time(23, 59)),
            working_hours=format_hours(exc.working_times),
        )
        for cid in rows
        for exc in (plan.calendars.get(cid) or CalendarSpec(cid)).exceptions
    ]
    s.add_all(exceptions)
    return {cid: row.id for cid, row in rows.items()}, len(exceptions)


def _release_calendar(
    s: Session, release: Release, calendar_id: uuid.UUID, warnings: list[str]
) -> None:
    """Give the release the file's calendar unless it (or its domain) already has one."""
    domain_calendar = (
        s.scalar(sa.select(Domain.calendar_id).where(Domain.id == release.domain_id))
        if release.domain_id is not None
        else None
    )
    if release.calendar_id is None and domain_calendar is None:
        release.calendar_id = calendar_id
        return
    warnings.append(
        f"'{release.name}' keeps its own working calendar; the file's calendar was "
        "stored but not applied to it."
    )


def _add_tasks(
    s: Session,
    document: PlanDocument,
    release_id: uuid.UUID,
    cal_ids: Mapping[str, uuid.UUID],
    warnings: list[str],
    progress: Progress,
) -> dict[str, uuid.UUID]:
    """Task rows, written in bulk (Core ``executemany``, one audit row per task)."""
    plan = document.plan
    infos: Mapping[str, Any] = getattr(document, "tasks", None) or {}
    notes: Mapping[str, str] = getattr(document, "notes", None) or {}
    depth: dict[str, int] = {}
    for t in plan.tasks:
        depth[t.id] = 0 if t.parent_id is None else depth.get(t.parent_id, 0) + 1
    # ids ascending in the order the rows are written (parents first, see below)
    written = sorted(plan.tasks, key=lambda t: depth[t.id])
    ids = dict(zip((t.id for t in written), ascending_ids(len(written)), strict=True))
    levels: dict[int, list[dict[str, Any]]] = {}
    for position, t in enumerate(plan.tasks):
        level = depth[t.id]
        info = infos.get(t.id)
        wbs = (getattr(info, "wbs", None) or "") if info is not None else ""
        note = (getattr(info, "notes", None) if info is not None else None) or notes.get(t.id, "")
        if len(t.name) > _NAME_MAX or len(wbs) > _WBS_MAX:
            warnings.append(f"Task '{t.name[:60]}': its name or WBS code was shortened.")
        levels.setdefault(level, []).append({
            "id": ids[t.id],
            "release_id": release_id,
            "parent_id": None if t.parent_id is None else ids[t.parent_id],
            "position": position,
            "wbs": wbs[:_WBS_MAX],
            "name": t.name.strip()[:_NAME_MAX],  # .gan names can end in a no-break space
            "duration_minutes": round(t.duration_minutes),
            "duration_elapsed": t.elapsed,
            "milestone": t.milestone,
            "is_deployment": t.is_deployment,
            "calendar_id": cal_ids.get(t.calendar_id) if t.calendar_id else None,
            "constraint_type": ConstraintType(t.constraint.value),
            "constraint_date": t.constraint_date,
            "deadline": t.deadline,
            "actual_start": t.actual_start,
            "actual_finish": t.actual_finish,
            "percent_complete": float(t.percent_complete),
            "baseline_start": t.baseline_start,
            "baseline_finish": t.baseline_finish,
            "baseline_duration_minutes": t.baseline_duration_minutes,
            "notes": note,
        })
    # Parents before children: the foreign key is checked row by row.
    rows = [row for level in sorted(levels) for row in levels[level]]
    insert_audited(s, Task, rows, progress=progress)
    return ids


def _add_links(
    s: Session, plan: PlanSpec, task_ids: Mapping[str, uuid.UUID], progress: Progress
) -> int:
    rows = [
        {
            "predecessor_id": task_ids[link.predecessor_id],
            "successor_id": task_ids[link.successor_id],
            "link_type": LinkType(link.type.value),
            "lag": float(link.lag),
            "lag_unit": LagUnit(link.lag_unit.value),
        }
        for link in plan.links
    ]
    insert_audited(s, TaskLink, rows, progress=progress)
    return len(rows)


def plan_task_counts(ws: Workspace) -> dict[uuid.UUID, int]:
    """Live tasks per live release; releases without a plan are absent.

    An import only goes into a release without tasks, so the import dialog offers the
    releases this leaves out.
    """
    query = (
        sa.select(Task.release_id, sa.func.count())
        .join(Release, Release.id == Task.release_id)
        .where(Task.deleted_at.is_(None), Release.deleted_at.is_(None))
        .group_by(Task.release_id)
    )
    with ws.reading() as s:
        return {release_id: count for release_id, count in s.execute(query).all()}


# -- export and schedule ------------------------------------------------------------------
def resolve_release(ws: Workspace, release: str | uuid.UUID) -> tuple[uuid.UUID, str]:
    """A live release's id and display name, from its id or its name ("name version")."""
    if not isinstance(release, uuid.UUID):
        try:
            release = uuid.UUID(release)
        except ValueError:
            from app.services.release_service import find_release

            row = find_release(ws, release)
            return row.id, row.title
    with ws.reading() as s:
        title = s.scalar(
            sa.select(Release.title).where(Release.id == release, Release.deleted_at.is_(None))
        )
    if title is None:
        raise NotFoundError("That release no longer exists (it may have been deleted).")
    return release, title


def scheduled_release(
    ws: Workspace, release: str | uuid.UUID
) -> tuple[uuid.UUID, str, LoadedPlan, Schedule]:
    """A release's id and name, its plan (upstream tasks included) and its schedule."""
    release_id, name = resolve_release(ws, release)
    loaded = load_plan(ws, [release_id])
    return release_id, name, loaded, schedule_plan(loaded)


def nothing_to(what: str, name: str) -> ValidationError:
    """The refusal for a release without tasks (``what``: schedule, baseline, …)."""
    return ValidationError(
        f"'{name}' has no tasks yet, so there is nothing to {what}: import a plan into it "
        "(File → Import, or releasedesk plan import FILE --release NAME)."
    )


def own_tasks(loaded: LoadedPlan, release_id: uuid.UUID) -> Iterator[tuple[TaskSpec, int]]:
    """The release's own tasks in outline order, each with its outline depth."""
    own = str(release_id)
    depth: dict[str, int] = {}
    for t in loaded.plan.tasks:
        depth[t.id] = 0 if t.parent_id is None else depth.get(t.parent_id, 0) + 1
        if t.release_id == own:
            yield t, depth[t.id]


def schedule_plan(loaded: LoadedPlan) -> Schedule:
    """The engine's schedule of a loaded plan; a plan it cannot schedule raises
    :class:`PlanNotSchedulableError` with its message (the tasks of a circle, by name)."""
    try:
        return schedule(loaded.plan)
    except SchedulingError as exc:
        raise PlanNotSchedulableError(str(exc)) from exc


def export_plan(
    ws: Workspace,
    release: str | uuid.UUID,
    destination: str | os.PathLike[str] | IO[bytes],
) -> int:
    """Write a release's plan as Microsoft Project XML; return the number of tasks.

    Start and finish dates come from our schedule (upstream tasks of other releases
    included in the calculation, but not written: MSPDI links stay inside the file).
    A path is replaced whole or not at all, and never when it is the open workspace or
    any other database (:class:`PlanFileError`, checked before the plan is scheduled).
    """
    protected = workspace_files(ws)
    if isinstance(destination, str | os.PathLike):
        check_export_target(destination, protected)
    release_id, name = resolve_release(ws, release)
    loaded = load_plan(ws, [release_id])
    result = schedule_plan(loaded)
    own = str(release_id)
    tasks = tuple(t for t in loaded.plan.tasks if t.release_id == own)
    kept = {t.id for t in tasks}
    plan = PlanSpec(
        tasks=tasks,
        links=tuple(
            x for x in loaded.plan.links if x.predecessor_id in kept and x.successor_id in kept
        ),
        project_start=loaded.plan.project_start,
        calendars=loaded.plan.calendars,
        default_calendar_id=loaded.plan.default_calendar_id,
        deadline=loaded.plan.deadline,
        minutes_per_day=loaded.plan.minutes_per_day,
        minutes_per_week=loaded.plan.minutes_per_week,
    )
    try:
        write_mspdi(
            plan, name, destination, schedule={k: result.tasks[k] for k in kept},
            protected=protected,
        )
    except OSError as exc:
        where = getattr(exc, "filename", None) or destination
        raise PlanFileError(f"Cannot write {where}: {exc.strerror or exc}.") from exc
    return len(tasks)


def workspace_files(ws: Workspace) -> tuple[str, ...]:
    """The open workspace's file, which no export may write over (none on a server)."""
    database = ws.url.database if ws.url.get_backend_name() == "sqlite" else None
    return (database,) if database and database != ":memory:" else ()
