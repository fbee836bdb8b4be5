"""Dependency arrows with elbow routing, computed for all links at once (numpy).

Each link is one polyline of six points (some repeated), so a whole plan's arrows are
one ``(n, 6, 2)`` array for a single ``LineCollection``:

* finish-to-start with room between the bars, as Microsoft Project draws it: right
  from the predecessor's finish, then straight down (or up) onto the successor's bar
  just inside its start; the arrowhead points down (up);
* every other case leaves the predecessor's driving end sideways (right from a
  finish, left from a start), runs between the two rows, and enters the successor's
  driven end from the side (from the left into a start, from the right into a
  finish); the arrowhead points right (left).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.path import Path

from app.charts.gantt_geometry import PlanGeometry
from app.charts.gantt_markers import marker_path, markers, pick
from app.charts.gantt_theme import GanttTheme

DOWN, UP, RIGHT, LEFT = 0, 1, 2, 3
_HEADS = {DOWN: "v", UP: "^", RIGHT: ">", LEFT: "<"}


@dataclass(frozen=True, eq=False)
class LinkPaths:
    """Polylines ``paths[k]`` (six (x, y) points) of the links ``index[k]``, each with
    the tip of its arrow and which way the arrow points (``DOWN``/``UP``/``RIGHT``/``LEFT``)."""

    index: np.ndarray
    paths: np.ndarray
    tips: np.ndarray
    heading: np.ndarray


def route(g: PlanGeometry, index: np.ndarray, stub: float, half_height: float) -> LinkPaths:
    """Paths of the links ``index`` (into the plan's links).

    ``stub`` is how far (in days) a line runs sideways out of a bar before it turns;
    ``half_height`` the bars' half height (in rows), where a downward arrow stops.
    """
    src, dst, kind = g.link_from[index], g.link_to[index], g.link_type[index]
    from_finish = (kind == 0) | (kind == 2)  # FS, FF
    to_finish = (kind == 2) | (kind == 3)  # FF, SF
    xs = np.where(from_finish, g.finish[src], g.start[src])
    xe = np.where(to_finish, g.finish[dst], g.start[dst])
    ys = src.astype(float)
    ye = dst.astype(float)
    below = np.where(ye >= ys, 1.0, -1.0)
    out_dir = np.where(from_finish, 1.0, -1.0)
    in_dir = np.where(to_finish, -1.0, 1.0)  # +1: enters from the left
    # finish-to-start with room: drop onto the successor's bar
    drop = (kind == 0) & (xe >= xs + stub) & (src != dst)
    xd = xe + np.minimum(stub, np.maximum(g.finish[dst] - xe, 0.0) / 2)
    yt = ye - below * half_height
    # the general elbow
    xa = xs + out_dir * stub
    xb = xe - in_dir * stub
    ym = ys + below * 0.5
    n = len(index)
    paths = np.empty((n, 6, 2))
    paths[:, 0, 0] = xs
    paths[:, 0, 1] = ys
    paths[:, 1, 0] = np.where(drop, xd, xa)
    paths[:, 1, 1] = ys
    paths[:, 2, 0] = np.where(drop, xd, xa)
    paths[:, 2, 1] = np.where(drop, yt, ym)
    paths[:, 3, 0] = np.where(drop, xd, xb)
    paths[:, 3, 1] = np.where(drop, yt, ym)
    paths[:, 4, 0] = np.where(drop, xd, xb)
    paths[:, 4, 1] = np.where(drop, yt, ye)
    paths[:, 5, 0] = np.where(drop, xd, xe)
    paths[:, 5, 1] = np.where(drop, yt, ye)
    heading = np.where(
        drop,
        np.where(below > 0, DOWN, UP),
        np.where(in_dir > 0, RIGHT, LEFT),
    ).astype(np.int8)
    return LinkPaths(index=index, paths=paths, tips=paths[:, 5, :].copy(), heading=heading)


def draw_links(
    ax: Axes,
    g: PlanGeometry,
    rows: tuple[int, int],
    view: tuple[float, float],
    lit: np.ndarray,
    theme: GanttTheme,
    stub: float,
    half: float,
    arrow_points: float,
) -> tuple[PathCollection, PathCollection, LineCollection]:
    """The links with an end among ``rows`` that pass through ``view``: one path each
    (critical ones in the critical colour, drawn over the others), their arrowheads
    (none when ``arrow_points`` is 0: rows too thin to tell them apart), and the links
    between two highlighted tasks again, thick, in the highlight colour."""
    r0, r1 = rows
    x0, x1 = view
    lo = np.minimum(g.link_from, g.link_to)
    hi = np.maximum(g.link_from, g.link_to)
    # A link whose both ends are off screen is not drawn (it would cross the view).
    index = np.nonzero(((lo >= r0) & (lo < r1)) | ((hi >= r0) & (hi < r1)))[0]
    routed = route(g, index, stub, half)
    xs = routed.paths[:, :, 0]
    keep = (xs.max(axis=1) >= x0) & (xs.min(axis=1) <= x1)
    critical = g.link_critical[index]
    order = np.argsort(critical, kind="stable")  # critical ones on top
    order = order[keep[order]]
    colours = pick(critical[order], theme.critical_link, theme.link)
    # Path objects made without re-checking each (6, 2) array: 15,000 links a draw.
    paths = [Path._fast_from_codes_and_verts(p, None) for p in routed.paths[order]]
    lines = PathCollection(
        paths,
        facecolors="none",
        edgecolors=colours,
        linewidths=0.9,
        zorder=2.8,
        antialiaseds=arrow_points > 0,  # a whole large plan: sharp is faster, and as clear
    )
    lines.set_capstyle("butt")
    lines.set_joinstyle("miter")
    ax.add_collection(lines, autolim=False)
    heads = order if arrow_points > 0 else order[:0]
    shapes = {h: marker_path(m) for h, m in _HEADS.items()}
    arrows = markers(
        ax,
        routed.tips[heads, 0],
        routed.tips[heads, 1],
        [shapes[h] for h in routed.heading[heads].tolist()] or [shapes[DOWN]],
        arrow_points,
        facecolors=pick(critical[heads], theme.critical_link, theme.link),
        edgecolors="none",
        linewidths=0.0,
        zorder=2.9,
    )
    both = order[lit[g.link_from[index[order]]] & lit[g.link_to[index[order]]]]
    glow = LineCollection(routed.paths[both], colors=theme.highlight, linewidths=2.2, zorder=4.1)
    ax.add_collection(glow, autolim=False)
    return lines, arrows, glow
