"""The heat map beside the risk table: click a cell to show only its risks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QSizePolicy

from app.charts.risk_heatmap import ChartStyle, HeatCell, cell_at, draw_heatmap
from ui import theme


def chart_style() -> ChartStyle:
    """The chart colours of the theme in use."""
    c = theme.colours()
    return ChartStyle(c.surface, c.text, c.muted, c.border, c.accent)


class HeatmapCanvas(FigureCanvasQTAgg):
    """Draws :func:`draw_heatmap`; ``cell_clicked(probability, impact)`` on a click, and
    ``cell_clicked(0, 0)`` on a click of the selected cell again (show all)."""

    cell_clicked = Signal(int, int)

    def __init__(self) -> None:
        self.figure = Figure(figsize=(3.6, 3.6))
        # Fixed margins: a constrained layout costs more than the drawing itself.
        self.figure.subplots_adjust(left=0.14, right=0.98, bottom=0.13, top=0.98)
        super().__init__(self.figure)
        self.figure.set_facecolor(chart_style().background)  # the theme's, before any data
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 240)
        self._ax = self.figure.add_subplot()
        # Hidden until there is something to count: empty axes would be drawn with
        # default ticks, which costs more than the view's first paint may.
        self._ax.set_visible(False)
        self.cells: list[HeatCell] = []
        self.selected: tuple[int, int] | None = None
        self._levels: Counter[tuple[int, int]] = Counter()
        self._drawn: tuple | None = None  # what the figure shows now
        self.mpl_connect("button_press_event", self._on_press)

    def show_levels(self, levels: Iterable[tuple[int, int]]) -> None:
        """Redraw with the (probability, impact) of each risk counted (only when a
        count changed: a keystroke that keeps the counts costs no drawing)."""
        self._levels = Counter(levels)
        self._redraw()

    def select(self, cell: tuple[int, int] | None) -> None:
        self.selected = cell
        self._redraw()

    def _redraw(self) -> None:
        style = chart_style()
        shows = (tuple(sorted(self._levels.items())), self.selected, style)
        if shows == self._drawn:
            return
        self._drawn = shows
        self._ax.set_visible(True)
        self.figure.set_facecolor(style.background)
        self.cells = draw_heatmap(self._ax, self._levels.elements(), style, self.selected)
        self.draw_idle()

    def click_cell(self, probability: int, impact: int) -> None:
        """What a click on that cell does (also the tests' way in)."""
        if self.selected == (probability, impact):
            self.cell_clicked.emit(0, 0)
        else:
            self.cell_clicked.emit(probability, impact)

    def _on_press(self, event: object) -> None:
        if getattr(event, "inaxes", None) is not self._ax:
            return
        cell = cell_at(self.cells, event.xdata, event.ydata)  # type: ignore[attr-defined]
        if cell is not None:
            self.click_cell(cell.probability, cell.impact)
