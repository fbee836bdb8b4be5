"""What :func:`~app.charts.gantt.draw_gantt` drew, and what is under the mouse.

Hit testing works on the plan's arrays, not on matplotlib's per-artist picking: a
view turns the mouse position into data coordinates (``ax.transData.inverted()``) and
asks :meth:`GanttArtists.hit`, which answers in microseconds for any plan size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

from app.charts.gantt_geometry import PlanGeometry
from app.charts.gantt_labels import DrawnLabels
from app.charts.gantt_plan import GanttPlan, GanttRow

Part = Literal["bar", "start", "finish", "milestone", "summary"]


@dataclass(frozen=True, slots=True)
class GanttHit:
    """The task under a point: its row index, the row, and which part was hit.

    ``part`` is ``"start"`` or ``"finish"`` near a task bar's ends (drag to change
    the start or the duration), ``"bar"`` elsewhere on it, ``"milestone"`` on a
    diamond and ``"summary"`` on a summary bracket.
    """

    index: int
    row: GanttRow
    part: Part

    @property
    def task_id(self) -> str:
        return self.row.task_id


@dataclass(eq=False)
class GanttArtists:
    """The collections one :func:`draw_gantt` call added, by kind, and hit testing.

    Each collection holds one element per drawn mark (``bars`` one polygon per task
    bar, ``links`` one path per dependency, ``milestones`` one diamond each, …);
    ``arrows`` the arrowheads (one per link drawn); ``highlights`` outline the
    highlighted tasks and ``highlight_links`` retrace the links between them; ``lines``
    are the status-date and deadline lines and ``names`` their names (and the freeze
    windows'); ``separators`` and ``release_names`` mark where each release's rows
    begin in a portfolio; ``timescale`` the names of the time units above the chart; ``labels``
    the task names drawn (their rows in ``labelled_rows``). ``rows`` is the
    drawn row range and ``half_height`` the bars' half height in rows.
    """

    plan: GanttPlan
    geometry: PlanGeometry
    rows: tuple[int, int]
    half_height: float
    shades: Any = None
    baselines: Any = None
    floats: Any = None
    bars: Any = None
    progress: Any = None
    summaries: Any = None
    milestones: Any = None
    links: Any = None
    arrows: Any = None
    deadlines: Any = None
    highlights: Any = None
    highlight_links: Any = None
    lines: list[Any] = field(default_factory=list)
    names: Any = None
    separators: Any = None
    release_names: Any = None
    timescale: Any = None
    labels: DrawnLabels | None = None

    @property
    def labelled_rows(self) -> tuple[int, ...]:
        """The rows whose names were drawn beside (or in) their bars."""
        return self.labels.rows if self.labels is not None else ()

    def all(self) -> list[Any]:
        """Every artist drawn."""
        single = [
            self.shades,
            self.baselines,
            self.floats,
            self.bars,
            self.progress,
            self.summaries,
            self.milestones,
            self.links,
            self.arrows,
            self.deadlines,
            self.highlights,
            self.highlight_links,
            self.names,
            self.separators,
            self.release_names,
            self.timescale,
        ]
        if self.labels is not None:
            single += [self.labels.texts, self.labels.backing]
        return [a for a in single if a is not None] + self.lines

    def remove(self) -> None:
        """Take everything drawn off the axes (before drawing a new view of the plan)."""
        for artist in self.all():
            artist.remove()

    def row_at(self, y: float) -> int | None:
        """The row index at data ``y`` (only rows drawn), or None."""
        if math.isnan(y):
            return None
        i = math.floor(y + 0.5)
        first, end = self.rows
        return i if first <= i < end else None

    def hit(self, x: float, y: float, *, slack: float = 0.0) -> GanttHit | None:
        """The task mark at data point ``(x, y)``, or None.

        ``slack`` (days) widens each mark sideways, and is how near an end of a bar
        counts as that end: a view passes a few pixels' worth
        (``pixels / pixels_per_day``).
        """
        i = self.row_at(y)
        if i is None:
            return None
        g = self.geometry
        row = self.plan.rows[i]
        a, b = float(g.start[i]), float(g.finish[i])
        if row.milestone and not row.summary:
            reach = max(slack, 0.0) + (0.0 if b == a else b - a)
            if abs(y - i) <= 0.45 and a - reach <= x <= max(a, b) + reach:
                return GanttHit(i, row, "milestone")
            return None
        if abs(y - i) > max(self.half_height, 0.25) or not a - slack <= x <= b + slack:
            return None
        if row.summary:
            return GanttHit(i, row, "summary")
        if abs(x - b) <= slack:
            return GanttHit(i, row, "finish")
        if abs(x - a) <= slack:
            return GanttHit(i, row, "start")
        return GanttHit(i, row, "bar")
