"""Timing of the scheduling engine on large random portfolios.

Run: ``.venv/bin/python benchmarks/bench_schedule.py``. A fixed seed builds a portfolio
of releases (summary tasks) holding tasks on the standard calendar with German public
holidays; links are mostly FS with a mix of SS/FF/SF, leads and lags (working, some
elapsed and percent). Prints tasks, links, best-of-3 seconds, tasks/second and peak
memory of one ``schedule()`` call (measured with ``tracemalloc`` in a separate run, since
tracing slows Python down).
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.scheduling import schedule
from app.scheduling.plan import (
    CalendarSpec,
    ConstraintType,
    LagUnit,
    LinkSpec,
    LinkType,
    PlanSpec,
    TaskSpec,
)

RELEASE_SIZE = 500  # tasks per release (summary task)


def make_plan(task_count: int, link_count: int, seed: int = 20260105) -> PlanSpec:
    """A random acyclic portfolio: links only go from lower to higher task numbers."""
    rng = random.Random(seed)
    start = dt.datetime(2026, 1, 5, 8, 0)
    tasks: list[TaskSpec] = []
    leaf_ids: list[str] = []
    releases = max(1, task_count // RELEASE_SIZE)
    per_release = task_count // releases
    for r in range(releases):
        rid = f"R{r}"
        tasks.append(TaskSpec(rid, f"Release {r}", release_id=rid))
        for k in range(per_release - 1):
            tid = f"T{r}-{k}"
            roll = rng.random()
            tasks.append(TaskSpec(
                tid,
                f"Task {r}.{k}",
                duration_minutes=0 if roll < 0.05 else rng.choice((60, 240, 480, 960, 2400)),
                milestone=roll < 0.05,
                parent_id=rid,
                release_id=rid,
                constraint=ConstraintType.SNET if roll > 0.995 else ConstraintType.ASAP,
                constraint_date=start + dt.timedelta(days=rng.randrange(60))
                if roll > 0.995 else None,
            ))
            leaf_ids.append(tid)
    n = len(leaf_ids)
    links: list[LinkSpec] = []
    types = (LinkType.FS,) * 7 + (LinkType.SS, LinkType.FF, LinkType.SF)
    window = 2000  # keep chains local-ish, as in real portfolios
    while len(links) < link_count:
        a = rng.randrange(n - 1)
        b = rng.randrange(a + 1, min(n, a + window))
        roll = rng.random()
        if roll < 0.6:
            lag, unit = 0.0, LagUnit.WORKING
        elif roll < 0.85:
            lag, unit = float(rng.choice((-480, -120, 60, 240, 480, 960))), LagUnit.WORKING
        elif roll < 0.97:
            lag, unit = float(rng.choice((10, 25, 50))), LagUnit.PERCENT
        else:
            lag, unit = float(rng.choice((720, 1440, 2880))), LagUnit.ELAPSED
        links.append(LinkSpec(leaf_ids[a], leaf_ids[b], rng.choice(types), lag, unit))
    return PlanSpec(
        tasks=tasks,
        links=links,
        project_start=start,
        calendars={"standard": CalendarSpec("standard", holiday_country="DE")},
    )


def measure(task_count: int, link_count: int) -> tuple[int, int, float, float]:
    plan = make_plan(task_count, link_count)
    schedule(plan)  # warm-up: imports, holiday tables
    best = float("inf")
    for _ in range(3):
        gc.collect()
        t0 = time.perf_counter()
        schedule(plan)
        best = min(best, time.perf_counter() - t0)
    gc.collect()
    tracemalloc.start()
    schedule(plan)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return len(plan.tasks), len(plan.links), best, peak / 2**20


def main() -> None:
    print(f"{'tasks':>8} {'links':>8} {'seconds':>8} {'tasks/s':>10} {'peak MB':>8}")
    for tasks, links in ((10_000, 20_000), (100_000, 200_000)):
        n, m, secs, peak = measure(tasks, links)
        print(f"{n:>8} {m:>8} {secs:>8.3f} {n / secs:>10,.0f} {peak:>8.1f}")


if __name__ == "__main__":
    main()
