"""Read task plans out of the workspace for the scheduling engine, fast.

The engine wants plain data (:class:`~app.scheduling.plan.PlanSpec`), and a portfolio
can hold 100,000 tasks and 200,000 links, so nothing here goes through the ORM:
:func:`read_plan_rows` runs Core selects and takes the DBAPI cursor's plain tuples
(SQLAlchemy's ``Row`` wrapping alone would double the time at that size), and
:func:`build_plan` turns them into a ``PlanSpec``. :func:`load_plan` does both.

Choices a reader of a schedule should know about:

* Loading some releases also loads every task *upstream* of them through links that
  cross into other releases (transitively), with their summary tasks; those tasks
  drive our dates and are listed in :attr:`LoadedPlan.context_task_ids`. Downstream
  tasks of other releases are left out, so floats are measured against the chosen
  releases' own finish.
* A task without a calendar uses its release's calendar, else the release domain's
  calendar, else the built-in standard calendar (Mon-Fri 08-12, 13-17).
* With several releases in one plan, work of a release starts no earlier than that
  release's planned start (an as-soon-as-possible task gets "start no earlier than"
  the planned start), because the engine has a single project start.
* Freeze and blackout windows apply to every deployment task of the plan (the engine
  does not scope them); a window narrowed to a domain is used only when every release
  in the plan belongs to that domain, otherwise it is left out with a warning. Their
  environment is not matched (deployment tasks do not name one).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from app import clock
from app.errors import NotFoundError
from app.gc_pause import gc_paused
from app.scheduling.plan import (
    ConstraintType,
    LagUnit,
    LinkSpec,
    LinkType,
    PlanSpec,
    TaskSpec,
)
from app.services.plan_calendars import (
    STANDARD_CALENDAR_ID,
    build_calendars,
    build_freeze_windows,
)
from app.services.plan_closure import own_filter, upstream_filter
from app.workspace import Workspace
from models import Calendar, Domain, Release, Task, TaskLink
from models import CalendarException as CalendarExceptionRow
from models.plan import TASK_DATED
from models.release import release_title

# Stored value -> enum; None is the usual value, which the selects read as NULL.
_CONSTRAINTS = {c.value: c for c in ConstraintType} | {None: ConstraintType.ASAP}
_LINK_TYPES = {t.value: t for t in LinkType} | {None: LinkType.FS}
_LAG_UNITS = {u.value: u for u in LagUnit} | {None: LagUnit.WORKING}
_FIRST = itemgetter(0)

# Dense task columns, read for every task; the date columns are rarely set and come
# from a second select limited to the rows that have one. Columns paired with a value
# are read as NULL when they hold it (``_Reader.col``): most links are plain FS links
# without lag and most tasks are ASAP and not started, and a shared None costs less
# than 100,000s of fresh string and float objects from the driver.
_TASK_COLUMNS = (
    Task.id, Task.release_id, Task.parent_id, Task.position, Task.name,
    Task.duration_minutes, Task.duration_elapsed, Task.milestone, Task.is_deployment,
    Task.calendar_id, (Task.constraint_type, "ASAP"), (Task.percent_complete, 0),
)
_DATE_COLUMNS = (
    Task.constraint_date, Task.deadline, Task.actual_start, Task.actual_finish,
    Task.baseline_start, Task.baseline_finish, Task.baseline_duration_minutes,
)
_LINK_COLUMNS = (
    TaskLink.predecessor_id, TaskLink.successor_id, (TaskLink.link_type, "FS"),
    (TaskLink.lag, 0), (TaskLink.lag_unit, "working"),
)


@dataclass(frozen=True, slots=True)
class ReleaseInfo:
    """What the plan needs of a release: name, window, deadline, calendar."""

    id: str
    name: str
    planned_start: dt.datetime | None
    deadline: dt.datetime | None
    calendar_id: str | None  # the release's own, else its domain's calendar
    domain_id: str | None


@dataclass(frozen=True, slots=True)
class PlanRows:
    """The raw result of :func:`read_plan_rows`: plain tuples of stored values.

    ``tasks`` rows follow ``_TASK_COLUMNS``; ``dates`` maps a stored task id to its
    ``_DATE_COLUMNS`` when any is set; ``links`` rows follow ``_LINK_COLUMNS``. Ids in
    these rows are as the database stores them (``sqlite_ids``: 32 hex digits, else
    ``str(uuid)``); :func:`build_plan` converts each once. The other fields are
    already converted.
    """

    releases: Mapping[str, ReleaseInfo]
    requested: tuple[str, ...]
    sqlite_ids: bool
    tasks: list[tuple[Any, ...]]
    dates: dict[Any, tuple[Any, ...]]
    links: list[tuple[Any, ...]]
    calendars: list[tuple[Any, ...]]
    exceptions: list[tuple[Any, ...]]
    domain_calendars: Mapping[str, str]


@dataclass(frozen=True)
class LoadedPlan:
    """A plan read from the workspace, ready for :func:`app.scheduling.schedule`.

    ``release_names`` maps release ids (``str(uuid)``) to "name version" for display;
    ``release_ids`` are the releases asked for (all, for the portfolio);
    ``context_task_ids`` the upstream tasks of other releases loaded because they drive
    the asked-for ones. ``warnings`` say what could not be represented exactly.
    """

    plan: PlanSpec
    release_names: Mapping[str, str]
    release_ids: tuple[str, ...]
    context_task_ids: frozenset[str] = frozenset()
    warnings: tuple[str, ...] = ()


def load_plan(ws: Workspace, release_ids: Sequence[uuid.UUID] | None = None) -> LoadedPlan:
    """The plan of the given releases (with their upstream tasks), or of the portfolio.

    One read transaction; raises :class:`NotFoundError` when a release does not exist.
    """
    return build_plan(read_plan_rows(ws, release_ids))


# -- reading ------------------------------------------------------------------------------
def dashed(raw: str) -> str:
    """``str(uuid)`` of a UUID as SQLite stores it (32 hex digits): slicing is ~20x
    faster than ``uuid.UUID()``."""
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


class _Reader:
    """Core selects returning plain tuples of stored values."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"

    def col(self, column: Any) -> Any:
        """A column read as its stored value, without SQLAlchemy's result processing.

        ``(column, usual)`` reads NULL where the column holds ``usual``.
        """
        if isinstance(column, tuple):
            column, usual = column
            return sa.func.nullif(self.col(column), usual)
        if isinstance(column.type, sa.Uuid) and not self.sqlite:
            return sa.cast(column, sa.Text)  # PostgreSQL writes the canonical text form
        if isinstance(column.type, sa.Uuid | sa.Enum | sa.DateTime):
            return sa.type_coerce(column, sa.String)
        return column

    def rows(self, stmt: sa.Select[Any]) -> list[tuple[Any, ...]]:
        result = self.conn.execute(stmt)
        try:
            # The raw cursor: plain tuples, no Row objects (see the module docstring).
            return result.cursor.fetchall() if result.cursor is not None else []
        finally:
            result.close()

    def uid(self, raw: Any) -> Any:
        """``str(uuid)`` of a stored id (or None)."""
        return dashed(raw) if raw is not None and self.sqlite else raw

    def when(self, raw: Any) -> dt.datetime | None:
        if raw is None or isinstance(raw, dt.datetime):
            return raw
        return dt.datetime.fromisoformat(raw)


