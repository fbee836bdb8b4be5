"""Marks across the whole chart: the status date (today) and each release deadline,
with the names of those and of the freeze and blackout windows; and in a portfolio the
line and name where each release's rows begin."""

from __future__ import annotations

import datetime as dt

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.lines import Line2D

from app.charts.gantt_geometry import to_x
from app.charts.gantt_plan import GanttPlan, ShadeKind
from app.charts.gantt_text import Label, draw_texts
from app.charts.gantt_theme import GanttTheme
from app.dates_text import day_month


def draw_marks(
    ax: Axes, plan: GanttPlan, theme: GanttTheme, font_size: float, view: tuple[float, float]
) -> tuple[list[Line2D], PathCollection]:
    """The status line (named at the bottom) and release deadlines (named at the top),
    and the freeze and blackout windows' names at the top; only those in ``view``."""
    x0, x1 = view
    size = font_size * 0.9
    top, bottom = -(size + 3.0), 3.0  # points from the top / bottom edge to the baseline
    # (date, colour, line style, name, lift from the edge)
    marks: list[tuple[dt.datetime, str, str, str, float]] = []
    if plan.status_date is not None:
        marks.append((plan.status_date, theme.status_line, "-", "Today", bottom))
    many = len(plan.release_deadlines) > 1
    for rid, when in plan.release_deadlines.items():
        name = plan.release_names.get(rid, "")
        marks.append((when, theme.deadline, "--", f"{name} deadline" if many else "Deadline", top))
    lines: list[Line2D] = []
    names: list[Label] = []
    for when, colour, style, text, lift in marks:
        x = to_x(when)
        if not x0 <= x <= x1:
            continue
        near_right = x > x0 + (x1 - x0) * 0.8  # the name goes left of the line there
        lines.append(ax.axvline(x, color=colour, linestyle=style, linewidth=1.4, zorder=5))
        names.append(
            Label(
                x,
                1.0 if lift < 0 else 0.0,
                f"\u2009{text} {day_month(when)}\u2009",
                colour,
                "right" if near_right else "left",
                lift=lift,
                va="baseline",
            )
        )
    for shade in plan.shades:
        if shade.kind is ShadeKind.NON_WORKING or not shade.name:
            continue
        a, b = max(to_x(shade.start), x0), min(to_x(shade.finish), x1)
        if b > a:
            names.append(
                Label(a, 1.0, f"\u2009{shade.name}", theme.muted_text, lift=top, va="baseline")
            )
    return lines, draw_texts(ax, names, size, ax.get_xaxis_transform(), zorder=5.5)


def draw_release_bands(
    ax: Axes, plan: GanttPlan, theme: GanttTheme, font_size: float, rows: tuple[int, int]
) -> tuple[LineCollection, PathCollection]:
    """With several releases, a line above each release's first row in ``rows`` and the
    release's name under it at the right edge (table order keeps a release together)."""
    first, end = rows
    starts = (
        [
            i
            for i in range(max(first, 0), min(end, len(plan.rows)))
            if i == 0 or plan.rows[i].release_id != plan.rows[i - 1].release_id
        ]
        if len(plan.release_names) > 1
        else []
    )
    separators = LineCollection(
        [[(0.0, i - 0.5), (1.0, i - 0.5)] for i in starts],
        colors=theme.muted_text,
        linewidths=0.8,
        transform=ax.get_yaxis_transform(),
        zorder=5,
    )
    ax.add_collection(separators, autolim=False)
    size = font_size * 0.9
    names = [
        Label(
            1.0,
            i - 0.5,
            f"{plan.release_names.get(plan.rows[i].release_id, '')}\u2009",
            theme.muted_text,
            "right",
            lift=-(size + 1),
            va="baseline",
        )
        for i in starts
    ]
    return separators, draw_texts(ax, names, size, ax.get_yaxis_transform(), zorder=5.5)
