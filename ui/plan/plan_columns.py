"""The plan table's columns: what each shows of a :class:`GanttRow` and how it is edited.

Durations, floats and variances are working time (``3d 4h``), dates are the plan's own
wall-clock times (never converted between time zones), as in ``plan schedule``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

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
class Shown:
    """How a column shows its field's value (given minutes per working day), and
    whether that is a number (right-aligned)."""

    text: Callable[[Any, int], str]
    numeric: bool = False


def _working(minutes: int | None, per_day: int) -> str:
    return "" if minutes is None else format_working(minutes, per_day)


def _signed(minutes: int | None, per_day: int) -> str:
    return ("+" if minutes and minutes > 0 else "") + _working(minutes, per_day)


TEXT = Shown(lambda v, _d: str(v))
NUMBER = Shown(lambda v, _d: str(v), numeric=True)
MOMENT = Shown(lambda v, _d: moment(v))
PERCENT = Shown(lambda v, _d: f"{v:g}%", numeric=True)
WORKING = Shown(_working, numeric=True)  # working time: 3d 4h (a milestone's 0 is "0")
SIGNED = Shown(_signed, numeric=True)  # working time, + when later


@dataclass(frozen=True)
class PlanColumn:
    """One column: header, the :class:`GanttRow` field it shows and how, editing,
    width in characters and the header's tooltip."""

    key: str
    header: str
    field: str
    shown: Shown
    edit: Edit
    chars: int
    tip: str

    @property
    def numeric(self) -> bool:
        return self.shown.numeric

    def text(self, row: GanttRow, per_day: int) -> str:
        """The cell's text for ``row``."""
        return self.shown.text(getattr(row, self.field), per_day)


def _column(
    key: str, header: str, field: str, shown: Shown, edited: bool, chars: int, tip: str = ""
) -> PlanColumn:
    # Each editable column is edited its own way, named as the column is.
    return PlanColumn(key, header, field, shown, Edit(key) if edited else Edit.NONE, chars, tip)


# fmt: off
COLUMNS: tuple[PlanColumn, ...] = tuple(_column(*spec) for spec in (
    # key, header, GanttRow field, shown as, edited, width (characters), header tooltip
    ("number", "#", "number", NUMBER, False, 4,
     "Row number: predecessors refer to tasks by it"),
    ("name", "Task", "label", TEXT, True, 26),
    ("duration", "Duration", "duration_minutes", WORKING, True, 6,
     "Working time, e.g. 3d, 4h, 2d 4h, 5ed (elapsed days)"),
    ("start", "Start", "start", MOMENT, True, 17,
     "Typing a start sets 'start no earlier than'"),
    ("finish", "Finish", "finish", MOMENT, True, 17,
     "Typing a finish sets 'finish no earlier than'"),
    ("percent", "% done", "percent_complete", PERCENT, True, 6),
    ("total_float", "Total float", "total_float_minutes", WORKING, False, 9,
     "How far the task can slip before the plan's finish moves"),
    ("free_float", "Free float", "free_float_minutes", WORKING, False, 9,
     "How far the task can slip before a successor moves"),
    ("predecessors", "Predecessors", "predecessors", TEXT, True, 12,
     "Row numbers with link type and lag, e.g. 3, 5SS+2d, 7FF-50%"),
    ("constraint", "Constraint", "constraint", TEXT, True, 16,
     "What holds the task's dates: as soon as possible, start no earlier than…"),
    ("variance", "Finish variance", "finish_variance_minutes", SIGNED, False, 10,
     "Finish against the baseline: + is later"),
))
# fmt: on
KEYS = {c.key: n for n, c in enumerate(COLUMNS)}