@gc_paused()
def read_plan_rows(ws: Workspace, release_ids: Sequence[uuid.UUID] | None = None) -> PlanRows:
    """Read the rows of a plan (see :func:`load_plan`) with Core selects, in one transaction."""
    with ws.reading() as s:  # a read: never waits for a colleague's save
        r = _Reader(s.connection())
        if release_ids is None:
            tasks = r.rows(_task_select(r).where(Task.deleted_at.is_(None)))
            links = r.rows(
                sa.select(*map(r.col, _LINK_COLUMNS)).where(TaskLink.deleted_at.is_(None))
            )
            requested: tuple[str, ...] = ()
        else:
            wanted = list(dict.fromkeys(release_ids))
            requested = tuple(map(str, wanted))
            tasks, links, in_tasks = _closure(r, wanted)
        dates = _dates(r, None if release_ids is None else in_tasks)
        releases = _releases(r, {r.uid(i) for i in {t[1] for t in tasks}} | set(requested))
        if any(i not in releases for i in requested):
            raise NotFoundError("That release no longer exists (it may have been deleted).")
        if release_ids is None:
            requested = tuple(releases)
        calendars = r.rows(
            sa.select(
                r.col(Calendar.id), Calendar.name, Calendar.working_days,
                Calendar.working_hours, Calendar.weekday_hours, Calendar.holiday_country,
            ).where(Calendar.deleted_at.is_(None))
        )
        ex = CalendarExceptionRow
        exceptions = r.rows(
            sa.select(
                r.col(ex.calendar_id), r.col(ex.domain_id), ex.name, r.col(ex.kind),
                r.col(ex.start), r.col(ex.finish), ex.working_hours, ex.rrule,
            ).where(ex.deleted_at.is_(None))
        )
        domains = r.rows(
            sa.select(r.col(Domain.id), r.col(Domain.calendar_id)).where(
                Domain.deleted_at.is_(None), Domain.calendar_id.is_not(None)
            )
        )
    return PlanRows(
        releases=releases,
        requested=requested,
        sqlite_ids=r.sqlite,
        tasks=tasks,
        dates=dates,
        links=links,
        calendars=[(r.uid(c[0]), *c[1:]) for c in calendars],
        exceptions=[
            (r.uid(e[0]), r.uid(e[1]), e[2], e[3], r.when(e[4]), r.when(e[5]), *e[6:])
            for e in exceptions
        ],
        domain_calendars={r.uid(d): r.uid(c) for d, c in domains},
    )


