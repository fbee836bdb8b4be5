"""The whole chart of a plan as file bytes (PNG, SVG or PDF): the same figure as
``releasedesk plan chart`` (:func:`app.charts.gantt_figure.gantt_figure`: the task table
beside the bars, a legend, the light theme), every row whatever the view shows, marked
as made by ReleaseDesk so that a later ``plan chart`` may replace it."""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg

from app.charts.gantt_figure import gantt_figure
from app.charts.gantt_file import CREATOR
from app.charts.gantt_plan import GanttPlan

_METADATA_KEY = {"png": "Software", "svg": "Creator", "pdf": "Creator"}


def render_chart(plan: GanttPlan, fmt: str, *, title: str = "") -> bytes:
    """``plan``'s chart as ``fmt`` ("png", "svg" or "pdf") bytes."""
    figure = gantt_figure(plan, baseline=plan.has_baseline, title=title)
    FigureCanvasAgg(figure)  # headless: SVG and PDF pick their own backend by format
    out = io.BytesIO()
    figure.savefig(
        out,
        format=fmt,
        facecolor=figure.get_facecolor(),
        metadata={_METADATA_KEY[fmt]: CREATOR, "Title": title},
    )
    return out.getvalue()
