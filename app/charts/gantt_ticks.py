"""A two-tier timescale for the Gantt chart, as Microsoft Project draws one.

The lower tier names the small units (days, weeks, months, quarters or years) and
the upper tier the larger ones that group them; which pair depends on how many
pixels a day gets. The chart draws its timescale with the rest at each scroll or zoom
step (see :func:`app.charts.gantt.draw_gantt`):

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
import weakref
from collections.abc import Callable, Iterator

from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.ticker import FixedLocator, NullFormatter

from app.charts.gantt_geometry import from_x, to_x
from app.charts.gantt_text import Label, draw_texts
from app.charts.gantt_theme import GanttTheme
from app.dates_text import day, day_month, month, month_name

Step = Callable[[dt.date], dt.date]
Naming = Callable[[dt.date], str]
_MAX_TICKS = 500
_styled: weakref.WeakKeyDictionary[Axes, tuple[str, float]] = weakref.WeakKeyDictionary()
_CHAR_PX = 6.5  # about how wide a character of the 8 pt names is
_GAP_PX = 10.0


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
_UNITS: dict[str, tuple[Step, Step, Naming]] = {
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


def _tier(unit: str, x0: float, x1: float, pixels_per_day: float) -> list[tuple[float, str]]:
    """Starts of ``unit`` within the view, with their names; the unit cut by the left
    edge is named at the edge, as in Project, unless the next one starts too close for
    both names."""
    ticks = [
        (x, _name(unit, x))
        for x in (to_x(dt.datetime.combine(d, dt.time())) for d in unit_starts(unit, x0, x1))
    ]
    if ticks and ticks[0][0] < x0:
        name = _name(unit, x0)
        room = (len(name) * _CHAR_PX + _GAP_PX) / pixels_per_day
        if len(ticks) == 1 or ticks[1][0] - x0 >= room:
            ticks[0] = (x0, name)
        else:
            del ticks[0]
    return ticks


def tier_names(
    view: tuple[float, float], pixels_per_day: float
) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """Where each unit of the lower and the upper tier starts in the view, and its name."""
    x0, x1 = view
    lower, upper = scale_for(pixels_per_day)
    minor = _tier(lower, x0, x1, pixels_per_day)
    major = _tier(upper, x0, x1, pixels_per_day) if upper else []
    return minor, major


def draw_timescale(
    axes: Axes,
    view: tuple[float, float],
    pixels_per_day: float,
    theme: GanttTheme,
    size: float,
) -> PathCollection:
    """Tick marks and names of the two tiers above ``axes`` for the view ``x0..x1``.

    The tick marks are the axes' own (the major ones also draw the vertical grid); the
    names are one collection of outlines (see :mod:`app.charts.gantt_text`).
    """
    minor, major = tier_names(view, pixels_per_day)
    xaxis = axes.xaxis
    xaxis.set_major_locator(FixedLocator([x for x, _name in major]))
    xaxis.set_minor_locator(FixedLocator([x for x, _name in minor]))
    line_height = size * 1.45
    names = [
        Label(x, 1.0, "\u2009" + name, theme.text, lift=lift, va="baseline")
        for tier, lift in ((minor, 3.0), (major, line_height + 5))
        for x, name in tier
    ]
    return draw_texts(axes, names, size, axes.get_xaxis_transform(), clip=False)


def _name(unit: str, x: float) -> str:
    floor, _step, label = _UNITS[unit]
    return label(floor(from_x(x + 1e-6).date()))


def style_axes(axes: Axes, theme: GanttTheme, size: float) -> None:
    """The chart axes' look: background, grid at the upper tier's marks, tick marks on
    top (their names are drawn by :func:`draw_timescale`), no y axis. Set once per
    axes and theme (it costs ~10 ms; a cleared axes gets it again)."""
    style = (theme.name, size)
    xaxis = axes.xaxis
    if _styled.get(axes) == style and isinstance(xaxis.get_major_formatter(), NullFormatter):
        return
    _styled[axes] = style
    line_height = size * 1.45
    axes.set_facecolor(theme.background)
    axes.yaxis.set_visible(False)
    axes.grid(True, which="major", axis="x", color=theme.grid, linewidth=0.8)
    axes.set_axisbelow(True)
    for spine in axes.spines.values():
        spine.set_color(theme.grid)
    xaxis.set_major_formatter(NullFormatter())
    xaxis.set_minor_formatter(NullFormatter())
    xaxis.remove_overlapping_locs = False  # a month's first week keeps its mark
    xaxis.tick_top()
    axes.tick_params(
        axis="x", which="minor", direction="out", length=line_height + 2, colors=theme.grid
    )
    axes.tick_params(
        axis="x", which="major", direction="out", length=2 * line_height + 4, colors=theme.grid
    )
