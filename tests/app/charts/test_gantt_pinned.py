"""What the Gantt builder draws for two fixed views of a fixed plan, pinned mark by mark.

Not pixels: each artist's kind, count, colours, line widths, z-order and geometry (a
digest of its vertices, offsets and sizes), in the order they were added to the axes.
A refactoring of the builder must leave all of it as it was; a deliberate change to the
chart's look rewrites ``gantt_pinned.json`` (``RELEASEDESK_PIN_GANTT=1``) and shows in
the diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from matplotlib.collections import Collection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D

from app.charts.gantt import draw_gantt
from app.charts.gantt_theme import DARK, LIGHT
from tests.app.charts.gantt_plans import MONDAY, axes, gantt, release_plan, with_freeze

PINNED = Path(__file__).with_name("gantt_pinned.json")


def _digest(*arrays: Any) -> str:
    h = hashlib.sha256()
    for a in arrays:
        a = np.asarray(a, dtype=float)
        h.update(str(a.shape).encode())
        h.update((np.round(a, 9) + 0.0).tobytes())  # + 0.0: no -0.0
    return h.hexdigest()[:16]


def _colours(rgba: Any) -> list[list[float]]:
    rows = np.round(np.asarray(rgba, dtype=float).reshape(-1, 4), 4) + 0.0
    return rows.tolist()


def _artist(artist: Any) -> dict[str, Any]:
    if isinstance(artist, Line2D):
        return {
            "type": "Line2D",
            "xy": _digest(artist.get_xdata(), artist.get_ydata()),
            "colour": _colours([to_rgba(artist.get_color())]),
            "style": artist.get_linestyle(),
            "width": artist.get_linewidth(),
            "zorder": artist.get_zorder(),
        }
    assert isinstance(artist, Collection)
    paths = artist.get_paths()
    return {
        "type": type(artist).__name__,
        "count": len(paths),
        "paths": _digest(*(p.vertices for p in paths)),
        "codes": _digest(*(p.codes if p.codes is not None else [] for p in paths)),
        "offsets": _digest(artist.get_offsets()),
        "sizes": _digest(artist.get_sizes() if hasattr(artist, "get_sizes") else []),
        "faces": _colours(artist.get_facecolor()),
        "edges": _colours(artist.get_edgecolor()),
        "widths": np.round(np.asarray(artist.get_linewidth(), dtype=float), 4).tolist(),
        "zorder": artist.get_zorder(),
        "alpha": artist.get_alpha(),
        "transform": type(artist.get_transform()).__name__,
    }


def _plan():
    spec = with_freeze(release_plan())
    early = dt.timedelta(days=1)
    tasks = [
        dataclasses.replace(t, baseline_start=MONDAY - early, baseline_finish=MONDAY)
        if t.id in {"design", "code", "live"}
        else t
        for t in spec.tasks
    ]
    spec = dataclasses.replace(spec, tasks=tasks)
    return gantt(spec, release_deadlines={"R": MONDAY + dt.timedelta(days=16)})


VIEWS = {
    "whole, baseline, highlight": {
        "baseline": True,
        "highlight": {"design", "code", "live"},
    },
    "scrolled, dark": {
        "rows": (1, 5),
        "span": (MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=9)),
        "theme": DARK,
        "highlight": {"code"},
    },
    "plain": {"theme": LIGHT},
}


def _drawn() -> dict[str, Any]:
    out = {}
    for name, options in VIEWS.items():
        ax = axes()
        art = draw_gantt(ax, _plan(), **options)
        kinds = {id(a): k for k, a in vars(art).items() if a is not None}
        out[name] = {
            "order": [kinds.get(id(a), "?") for a in ax.collections],
            "artists": {
                k: _artist(a) for k, a in vars(art).items() if isinstance(a, Collection | Line2D)
            },
            "lines": [_artist(line) for line in art.lines],
            "labels": [_artist(art.labels.texts), _artist(art.labels.backing)]
            if art.labels
            else [],
            "half_height": art.half_height,
            "rows": list(art.rows),
        }
    return json.loads(json.dumps(out))


def _dump(drawn: dict[str, Any]) -> str:
    """JSON with one line per artist, so a change to the chart's look reads in a diff."""

    def line(key: str, value: Any, indent: str) -> str:
        return f"{indent}{json.dumps(key)}: {json.dumps(value, sort_keys=True)}"

    views = []
    for view, d in sorted(drawn.items()):
        parts = [
            '  "artists": {\n'
            + ",\n".join(line(k, a, "   ") for k, a in sorted(v.items()))
            + "\n  }"
            if k == "artists"
            else line(k, v, "  ")
            for k, v in sorted(d.items())
        ]
        views.append(f" {json.dumps(view)}: {{\n" + ",\n".join(parts) + "\n }")
    return "{\n" + ",\n".join(views) + "\n}\n"


def test_every_mark_is_drawn_as_pinned() -> None:
    drawn = _drawn()
    if os.environ.get("RELEASEDESK_PIN_GANTT"):
        PINNED.write_text(_dump(drawn))
        pytest.skip("pinned anew")
    pinned = json.loads(PINNED.read_text())
    for view in pinned:
        assert drawn[view]["order"] == pinned[view]["order"], view
        for kind, expected in pinned[view]["artists"].items():
            assert drawn[view]["artists"][kind] == expected, (view, kind)
        assert drawn[view] == pinned[view], view
