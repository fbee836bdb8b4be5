"""Timing of the Gantt chart builder (:func:`app.charts.gantt.draw_gantt`) on Agg.

Run: ``.venv/bin/python benchmarks/bench_gantt.py``. A fixed seed builds the same
random portfolio as ``bench_schedule.py`` (10,000 tasks in releases of 500, 15,000
links of every type), schedules it, turns it into Gantt rows and times, best of 5
(wall and CPU seconds; "ok" compares the CPU time with the budget, because other
processes share this machine and stretch the wall time while this one waits):

* rows: :func:`~app.charts.gantt_rows.chart_plan` (schedule -> ``GanttPlan``);
* full draw: every bar and link of the plan drawn and rendered (``canvas.draw()``) on a
  1600x1000 Agg figure, the plan's arrays already built (budget 0.5 s);
* the same with a baseline under every bar;
* scroll / zoom steps: a 40-row window (what the Plan view shows) moved down by 3
  rows, or its span halved, each redrawn and rendered (budget 50 ms a step).

``benchmarks/bench_plan_view.py`` times the Plan view itself (Qt).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_schedule import make_plan
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from app.charts.gantt import draw_gantt, fit_span
from app.charts.gantt_artists import GanttArtists
from app.charts.gantt_geometry import geometry
from app.charts.gantt_plan import GanttPlan
from app.charts.gantt_rows import chart_plan
from app.scheduling import capture_baseline, schedule
from app.scheduling.plan import PlanSpec

TASKS, LINKS = 10_000, 15_000
WINDOW_ROWS = 40
STATUS = dt.datetime(2026, 3, 2, 12, 0)


def best(fn: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """Best wall and CPU seconds of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def gantt_of(plan: PlanSpec) -> GanttPlan:
    result = schedule(plan)
    releases = [t.id for t in plan.tasks if t.parent_id is None]
    return chart_plan(plan, result, releases, status_date=STATUS)


def with_baseline(plan: PlanSpec) -> PlanSpec:
    """Every task baselined a day earlier than scheduled (bars and baselines differ)."""
    entries = capture_baseline(schedule(plan))
    day = dt.timedelta(days=1)
    tasks = [
        dataclasses.replace(
            t, baseline_start=entries[t.id].start - day, baseline_finish=entries[t.id].finish - day
        )
        for t in plan.tasks
    ]
    return dataclasses.replace(plan, tasks=tasks)


class Canvas:
    """A 1600x1000 Agg figure with one chart axes, redrawn as the Plan view would."""

    def __init__(self) -> None:
        self.figure = Figure(figsize=(16, 10), dpi=100)
        self.canvas = FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_axes((0.02, 0.02, 0.96, 0.92))
        self.drawn: GanttArtists | None = None

    def draw(self, plan: GanttPlan, **view: object) -> GanttArtists:
        if self.drawn is not None:
            self.drawn.remove()
        self.drawn = draw_gantt(self.ax, plan, **view)  # type: ignore[arg-type]
        self.canvas.draw()
        return self.drawn


def main() -> None:
    spec = make_plan(TASKS, LINKS)
    plan = gantt_of(spec)
    based = gantt_of(with_baseline(spec))
    geometry(plan), geometry(based)  # built once per plan, as a view keeps its plan
    c = Canvas()
    start, finish = fit_span(plan)
    mid = len(plan.rows) // 2
    first = plan.rows[mid].start - dt.timedelta(days=20)
    window = (first, first + dt.timedelta(days=60))
    state = {"row": mid}

    def scroll() -> None:
        state["row"] += 3
        r = state["row"]
        c.draw(plan, rows=(r, r + WINDOW_ROWS), span=window)

    def zoom() -> None:
        r = state["row"]
        half = (window[1] - window[0]) / 2
        c.draw(plan, rows=(r, r + WINDOW_ROWS), span=(window[0], window[0] + half))

    rows: list[tuple[str, float, float, float | None]] = []
    rows.append(("rows: schedule -> GanttPlan", *best(lambda: gantt_of(spec), 3), None))
    rows.append(("full draw, 10,000 tasks + 15,000 links", *best(lambda: c.draw(plan)), 0.5))
    rows.append(("full draw with baseline", *best(lambda: c.draw(based, baseline=True)), 0.5))
    rows.append(("scroll step (40 rows, 60 days)", *best(scroll), 0.05))
    rows.append(("zoom step (40 rows, 30 days)", *best(zoom), 0.05))
    drawn = c.draw(plan)
    print(
        f"Gantt builder on Agg, {len(plan.rows):,} tasks, {len(plan.links):,} links "
        f"({start:%Y-%m-%d} .. {finish:%Y-%m-%d}); best of 5"
    )
    print(f"{'step':<42} {'wall s':>8} {'cpu s':>8} {'budget':>8}  ok")
    for name, wall, cpu, budget in rows:
        ok = "" if budget is None else ("yes" if cpu <= budget else "NO")
        shown = "" if budget is None else f"{budget:.3f}"
        print(f"{name:<42} {wall:>8.3f} {cpu:>8.3f} {shown:>8}  {ok}")
    print(
        f"full draw: {len(drawn.bars.get_paths()):,} bars, "
        f"{len(drawn.links.get_paths()):,} link paths, {len(drawn.all())} artists"
    )


if __name__ == "__main__":
    main()
