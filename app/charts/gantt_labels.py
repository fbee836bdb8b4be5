"""Task names beside their bars, only where they fit.

A name goes right of its bar (as GanttProject and Microsoft Project put them); when
the view ends too soon for it, inside the bar when the bar is long enough; else left
of the bar; else it is left out (the table beside the chart still names the task).
Rows thinner than the text are not labelled at all. Widths are estimated from the
font size (no text is measured: measuring costs a renderer pass per label).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.text import Text

from app.charts.gantt_geometry import PlanGeometry
from app.charts.gantt_plan import GanttPlan
from app.charts.gantt_theme import GanttTheme

CHAR_WIDTH = 0.6  # average glyph width of the UI sans font, in ems (a little generous)
_GAP_PX = 5.0
_MAX_LABELS = 600  # more rows than a screen shows: the rows are too thin anyway


def text_width_px(text: str, font_px: float, bold: bool = False) -> float:
    """About how many pixels ``text`` takes at ``font_px``."""
    return len(text) * font_px * CHAR_WIDTH * (1.08 if bold else 1.0)


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
) -> list[Text]:
    """Draw the names of the rows ``shown`` that fit; return the texts drawn."""
    font_px = font_size * ax.figure.dpi / 72.0
    if px_per_row < font_px * 1.25 or len(shown) > _MAX_LABELS:
        return []
    x0, x1 = view
    width_px = (x1 - x0) * px_per_day
    gap = _GAP_PX / px_per_day
    out: list[Text] = []
    for i in shown.tolist():
        row = plan.rows[i]
        a, b = float(g.start[i]), float(g.finish[i])
        need = text_width_px(row.label, font_px, row.summary)
        left_px, right_px = (a - x0) * px_per_day, (b - x0) * px_per_day
        end = b + (font_px * 0.5 / px_per_day if row.milestone else 0.0)
        end_px = (end - x0) * px_per_day
        inside = min(right_px, width_px) - max(left_px, 0.0)
        if end_px >= 0 and end_px + _GAP_PX + need <= width_px:
            x, align, colour = end + gap, "left", theme.text
        elif not (row.summary or row.milestone) and inside >= need + 2 * _GAP_PX:
            x, align, colour = max(a, x0) + gap, "left", theme.label_inside
        elif left_px <= width_px and left_px - _GAP_PX - need >= 0:
            start = a - (font_px * 0.5 / px_per_day if row.milestone else 0.0)
            x, align, colour = start - gap, "right", theme.text
        else:
            continue
        out.append(
            ax.text(
                x,
                i,
                row.label,
                ha=align,
                va="center",
                fontsize=font_size,
                color=colour,
                fontweight="bold" if row.summary else "normal",
                zorder=6,
                clip_on=True,
            )
        )
    return out
