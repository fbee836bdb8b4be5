"""The integer time axis the passes run on, and its conversions.

With one calendar for all tasks (the common case) the axis is that calendar's
working-minute ordinals, so durations and working lags are plain additions. When
tasks use different calendars, or a task runs in elapsed time, the axis is wall-clock
minutes and each step of the general per-node code converts through the calendar of
the task it concerns (slower, but exact for every calendar). Plain tasks (see
``network``) keep working-minute ordinals of their own calendar even then, so the
links inside one calendar stay plain additions; ``from_ordinal``/``to_ordinal`` move a
value between a plain task's calendar and the axis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.scheduling.calendar import WorkingCalendar, wall_minute


class SingleCalendarAxis:
    """Axis = working-minute ordinals of the one calendar every task uses."""

    multi = False

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.cal = calendar
        self._elapsed: dict[tuple[int, int, bool], int] = {}  # lags repeat a lot

    def point(self, when: dt.datetime) -> int:
        """A datetime on the axis."""
        return self.cal.ordinal(when)

    def work(self, c: int, t: int, minutes: int, finish: bool) -> int:
        """``t`` plus working ``minutes`` on calendar ``c`` (all the same here)."""
        return t + minutes

    def elapsed(self, t: int, minutes: int, t_is_finish: bool) -> int:
        """``t`` plus wall-clock ``minutes``; ``t_is_finish`` says which wall instant ``t`` is."""
        key = (t, minutes, t_is_finish)
        r = self._elapsed.get(key)
        if r is None:
            cal = self.cal
            r = self._elapsed[key] = cal.ordinal_of_wall(cal.wall_of(t, t_is_finish) + minutes)
        return r

    def span(self, c: int, a: int, b: int) -> int:
        """Working minutes from ``a`` to ``b`` on calendar ``c``."""
        return b - a

    def from_ordinal(self, c: int, t: int, finish: bool) -> int:
        """Working-minute ordinal ``t`` of calendar ``c`` on the axis (the same here)."""
        return t

    def to_ordinal(self, c: int, t: int) -> int:
        """Axis point ``t`` as a working-minute ordinal of calendar ``c`` (the same here)."""
        return t

    def to_datetime(self, c: int, t: int, finish: bool) -> dt.datetime:
        """Axis point as a datetime; ``finish`` picks 17:00 over 08:00 next day."""
        return self.cal.datetime_of(t, finish)


class MultiCalendarAxis:
    """Axis = wall-clock minutes; every working step goes through the task's calendar."""

    multi = True

    def __init__(self, calendars: Sequence[WorkingCalendar]) -> None:
        self.cals = calendars

    def point(self, when: dt.datetime) -> int:
        """A datetime on the axis."""
        return wall_minute(when)

    def work(self, c: int, t: int, minutes: int, finish: bool) -> int:
        """``t`` plus working ``minutes`` on calendar ``c``, as a start or finish instant."""
        cal = self.cals[c]
        return cal.wall_of(cal.ordinal_of_wall(t) + minutes, finish)

    def elapsed(self, t: int, minutes: int, t_is_finish: bool) -> int:
        """``t`` plus wall-clock ``minutes``."""
        return t + minutes

    def span(self, c: int, a: int, b: int) -> int:
        """Working minutes from ``a`` to ``b`` on calendar ``c``."""
        cal = self.cals[c]
        return cal.ordinal_of_wall(b) - cal.ordinal_of_wall(a)

    def from_ordinal(self, c: int, t: int, finish: bool) -> int:
        """Working-minute ordinal ``t`` of calendar ``c`` as a wall instant."""
        return self.cals[c].wall_of(t, finish)

    def to_ordinal(self, c: int, t: int) -> int:
        """Wall instant ``t`` as a working-minute ordinal of calendar ``c`` (non-working
        time maps to the next working minute)."""
        return self.cals[c].ordinal_of_wall(t)

    def to_datetime(self, c: int, t: int, finish: bool) -> dt.datetime:
        """Axis point as a datetime on calendar ``c``'s working time."""
        cal = self.cals[c]
        return cal.datetime_of(cal.ordinal_of_wall(t), finish)
