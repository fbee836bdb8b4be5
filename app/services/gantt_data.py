"""The rows of a Gantt chart, from the stored plan and the engine's schedule.

:func:`gantt_plan` reads one release's plan, or several together (portfolio mode: the
engine schedules them in one pass, so links between releases drive dates and are drawn
as arrows), schedules it and turns it into a :class:`~app.charts.gantt_plan.GanttPlan`
that the Plan view's table, its chart and ``releasedesk plan chart`` all show.

Tasks of other releases that the engine loads because they drive ours (see
:mod:`app.services.plan_loader`) are scheduled but not shown: a chart shows the releases
asked for.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from app import clock
from app.charts.gantt_plan import GanttLink, GanttPlan, GanttRow, GanttShade, ShadeKind
from app.dates_text import moment
from app.errors import ValidationError
from app.gc_pause import gc_paused
from app.scheduling import Schedule, variance
from app.scheduling.calendar import WorkingCalendar
from app.scheduling.plan import ConstraintType, LagUnit, LinkSpec, PlanSpec, TaskSpec
from app.services.plan_calendars import build_freeze_windows
from app.services.plan_loader import LoadedPlan, PlanRows, build_plan, read_plan_rows
from app.services.plan_service import resolve_release, schedule_plan
from app.workspace import Workspace
from models.enums import CalendarExceptionKind

CONSTRAINT_WORDS = {
    ConstraintType.ALAP: "As late as possible",
    ConstraintType.SNET: "Start no earlier than",
    ConstraintType.SNLT: "Start no later than",
    ConstraintType.FNET: "Finish no earlier than",
    ConstraintType.FNLT: "Finish no later than",
    ConstraintType.MSO: "Must start on",
    ConstraintType.MFO: "Must finish on",
}
_SHADE_MARGIN = dt.timedelta(days=14)  # shading reaches past the bars, for panning


@gc_paused()  # tens of thousands of rows that form no cycles: see app.gc_pause
def gantt_plan(
    ws: Workspace,
    release_ids: Sequence[uuid.UUID | str],
    *,
    critical_only: bool = False,
    domain_id: uuid.UUID | str | None = None,
    text: str = "",
) -> GanttPlan:
    """The Gantt rows of the given releases (ids or names), scheduled together.

    Filters keep a task when it is critical (``critical_only``), its release belongs to
    ``domain_id``, and its name contains ``text`` (case-insensitive); the summary tasks
    above a kept task stay too, so the outline still reads. Row numbers stay those of
    the unfiltered table. Raises :class:`NotFoundError` for an unknown release,
    :class:`ValidationError` when none is given or none has tasks, and
    :class:`PlanNotSchedulableError` when the plan cannot be scheduled (a circle).
    """
    if not release_ids:
        raise ValidationError("Choose at least one release to chart.")
    resolved = [resolve_release(ws, r) for r in release_ids]
    ids = list(dict.fromkeys(rid for rid, _name in resolved))
    raw = read_plan_rows(ws, ids)
    loaded = build_plan(raw)
    result = schedule_plan(loaded)
    order = [str(i) for i in ids]
    shown = _own_specs(loaded, order)
    if not shown:
        names = ", ".join(f"'{name}'" for _rid, name in resolved)
        raise ValidationError(
            f"{names} {'has' if len(resolved) == 1 else 'have'} no tasks yet, so there is "
            "nothing to chart: import a plan or add tasks first."
        )
    rows = _rows(loaded, raw, result, shown)
    keep = _filtered(
        rows, loaded, raw, critical_only, None if domain_id is None else str(domain_id), text
    )
    rows = [rows[i] for i in keep]
    links = _links(loaded.plan.links, rows)
    status = loaded.plan.status_date or clock.local_now()
    releases = raw.releases
    start, finish = _span(rows, [d for rid in order if (d := releases[rid].deadline)])
    return GanttPlan(
        rows=tuple(rows),
        links=links,
        shades=_shades(loaded, raw, start, finish),
        status_date=status,
        start=start,
        finish=finish,
        release_names={rid: releases[rid].name for rid in order},
        release_deadlines={rid: d for rid in order if (d := releases[rid].deadline) is not None},
        minutes_per_day=loaded.plan.minutes_per_day,
        problems=tuple(
            p.message for p in result.problems if p.task_id is None or p.task_id in shown
        ),
    )


def _own_specs(loaded: LoadedPlan, order: list[str]) -> dict[str, tuple[TaskSpec, int]]:
    """The asked-for releases' tasks in table order (release by release, outline order
    within each), each with its outline depth."""
    depth: dict[str, int] = {}
    by_release: dict[str, list[tuple[TaskSpec, int]]] = {rid: [] for rid in order}
    for t in loaded.plan.tasks:
        depth[t.id] = 0 if t.parent_id is None else depth.get(t.parent_id, 0) + 1
        bucket = by_release.get(t.release_id or "")
        if bucket is not None:
            bucket.append((t, depth[t.id]))
    return {t.id: (t, d) for rid in order for t, d in by_release[rid]}


def _rows(
    loaded: LoadedPlan,
    raw: PlanRows,
    result: Schedule,
    shown: dict[str, tuple[TaskSpec, int]],
) -> list[GanttRow]:
    plan = loaded.plan
    number = {tid: n for n, tid in enumerate(shown, start=1)}
    preds = _predecessor_texts(plan, number)
    report = variance(plan, result) if any(t.baseline_start for t, _ in shown.values()) else None
    stored_asap = _stored_asap(raw) if len(shown) and len(raw.releases) > 1 else None
    out = []
    tasks = result.tasks
    for tid, (t, depth) in shown.items():
        r = tasks[tid]
        v = report.tasks.get(tid) if report is not None else None
        constraint = t.constraint
        if stored_asap is not None and _raw_id(raw, tid) in stored_asap:
            constraint = ConstraintType.ASAP  # the loader's release-start anchor, not the user's
        out.append(
            GanttRow(
                task_id=tid,
                release_id=t.release_id or "",
                number=number[tid],
                label=t.label,
                level=depth,
                start=r.start,
                finish=r.finish,
                duration_minutes=r.duration_minutes,
                percent_complete=t.percent_complete,
                critical=r.critical,
                total_float_minutes=r.total_float,
                free_float_minutes=r.free_float,
                milestone=r.is_milestone,
                summary=r.is_summary,
                baseline_start=t.baseline_start,
                baseline_finish=t.baseline_finish,
                deadline=t.deadline,
                constraint=constraint_text(constraint, t.constraint_date),
                predecessors=preds.get(tid, ""),
                start_variance_minutes=v.start_minutes if v else None,
                finish_variance_minutes=v.finish_minutes if v else None,
                deployment=t.is_deployment,
                late_finish=r.late_finish,
            )
        )
    return out


def _raw_id(raw: PlanRows, task_id: str) -> str:
    return task_id.replace("-", "") if raw.sqlite_ids else task_id


def _stored_asap(raw: PlanRows) -> set[str]:
    """Stored ids of the tasks saved as "as soon as possible" (a portfolio plan anchors
    them to their release's start, which is no constraint of the user's)."""
    return {str(t[0]) for t in raw.tasks if t[10] is None}


def constraint_text(kind: ConstraintType, when: dt.datetime | None) -> str:
    """``"Start no earlier than 9 Mar 2026 08:00"``; empty for as soon as possible."""
    words = CONSTRAINT_WORDS.get(kind)
    if words is None:
        return ""
    return f"{words} {moment(when)}" if when is not None else words


def lag_text(link: LinkSpec, minutes_per_day: int) -> str:
    """A link's lag as Microsoft Project writes it in a predecessors cell: ``+2d``,
    ``-4h``, ``+3ed`` (elapsed), ``-50%``; empty without lag."""
    if not link.lag:
        return ""
    sign = "+" if link.lag > 0 else "-"
    amount = abs(link.lag)
    if link.lag_unit is LagUnit.PERCENT:
        return f"{sign}{amount:g}%"
    elapsed = "e" if link.lag_unit is LagUnit.ELAPSED else ""
    per_day = 1440 if elapsed else minutes_per_day
    if amount % per_day == 0:
        return f"{sign}{amount / per_day:g}{elapsed}d"
    if amount % 60 == 0:
        return f"{sign}{amount / 60:g}{elapsed}h"
    return f"{sign}{amount:g}{elapsed}m"


def _predecessor_texts(plan: PlanSpec, number: dict[str, int]) -> dict[str, str]:
    """Each shown task's predecessors in Project's notation over row numbers (links from
    tasks that are not shown, such as another release's, are left out)."""
    parts: dict[str, list[tuple[int, str]]] = {}
    for link in plan.links:
        p, s = number.get(link.predecessor_id), number.get(link.successor_id)
        if p is None or s is None:
            continue
        lag = lag_text(link, plan.minutes_per_day)
        kind = "" if link.type == "FS" and not lag else str(link.type)
        parts.setdefault(link.successor_id, []).append((p, f"{p}{kind}{lag}"))
    return {tid: ", ".join(text for _n, text in sorted(items)) for tid, items in parts.items()}


def _filtered(
    rows: list[GanttRow],
    loaded: LoadedPlan,
    raw: PlanRows,
    critical_only: bool,
    domain_id: str | None,
    text: str,
) -> list[int]:
    """Indexes of the rows the filters keep, with the summaries above each."""
    if not (critical_only or domain_id or text.strip()):
        return list(range(len(rows)))
    needle = text.strip().casefold()
    in_domain = None
    if domain_id is not None:
        in_domain = {rid for rid, info in raw.releases.items() if info.domain_id == domain_id}
    parents = {t.id: t.parent_id for t in loaded.plan.tasks}
    index = {r.task_id: i for i, r in enumerate(rows)}
    keep: set[int] = set()
    for i, r in enumerate(rows):
        if critical_only and not r.critical:
            continue
        if in_domain is not None and r.release_id not in in_domain:
            continue
        if needle and needle not in r.label.casefold():
            continue
        keep.add(i)
        parent = parents.get(r.task_id)
        while parent is not None and (j := index.get(parent)) is not None and j not in keep:
            keep.add(j)
            parent = parents.get(parent)
    return sorted(keep)


def _links(links: Sequence[LinkSpec], rows: list[GanttRow]) -> tuple[GanttLink, ...]:
    index = {r.task_id: i for i, r in enumerate(rows)}
    out = []
    for link in links:
        p, s = index.get(link.predecessor_id), index.get(link.successor_id)
        if p is None or s is None:
            continue
        a, b = rows[p], rows[s]
        out.append(
            GanttLink(p, s, str(link.type), a.critical and b.critical, a.release_id != b.release_id)
        )
    return tuple(out)


def _span(rows: list[GanttRow], deadlines: list[dt.datetime]) -> tuple[dt.datetime, dt.datetime]:
    """From the first to the last date the chart shows (bars, baselines, deadlines)."""
    if not rows:  # a filter kept nothing
        today = clock.local_now()
        return today, today
    starts = [r.start for r in rows]
    finishes = [r.finish for r in rows]
    starts += [r.baseline_start for r in rows if r.baseline_start is not None]
    finishes += [r.baseline_finish for r in rows if r.baseline_finish is not None]
    finishes += [r.deadline for r in rows if r.deadline is not None]
    finishes += deadlines
    return min(starts), max(finishes)


def _shades(
    loaded: LoadedPlan, raw: PlanRows, start: dt.datetime, finish: dt.datetime
) -> tuple[GanttShade, ...]:
    """Non-working days of the plan's calendar and its freeze and blackout windows."""
    plan = loaded.plan
    first, last = (start - _SHADE_MARGIN).date(), (finish + _SHADE_MARGIN).date()
    out: list[GanttShade] = []
    calendar = WorkingCalendar(plan.calendars[plan.default_calendar_id], first)
    day, off_since = first, None
    while day <= last:
        working = calendar.is_working_day(day)
        if not working and off_since is None:
            off_since = day
        elif working and off_since is not None:
            out.append(_day_shade(off_since, day))
            off_since = None
        day += dt.timedelta(days=1)
    if off_since is not None:
        out.append(_day_shade(off_since, day))
    domains = {info.domain_id for info in raw.releases.values()}
    for kind in (ShadeKind.FREEZE, ShadeKind.BLACKOUT):
        stored = CalendarExceptionKind(kind.value).value
        rows = [e for e in raw.exceptions if e[3] == stored]
        for w in build_freeze_windows(rows, domains, plan.project_start, []):
            if w.finish > start - _SHADE_MARGIN and w.start < finish + _SHADE_MARGIN:
                out.append(GanttShade(w.start, w.finish, kind, w.name))
    return tuple(sorted(out, key=lambda s: s.start))


def _day_shade(first: dt.date, end: dt.date) -> GanttShade:
    return GanttShade(
        dt.datetime.combine(first, dt.time()),
        dt.datetime.combine(end, dt.time()),
        ShadeKind.NON_WORKING,
    )
