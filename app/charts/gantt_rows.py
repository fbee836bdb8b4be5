"""A scheduled plan as Gantt rows: :class:`PlanSpec` + :class:`Schedule` -> :class:`GanttPlan`.

No database here (:mod:`app.services.gantt_data` reads the workspace and calls
:func:`chart_plan`), so tests and benchmarks build charts from plain plans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence

from app.charts.gantt_plan import GanttLink, GanttPlan, GanttRow, GanttShade, ShadeKind
from app.dates_text import moment
from app.scheduling import Schedule, variance
from app.scheduling.calendar import WorkingCalendar
from app.scheduling.plan import ConstraintType, LagUnit, LinkSpec, PlanSpec, TaskSpec

CONSTRAINT_WORDS = {
    ConstraintType.ALAP: "As late as possible",
    ConstraintType.SNET: "Start no earlier than",
    ConstraintType.SNLT: "Start no later than",
    ConstraintType.FNET: "Finish no earlier than",
    ConstraintType.FNLT: "Finish no later than",
    ConstraintType.MSO: "Must start on",
    ConstraintType.MFO: "Must finish on",
}
SHADE_MARGIN = dt.timedelta(days=14)  # shading reaches past the bars, for panning


def chart_plan(
    plan: PlanSpec,
    result: Schedule,
    release_ids: Sequence[str],
    *,
    status_date: dt.datetime,
    release_names: Mapping[str, str] | None = None,
    release_deadlines: Mapping[str, dt.datetime] | None = None,
    release_domains: Mapping[str, str | None] | None = None,
    blackouts: Collection[tuple[dt.datetime, dt.datetime, str]] = (),
    anchored: Collection[str] = (),
    critical_only: bool = False,
    domain_id: str | None = None,
    text: str = "",
    scheduled_names: Mapping[str, str] | None = None,
) -> GanttPlan:
    """The Gantt rows of the tasks of ``release_ids`` (in that order) in a scheduled plan.

    Filters keep a task when it is critical (``critical_only``), its release belongs to
    ``domain_id`` (``release_domains`` maps releases to domains), and its name contains
    ``text`` (case-insensitive); the summaries above a kept task stay too, so the
    outline still reads, and row numbers stay those of the unfiltered table. The plan's
    freeze windows are shaded as freezes, those in ``blackouts`` (start, finish, name)
    as blackouts. ``anchored`` tasks' "start no earlier than" is the loader's anchor to
    their release's start, not the user's constraint, so it is not shown.
    """
    shown = _own_specs(plan, release_ids)
    deadlines = dict(release_deadlines or {})
    rows = _rows(plan, result, shown, set(anchored))
    keep = _filtered(rows, plan, critical_only, domain_id, release_domains or {}, text)
    rows = [rows[i] for i in keep]
    start, finish = _span(rows, list(deadlines.values()), status_date)
    names = release_names or {}
    return GanttPlan(
        rows=tuple(rows),
        links=_links(plan.links, rows),
        shades=_shades(plan, set(blackouts), start, finish),
        status_date=status_date,
        start=start,
        finish=finish,
        release_names={rid: names.get(rid, rid) for rid in release_ids},
        release_deadlines=deadlines,
        minutes_per_day=plan.minutes_per_day,
        problems=tuple(
            p.message for p in result.problems if p.task_id is None or p.task_id in shown
        ),
        spec=plan,
        schedule=result,
        scheduled_names=dict(scheduled_names or names),
    )


def _own_specs(plan: PlanSpec, release_ids: Sequence[str]) -> dict[str, tuple[TaskSpec, int]]:
    """The releases' tasks in table order (release by release, outline order within
    each), each with its outline depth."""
    depth: dict[str, int] = {}
    by_release: dict[str, list[tuple[TaskSpec, int]]] = {rid: [] for rid in release_ids}
    for t in plan.tasks:
        depth[t.id] = 0 if t.parent_id is None else depth.get(t.parent_id, 0) + 1
        bucket = by_release.get(t.release_id or "")
        if bucket is not None:
            bucket.append((t, depth[t.id]))
    return {t.id: (t, d) for rid in release_ids for t, d in by_release[rid]}


def _rows(
    plan: PlanSpec,
    result: Schedule,
    shown: dict[str, tuple[TaskSpec, int]],
    anchored: set[str],
) -> list[GanttRow]:
    number = {tid: n for n, tid in enumerate(shown, start=1)}
    preds = _predecessor_texts(plan, number)
    based = any(t.baseline_start for t, _ in shown.values())
    report = variance(plan, result).tasks if based else {}
    out = []
    # Every task's row at once (vectorised) is several times cheaper than one by one.
    tasks = dict(result.tasks.items())
    for tid, (t, depth) in shown.items():
        r = tasks[tid]
        v = report.get(tid)
        constraint = ConstraintType.ASAP if tid in anchored else t.constraint
        constraint_date = None if tid in anchored else t.constraint_date
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
                constraint=constraint_text(constraint, constraint_date),
                predecessors=preds.get(tid, ""),
                start_variance_minutes=v.start_minutes if v else None,
                finish_variance_minutes=v.finish_minutes if v else None,
                deployment=t.is_deployment,
                late_finish=r.late_finish,
                constraint_type=str(constraint),
                constraint_date=constraint_date,
            )
        )
    return out


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
    plan: PlanSpec,
    critical_only: bool,
    domain_id: str | None,
    domains: Mapping[str, str | None],
    text: str,
) -> list[int]:
    """Indexes of the rows the filters keep, with the summaries above each."""
    needle = text.strip().casefold()
    if not (critical_only or domain_id or needle):
        return list(range(len(rows)))
    parents = {t.id: t.parent_id for t in plan.tasks}
    index = {r.task_id: i for i, r in enumerate(rows)}
    keep: set[int] = set()
    for i, r in enumerate(rows):
        if critical_only and not r.critical:
            continue
        if domain_id is not None and domains.get(r.release_id) != domain_id:
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


def _span(
    rows: list[GanttRow], deadlines: list[dt.datetime], status: dt.datetime
) -> tuple[dt.datetime, dt.datetime]:
    """From the first to the last date the chart shows (bars, baselines, deadlines)."""
    if not rows:  # a filter kept nothing
        return status, status
    starts = [r.start for r in rows]
    finishes = [r.finish for r in rows]
    starts += [r.baseline_start for r in rows if r.baseline_start is not None]
    finishes += [r.baseline_finish for r in rows if r.baseline_finish is not None]
    finishes += [r.deadline for r in rows if r.deadline is not None]
    finishes += deadlines
    return min(starts), max(finishes)


def _shades(
    plan: PlanSpec,
    blackouts: set[tuple[dt.datetime, dt.datetime, str]],
    start: dt.datetime,
    finish: dt.datetime,
) -> tuple[GanttShade, ...]:
    """Non-working days of the plan's calendar and its freeze and blackout windows."""
    first, last = start - SHADE_MARGIN, finish + SHADE_MARGIN
    out: list[GanttShade] = []
    calendar = WorkingCalendar(plan.calendars[plan.default_calendar_id], first.date())
    day, off_since = first.date(), None
    while day <= last.date():
        working = calendar.is_working_day(day)
        if not working and off_since is None:
            off_since = day
        elif working and off_since is not None:
            out.append(_day_shade(off_since, day))
            off_since = None
        day += dt.timedelta(days=1)
    if off_since is not None:
        out.append(_day_shade(off_since, day))
    for w in plan.freeze_windows:
        if w.finish > first and w.start < last:
            kind = (
                ShadeKind.BLACKOUT
                if (w.start, w.finish, w.name) in blackouts
                else (ShadeKind.FREEZE)
            )
            out.append(GanttShade(w.start, w.finish, kind, w.name))
    return tuple(sorted(out, key=lambda s: s.start))


def _day_shade(first: dt.date, end: dt.date) -> GanttShade:
    return GanttShade(
        dt.datetime.combine(first, dt.time()),
        dt.datetime.combine(end, dt.time()),
        ShadeKind.NON_WORKING,
    )
