"""Plain input data for the scheduling engine.

A plan is what the engine needs and nothing more: tasks, links, working calendars
and a few project dates. It is built from database rows (Core selects, no ORM), from
an imported Microsoft Project or GanttProject file, or by tests. Every date-time is a
naive *local* ``datetime`` (the wall clock of the team's calendar); every duration
and lag amount is in minutes unless its unit says otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class LinkType(StrEnum):
    """Dependency type: which end of the predecessor drives which end of the successor."""

    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


class LagUnit(StrEnum):
    """How a link's lag is measured."""

    WORKING = "working"  # working minutes on the successor's calendar
    ELAPSED = "elapsed"  # wall-clock minutes, nights and weekends included
    PERCENT = "percent"  # percent of the predecessor's duration (lag = 50 means 50 %)


class ConstraintType(StrEnum):
    """Date constraints, named as in Microsoft Project."""

    ASAP = "ASAP"  # as soon as possible
    ALAP = "ALAP"  # as late as possible
    SNET = "SNET"  # start no earlier than
    SNLT = "SNLT"  # start no later than
    FNET = "FNET"  # finish no earlier than
    FNLT = "FNLT"  # finish no later than
    MSO = "MSO"  # must start on
    MFO = "MFO"  # must finish on


@dataclass(frozen=True, slots=True)
class WorkingTime:
    """One working interval within a day, e.g. 08:00-12:00. ``end`` may be 00:00 = midnight."""

    start: dt.time
    end: dt.time


STANDARD_DAY: tuple[WorkingTime, ...] = (
    WorkingTime(dt.time(8, 0), dt.time(12, 0)),
    WorkingTime(dt.time(13, 0), dt.time(17, 0)),
)
"""Microsoft Project's standard working day: 8 hours with a lunch break."""


@dataclass(frozen=True, slots=True)
class CalendarException:
    """Days ``start``..``finish`` (inclusive) that differ from the working week.

    No ``working_times`` means the days are non-working (holiday, shutdown); otherwise
    the days work exactly those intervals.
    """

    start: dt.date
    finish: dt.date
    working_times: tuple[WorkingTime, ...] = ()
    name: str = ""


@dataclass(frozen=True, slots=True)
class CalendarSpec:
    """A working calendar.

    ``week`` has seven entries, Monday first; an empty entry is a non-working day.
    ``holiday_country`` (ISO 3166 code such as ``"DE"``) adds that country's public
    holidays from the ``holidays`` package as non-working exceptions.
    """

    id: str
    name: str = "Standard"
    week: tuple[tuple[WorkingTime, ...], ...] = (STANDARD_DAY,) * 5 + ((), ())
    exceptions: tuple[CalendarException, ...] = ()
    holiday_country: str | None = None


@dataclass(frozen=True, slots=True)
class FreezeWindow:
    """A change freeze / blackout window: tasks flagged ``is_deployment`` may not overlap it."""

    start: dt.datetime
    finish: dt.datetime
    name: str = ""


# TaskSpec and LinkSpec are built by the hundred thousand when a portfolio is loaded; a
# frozen dataclass's __init__ costs three times as much (one object.__setattr__ call per
# field), so these two are plain slotted dataclasses. Treat them as read-only all the
# same: nothing in the engine or the loaders changes a spec after building it.
@dataclass(slots=True)
class TaskSpec:
    """One task of a plan.

    ``duration_minutes`` is working time on the task's calendar, or wall-clock time when
    ``elapsed`` is true. Summary tasks (those that are some task's ``parent_id``) take
    their dates from their children; their own duration is ignored.
    """

    id: str
    name: str
    duration_minutes: int = 0
    elapsed: bool = False
    milestone: bool = False
    parent_id: str | None = None
    calendar_id: str | None = None
    constraint: ConstraintType = ConstraintType.ASAP
    constraint_date: dt.datetime | None = None
    deadline: dt.datetime | None = None
    actual_start: dt.datetime | None = None
    actual_finish: dt.datetime | None = None
    percent_complete: float = 0.0
    is_deployment: bool = False
    release_id: str | None = None
    baseline_start: dt.datetime | None = None
    baseline_finish: dt.datetime | None = None
    baseline_duration_minutes: int | None = None

    @property
    def label(self) -> str:
        """How messages name the task: its name, or its id when it has none."""
        return self.name or self.id


@dataclass(slots=True)
class LinkSpec:
    """A dependency ``predecessor -> successor`` of ``type`` with a lag (negative = lead)."""

    predecessor_id: str
    successor_id: str
    type: LinkType = LinkType.FS
    lag: float = 0.0
    lag_unit: LagUnit = LagUnit.WORKING


@dataclass(frozen=True, slots=True)
class PlanSpec:
    """Everything the engine schedules in one pass (one release or a whole portfolio).

    ``tasks`` are in outline order (parents before children). ``calendars`` is keyed by
    ``CalendarSpec.id``; tasks without a ``calendar_id`` use ``default_calendar_id``.
    ``deadline`` is the release (project) deadline: missing it shows as negative float.
    ``status_date`` is when progress was measured: remaining work starts no earlier.
    """

    tasks: Sequence[TaskSpec]
    links: Sequence[LinkSpec] = ()
    project_start: dt.datetime = dt.datetime(2026, 1, 5, 8, 0)
    calendars: Mapping[str, CalendarSpec] = field(
        default_factory=lambda: {"standard": CalendarSpec("standard")}
    )
    default_calendar_id: str = "standard"
    deadline: dt.datetime | None = None
    status_date: dt.datetime | None = None
    freeze_windows: Sequence[FreezeWindow] = ()
    minutes_per_day: int = 480
    minutes_per_week: int = 2400
