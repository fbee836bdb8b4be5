"""Benchmark: calendar export and import as iCalendar files (not a pass/fail test).

For each size, a fresh SQLite workspace gets that many events through the audited bulk
path (a tenth releases, half deployments, the rest freeze/blackout/holiday windows, a
third of them recurring; fixed seed), then:

- export: ``export_calendar`` of everything (best of three), the file's size;
- import: the file's windows into a second, empty workspace (one transaction);
- re-import: the same file again (every window found by its UID, none changed).

Target: thousands of events in well under a second each way.

    .venv/bin/python benchmarks/bench_ics.py [SIZE ...]
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from app.services.calendar_exchange import export_calendar, import_calendar
from app.workspace import Workspace
from models import CalendarException, Deployment, Environment, Release, ReleasePackage
from models.bulk_audit import insert_audited

SEED = 13
SIZES = (1_000, 5_000, 20_000)
RULES = ("", "", "FREQ=YEARLY", "FREQ=WEEKLY;BYDAY=FR;COUNT=12")


def _fill(ws: Workspace, size: int, rng: random.Random) -> None:
    base = dt.datetime(2027, 1, 4, 8)
    releases = [uuid.uuid4() for _ in range(max(1, size // 10))]
    packages = [uuid.uuid4() for _ in releases]
    env = uuid.uuid4()
    with ws.transaction() as s:
        insert_audited(s, Environment, [{"id": env, "name": "Production", "stage": "prod"}])
        insert_audited(
            s,
            Release,
            [
                {
                    "id": r,
                    "name": f"R{n}",
                    "planned_start": base + dt.timedelta(days=n % 300),
                    "planned_end": base + dt.timedelta(days=n % 300 + 20),
                }
                for n, r in enumerate(releases)
            ],
        )
        insert_audited(
            s,
            ReleasePackage,
            [
                {"id": p, "release_id": r, "name": "pkg"}
                for p, r in zip(packages, releases, strict=True)
            ],
        )
        starts = [base + dt.timedelta(hours=rng.randrange(24 * 365)) for _ in range(size // 2)]
        insert_audited(
            s,
            Deployment,
            [
                {
                    "package_id": rng.choice(packages),
                    "environment_id": env,
                    "planned_start": t,
                    "planned_end": t + dt.timedelta(hours=2),
                }
                for t in starts
            ],
        )
        windows = size - len(releases) - len(starts)
        days = [
            dt.datetime(2027, 1, 1) + dt.timedelta(days=rng.randrange(365)) for _ in range(windows)
        ]
        insert_audited(
            s,
            CalendarException,
            [
                {
                    "name": f"W{n}",
                    "kind": rng.choice(("freeze", "blackout", "holiday")),
                    "start": d,
                    "finish": d + dt.timedelta(days=rng.randrange(1, 5)),
                    "rrule": rng.choice(RULES),
                }
                for n, d in enumerate(days)
            ],
        )


def _best(call: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best


def _once(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def main(sizes: tuple[int, ...]) -> None:
    print(f"load average {os.getloadavg()[0]:.1f}; seed {SEED}")
    print(
        f"{'events':>8} {'export s':>9} {'file MB':>8} {'windows':>8} {'import s':>9} "
        f"{'re-import s':>12}"
    )
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            _measure(Path(tmp), size)


def _measure(folder: Path, size: int) -> None:
    source = Workspace.open(folder / "source.db", create=True, user="bench")
    target = Workspace.open(folder / "target.db", create=True, user="bench")
    _fill(source, size, random.Random(SEED))
    path = folder / "calendar.ics"
    export_s = _best(lambda: export_calendar(source, path))
    import_s, first = _once(lambda: import_calendar(target, path))
    again_s, _ = _once(lambda: import_calendar(target, path))
    print(
        f"{size:>8,} {export_s:>9.3f} {path.stat().st_size / 1e6:>8.2f} "
        f"{first.created:>8,} {import_s:>9.3f} {again_s:>12.3f}"
    )
    source.close()
    target.close()


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES)
