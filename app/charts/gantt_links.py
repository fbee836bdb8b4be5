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

from app.charts.gantt_geometry import PlanGeometry

DOWN, UP, RIGHT, LEFT = 0, 1, 2, 3


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
