"""How much working time a bar's end was dragged by.

The chart drags in wall-clock time; a duration is working time. Whole days dragged
count the weekdays passed (Monday to Friday) as working days of the plan; a drag of
hours (at a zoom where hours show) counts those hours. Holidays of the task's calendar
are not known to the chart, so a drag across one adds a day the engine then skips: the
bar lands a day later than the pointer, which the redraw shows at once.
"""

from __future__ import annotations

import datetime as dt


def weekdays_between(a: dt.date, b: dt.date) -> int:
    """Weekdays in ``(a, b]`` (negative when ``b`` is before ``a``)."""
    if b < a:
        return -weekdays_between(b, a)
    days = (b - a).days
    whole, rest = divmod(days, 7)
    count = whole * 5
    for i in range(1, rest + 1):
        if (a + dt.timedelta(days=whole * 7 + i)).weekday() < 5:
            count += 1
    return count


def working_shift(old: dt.datetime, new: dt.datetime, minutes_per_day: int) -> int:
    """Working minutes between ``old`` and ``new`` (a dragged bar end)."""
    delta = new - old
    if delta % dt.timedelta(days=1):
        return round(delta.total_seconds() / 60)
    return weekdays_between(old.date(), new.date()) * minutes_per_day
