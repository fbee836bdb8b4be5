"""Just enough working-time arithmetic for exports: a task's finish from its duration.

The scheduling engine owns real calendar math; exports only need a plausible Finish
for tasks that were not scheduled (Project recomputes it when it opens the file).
"""

from __future__ import annotations

import datetime as dt

from app.scheduling.plan import CalendarSpec, WorkingTime

_MAX_DAYS = 3660  # give up after ten years: a calendar with no working time at all


def day_hours(calendar: CalendarSpec, day: dt.date) -> tuple[WorkingTime, ...]:
    """The working intervals of ``day``: an exception's, else the week's."""
    for exc in calendar.exceptions:
        if exc.start <= day <= exc.finish:
            return exc.working_times
    return calendar.week[day.weekday()]


def add_working_minutes(calendar: CalendarSpec, start: dt.datetime, minutes: int) -> dt.datetime:
    """The instant ``minutes`` of working time after ``start`` on ``calendar``."""
    if minutes <= 0:
        return start
    remaining = minutes
    day = start.date()
    for _ in range(_MAX_DAYS):
        midnight = dt.datetime.combine(day, dt.time())
        for interval in day_hours(calendar, day):
            begin = midnight + dt.timedelta(
                hours=interval.start.hour, minutes=interval.start.minute
            )
            end = midnight + dt.timedelta(hours=interval.end.hour, minutes=interval.end.minute)
            if interval.end == dt.time(0, 0):
                end = midnight + dt.timedelta(days=1)
            begin = max(begin, start)
            available = (end - begin) / dt.timedelta(minutes=1)
            if available <= 0:
                continue
            if remaining <= available:
                return begin + dt.timedelta(minutes=remaining)
            remaining -= available
        day += dt.timedelta(days=1)
    return start + dt.timedelta(minutes=minutes)
