"""The whole chart of a plan as file bytes (PNG, SVG or PDF), drawn by the same
:func:`~app.charts.gantt.draw_gantt` as the screen, on a headless figure in the light
theme (what goes on paper or into a slide).

Every row is drawn, whatever the view shows; a PNG of a very long plan gets a lower
resolution rather than a picture no viewer opens.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from app.charts.gantt import draw_gantt, fit_span
from app.charts.gantt_plan import GanttPlan
from app.charts.gantt_theme import LIGHT

ROW_INCHES = 0.24
WIDTH_INCHES = 16.0
MAX_PNG_PIXELS = 30_000  # per side
DPI = 150


def render_chart(plan: GanttPlan, fmt: str, *, baseline: bool = True) -> bytes:
    """``plan``'s chart as ``fmt`` ("png", "svg" or "pdf") bytes."""
    height = max(3.0, len(plan) * ROW_INCHES + 1.2)
    figure = Figure(figsize=(WIDTH_INCHES, height))
    FigureCanvasAgg(figure)
    top = 0.9 / height  # room for the two-tier date scale
    ax = figure.add_axes((0.01, 0.3 / height, 0.98, 1 - top - 0.3 / height))
    draw_gantt(ax, plan, baseline=baseline, span=fit_span(plan), theme=LIGHT)
    figure.set_facecolor(LIGHT.background)
    dpi = min(DPI, MAX_PNG_PIXELS / height) if fmt == "png" else DPI
    title = ", ".join(plan.release_names.values())
    out = io.BytesIO()
    figure.savefig(out, format=fmt, dpi=dpi, metadata=_metadata(fmt, title))
    return out.getvalue()


def _metadata(fmt: str, title: str) -> dict[str, str]:
    if fmt == "png":
        return {"Title": title, "Software": "ReleaseDesk"}
    if fmt == "pdf":
        return {"Title": title, "Creator": "ReleaseDesk"}
    return {"Title": title}
