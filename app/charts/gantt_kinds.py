"""The task marks of a Gantt chart, one small spec per kind, drawn by one step.

Each kind (baseline bars, float bars, task bars, progress fills, summary brackets,
milestone diamonds, highlight outlines, deadline markers) says only what is its own:
which of the drawn rows it marks, the shape of each mark, its colours, line width and
z-order. :func:`draw_kind` turns a spec into one collection: a ``PolyCollection`` of
shapes in data coordinates, or, for a kind with a ``marker``, a ``PathCollection`` of
markers of a fixed size on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, PolyCollection

from app.charts.gantt_geometry import PlanGeometry
from app.charts.gantt_markers import marker_path, markers, pick
from app.charts.gantt_theme import GanttTheme

Colour = str | tuple[str, str]
"""A theme colour's name; a pair names the colours of critical and other rows; "none"
draws nothing."""


@dataclass(frozen=True, slots=True)
class View:
    """What one drawing of the plan knows: its geometry, the bars' half height (rows),
    the highlighted rows and the scale (pixels per day and per row, points per pixel)."""

    g: PlanGeometry
    half: float
    lit: np.ndarray
    px_per_day: float
    px_per_row: float
    points_per_px: float


@dataclass(frozen=True, slots=True)
class MarkKind:
    """One kind of task mark. ``rows`` picks (a mask over the drawn rows) the rows it
    marks; ``shape`` gives their polygons (``(n, k, 2)``) or, with a ``marker``, their
    anchor points (``(n, 2)``) and ``size`` the markers' height in points."""

    name: str  # the GanttArtists field it fills
    rows: Callable[[View, np.ndarray], np.ndarray]
    shape: Callable[[View, np.ndarray], np.ndarray]
    face: Colour
    edge: Colour
    width: float
    zorder: float
    marker: str = ""
    size: Callable[[View], float] = lambda _v: 0.0


def draw_kind(
    ax: Axes, kind: MarkKind, view: View, shown: np.ndarray, theme: GanttTheme
) -> PolyCollection | PathCollection:
    """Draw every mark of ``kind`` among the ``shown`` rows as one collection."""
    rows = shown[kind.rows(view, shown)]
    critical = view.g.critical[rows]
    style = {
        "facecolors": _colour(kind.face, theme, critical),
        "edgecolors": _colour(kind.edge, theme, critical),
        "linewidths": kind.width,
        "zorder": kind.zorder,
    }
    at = kind.shape(view, rows)
    if kind.marker:
        return markers(ax, at[:, 0], at[:, 1], [marker_path(kind.marker)], kind.size(view), **style)
    collection = PolyCollection(at, **style)
    ax.add_collection(collection, autolim=False)
    return collection


