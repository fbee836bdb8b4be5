"""What a Gantt chart shows, as plain frozen rows: no Qt, no matplotlib, no database.

:func:`app.services.gantt_data.gantt_plan` builds a :class:`GanttPlan` from a stored
plan and its schedule; :func:`app.charts.gantt.draw_gantt` draws one; the Plan view's
table shows the same rows, so the table and the chart can never disagree.

Row ``i`` of :attr:`GanttPlan.rows` is drawn at ``y = i`` (top to bottom, table order);
links name rows by that index. Every date is a *plan time*: a naive wall-clock
``datetime`` of the release's working calendar, exactly as the scheduling engine gives
it (see :mod:`app.clock`: plan times are never converted between time zones), so a
task that starts at 08:00 shows 08:00 wherever the reader is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.scheduling.plan import PlanSpec
    from app.scheduling.results import Schedule


class ShadeKind(StrEnum):
    """Why a stretch of time is shaded behind the bars."""

    NON_WORKING = "non_working"  # a weekend or holiday of the plan's calendar
    FREEZE = "freeze"  # a change freeze: deployment tasks may not overlap it
    BLACKOUT = "blackout"  # a blackout window: the same, and stricter in words


@dataclass(frozen=True, slots=True)
class GanttRow:
    """One task as a table row and a bar.

    ``number`` is the 1-based row number the table shows (Microsoft Project's ID): the
    number predecessors text refers to; it stays the task's number when a filter hides
    other rows. ``level`` is the outline depth (0 = top). ``start``/``finish`` are the
    scheduled dates (actual dates once the task has progress); a milestone has
    ``start == finish`` unless it was given a duration. Floats are working minutes
    (negative: a deadline or constraint cannot be met); ``late_finish`` is how late the
    task may finish without moving the plan's finish (the end of its float bar).
    ``deployment`` marks a task that freeze windows hold back. ``constraint`` is readable
    text such as ``"Start no earlier than 9 Mar 2026 08:00"`` (empty for as soon as
    possible), made from ``constraint_type`` (``"SNET"``…) and ``constraint_date``;
    ``predecessors`` is Microsoft Project's notation over row numbers, e.g.
    ``"3, 5SS+2d, 7FF-50%"``. Baseline variances are working minutes, positive = later
    or longer, None without a baseline.
    """

    task_id: str
    release_id: str
    number: int
    label: str
    level: int
    start: dt.datetime
    finish: dt.datetime
    duration_minutes: int
    percent_complete: float
    critical: bool
    total_float_minutes: int
    free_float_minutes: int
    milestone: bool
    summary: bool
    baseline_start: dt.datetime | None = None
    baseline_finish: dt.datetime | None = None
    deadline: dt.datetime | None = None
    constraint: str = ""
    predecessors: str = ""
    start_variance_minutes: int | None = None
    finish_variance_minutes: int | None = None
    deployment: bool = False
    late_finish: dt.datetime | None = None
    constraint_type: str = "ASAP"
    constraint_date: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class GanttLink:
    """A dependency drawn as one arrow from row ``predecessor_row`` to ``successor_row``
    (indexes into :attr:`GanttPlan.rows`). ``link_type`` is ``"FS"``, ``"SS"``, ``"FF"``
    or ``"SF"``; ``critical`` when both ends are critical; ``cross_release`` when the
    two tasks belong to different releases (portfolio mode)."""

    predecessor_row: int
    successor_row: int
    link_type: str = "FS"
    critical: bool = False
    cross_release: bool = False


@dataclass(frozen=True, slots=True)
class GanttShade:
    """A stretch of time shaded behind the bars: ``start`` up to ``finish`` (exclusive)."""

    start: dt.datetime
    finish: dt.datetime
    kind: ShadeKind
    name: str = ""


@dataclass(frozen=True, eq=False)  # compared (and cached by the drawing) by identity
class GanttPlan:
    """Everything a Gantt chart of one or several releases shows.

    ``rows`` in table order (outline order within each release; releases in the order
    asked for); ``links`` only between shown rows; ``shades`` sorted by start.
    ``status_date`` is the date progress was measured on (today when the plan has
    none): the vertical line. ``start``/``finish`` span every bar, baseline and
    deadline. ``release_names`` maps each release id to "name version";
    ``release_deadlines`` the releases that have a deadline. ``minutes_per_day`` turns
    working minutes into days for people. ``problems`` are the engine's warnings.
    ``spec`` and ``schedule`` are the engine's plan and the schedule the rows were made
    from (None for a plan built by hand): what a bar drag needs for the task's calendar
    and a tooltip for what drives a start, without scheduling again;
    ``scheduled_names`` names every release scheduled with them (those that only drive
    the shown ones too).
    """

    rows: tuple[GanttRow, ...]
    links: tuple[GanttLink, ...] = ()
    shades: tuple[GanttShade, ...] = ()
    status_date: dt.datetime | None = None
    start: dt.datetime | None = None
    finish: dt.datetime | None = None
    release_names: Mapping[str, str] = field(default_factory=dict)
    release_deadlines: Mapping[str, dt.datetime] = field(default_factory=dict)
    minutes_per_day: int = 480
    problems: tuple[str, ...] = ()
    spec: PlanSpec | None = None
    schedule: Schedule | None = None
    scheduled_names: Mapping[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def row_of(self, task_id: str) -> int | None:
        """The row index of a task, or None when it is not shown."""
        return self._index.get(task_id)

    @cached_property
    def _index(self) -> dict[str, int]:
        return {r.task_id: i for i, r in enumerate(self.rows)}

    @property
    def has_baseline(self) -> bool:
        """Whether any shown task has a baseline to draw."""
        return any(r.baseline_start is not None for r in self.rows)
