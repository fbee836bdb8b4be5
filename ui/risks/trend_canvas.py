"""The small exposure-trend chart under the heat map."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure

from app.charts.risk_heatmap import draw_trend
from ui.risks.heatmap_canvas import chart_style


class TrendCanvas(FigureCanvasQTAgg):
    """A risk's score, or a release's total exposure, over time."""

    def __init__(self) -> None:
        self.figure = Figure(figsize=(3.6, 1.6))
        self.figure.subplots_adjust(left=0.14, right=0.97, bottom=0.16, top=0.86)
        super().__init__(self.figure)
        self.figure.set_facecolor(chart_style().background)  # the theme's, before any data
        self.setMinimumHeight(130)
        self._ax = self.figure.add_subplot()
        self._ax.set_visible(False)  # until there is a trend: see HeatmapCanvas
        self.title = ""

    def show_points(
        self, points: Sequence[tuple[dt.datetime, int]], label: str, until: dt.datetime
    ) -> None:
        style = chart_style()
        self.figure.set_facecolor(style.background)
        self.title = label
        self._ax.set_visible(True)
        draw_trend(self._ax, points, style, until=until, label=label)
        self.draw_idle()
