"""A whole Gantt page, headless: the task column and the chart on one ``Figure``.

``releasedesk plan chart`` (and later the stakeholder report) draw with this; the
window's Plan view draws the chart alone (its table is a Qt widget). The figure is
as tall as the rows need (every task readable, nothing clipped) and as wide as the
plan's span needs at a readable zoom, within limits a viewer and a printer accept.
"""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import offset_copy

from app.charts.gantt import draw_gantt, fit_span
from app.charts.gantt_plan import GanttPlan
from app.charts.gantt_text import width_points
from app.charts.gantt_theme import LIGHT, GanttTheme
from app.dates_text import day

DPI = 100
FONT_SIZE = 8.0
ROW_INCHES = 0.24  # 24 px a row: a name at 8 pt with air around it
HEADER_INCHES = 0.62  # the two-tier timescale and the title
FOOTER_INCHES = 0.34  # the legend
MAX_INCHES = 600.0  # Agg draws at most 65,535 pixels a side
_INDENT = "    "
_COLUMNS = ("#", "Task", "Start", "Finish")


def gantt_figure(
    plan: GanttPlan, *, baseline: bool = False, theme: GanttTheme = LIGHT, title: str = ""
) -> Figure:
    """A figure with the task table (number, name, start, finish) and the chart."""
    n = max(len(plan.rows), 1)
    row_inches = min(ROW_INCHES, (MAX_INCHES - HEADER_INCHES - FOOTER_INCHES) / n)
    height = HEADER_INCHES + FOOTER_INCHES + n * row_inches
    start, finish = fit_span(plan)
    days = (finish - start).total_seconds() / 86400
    chart_inches = min(max(days * 0.2, 10.0), 26.0)
    widths = _column_widths(plan) if row_inches >= ROW_INCHES * 0.7 else []
    table_inches = sum(widths) / DPI
    width = table_inches + chart_inches + 0.3
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor=theme.background)
    bottom, top = FOOTER_INCHES / height, 1 - HEADER_INCHES / height
    left = (table_inches + 0.15) / width
    chart = fig.add_axes((left, bottom, chart_inches / width, top - bottom))
    draw_gantt(chart, plan, baseline=baseline, theme=theme, font_size=FONT_SIZE)
    if widths:
        table = fig.add_axes((0.15 / width, bottom, table_inches / width, top - bottom))
        _draw_table(table, plan, theme, widths)
    if title:
        fig.text(
            0.15 / width,
            1 - 0.08 / height,
            title,
            ha="left",
            va="top",
            color=theme.text,
            fontsize=FONT_SIZE * 1.4,
            fontweight="bold",
        )
    _legend(fig, theme, baseline, left)
    return fig


def _legend(fig: Figure, theme: GanttTheme, baseline: bool, left: float) -> None:
    """What each mark means, in one line under the chart."""

    def box(colour: str, edge: str | None = None) -> Patch:
        return Patch(facecolor=colour, edgecolor=edge or colour, linewidth=0.6)

    def mark(marker: str, colour: str) -> Line2D:
        return Line2D([], [], linestyle="none", marker=marker, color=colour, markersize=6)

    keys: list[tuple[Artist, str]] = [
        (box(theme.bar, theme.bar_edge), "Task"),
        (box(theme.critical, theme.critical_edge), "Critical task"),
        (Line2D([], [], color=theme.float_bar, linewidth=2.5), "Total float"),
        (mark("D", theme.milestone), "Milestone"),
        (mark("v", theme.deadline), "Deadline"),
        (Line2D([], [], color=theme.status_line, linewidth=1.4), "Today"),
        (box(theme.non_working), "Non-working day"),
        (box(theme.freeze), "Freeze window"),
    ]
    if baseline:
        keys.insert(2, (box(theme.baseline), "Baseline"))
    fig.legend(
        [k for k, _ in keys],
        [t for _, t in keys],
        loc="lower left",
        bbox_to_anchor=(left, 0.0),
        ncol=len(keys),
        frameon=False,
        fontsize=FONT_SIZE * 0.95,
        labelcolor=theme.text,
        handlelength=1.6,
        columnspacing=1.4,
        borderaxespad=0.2,
    )


def _cells(plan: GanttPlan) -> list[tuple[str, str, str, str]]:
    return [
        (str(r.number), _INDENT * r.level + r.label, day(r.start), day(r.finish)) for r in plan.rows
    ]


def _column_widths(plan: GanttPlan) -> list[float]:
    """Each column's width in pixels: its longest cell, within reason."""
    px = DPI / 72
    cells = _cells(plan)
    out = []
    for k, heading in enumerate(_COLUMNS):
        longest = max(len(c[k]) for c in cells) if cells else 0
        widest = [c[k] for c in cells if len(c[k]) >= longest - 4]  # measure the long ones
        need = max(width_points(t, FONT_SIZE, bold=True) for t in [heading, *widest])
        out.append(min(need * px + 12, 360.0))
    return out


def _draw_table(ax: Axes, plan: GanttPlan, theme: GanttTheme, widths: list[float]) -> None:
    """The task table left of the chart: one text per cell, rows aligned with the bars."""
    total = sum(widths)
    n = len(plan.rows)
    ax.set_xlim(0, total)
    ax.set_ylim(max(n, 1) - 0.5, -0.5)
    ax.set_facecolor(theme.background)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color(theme.grid)
    edges = [sum(widths[:k]) for k in range(len(widths) + 1)]
    # just above the table, whatever its height (an axes fraction would grow with it)
    above = offset_copy(ax.get_xaxis_transform(), fig=ax.figure, y=3, units="points")
    for k, heading in enumerate(_COLUMNS):
        ax.text(
            edges[k] + 6,
            1.0,
            heading,
            transform=above,
            ha="left",
            va="bottom",
            fontsize=FONT_SIZE,
            fontweight="bold",
            color=theme.muted_text,
        )
        if k:
            ax.axvline(edges[k], color=theme.grid, linewidth=0.6)
    for i in range(1, n):  # where each release's rows begin, as in the chart
        if plan.rows[i].release_id != plan.rows[i - 1].release_id:
            ax.axhline(i - 0.5, color=theme.muted_text, linewidth=0.8)
    for i, (row, cells) in enumerate(zip(plan.rows, _cells(plan), strict=True)):
        colour = theme.critical if row.critical and not row.summary else theme.text
        weight = "bold" if row.summary else "normal"
        for k, text in enumerate(cells):
            numeric = k == 0
            ax.text(
                edges[k + 1] - 6 if numeric else edges[k] + 6,
                i,
                text,
                va="center",
                ha="right" if numeric else "left",
                fontsize=FONT_SIZE,
                color=theme.muted_text if numeric else colour,
                fontweight="normal" if numeric else weight,
                clip_on=True,
            )
