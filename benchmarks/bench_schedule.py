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


def bare_cpm_seconds(plan: PlanSpec) -> float:
    """Calibration: plain int topological sort + forward + backward pass on the same
    graph (FS, no calendars, no results) to compare machines with each other."""
    index = {t.id: i for i, t in enumerate(plan.tasks)}
    n = len(index)
    dur = [t.duration_minutes for t in plan.tasks]
    pairs = [(index[lk.predecessor_id], index[lk.successor_id]) for lk in plan.links]
    t0 = time.perf_counter()
    succ: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    pred: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for a, b in pairs:
        succ[a].append((b, dur[a]))
        pred[b].append((a, dur[a]))
    indeg = [len(p) for p in pred]
    order = [v for v in range(n) if not indeg[v]]
    for u in order:
        for v, _ in succ[u]:
            indeg[v] -= 1
            if not indeg[v]:
                order.append(v)
    es = [0] * n
    for v in order:
        x = 0
        for u, w in pred[v]:
            if es[u] + w > x:
                x = es[u] + w
        es[v] = x
    end = max(es)
    ls = [0] * n
    for u in reversed(order):
        x = end - dur[u]
        for v, w in succ[u]:
            if ls[v] - w < x:
                x = ls[v] - w
        ls[u] = x
    return time.perf_counter() - t0


def measure(task_count: int, link_count: int) -> tuple[int, int, float, float, float, float]:
    plan = make_plan(task_count, link_count)
    schedule(plan)  # warm-up: imports, holiday tables
    best = best_all = bare = float("inf")
    for _ in range(3):
        gc.collect()
        t0 = time.perf_counter()
        result = schedule(plan)
        t1 = time.perf_counter()
        for _row in result.tasks.values():  # every TaskResult built (a full export)
            pass
        t2 = time.perf_counter()
        best = min(best, t1 - t0)
        best_all = min(best_all, t2 - t0)
        del result
        gc.collect()
        gc.disable()
        bare = min(bare, bare_cpm_seconds(plan))
        gc.enable()
    gc.collect()
    tracemalloc.start()
    result = schedule(plan)
    for _row in result.tasks.values():
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return len(plan.tasks), len(plan.links), best, best_all, bare, peak / 2**20


def main() -> None:
    print(
        f"{'tasks':>8} {'links':>8} {'seconds':>8} {'tasks/s':>10} {'all rows s':>10} "
        f"{'bare CPM s':>10} {'peak MB':>8}"
    )
    for tasks, links in ((10_000, 20_000), (100_000, 200_000)):
        n, m, secs, secs_all, bare, peak = measure(tasks, links)
        print(
            f"{n:>8} {m:>8} {secs:>8.3f} {n / secs:>10,.0f} {secs_all:>10.3f} "
            f"{bare:>10.3f} {peak:>8.1f}"
        )
    print(
        "seconds = schedule() (task rows built on access); all rows s = schedule() plus "
        "building every TaskResult; bare CPM s = int-only topo sort + passes on the same "
        "graph (machine calibration); peak MB = tracemalloc during schedule() + all rows."
    )


if __name__ == "__main__":
    main()
