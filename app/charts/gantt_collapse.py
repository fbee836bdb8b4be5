"""Collapsed summaries: a plan without the rows under the summaries folded away.

The table and the chart both show the rows this returns, so row ``i`` stays bar ``i``
and the links are renumbered to the rows that remain (a link to a hidden row is not
drawn). The span, shading and schedule are those of the whole plan.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from app.charts.gantt_plan import GanttPlan


def collapsed(plan: GanttPlan, task_ids: Collection[str]) -> GanttPlan:
    """``plan`` without the rows inside the summaries ``task_ids`` (the summaries stay)."""
    if not task_ids:
        return plan
    keep: list[int] = []
    hide_below: int | None = None  # the level of the folded summary being skipped
    for n, row in enumerate(plan.rows):
        if hide_below is not None and row.level > hide_below:
            continue
        hide_below = row.level if row.summary and row.task_id in task_ids else None
        keep.append(n)
    if len(keep) == len(plan.rows):
        return plan
    new_row = {old: new for new, old in enumerate(keep)}
    links = tuple(
        replace(
            link,
            predecessor_row=new_row[link.predecessor_row],
            successor_row=new_row[link.successor_row],
        )
        for link in plan.links
        if link.predecessor_row in new_row and link.successor_row in new_row
    )
    return replace(plan, rows=tuple(plan.rows[n] for n in keep), links=links)
