"""Benchmark: how long ``releasedesk demo`` takes to build the demo workspace (not a
pass/fail test), and how many delivery rows it writes.

Fixed seed and anchor; best and median of RUNS builds into a temporary folder, then the
rows of the delivery tables. Target: within 20 % of the demo before its delivery data
(issue 15 follow-up), about 7 s on an idle machine.

    .venv/bin/python benchmarks/bench_demo.py [RUNS]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from app.demo.generator import DEFAULT_SEED, create_demo_workspace
from models import Build, BuildNote, ConfigurationItem, Deployment, DeploymentEvent

ANCHOR = dt.datetime(2026, 11, 23, 8, 0)
TABLES = (ConfigurationItem, Build, BuildNote, Deployment, DeploymentEvent)


def main(runs: int) -> None:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(runs):
            started = time.perf_counter()
            ws = create_demo_workspace(
                Path(folder) / f"demo{n}.db", user="bench", seed=DEFAULT_SEED, anchor=ANCHOR
            )
            times.append(time.perf_counter() - started)
            if n == runs - 1:
                with ws.reading() as s:
                    counts = {
                        t.__tablename__: s.scalar(sa.select(sa.func.count()).select_from(t))
                        for t in TABLES
                    }
            ws.close()
    print(f"{'demo build':<20}{'best':>8}{'median':>8}")
    print(f"{f'{runs} runs':<20}{min(times):>7.2f}s{statistics.median(times):>7.2f}s")
    for table, count in counts.items():
        print(f"{table:<20}{count:>8}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
