"""A two-tier timescale for the Gantt chart, as Microsoft Project draws one.

The lower tier names the small units (days, weeks, months, quarters or years) and
the upper tier the larger ones that group them; which pair depends on how many
pixels a day gets, read from the axes at each draw, so zooming the view (changing its
x limits) picks the right scale without drawing the chart again:

==================  ======================  ===================
pixels per day      lower tier              upper tier
==================  ======================  ===================
>= 26               day number (``12``)     week (``11 Jan 2027``)
>= 7                week (``11 Jan``)       month (``Jan 2027``)
>= 1.2              month (``Jan``)         quarter (``Q1 2027``)
>= 0.35             quarter (``Q1``)        year (``2027``)
less                year (``2027``)         (none)
==================  ======================  ===================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

from matplotlib.axes import Axes
from matplotlib.ticker import Formatter, Locator

from app.charts.gantt_geometry import from_x, to_x
from app.dates_text import day, day_month, month, month_name

Step = Callable[[dt.date], dt.date]
Label = Callable[[dt.date], str]
_MAX_TICKS = 500
_LABEL_ROOM_PX = 64.0


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _quarter_start(d: dt.date) -> dt.date:
    return d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1)


def _year_start(d: dt.date) -> dt.date:
    return d.replace(month=1, day=1)


def _add_months(d: dt.date, months: int) -> dt.date:
    k = d.year * 12 + d.month - 1 + months
    return dt.date(k // 12, k % 12 + 1, 1)


def _quarter(d: dt.date) -> str:
    return f"Q{(d.month - 1) // 3 + 1}"


def _quarter_long(d: dt.date) -> str:
    return f"{_quarter(d)} {d.year}"


# unit: (floor to the unit's start, next unit's start, label)
_UNITS: dict[str, tuple[Step, Step, Label]] = {
    "day": (lambda d: d, lambda d: d + dt.timedelta(days=1), lambda d: str(d.day)),
    "week": (_monday, lambda d: d + dt.timedelta(days=7), day_month),
    "week_long": (_monday, lambda d: d + dt.timedelta(days=7), day),
    "month": (_month_start, lambda d: _add_months(d, 1), month_name),
    "month_long": (_month_start, lambda d: _add_months(d, 1), month),
    "quarter": (_quarter_start, lambda d: _add_months(d, 3), _quarter),
    "quarter_long": (
        _quarter_start,
        lambda d: _add_months(d, 3),
        _quarter_long,
    ),
    "year": (_year_start, lambda d: d.replace(year=d.year + 1), lambda d: str(d.year)),
}
# (least pixels per day, lower unit, upper unit)
_SCALES: tuple[tuple[float, str, str | None], ...] = (
    (26.0, "day", "week_long"),
    (7.0, "week", "month_long"),
    (1.2, "month", "quarter_long"),
    (0.35, "quarter", "year"),
    (0.0, "year", None),
)


def scale_for(pixels_per_day: float) -> tuple[str, str | None]:
    """The (lower, upper) tier units for a zoom level."""
    for least, lower, upper in _SCALES:
        if pixels_per_day >= least:
            return lower, upper
    return _SCALES[-1][1], _SCALES[-1][2]


def unit_starts(unit: str, x0: float, x1: float) -> Iterator[dt.date]:
    """The starts of ``unit`` from the one containing ``x0`` up to ``x1``."""
    floor, step, _label = _UNITS[unit]
    d = floor(from_x(x0).date())
    last = from_x(x1).date()
    for _ in range(_MAX_TICKS):
        if d > last:
            return
        yield d
        d = step(d)


class _Tier:
    """The units one tier shows at the axes' current zoom."""

    def __init__(self, axes: Axes, upper: bool) -> None:
        self.axes = axes
        self.upper = upper

    def unit(self) -> str | None:
        x0, x1 = sorted(self.axes.get_xlim())
        width = max(self.axes.bbox.width, 1.0)
        lower, upper = scale_for(width / max(x1 - x0, 1e-9))
        return upper if self.upper else lower


class TierLocator(Locator):
    """Tick positions at the starts of the tier's units within the view."""

    def __init__(self, tier: _Tier) -> None:
        self.tier = tier

    def __call__(self) -> Sequence[float]:
        unit = self.tier.unit()
        if unit is None:
            return []
        x0, x1 = sorted(self.tier.axes.get_xlim())
        ticks = [to_x(dt.datetime.combine(d, dt.time())) for d in unit_starts(unit, x0, x1)]
        if ticks and ticks[0] < x0:
            # The unit cut by the left edge is named at the edge, as in Project, unless
            # the next unit starts too close for both names.
            room = _LABEL_ROOM_PX * (x1 - x0) / max(self.tier.axes.bbox.width, 1.0)
            if len(ticks) == 1 or ticks[1] - x0 >= room:
                ticks[0] = x0
            else:
                del ticks[0]
        return ticks

    def tick_values(self, vmin: float, vmax: float) -> Sequence[float]:
        return self()


class TierFormatter(Formatter):
    """Each unit's name, written just right of its start (as a timescale cell)."""

    def __init__(self, tier: _Tier) -> None:
        self.tier = tier

    def __call__(self, x: float, pos: int | None = None) -> str:
        unit = self.tier.unit()
        if unit is None:
            return ""
        floor, _step, label = _UNITS[unit]
        return "\u2009" + label(floor(from_x(x + 1e-6).date()))


def install_timescale(axes: Axes, text_colour: str, line_colour: str, size: float) -> None:
    """Put the two-tier timescale on top of ``axes`` (ticks follow zooming)."""
    lower, upper = _Tier(axes, upper=False), _Tier(axes, upper=True)
    xaxis = axes.xaxis
    xaxis.set_minor_locator(TierLocator(lower))
    xaxis.set_minor_formatter(TierFormatter(lower))
    xaxis.set_major_locator(TierLocator(upper))
    xaxis.set_major_formatter(TierFormatter(upper))
    xaxis.remove_overlapping_locs = False  # a month's first week keeps its label
    xaxis.tick_top()
    xaxis.set_label_position("top")
    axes.tick_params(
        axis="x",
        which="minor",
        direction="out",
        length=4,
        pad=2,
        labelsize=size,
        colors=line_colour,
        labelcolor=text_colour,
    )
    axes.tick_params(  # above the lower tier's names, its line parting the cells
        axis="x",
        which="major",
        direction="out",
        length=size * 1.5 + 6,
        pad=2,
        labelsize=size,
        colors=line_colour,
        labelcolor=text_colour,
    )
    for which in ("minor", "major"):
        for label in axes.get_xticklabels(which=which):
            label.set_horizontalalignment("left")