def rects(x0: np.ndarray, x1: np.ndarray, y0: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """Rectangles as an ``(n, 4, 2)`` vertex array."""
    verts = np.empty((len(x0), 4, 2))
    verts[:, 0, 0] = verts[:, 1, 0] = x0
    verts[:, 2, 0] = verts[:, 3, 0] = x1
    verts[:, 0, 1] = verts[:, 3, 1] = y0
    verts[:, 1, 1] = verts[:, 2, 1] = y1
    return verts


def _colour(colour: Colour, theme: GanttTheme, critical: np.ndarray) -> str | np.ndarray:
    if isinstance(colour, tuple):
        return pick(critical, getattr(theme, colour[0]), getattr(theme, colour[1]))
    return "none" if colour == "none" else getattr(theme, colour)


def _plain(v: View, rows: np.ndarray) -> np.ndarray:
    """Task bars: neither summaries nor milestones."""
    return ~v.g.summary[rows] & ~v.g.milestone[rows]


def _bar(v: View, rows: np.ndarray, low: float, high: float) -> np.ndarray:
    """Each row's bar from its start to its finish, ``low..high`` rows around its middle."""
    y = rows.astype(float)
    return rects(v.g.start[rows], v.g.finish[rows], y + low, y + high)


def _baseline(v: View, rows: np.ndarray) -> np.ndarray:
    y = rows.astype(float)
    return rects(v.g.baseline_start[rows], v.g.baseline_finish[rows], y + v.half + 0.04, y + 0.42)


def _float(v: View, rows: np.ndarray) -> np.ndarray:
    y = rows.astype(float)
    return rects(v.g.finish[rows], v.g.late_finish[rows], y + v.half * 0.7, y + v.half)  # thin


def _progress(v: View, rows: np.ndarray) -> np.ndarray:
    y = rows.astype(float)
    start = v.g.start[rows]
    done = start + (v.g.finish[rows] - start) * v.g.progress[rows]
    return rects(start, done, y - v.half * 0.3, y + v.half * 0.3)


def _bracket(v: View, rows: np.ndarray) -> np.ndarray:
    """A thin bar with a point hanging down at each end."""
    a, b, y = v.g.start[rows], v.g.finish[rows], rows.astype(float)
    w = np.minimum(5 / v.px_per_day, (b - a) / 2)
    top, bottom, point = y - 0.2, y + 0.02, y + 0.24
    corners = [(a, top), (b, top), (b, point), (b - w, bottom), (a + w, bottom), (a, point)]
    return np.stack([np.stack(c, axis=1) for c in corners], axis=1)


def _outline(v: View, rows: np.ndarray) -> np.ndarray:
    """Around the row's mark, a few pixels wider on each side."""
    y, pad = rows.astype(float), 4 / v.px_per_day
    return rects(v.g.start[rows] - pad, v.g.finish[rows] + pad, y - v.half - 0.1, y + v.half + 0.1)


BASELINES = MarkKind(
    "baselines",
    rows=lambda v, r: np.isfinite(v.g.baseline_start[r]) & np.isfinite(v.g.baseline_finish[r]),
    shape=_baseline,
    face="baseline",
    edge="baseline",
    width=0.5,
    zorder=2,
)
"""Drawn under the current bars, only when asked for and the plan has a baseline."""

UNDER_LINKS: tuple[MarkKind, ...] = (
    MarkKind(
        "floats",
        rows=lambda v, r: ~v.g.summary[r] & (v.g.late_finish[r] > v.g.finish[r]),
        shape=_float,
        face="float_bar",
        edge="none",
        width=1.0,
        zorder=2.5,
    ),
    MarkKind(
        "bars",
        rows=_plain,
        shape=lambda v, r: _bar(v, r, -v.half, v.half),
        face=("critical", "bar"),
        edge=("critical_edge", "bar_edge"),
        width=0.6,
        zorder=3,
    ),
    MarkKind(
        "progress",
        rows=lambda v, r: _plain(v, r) & (v.g.progress[r] > 0),
        shape=_progress,
        face=("critical_progress", "progress"),
        edge="none",
        width=1.0,
        zorder=3.5,
    ),
    MarkKind(
        "summaries",
        rows=lambda v, r: v.g.summary[r],
        shape=_bracket,
        face="summary",
        edge="summary",
        width=0.5,
        zorder=3,
    ),
    MarkKind(
        "milestones",
        rows=lambda v, r: v.g.milestone[r] & ~v.g.summary[r],
        shape=lambda v, r: np.column_stack([v.g.start[r], r.astype(float)]),
        face=("critical", "milestone"),
        edge="background",
        width=0.8,
        zorder=4,
        marker="D",
        size=lambda v: min(v.px_per_row * 0.62, 11.0) * v.points_per_px,
    ),
)
"""Task marks drawn before the links (which go over them)."""

OVER_LINKS: tuple[MarkKind, ...] = (
    MarkKind(
        "highlights",
        rows=lambda v, r: v.lit[r],
        shape=_outline,
        face="none",
        edge="highlight",
        width=2.0,
        zorder=4.2,
    ),
    MarkKind(
        "deadlines",
        rows=lambda v, r: np.isfinite(v.g.deadline[r]),
        shape=lambda v, r: np.column_stack([v.g.deadline[r], r - v.half - 0.06]),
        face="deadline",
        edge="none",
        width=0.0,
        zorder=4.5,
        marker="v",
        size=lambda v: 8 * v.points_per_px,
    ),
)
"""Task marks drawn after the links: outlines and deadline markers stay on top."""