def _task_select(r: _Reader) -> sa.Select[Any]:
    return sa.select(*map(r.col, _TASK_COLUMNS))


def _dated_select(r: _Reader) -> sa.Select[Any]:
    """Live tasks with any date set: the condition of the partial index ``ix_task_dated``,
    so the database reads only those rows."""
    return sa.select(r.col(Task.id), *map(r.col, _DATE_COLUMNS)).where(
        Task.deleted_at.is_(None), sa.text(f"({TASK_DATED})")
    )


def _closure(
    r: _Reader, release_ids: list[uuid.UUID]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], sa.ColumnElement[bool]]:
    """Tasks of the releases plus everything upstream of them (see
    :mod:`app.services.plan_closure`), the links among them, and the SQL condition
    that selects those tasks."""
    link_select = sa.select(*map(r.col, _LINK_COLUMNS))
    in_tasks, in_links = own_filter(release_ids)
    tasks = r.rows(_task_select(r).where(in_tasks))
    found = dict(zip(map(_FIRST, tasks), tasks, strict=True))
    if r.sqlite and len(tasks) * 4 > _sqlite_task_rows(r):
        # Most of the workspace: SQLite reads the whole link table in a fraction of the
        # time it takes to look up each task's links in the index (0.16 s against 0.55 s
        # for 200,000 links), and a set keeps the ones we need. PostgreSQL decides this
        # itself (a hash join).
        links = _ending_in(r.rows(link_select.where(TaskLink.deleted_at.is_(None))), found, 1)
    else:
        links = r.rows(link_select.where(in_links))
    # Set operations over whole columns (C loops: 200,000 links at this step).
    preds = set(map(_FIRST, links)).difference(found)
    parents = {t[2] for t in tasks if t[2] is not None}.difference(found)
    if not (preds or parents):
        return tasks, links, in_tasks
    # The boundary to other releases: usually a few tasks.
    up_tasks, up_links = upstream_filter(
        r.conn.dialect.name, release_ids, [*map(uuid.UUID, preds)], [*map(uuid.UUID, parents)]
    )
    for t in r.rows(_task_select(r).where(up_tasks)):
        found.setdefault(t[0], t)
    links += r.rows(link_select.where(up_links))
    return list(found.values()), _ending_in(links, found, 0), sa.or_(in_tasks, up_tasks)


def _ending_in(links: list[tuple[Any, ...]], ids: Mapping[Any, Any], end: int) -> list[Any]:
    """The links whose predecessor (``end`` 0) or successor (1) is in ``ids``."""
    return list(compress(links, map(ids.__contains__, map(itemgetter(end), links))))


def _sqlite_task_rows(r: _Reader) -> int:
    """About how many task rows the SQLite file holds (deleted ones too), at no cost:
    the largest rowid."""
    return r.conn.execute(
        sa.select(sa.func.max(sa.literal_column("rowid"))).select_from(Task.__table__)
    ).scalar() or 0


def _dates(r: _Reader, tasks: sa.ColumnElement[bool] | None) -> dict[Any, tuple[Any, ...]]:
    """The rarely-set date columns (by stored task id), only for tasks that have one
    (of the tasks meeting the condition ``tasks``, or of all)."""
    stmt = _dated_select(r)
    rows = r.rows(stmt if tasks is None else stmt.where(tasks))
    when = r.when
    return {row[0]: (*map(when, row[1:7]), row[7]) for row in rows}


def _releases(r: _Reader, ids: set[str]) -> dict[str, ReleaseInfo]:
    stmt = (
        sa.select(
            r.col(Release.id), Release.name, Release.version_label, r.col(Release.planned_start),
            r.col(Release.deadline), r.col(Release.calendar_id), r.col(Domain.calendar_id),
            r.col(Domain.id),
        )
        # A deleted domain neither lends its calendar nor its freeze windows.
        .outerjoin(Domain, sa.and_(Domain.id == Release.domain_id, Domain.deleted_at.is_(None)))
        .where(Release.deleted_at.is_(None))
    )
    out: dict[str, ReleaseInfo] = {}
    # A plan's releases are few: one IN list.
    for row in r.rows(stmt.where(Release.id.in_([uuid.UUID(i) for i in ids]))):
        rid = r.uid(row[0])
        out[rid] = ReleaseInfo(  # type: ignore[index]
            id=rid,  # type: ignore[arg-type]
            name=release_title(row[1], row[2]),
            planned_start=r.when(row[3]),
            deadline=r.when(row[4]),
            calendar_id=r.uid(row[5]) or r.uid(row[6]),
            domain_id=r.uid(row[7]),
        )
    return out


