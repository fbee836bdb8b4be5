"""The chart's colours follow the window's light or dark look."""

from __future__ import annotations

from app.charts.gantt_theme import DARK, LIGHT, GanttTheme
from ui.theme import colours


def chart_theme() -> GanttTheme:
    """The Gantt theme matching the window's current scheme."""
    return DARK if colours().dark else LIGHT
