"""A :class:`~app.charts.gantt_plan.GanttPlan` as numbers: x in days, one array per column.

The chart's x axis counts days since 1970-01-01 00:00 (plan times: naive wall-clock),
as floats; :func:`to_x` and :func:`from_x` convert, so a view can turn a mouse position
into a date (a drag) and back. Arrays are built once per plan (10,000 rows: ~20 ms)
and kept while the plan lives, so a scroll or zoom redraw only slices them.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass

import numpy as np

from app.charts.gantt_plan import GanttPlan

_EPOCH = dt.datetime(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()
_LINK_TYPES = {"FS": 0, "SS": 1, "FF": 2, "SF": 3}


def to_x(when: dt.datetime) -> float:
    """A plan time as a chart x coordinate (days since 1970-01-01)."""
    return (
        when.toordinal()
        - _EPOCH_ORDINAL
        + (when.hour * 3600 + when.minute * 60 + when.second) / 86400.0
    )


def from_x(x: float) -> dt.datetime:
    """The plan time at chart x coordinate ``x``, to the minute."""
    return _EPOCH + dt.timedelta(minutes=round(x * 1440))


def _xs(values: list[dt.datetime | None]) -> np.ndarray:
    return np.array([np.nan if v is None else to_x(v) for v in values], dtype=float)


@dataclass(frozen=True, eq=False)
class PlanGeometry:
    """Column arrays of a plan's rows (NaN where a row has no such date) and links."""

    start: np.ndarray
    finish: np.ndarray
    late_finish: np.ndarray
    baseline_start: np.ndarray
    baseline_finish: np.ndarray
    deadline: np.ndarray
    progress: np.ndarray  # 0..1
    critical: np.ndarray
    milestone: np.ndarray
    summary: np.ndarray
    link_from: np.ndarray
    link_to: np.ndarray
    link_type: np.ndarray  # 0 FS, 1 SS, 2 FF, 3 SF
    link_critical: np.ndarray

    def __len__(self) -> int:
        return len(self.start)


_cache: weakref.WeakKeyDictionary[GanttPlan, PlanGeometry] = weakref.WeakKeyDictionary()


def geometry(plan: GanttPlan) -> PlanGeometry:
    """The plan's arrays (built on first use, then kept as long as the plan)."""
    found = _cache.get(plan)
    if found is None:
        found = _cache[plan] = _build(plan)
    return found


def _build(plan: GanttPlan) -> PlanGeometry:
    rows = plan.rows
    links = plan.links
    return PlanGeometry(
        start=_xs([r.start for r in rows]),
        finish=_xs([r.finish for r in rows]),
        late_finish=_xs([r.late_finish for r in rows]),
        baseline_start=_xs([r.baseline_start for r in rows]),
        baseline_finish=_xs([r.baseline_finish for r in rows]),
        deadline=_xs([r.deadline for r in rows]),
        progress=np.clip(np.array([r.percent_complete for r in rows], dtype=float) / 100, 0, 1),
        critical=np.array([r.critical for r in rows], dtype=bool),
        milestone=np.array([r.milestone for r in rows], dtype=bool),
        summary=np.array([r.summary for r in rows], dtype=bool),
        link_from=np.array([k.predecessor_row for k in links], dtype=np.int64),
        link_to=np.array([k.successor_row for k in links], dtype=np.int64),
        link_type=np.array([_LINK_TYPES.get(k.link_type, 0) for k in links], dtype=np.int8),
        link_critical=np.array([k.critical for k in links], dtype=bool),
    )
