"""The 5×5 risk heat map and the exposure-trend chart, drawn on a given ``Axes``.

Qt-free (the window's canvas and the stakeholder report call the same builders). The
heat map is one ``PolyCollection`` of 25 cells coloured by score band, with the number
of risks in each cell; :func:`draw_heatmap` returns the cells' boxes so a view can map
a click to (probability, impact) with :func:`cell_at`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

from app.risk_scores import SCALE, Band, band, score

BAND_COLOURS = {
    Band.LOW: "#7cc48f",
    Band.MEDIUM: "#f2d25c",
    Band.HIGH: "#f29b4b",
    Band.CRITICAL: "#e05a4f",
}
"""Cell colours by band: traffic-light tints readable under dark text in both themes."""
EMPTY_ALPHA = 0.35  # a cell without risks keeps its band's hue, faded


@dataclass(frozen=True)
class ChartStyle:
    """The colours of the surface a chart is drawn on (the window's theme, or paper)."""

    background: str = "#ffffff"
    text: str = "#1f2430"
    muted: str = "#667085"
    grid: str = "#d9dce1"
    accent: str = "#3b6fd8"


@dataclass(frozen=True)
class HeatCell:
    """One cell of the heat map: its probability and impact, its box in data units."""

    probability: int
    impact: int
    count: int
    x0: float
    y0: float
    x1: float
    y1: float

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x < self.x1 and self.y0 <= y < self.y1


def draw_heatmap(
    ax: Axes,
    levels: Iterable[tuple[int, int]],
    style: ChartStyle = ChartStyle(),
    selected: tuple[int, int] | None = None,
) -> list[HeatCell]:
    """Draw the heat map of ``levels`` ((probability, impact) of each risk) on ``ax``.

    Impact runs along x, probability up y (the usual PMO layout: the top right is
    critical). ``selected`` is outlined. Returns the 25 cells.
    """
    counts = Counter(levels)
    ax.clear()
    ax.set_facecolor(style.background)
    cells: list[HeatCell] = []
    polygons, colours, edges, widths = [], [], [], []
    for probability in SCALE:
        for impact in SCALE:
            x0, y0 = impact - 0.5, probability - 0.5
            n = counts.get((probability, impact), 0)
            cells.append(HeatCell(probability, impact, n, x0, y0, x0 + 1, y0 + 1))
            polygons.append([(x0, y0), (x0 + 1, y0), (x0 + 1, y0 + 1), (x0, y0 + 1)])
            colour = BAND_COLOURS[band(score(probability, impact))]
            colours.append(_with_alpha(colour, 1.0 if n else EMPTY_ALPHA))
            is_selected = selected == (probability, impact)
            edges.append(style.text if is_selected else style.background)
            widths.append(3.0 if is_selected else 1.5)
    ax.add_collection(
        PolyCollection(polygons, facecolors=colours, edgecolors=edges, linewidths=widths)
    )
    for cell in cells:
        if cell.count:
            ax.text(
                cell.impact,
                cell.probability,
                str(cell.count),
                ha="center",
                va="center",
                fontsize=12,
                fontweight="bold",
                color="#1f2430",
            )
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(list(SCALE))
    ax.set_yticks(list(SCALE))
    ax.set_aspect("equal")
    ax.set_xlabel("Impact", color=style.text)
    ax.set_ylabel("Probability", color=style.text)
    ax.tick_params(colors=style.muted, length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return cells


def _with_alpha(colour: str, alpha: float) -> tuple[float, float, float, float]:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return red, green, blue, alpha


def cell_at(cells: Sequence[HeatCell], x: float | None, y: float | None) -> HeatCell | None:
    """The cell at data point (x, y) (a click), or None outside the map."""
    if x is None or y is None:
        return None
    return next((c for c in cells if c.contains(x, y)), None)


def draw_trend(
    ax: Axes,
    points: Sequence[tuple[dt.datetime, int]],
    style: ChartStyle = ChartStyle(),
    *,
    until: dt.datetime | None = None,
    label: str = "Exposure",
) -> None:
    """A step line of a score (a risk's, or a release's total exposure) over time.

    ``points`` are (moment, value) oldest first; the last value is held until ``until``.
    """
    ax.clear()
    ax.set_facecolor(style.background)
    if not points:
        ax.text(
            0.5,
            0.5,
            "No risks yet",
            ha="center",
            va="center",
            color=style.muted,
            transform=ax.transAxes,
        )
        ax.set_xticks([])
        ax.set_yticks([])
    else:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        if until is not None and until > xs[-1]:
            xs.append(until)
            ys.append(ys[-1])
        ax.step(xs, ys, where="post", color=style.accent, linewidth=2)
        ax.fill_between(xs, ys, step="post", color=style.accent, alpha=0.15, linewidth=0)
        ax.set_ylim(0, max(ys) * 1.15 + 1)
        ax.grid(axis="y", color=style.grid, linewidth=0.8)
        ax.tick_params(colors=style.muted, labelsize=8, length=0)
        locator = AutoDateLocator(maxticks=5)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_ylabel(label, color=style.text, fontsize=9)
    for spine in ax.spines.values():
        spine.set_visible(False)