# -- building -----------------------------------------------------------------------------
@gc_paused()
def build_plan(rows: PlanRows) -> LoadedPlan:
    """Turn :class:`PlanRows` into a :class:`LoadedPlan` (no database access)."""
    warnings: list[str] = []
    releases = rows.releases
    requested = rows.requested
    start = _project_start(rows, requested)
    cal_counts = Counter(releases[i].calendar_id for i in requested if i in releases)
    default_cal = (cal_counts.most_common(1)[0][0] if cal_counts else None) or (
        STANDARD_CALENDAR_ID
    )
    key = _id_key(rows)
    parents = {t[2] for t in rows.tasks if t[2] is not None}
    multi = len({t[1] for t in rows.tasks}) > 1
    anchors = {
        rid: info.planned_start
        for rid, info in releases.items()
        if multi and info.planned_start is not None and info.planned_start > start
    }
    no_dates = (None,) * 7
    asap = ConstraintType.ASAP
    snet = ConstraintType.SNET
    used_cals: set[str] = {default_cal}
    specs: list[TaskSpec] = []
    dates = rows.dates
    for t in _outline_order(rows.tasks):
        raw, rid = t[0], key[t[1]]
        d = dates.get(raw, no_dates)
        info = releases.get(rid)
        cal = key.get(t[9]) or (info.calendar_id if info else None) or STANDARD_CALENDAR_ID
        used_cals.add(cal)
        constraint, constraint_date = _CONSTRAINTS[t[10]], d[0]
        anchor = anchors.get(rid)
        if anchor is not None and constraint is asap and raw not in parents:
            constraint, constraint_date = snet, anchor
        specs.append(
            TaskSpec(
                key[raw], t[4], t[5], bool(t[6]), bool(t[7]), key.get(t[2]),
                None if cal == default_cal else cal,
                constraint, constraint_date, d[1], d[2], d[3], float(t[11] or 0), bool(t[8]),
                rid, d[4], d[5], d[6],
            )
        )
    links = [
        LinkSpec(key[p], key[s], _LINK_TYPES[k], float(lag or 0), _LAG_UNITS[u])
        for p, s, k, lag, u in rows.links
        if p in key and s in key  # both ends live and in the plan
    ]
    calendars = build_calendars(
        rows.calendars, rows.exceptions, rows.domain_calendars, used_cals, start, warnings
    )
    windows = build_freeze_windows(
        rows.exceptions, {info.domain_id for info in releases.values()}, start, warnings
    )
    deadline = releases[requested[0]].deadline if len(requested) == 1 else None
    plan = PlanSpec(
        tasks=tuple(specs),
        links=tuple(links),
        project_start=start,
        calendars=calendars,
        default_calendar_id=default_cal,
        deadline=deadline,
        freeze_windows=tuple(windows),
    )
    asked = set(requested)
    return LoadedPlan(
        plan=plan,
        release_names={rid: info.name for rid, info in releases.items()},
        release_ids=requested,
        context_task_ids=frozenset(s.id for s in specs if s.release_id not in asked),
        warnings=tuple(warnings),
    )


def _id_key(rows: PlanRows) -> dict[Any, str]:
    """``str(uuid)`` of every stored task, release and calendar id of the task rows."""
    raw = {t[0] for t in rows.tasks} | {t[1] for t in rows.tasks} | {t[9] for t in rows.tasks}
    raw.discard(None)
    return {i: dashed(i) for i in raw} if rows.sqlite_ids else {i: i for i in raw}


def _outline_order(tasks: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Parents before their children, siblings by position (the engine's outline order)."""
    ordered = sorted(tasks, key=itemgetter(1, 3))
    ids = {t[0] for t in ordered}
    children: dict[str, list[tuple[Any, ...]]] = {}
    roots = []
    for t in ordered:
        if t[2] is not None and t[2] in ids:
            children.setdefault(t[2], []).append(t)
        else:
            roots.append(t)
    if not children:
        return ordered
    out: list[tuple[Any, ...]] = []
    stack = list(reversed(roots))
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(reversed(children.get(t[0], ())))
    return out


def _project_start(rows: PlanRows, requested: Sequence[str]) -> dt.datetime:
    starts = [r.planned_start for r in rows.releases.values() if r.planned_start is not None]
    if not starts:
        starts = [d[2] or d[4] for d in rows.dates.values() if d[2] or d[4]]
    if starts:
        return min(starts)
    return dt.datetime.combine(clock.today(), dt.time(8, 0))
