"""Timing of "Why this date?" on the large random portfolios of ``bench_schedule``.

Run: ``.venv/bin/python benchmarks/bench_driving_path.py``. The drivers are found on
demand, not while scheduling (``schedule()`` itself is timed by ``bench_schedule.py``;
compare its table before and after). Per plan this prints, best of 5 in CPU seconds:
the first question (which also builds the incoming/outgoing edge lists, O(links)), a
further question, and the whole driving path of the task that finishes last (its
steps, each with its sentence).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_schedule import make_plan

from app.scheduling import schedule
from app.scheduling.plan import PlanSpec
from app.services.driving_path import explain


def _cpu(fn: Callable[[], object]) -> float:
    c0 = time.process_time()
    fn()
    return time.process_time() - c0


def measure(plan: PlanSpec, runs: int = 5) -> tuple[float, float, float, int]:
    """Best-of-``runs`` CPU seconds: first drivers(), another drivers(), the last
    task's whole path; and that path's length."""
    done = schedule(plan)
    leaves = (t for t in plan.tasks if t.parent_id is not None)
    last = max(leaves, key=lambda t: done[t.id].early_finish).id
    first = other = path = float("inf")
    steps = 0
    for _ in range(runs):
        result = schedule(plan)
        first = min(first, _cpu(lambda r=result: r.drivers(last)))
        other = min(other, _cpu(lambda r=result: r.drivers(plan.tasks[1].id)))
        result = schedule(plan)
        path = min(path, _cpu(lambda r=result: explain(plan, r, last)))
        steps = len(explain(plan, result, last).steps)
    return first, other, path, steps


def main() -> None:
    print(
        f"{'tasks':>7} {'links':>7} {'first ask':>9} {'next ask':>9} {'last path':>9} {'steps':>5}"
    )
    for tasks, links in ((10_000, 20_000), (100_000, 200_000)):
        plan = make_plan(tasks, links)
        first, other, path, steps = measure(plan)
        print(
            f"{tasks:>7} {links:>7} {first:>9.4f} {other:>9.5f} {path:>9.4f} {steps:>5}", flush=True
        )
    print(
        "CPU seconds, best of 5. first ask = Schedule.drivers() of the last-finishing task on "
        "a fresh schedule (builds the edge lists); next ask = another task's drivers; last "
        "path = explain() of the last-finishing task on a fresh schedule (every step and "
        "sentence)."
    )


if __name__ == "__main__":
    main()
