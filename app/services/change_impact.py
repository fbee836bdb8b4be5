"""A change request's schedule impact, computed by the engine on a what-if copy.

The plan rows of the release and of every release downstream of it (their tasks
follow its tasks through links, in any number of steps) are read once; the request
is applied to a copy of those plain rows (a new task becomes one more row and its
links, a changed duration replaces one value), and the engine schedules both
versions. Nothing is written: the stored plan stays as it is. What comes out is the
coordinator's sentence: "adds 3 working days to the critical path; the release now
finishes Tue 2 Feb instead of Fri 29 Jan; misses its deadline by 2 working days;
these 2 downstream releases move: …", plus the risks linked to the tasks concerned.

Building the copy from the same rows :func:`plan_loader.build_plan` turns into a
plan makes the what-if exactly what the engine computes once the request is
implemented (see the tests): the same loader, the same anchors and calendars.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from app.dates_text import weekday_day
from app.errors import PlanNotSchedulableError
from app.scheduling.calendar import WorkingCalendar
from app.services.change_items import ChangeItemSpec
from app.services.plan_loader import PlanRows, build_plan, read_plan_rows
from app.services.plan_service import schedule_plan
from app.words import count, listing
from app.workspace import Workspace
from models import Risk, RiskTask, Task, TaskLink
from models.enums import ChangeItemKind, RiskStatus

_NEW_POSITION = 1 << 30  # after every existing task (the outline order only)


@dataclass(frozen=True)
class ReleaseMove:
    """A release whose scheduled finish the request changes."""

    name: str
    before: dt.datetime
    after: dt.datetime


@dataclass(frozen=True)
class Impact:
    """The engine's answer for one request (see the module docstring)."""

    release_name: str
    finish_before: dt.datetime | None
    finish_after: dt.datetime | None
    added_minutes: int  # working minutes the release's finish moves (negative: earlier)
    minutes_per_day: int
    deadline: dt.datetime | None
    late_minutes: int  # working minutes past the deadline after the change (0: on time)
    downstream: tuple[ReleaseMove, ...]
    risks: tuple[str, ...]

    @property
    def added_days(self) -> float:
        """:attr:`added_minutes` in working days."""
        return self.added_minutes / self.minutes_per_day

    @property
    def sentence(self) -> str:
        """The impact as a coordinator reads it."""
        if self.finish_before is None or self.finish_after is None:
            return "The release has no plan yet, so the request changes no dates."
        parts = [_added(self.added_minutes, self.minutes_per_day)]
        if self.finish_after != self.finish_before:
            parts.append(
                f"the release now finishes {weekday_day(self.finish_after)} instead of "
                f"{weekday_day(self.finish_before)}"
            )
        else:
            parts.append(f"the release still finishes {weekday_day(self.finish_after)}")
        if self.deadline is not None:
            if self.late_minutes > 0:
                days = math.ceil(self.late_minutes / self.minutes_per_day)
                parts.append(f"misses its deadline by {count(days, 'working day')}")
            else:
                parts.append("meets its deadline")
        if self.downstream:
            names = listing([m.name for m in self.downstream])
            these = (
                "this downstream release moves"
                if len(self.downstream) == 1
                else (f"these {len(self.downstream)} downstream releases move")
            )
            parts.append(f"{these}: {names}")
        text = "; ".join(parts)
        text = text[0].upper() + text[1:] + "."
        if self.risks:
            text += f" Linked risks: {listing(list(self.risks))}."
        return text


def _added(minutes: int, per_day: int) -> str:
    days = abs(minutes) / per_day
    shown = f"{days:.1f}".rstrip("0").rstrip(".")
    if minutes == 0:
        return "adds no working time to the critical path"
    what = f"{shown} working day" + ("" if shown == "1" else "s")
    if minutes > 0:
        return f"adds {what} to the critical path"
    return f"takes {what} off the critical path"


def downstream_releases(ws: Workspace, release_id: uuid.UUID) -> list[uuid.UUID]:
    """Releases whose tasks follow ``release_id``'s tasks through links, in any number
    of steps (a few selects: one per step down the chain)."""
    seen = {release_id}
    frontier = {release_id}
    with ws.reading() as s:
        while frontier:
            pred, succ = sa.orm.aliased(Task), sa.orm.aliased(Task)
            found = set(
                s.scalars(
                    sa.select(succ.release_id)
                    .distinct()
                    .join(TaskLink, TaskLink.successor_id == succ.id)
                    .join(pred, pred.id == TaskLink.predecessor_id)
                    .where(pred.release_id.in_(frontier), TaskLink.deleted_at.is_(None))
                    .where(succ.deleted_at.is_(None), pred.deleted_at.is_(None))
                )
            )
            frontier = found - seen
            seen |= frontier
    return [release_id, *sorted(seen - {release_id})]


