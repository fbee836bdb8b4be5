"""The plan table's columns: what each shows of a :class:`GanttRow` and how it is edited.

Durations, floats and variances are working time (``3d 4h``), dates are the plan's own
wall-clock times (never converted between time zones), as in ``plan schedule``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from app.charts.gantt_plan import GanttRow
from app.dates_text import moment
from app.services.working_time import format_working


class Edit(StrEnum):
    """How a cell is edited (empty: read-only)."""

    NONE = ""
    NAME = "name"
    DURATION = "duration"
    START = "start"  # typing a start sets "start no earlier than", as Microsoft Project does
    FINISH = "finish"  # typing a finish sets "finish no earlier than"
    PERCENT = "percent"
    PREDECESSORS = "predecessors"
    CONSTRAINT = "constraint"  # a kind (start no earlier than…) and its date


@dataclass(frozen=True)
class PlanColumn:
    """One column: header, text of a row (given minutes per day), editing, width in
    characters, right-aligned numbers."""

    key: str
    header: str
    text: Callable[[GanttRow, int], str]
    edit: Edit = Edit.NONE
    chars: int = 10
    numeric: bool = False
    tip: str = ""


def _working(minutes: int | None, per_day: int) -> str:
    return "" if minutes is None else format_working(minutes, per_day)


def _variance(row: GanttRow, per_day: int) -> str:
    minutes = row.finish_variance_minutes
    if minutes is None:
        return ""
    return ("+" if minutes > 0 else "") + format_working(minutes, per_day)


def _duration(row: GanttRow, per_day: int) -> str:
    if row.milestone and not row.duration_minutes:
        return "0"
    return format_working(row.duration_minutes, per_day)


COLUMNS: tuple[PlanColumn, ...] = (
    PlanColumn(
        "number",
        "#",
        lambda r, _d: str(r.number),
        chars=4,
        numeric=True,
        tip="Row number: predecessors refer to tasks by it",
    ),
    PlanColumn("name", "Task", lambda r, _d: r.label, Edit.NAME, chars=26),
    PlanColumn(
        "duration",
        "Duration",
        _duration,
        Edit.DURATION,
        chars=6,
        numeric=True,
        tip="Working time, e.g. 3d, 4h, 2d 4h, 5ed (elapsed days)",
    ),
    PlanColumn(
        "start",
        "Start",
        lambda r, _d: moment(r.start),
        Edit.START,
        chars=17,
        tip="Typing a start sets 'start no earlier than'",
    ),
    PlanColumn(
        "finish",
        "Finish",
        lambda r, _d: moment(r.finish),
        Edit.FINISH,
        chars=17,
        tip="Typing a finish sets 'finish no earlier than'",
    ),
    PlanColumn(
        "percent",
        "% done",
        lambda r, _d: f"{r.percent_complete:g}%",
        Edit.PERCENT,
        chars=6,
        numeric=True,
    ),
    PlanColumn(
        "total_float",
        "Total float",
        lambda r, d: _working(r.total_float_minutes, d),
        chars=9,
        numeric=True,
        tip="How far the task can slip before the plan's finish moves",
    ),
    PlanColumn(
        "free_float",
        "Free float",
        lambda r, d: _working(r.free_float_minutes, d),
        chars=9,
        numeric=True,
        tip="How far the task can slip before a successor moves",
    ),
    PlanColumn(
        "predecessors",
        "Predecessors",
        lambda r, _d: r.predecessors,
        Edit.PREDECESSORS,
        chars=12,
        tip="Row numbers with link type and lag, e.g. 3, 5SS+2d, 7FF-50%",
    ),
    PlanColumn(
        "constraint",
        "Constraint",
        lambda r, _d: r.constraint,
        Edit.CONSTRAINT,
        chars=16,
        tip="What holds the task's dates: as soon as possible, start no earlier than…",
    ),
    PlanColumn(
        "variance",
        "Finish variance",
        _variance,
        chars=10,
        numeric=True,
        tip="Finish against the baseline: + is later",
    ),
)
KEYS = {c.key: n for n, c in enumerate(COLUMNS)}
