"""Baselines: freeze a schedule's dates, then measure how far the plan has moved."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from app.scheduling.calendar import WorkingCalendar
from app.scheduling.plan import PlanSpec
from app.scheduling.results import Schedule


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """A task's baseline: planned start, finish and working duration (minutes)."""

    start: dt.datetime
    finish: dt.datetime
    duration_minutes: int


@dataclass(frozen=True, slots=True)
class TaskVariance:
    """Current minus baseline, in working minutes (positive = later / longer).

    A field is ``None`` when the task has no baseline for it.
    """

    task_id: str
    start_minutes: int | None
    finish_minutes: int | None
    duration_minutes: int | None


@dataclass(frozen=True, slots=True)
class ReleaseVariance:
    """Variance of a release's envelope (earliest start, latest finish of its tasks)."""

    release_id: str
    start_minutes: int
    finish_minutes: int
    duration_minutes: int


@dataclass(frozen=True, slots=True)
class VarianceReport:
    """Per-task and per-release variance against the plan's baseline fields."""

    tasks: Mapping[str, TaskVariance]
    releases: Mapping[str, ReleaseVariance]


def capture_baseline(result: Schedule) -> dict[str, BaselineEntry]:
    """The scheduled start/finish/duration of every task, to store as its baseline."""
    return {
        tid: BaselineEntry(r.start, r.finish, r.duration_minutes)
        for tid, r in result.tasks.items()
    }


def apply_baseline(plan: PlanSpec, baseline: Mapping[str, BaselineEntry]) -> PlanSpec:
    """A copy of ``plan`` whose tasks carry ``baseline`` in their baseline fields."""
    tasks = []
    for t in plan.tasks:
        b = baseline.get(t.id)
        if b is not None:
            t = dataclasses.replace(
                t,
                baseline_start=b.start,
                baseline_finish=b.finish,
                baseline_duration_minutes=b.duration_minutes,
            )
        tasks.append(t)
    return dataclasses.replace(plan, tasks=tasks)


def variance(plan: PlanSpec, result: Schedule) -> VarianceReport:
    """Compare ``result`` with the baseline fields of ``plan``'s tasks.

    Start and finish variances are working minutes on the task's calendar between the
    baseline and the scheduled date; release variances use the plan's default calendar.
    Summary tasks are left out of release envelopes (their children count).
    """
    anchor = plan.project_start.date()
    cals: dict[str, WorkingCalendar] = {}

    def cal_for(cid: str) -> WorkingCalendar:
        c = cals.get(cid)
        if c is None:
            c = cals[cid] = WorkingCalendar(plan.calendars[cid], anchor)
        return c

    parents = {t.parent_id for t in plan.tasks if t.parent_id is not None}
    tasks: dict[str, TaskVariance] = {}
    env: dict[str, list[dt.datetime]] = {}  # release -> [start, finish, base start, base finish]
    for t in plan.tasks:
        r = result.tasks.get(t.id)
        if r is None:
            continue
        cal = cal_for(t.calendar_id or plan.default_calendar_id)
        sv = fv = dv = None
        if t.baseline_start is not None:
            sv = cal.ordinal(r.start) - cal.ordinal(t.baseline_start)
        if t.baseline_finish is not None:
            fv = cal.ordinal(r.finish) - cal.ordinal(t.baseline_finish)
        if t.baseline_duration_minutes is not None:
            dv = r.duration_minutes - t.baseline_duration_minutes
        elif t.baseline_start is not None and t.baseline_finish is not None:
            dv = r.duration_minutes - (
                cal.ordinal(t.baseline_finish) - cal.ordinal(t.baseline_start)
            )
        tasks[t.id] = TaskVariance(t.id, sv, fv, dv)
        if (
            t.release_id is not None
            and t.id not in parents
            and t.baseline_start is not None
            and t.baseline_finish is not None
        ):
            e = env.get(t.release_id)
            if e is None:
                env[t.release_id] = [r.start, r.finish, t.baseline_start, t.baseline_finish]
            else:
                e[0], e[1] = min(e[0], r.start), max(e[1], r.finish)
                e[2], e[3] = min(e[2], t.baseline_start), max(e[3], t.baseline_finish)
    dcal = cal_for(plan.default_calendar_id)
    o = dcal.ordinal
    releases = {
        rid: ReleaseVariance(
            rid,
            o(s) - o(bs),
            o(f) - o(bf),
            (o(f) - o(s)) - (o(bf) - o(bs)),
        )
        for rid, (s, f, bs, bf) in env.items()
    }
    return VarianceReport(tasks, releases)
