"""Draw a :class:`~app.charts.gantt_plan.GanttPlan` onto a matplotlib ``Axes``.

The one Gantt builder: the Plan view's canvas, ``releasedesk plan chart`` and the
stakeholder report all call :func:`draw_gantt`, so they always agree. No ``pyplot``:
the caller owns the ``Figure`` (a ``FigureCanvasQTAgg``'s, or a headless one).

Row ``i`` is drawn at ``y = i`` with the y axis inverted (row 0 on top), so a table
beside the chart lines up with it; x is days since 1970-01-01
(:func:`~app.charts.gantt_geometry.to_x`). Every kind of mark is one collection
(``PolyCollection``, ``LineCollection``, ``PathCollection``), never one artist per bar, and
only the rows and dates in view are drawn when ``rows``/``span`` say which: scrolling
a 10,000-task plan redraws a few dozen bars. Names are drawn where they fit (right of
the bar, else inside it, else left of it) and left out where rows are too thin to
read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection

from app import clock
from app.charts.gantt_artists import GanttArtists, GanttHit
from app.charts.gantt_geometry import PlanGeometry, geometry, to_x
from app.charts.gantt_kinds import BASELINES, OVER_LINKS, UNDER_LINKS, View, draw_kind, rects
from app.charts.gantt_labels import draw_labels
from app.charts.gantt_links import draw_links
from app.charts.gantt_marks import draw_marks, draw_release_bands
from app.charts.gantt_plan import GanttPlan, ShadeKind
from app.charts.gantt_theme import LIGHT, GanttTheme
from app.charts.gantt_ticks import draw_timescale, style_axes

__all__ = ["GanttArtists", "GanttHit", "draw_gantt", "fit_span"]

BAR_HALF = 0.28  # bar half height in rows (0.22 with a baseline under it)
_MARGIN_DAYS = 2.0
_MIN_NON_WORKING_PX = 4.0  # a non-working day narrower than this is not shaded
_MIN_ARROW_ROW_PX = 5.0  # thinner rows (a whole large plan) get lines without heads


def fit_span(plan: GanttPlan) -> tuple[dt.datetime, dt.datetime]:
    """The dates that show the whole plan with a little room on each side."""
    start = plan.start or plan.status_date or clock.local_now()
    finish = plan.finish or start
    room = max((finish - start) * 0.03, dt.timedelta(days=_MARGIN_DAYS))
    return start - room, finish + room


def draw_gantt(
    ax: Axes,
    plan: GanttPlan,
    *,
    baseline: bool = False,
    highlight: Iterable[str] = frozenset(),
    rows: tuple[int, int] | None = None,
    span: tuple[dt.datetime, dt.datetime] | None = None,
    theme: GanttTheme = LIGHT,
    labels: bool = True,
    font_size: float = 8.0,
) -> GanttArtists:
    """Draw ``plan`` on ``ax`` and return the artists, for hit testing and removal.

    ``rows`` is the visible row range ``(first, end)`` (end exclusive) and ``span`` the
    visible dates; only marks within them are drawn, and the axes' limits are set to
    them (the whole plan without them). ``baseline`` draws baseline bars under the
    current ones (rows without a baseline get none). ``highlight`` task ids are
    outlined in the theme's highlight colour (the driving path), and so are the links
    between two of them. ``labels`` draws task names where they fit. Draw again after
    :meth:`GanttArtists.remove` (or on a cleared axes) when the plan or view changes.
    """
    g = geometry(plan)
    n = len(g)
    r0, r1 = (0, n) if rows is None else (max(0, rows[0]), min(n, rows[1]))
    x0, x1 = (to_x(d) for d in (span or fit_span(plan)))
    ax.set_xlim(x0, x1)
    ax.set_ylim(max(r1, r0 + 1) - 0.5, r0 - 0.5)
    style_axes(ax, theme, font_size)
    width_px, height_px = max(ax.bbox.width, 1.0), max(ax.bbox.height, 1.0)
    px_per_day = width_px / max(x1 - x0, 1e-9)
    px_per_row = height_px / max(r1 - r0, 1)
    points_per_px = 72.0 / ax.figure.dpi
    with_baseline = baseline and bool(np.isfinite(g.baseline_start).any())
    half = 0.22 if with_baseline else BAR_HALF
    shown = _visible(g, r0, r1, x0, x1)
    lit = np.zeros(n, dtype=bool)
    for task_id in highlight:
        i = plan.row_of(task_id)
        if i is not None:
            lit[i] = True
    art = GanttArtists(plan=plan, geometry=g, rows=(r0, r1), half_height=half)
    art.shades = _shades(ax, plan, theme, x0, x1, px_per_day)
    view = View(g, half, lit, px_per_day, px_per_row, points_per_px)
    for kind in ((BASELINES,) if with_baseline else ()) + UNDER_LINKS:
        setattr(art, kind.name, draw_kind(ax, kind, view, shown, theme))
    art.links, art.arrows, art.highlight_links = draw_links(
        ax,
        g,
        (r0, r1),
        (x0, x1),
        lit,
        theme,
        7 / px_per_day,
        half,
        arrow_points=7.0 * points_per_px if px_per_row >= _MIN_ARROW_ROW_PX else 0.0,
    )
    for kind in OVER_LINKS:
        setattr(art, kind.name, draw_kind(ax, kind, view, shown, theme))
    art.lines, art.names = draw_marks(ax, plan, theme, font_size, (x0, x1))
    art.separators, art.release_names = draw_release_bands(ax, plan, theme, font_size, (r0, r1))
    art.timescale = draw_timescale(ax, (x0, x1), px_per_day, theme, font_size)
    if labels:
        art.labels = draw_labels(
            ax, plan, g, shown, theme, font_size, px_per_day, px_per_row, (x0, x1)
        )
    return art


def _visible(g: PlanGeometry, r0: int, r1: int, x0: float, x1: float) -> np.ndarray:
    """Indexes of the rows in ``r0..r1`` with anything between ``x0`` and ``x1``."""
    idx = np.arange(r0, r1)
    if not len(idx):
        return idx
    left = np.fmin(g.start[idx], g.baseline_start[idx])
    right = np.fmax(np.fmax(g.finish[idx], g.late_finish[idx]), g.baseline_finish[idx])
    right = np.fmax(right, g.deadline[idx])
    return idx[(right >= x0) & (left <= x1)]


def _shades(
    ax: Axes, plan: GanttPlan, theme: GanttTheme, x0: float, x1: float, px_per_day: float
) -> PolyCollection:
    colours = {
        ShadeKind.NON_WORKING: theme.non_working,
        ShadeKind.FREEZE: theme.freeze,
        ShadeKind.BLACKOUT: theme.blackout,
    }
    days = px_per_day >= _MIN_NON_WORKING_PX
    kept = [
        (to_x(s.start), to_x(s.finish), colours[s.kind])
        for s in plan.shades
        if (days or s.kind is not ShadeKind.NON_WORKING)
        and s.finish > s.start
        and to_x(s.finish) >= x0
        and to_x(s.start) <= x1
    ]
    a = np.array([k[0] for k in kept], dtype=float)
    b = np.array([k[1] for k in kept], dtype=float)
    verts = rects(a, b, np.zeros(len(kept)), np.ones(len(kept)))
    shades = PolyCollection(
        verts,
        facecolors=[k[2] for k in kept],
        edgecolors="none",
        transform=ax.get_xaxis_transform(),
        zorder=0.5,
    )
    ax.add_collection(shades, autolim=False)
    return shades
