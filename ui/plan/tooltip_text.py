"""What a bar's tooltip says: the task, its dates, float, baseline slip and what drives
its start (one sentence from the driving path, when it can be told)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from app.charts.gantt_plan import GanttPlan, GanttRow
from app.dates_text import moment
from app.services.risk_links import threatened_by
from app.services.working_time import format_working, slip_words
from ui.theme import colours


def bar_tooltip(
    row: GanttRow,
    plan: GanttPlan,
    driver: Callable[[GanttRow], str],
    threats: Sequence[str] = (),
) -> str:
    """Rich text for the bar of ``row``; ``driver(row)`` gives the "why" sentence and
    ``threats`` name the open risks threatening the task."""
    per_day = plan.minutes_per_day
    kind = "Summary" if row.summary else "Milestone" if row.milestone else "Task"
    lines = [f"<b>{html.escape(row.label)}</b> <span>({kind.lower()} {row.number})</span>"]
    if row.milestone and row.start == row.finish:
        lines.append(f"On {moment(row.start)}")
    else:
        lines.append(f"{moment(row.start)} → {moment(row.finish)}")
        lines.append(
            f"Duration {format_working(row.duration_minutes, per_day)}"
            f" · {row.percent_complete:g}% done"
        )
    if row.critical:
        lines.append("<b>Critical</b>: any delay moves the finish")
    else:
        lines.append(
            f"Total float {format_working(row.total_float_minutes, per_day)}"
            f" · free float {format_working(row.free_float_minutes, per_day)}"
        )
    if row.finish_variance_minutes is not None:
        lines.append(f"Finish {slip_words(row.finish_variance_minutes, per_day)}")
    if row.constraint:
        lines.append(html.escape(row.constraint))
    why = driver(row)
    if why:
        lines.append(f"<i>{html.escape(why)}</i>")
    if threats:
        colour = colours().danger_text
        lines.append(f"<span style='color:{colour}'>{html.escape(threatened_by(threats))}</span>")
    if len(plan.release_names) > 1:
        lines.append(html.escape(plan.release_names.get(row.release_id, "")))
    return "<br>".join(lines)
