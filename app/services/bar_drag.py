"""Where a dragged bar lands, on the task's own working calendar.

The chart drags in wall-clock time; a duration is working time. The time between the
bar's finish and where its end was released is counted in working minutes of the
task's calendar (its holidays and hours included), so the redrawn bar ends where the
mouse let go; a bar moved as a whole starts at the first working minute at or after
the drop (a drop on a weekend starts the next working morning). An elapsed duration
counts wall-clock time, as the engine does.
"""

from __future__ import annotations

import datetime as dt

from app.scheduling.calendar import WorkingCalendar
from app.scheduling.plan import PlanSpec, TaskSpec


def _task(plan: PlanSpec, task_id: str) -> TaskSpec:
    return next(t for t in plan.tasks if t.id == task_id)


def _calendar(plan: PlanSpec, task: TaskSpec, near: dt.datetime) -> WorkingCalendar:
    cal_id = task.calendar_id or plan.default_calendar_id
    return WorkingCalendar(plan.calendars[cal_id], near.date())


def dragged_duration(
    plan: PlanSpec, task_id: str, duration: int, finish: dt.datetime, released: dt.datetime
) -> int:
    """The duration (minutes, never negative) of a task of ``duration`` finishing at
    ``finish`` whose bar's end was dragged to ``released``."""
    task = _task(plan, task_id)
    if task.elapsed:
        shift = round((released - finish).total_seconds() / 60)
    else:
        calendar = _calendar(plan, task, finish)
        shift = calendar.work_between(finish, released)
    return max(0, duration + shift)


def dragged_start(plan: PlanSpec, task_id: str, dropped: dt.datetime) -> dt.datetime:
    """The start (no earlier than) of a bar dropped at ``dropped``: the first working
    minute of the task's calendar at or after it."""
    task = _task(plan, task_id)
    if task.elapsed:
        return dropped
    calendar = _calendar(plan, task, dropped)
    return calendar.datetime_of(calendar.ordinal(dropped), finish=False)
