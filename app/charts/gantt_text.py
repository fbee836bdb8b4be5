"""Many short texts drawn as one collection of glyph outlines.

A matplotlib ``Text`` costs about 2.5 ms to render on Agg (shaping and rasterising
each time the canvas draws); the chart's names and timescale are a few dozen texts
redrawn at every scroll step, so they are drawn instead as one ``PathCollection`` of
their outlines (:class:`~matplotlib.textpath.TextPath`, made once per text and kept),
which renders all of them in a few milliseconds. Outlines are exact, so widths are
measured, not guessed. (In an SVG or PDF they are shapes, not searchable text: the
task table of :mod:`app.charts.gantt_figure` keeps real text.)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D, Transform

_CACHE_SIZE = 20_000
_cache: OrderedDict[tuple[str, float, bool], Path] = OrderedDict()
_fonts: dict[tuple[float, bool], FontProperties] = {}


def _font(size: float, bold: bool) -> FontProperties:
    key = (size, bold)
    font = _fonts.get(key)
    if font is None:
        font = _fonts[key] = FontProperties(size=size, weight="bold" if bold else "normal")
    return font


def outline(text: str, size: float, bold: bool = False) -> Path:
    """The outline of ``text`` in points, its baseline at y = 0 (kept for reuse)."""
    key = (text, size, bold)
    path = _cache.get(key)
    if path is None:
        path = _cache[key] = TextPath((0, 0), text, prop=_font(size, bold))
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    return path


def width_points(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` is, in points."""
    if not text:
        return 0.0
    verts = outline(text, size, bold).vertices
    return float(verts[:, 0].max()) if len(verts) else 0.0


def _middle(size: float) -> float:
    """How far below the centre of a capital-and-descender line its baseline lies."""
    verts = outline("Hg", size).vertices
    return float(verts[:, 1].min() + verts[:, 1].max()) / 2


@dataclass(frozen=True, slots=True)
class Label:
    """One text: anchored at ``(x, y)``; ``align`` says which end of it sits there
    (``"left"``, ``"right"``); ``lift`` moves it up by that many points; ``va`` is
    ``"center"`` (the middle of the line at y) or ``"baseline"``."""

    x: float
    y: float
    text: str
    colour: str
    align: str = "left"
    bold: bool = False
    lift: float = 0.0
    va: str = "center"


def draw_texts(
    ax: Axes,
    labels: Sequence[Label],
    size: float,
    offset_transform: Transform,
    *,
    zorder: float = 6,
    clip: bool = True,
) -> PathCollection:
    """Draw ``labels`` (anchors in ``offset_transform``'s coordinates) as one collection."""
    middle = _middle(size)
    paths = []
    for lb in labels:
        base = outline(lb.text, size, lb.bold)
        dx = -width_points(lb.text, size, lb.bold) if lb.align == "right" else 0.0
        dy = lb.lift - (middle if lb.va == "center" else 0.0)
        paths.append(Path(base.vertices + np.array((dx, dy)), base.codes) if dx or dy else base)
    texts = PathCollection(
        paths,
        offsets=np.array([(lb.x, lb.y) for lb in labels], dtype=float).reshape(-1, 2),
        offset_transform=offset_transform,
        transform=Affine2D().scale(ax.figure.dpi / 72.0),
        facecolors=[lb.colour for lb in labels],
        edgecolors="none",
        zorder=zorder,
    )
    texts.set_clip_on(clip)
    ax.add_collection(texts, autolim=False)
    return texts
