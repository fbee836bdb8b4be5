"""Benchmark: `releasedesk db check` on the demo and on large workspaces (not a test).

For each workspace prints its audit rows and live rows and the best of three for the
chain walk (:func:`verify_audit_chain`), the replay of the trail against the tables
(:func:`replay_differences`) and the whole check (:func:`check_workspace`, SQLite's
integrity and foreign key checks included), in wall and (for the check) CPU seconds:
on a shared machine the CPU time is the steadier figure. Target: the whole check < 5 s on a
million audit rows. Workspaces are made once with the fixed seeds and cached in /tmp
(SQLite) or in the given PostgreSQL database.

    .venv/bin/python benchmarks/bench_db_check.py [RELEASES ...] [--pg URL]

``RELEASES`` are scale workspaces to measure (600 audit rows each; default 100 and
1,667, about a million audit rows); ``--pg URL`` also measures the largest on an
empty PostgreSQL database at URL.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo import create_demo_workspace
from app.demo.scale import create_scale_workspace
from app.workspace import Workspace
from app.workspace_check import check_workspace
from models import AuditLog
from models.audit import verify_audit_chain
from models.audit_replay import replay_differences
from models.base import entity_tables

RUNS = 3


def best_of(fn: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = clock()
        fn()
        best = min(best, clock() - started)
    return best


def _cached(path: Path, make: Callable[[str], object]) -> str:
    if not path.exists():
        print(f"Creating {path}...", file=sys.stderr, flush=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        make(str(partial))
        partial.rename(path)
    return str(path)


def _scale(releases: int) -> Callable[[str], object]:
    return lambda db: create_scale_workspace(db, releases=releases, user="bench")[0].close()


def measure(label: str, db: str) -> None:
    with Workspace.open(db, user="bench") as ws:
        with ws.engine.connect() as conn:
            audit = conn.scalar(sa.select(sa.func.count()).select_from(AuditLog)) or 0
            live = sum(
                conn.scalar(sa.select(sa.func.count()).select_from(t)) or 0 for t in entity_tables()
            )

        def chain() -> None:
            with ws.engine.connect() as conn:
                assert verify_audit_chain(conn) is None

        def replay() -> None:
            with ws.engine.connect() as conn:
                assert replay_differences(conn)[1] == 0

        def whole() -> None:
            assert check_workspace(ws) == []

        times = [best_of(chain), best_of(replay), best_of(whole), best_of(whole, time.process_time)]
    print(
        f"{label:<28} {audit:>10,} {live:>10,} " + " ".join(f"{t:>8.2f}" for t in times), flush=True
    )


def main(argv: list[str]) -> None:
    pg = argv[argv.index("--pg") + 1] if "--pg" in argv else None
    sizes = [int(a) for a in argv if a.isdigit()] or [100, 1667]
    print(
        f"{'workspace':<28} {'audit rows':>10} {'live rows':>10} "
        f"{'chain s':>8} {'replay s':>8} {'check s':>8}"
    )
    demo = _cached(
        Path("/tmp/releasedesk-check-demo.db"),
        lambda db: create_demo_workspace(db, user="bench").close(),
    )
    measure("demo (SQLite)", demo)
    for releases in sizes:
        db = _cached(Path(f"/tmp/releasedesk-check-scale-{releases}.db"), _scale(releases))
        measure(f"scale {releases} (SQLite)", db)
    if pg is not None:
        with Workspace.open(pg, create=True, user="bench") as ws, ws.engine.connect() as conn:
            empty = not conn.scalar(sa.select(sa.func.count()).select_from(AuditLog))
        if empty:
            print(f"Filling {pg.rsplit('/', 1)[-1]}...", file=sys.stderr, flush=True)
            _scale(max(sizes))(pg)
        measure(f"scale {max(sizes)} (PostgreSQL)", pg)


if __name__ == "__main__":
    main(sys.argv[1:])
