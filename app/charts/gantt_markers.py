"""Markers of a fixed size on screen (diamonds, arrowheads), as one ``PathCollection``.

What ``Axes.scatter`` draws, without its per-call cost (colour mapping, data limits,
autoscaling: about 10 ms a call), which a chart redrawn at every scroll step avoids.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path
from matplotlib.transforms import IdentityTransform


@cache
def marker_path(marker: str) -> Path:
    """A matplotlib marker's outline (``"D"``, ``"v"``, ``">"``, …), about one unit wide."""
    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


def markers(
    ax: Axes,
    x: np.ndarray,
    y: np.ndarray,
    paths: Sequence[Path],
    size_points: float,
    **style: Any,
) -> PathCollection:
    """One marker per ``(x, y)`` (data), ``size_points`` tall; ``paths`` has one shape
    for all or one per point; ``style`` as for a collection (facecolors, …)."""
    collection = PathCollection(
        list(paths),
        sizes=[size_points**2],
        offsets=np.column_stack([x, y]) if len(x) else np.empty((0, 2)),
        offset_transform=ax.transData,
        **style,
    )
    collection.set_transform(IdentityTransform())  # sizes are in points already
    ax.add_collection(collection, autolim=False)
    return collection


@cache
def rgba(colour: str) -> np.ndarray:
    """A colour as an RGBA row (collections take arrays of these without parsing)."""
    return np.array(to_rgba(colour), dtype=float)


def pick(mask: np.ndarray, yes: str, no: str) -> np.ndarray:
    """Per element: colour ``yes`` where ``mask`` holds, else ``no`` (an ``(n, 4)`` array).

    Colour names in an array are parsed one by one (~6 µs each: 0.1 s for a large
    plan's links); RGBA rows are taken as they are.
    """
    return np.where(np.asarray(mask, dtype=bool)[:, None], rgba(yes), rgba(no))
