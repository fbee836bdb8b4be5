"""Task names beside their bars, only where they fit.

A name goes right of its bar (as GanttProject and Microsoft Project put them); when
the view ends too soon for it, inside the bar when the bar is long enough; else left
of the bar; else it is left out (the table beside the chart still names the task).
Rows thinner than the text are not labelled at all. Names are outlines in one
collection (:mod:`app.charts.gantt_text`), over a faint backing that keeps them
readable where they cross a link line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, PolyCollection

from app.charts.gantt_geometry import PlanGeometry
from app.charts.gantt_plan import GanttPlan
from app.charts.gantt_text import Label, draw_texts, width_points
from app.charts.gantt_theme import GanttTheme

_GAP_PX = 5.0
_MAX_LABELS = 600  # more rows than a screen shows: the rows are too thin anyway


@dataclass(frozen=True)
class DrawnLabels:
    """The names drawn (``rows[k]`` is the row of ``texts``' k-th path) and their backing."""

    rows: tuple[int, ...]
    texts: PathCollection
    backing: PolyCollection


def draw_labels(
    ax: Axes,
    plan: GanttPlan,
    g: PlanGeometry,
    shown: np.ndarray,
    theme: GanttTheme,
    font_size: float,
    px_per_day: float,
    px_per_row: float,
    view: tuple[float, float],
) -> DrawnLabels:
    """Draw the names of the rows ``shown`` that fit."""
    px_per_point = ax.figure.dpi / 72.0
    font_px = font_size * px_per_point
    rows = shown.tolist() if px_per_row >= font_px * 1.25 and len(shown) <= _MAX_LABELS else []
    x0, x1 = view
    width_px = (x1 - x0) * px_per_day
    gap = _GAP_PX / px_per_day
    placed: list[Label] = []
    kept: list[int] = []
    backs: list[tuple[float, float, float]] = []
    for i in rows:
        row = plan.rows[i]
        a, b = float(g.start[i]), float(g.finish[i])
        need = width_points(row.label, font_size, row.summary) * px_per_point
        left_px, right_px = (a - x0) * px_per_day, (b - x0) * px_per_day
        tip = font_px * 0.5 / px_per_day if row.milestone else 0.0  # half a diamond
        end_px = (b + tip - x0) * px_per_day
        inside = min(right_px, width_px) - max(left_px, 0.0)
        if end_px >= 0 and end_px + _GAP_PX + need <= width_px:
            label = Label(b + tip + gap, i, row.label, theme.text, "left", row.summary)
        elif not (row.summary or row.milestone) and inside >= need + 2 * _GAP_PX:
            label = Label(max(a, x0) + gap, i, row.label, theme.label_inside, "left")
        elif left_px <= width_px and left_px - _GAP_PX - need >= 0:
            label = Label(a - tip - gap, i, row.label, theme.text, "right", row.summary)
        else:
            continue
        placed.append(label)
        kept.append(i)
        if label.colour != theme.label_inside:
            w = need / px_per_day
            backs.append((label.x - w if label.align == "right" else label.x, w, i))
    verts = np.array(
        [[(x, y - 0.3), (x, y + 0.3), (x + w, y + 0.3), (x + w, y - 0.3)] for x, w, y in backs],
        dtype=float,
    ).reshape(-1, 4, 2)
    backing = PolyCollection(
        verts, facecolors=theme.background, edgecolors="none", alpha=0.75, zorder=5.9
    )
    ax.add_collection(backing, autolim=False)
    texts = draw_texts(ax, placed, font_size, ax.transData)
    return DrawnLabels(tuple(kept), texts, backing)