def _raw(rows: PlanRows, task_id: uuid.UUID) -> str:
    return task_id.hex if rows.sqlite_ids else str(task_id)


def applied(rows: PlanRows, release_id: uuid.UUID, items: Sequence[ChangeItemSpec]) -> PlanRows:
    """A copy of ``rows`` with the request's task changes made (scope changes do not
    move dates). ``rows`` itself is not changed."""
    tasks = list(rows.tasks)
    links = list(rows.links)
    index = {t[0]: n for n, t in enumerate(tasks)}
    release_raw = next((t[1] for t in tasks if str(t[1]).replace("-", "") == release_id.hex), None)
    if release_raw is None:
        release_raw = _raw(rows, release_id)
    for item in items:
        if item.kind is ChangeItemKind.CHANGE_DURATION and item.task_id is not None:
            n = index[_raw(rows, item.task_id)]
            tasks[n] = (*tasks[n][:5], item.duration_minutes, *tasks[n][6:])
        elif item.kind is ChangeItemKind.ADD_TASK:
            new = _raw(rows, uuid.uuid4())
            tasks.append(
                (
                    new,
                    release_raw,
                    None,
                    _NEW_POSITION + len(tasks),
                    item.title,
                    item.duration_minutes,
                    False,
                    False,
                    False,
                    None,
                    None,
                    None,
                )
            )
            if item.predecessor_id is not None:
                links.append((_raw(rows, item.predecessor_id), new, None, None, None))
            if item.successor_id is not None:
                links.append((new, _raw(rows, item.successor_id), None, None, None))
    return dataclasses.replace(rows, tasks=tasks, links=links)


def _risks(ws: Workspace, items: Sequence[ChangeItemSpec]) -> tuple[str, ...]:
    tasks = {t for i in items for t in (i.task_id, i.predecessor_id, i.successor_id) if t}
    if not tasks:
        return ()
    with ws.reading() as s:
        titles = s.scalars(
            sa.select(Risk.title)
            .distinct()
            .join(RiskTask, RiskTask.risk_id == Risk.id)
            .where(RiskTask.task_id.in_(tasks), RiskTask.deleted_at.is_(None))
            .where(Risk.deleted_at.is_(None), Risk.status != RiskStatus.CLOSED)
            .order_by(Risk.title)
        )
        return tuple(titles)


def plan_rows(ws: Workspace, release_id: uuid.UUID) -> PlanRows:
    """The rows the what-if schedules: the release, its downstream releases and what
    drives them."""
    return read_plan_rows(ws, downstream_releases(ws, release_id))


def impact_on(rows: PlanRows, release_id: uuid.UUID, items: Sequence[ChangeItemSpec]) -> Impact:
    """The impact of ``items`` on the plan read as ``rows`` (no database access)."""
    rid = str(release_id)
    info = rows.releases[rid]
    if not any(str(t[1]).replace("-", "") == release_id.hex for t in rows.tasks) and not any(
        i.kind is ChangeItemKind.ADD_TASK for i in items
    ):
        return Impact(info.name, None, None, 0, 480, info.deadline, 0, (), ())
    before_plan = build_plan(rows)
    after_plan = build_plan(applied(rows, release_id, items))
    try:
        before = schedule_plan(before_plan) if before_plan.plan.tasks else None
        after = schedule_plan(after_plan)
    except PlanNotSchedulableError as exc:
        raise PlanNotSchedulableError(
            f"With this request the plan cannot be scheduled: {exc}"
        ) from exc
    plan = after_plan.plan
    spec = (
        plan.calendars[info.calendar_id or plan.default_calendar_id]
        if (info.calendar_id in plan.calendars)
        else plan.calendars[plan.default_calendar_id]
    )
    calendar = WorkingCalendar(spec, plan.project_start.date())
    finish_after = after.release_finish[rid]
    finish_before = before.release_finish.get(rid, finish_after) if before else finish_after
    added = calendar.work_between(finish_before, finish_after)
    late = 0
    if info.deadline is not None and finish_after > info.deadline:
        late = calendar.work_between(info.deadline, finish_after)
    moves = tuple(
        ReleaseMove(rows.releases[other].name, when, after.release_finish[other])
        for other, when in (before.release_finish.items() if before else ())
        if other != rid
        and other in after_plan.release_ids
        and after.release_finish.get(other, when) != when
    )
    return Impact(
        info.name,
        finish_before,
        finish_after,
        added,
        plan.minutes_per_day,
        info.deadline,
        late,
        moves,
        (),
    )


def compute_impact(ws: Workspace, release_id: uuid.UUID, items: Sequence[ChangeItemSpec]) -> Impact:
    """The impact of applying ``items`` to ``release_id``'s plan now (read only)."""
    impact = impact_on(plan_rows(ws, release_id), release_id, items)
    return dataclasses.replace(impact, risks=_risks(ws, items))
