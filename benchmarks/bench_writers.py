"""Benchmark: several processes saving to one workspace at once (not a pass/fail test).

Each of N writer processes opens the same workspace and, for D seconds, picks a random
release (fixed seed per writer), reads it, and saves a new description at the version it
read (:func:`release_service.update_release`), as a coordinator's window does. A save
ends as one of: saved, a version conflict (a colleague saved that release between our
read and our save: expected, nothing lost), a lock failure (the database was busy or
locked, or a deadlock: what this benchmark is about), or another error.

Afterwards it checks that nothing was lost: each release's version grew by exactly the
number of saves reported for it, and the audit trail gained one ``description`` row per
save. Target: 0 lock failures, 0 lost updates, audit rows = saves ok.

    .venv/bin/python benchmarks/bench_writers.py [--db URL] [--writers 4] [--seconds 60]

Without ``--db`` a demo workspace is created in a temporary SQLite file. With
``--db postgresql+psycopg://USER@HOST/DB`` a fresh database named DB_writers_bench is
made next to DB (dropped first if it exists) and filled with the demo.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import random
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from app.demo import create_demo_workspace
from app.errors import ConflictError, ReleaseDeskError
from app.services import release_service
from app.workspace import Workspace
from models import AuditLog, Release

SEED = 20261201
OUTCOMES = ("ok", "conflict", "lock", "other")


def _is_lock_failure(exc: BaseException) -> bool:
    """A save refused because the database was busy, not because of a newer version."""
    if type(exc).__name__ == "WorkspaceBusyError":
        return True
    text = str(exc).lower()
    return any(word in text for word in ("locked", "busy", "deadlock", "serializ"))


def writer(url: str, index: int, seconds: float, ready: object, go: object) -> dict:
    """One writer process: save random releases until ``seconds`` have passed."""
    rng = random.Random(SEED + index)
    counts: collections.Counter[str] = collections.Counter()
    saved: collections.Counter[str] = collections.Counter()
    samples: dict[str, str] = {}
    times: list[float] = []  # seconds per successful save, waiting included
    with Workspace.open(url, user=f"writer-{index}") as ws:
        ids = [r.id for r in release_service.list_releases(ws)]
        ready.set()  # type: ignore[attr-defined]
        go.wait()  # type: ignore[attr-defined]
        deadline = time.monotonic() + seconds
        n = 0
        while time.monotonic() < deadline:
            release_id = rng.choice(ids)
            n += 1
            started = time.perf_counter()
            try:
                version = release_service.get_release(ws, release_id).version
                release_service.update_release(
                    ws, release_id, version, description=f"writer {index} save {n}"
                )
            except ConflictError:
                counts["conflict"] += 1
            except ReleaseDeskError as exc:
                kind = "lock" if _is_lock_failure(exc) else "other"
                counts[kind] += 1
                samples.setdefault(kind, f"{type(exc).__name__}: {exc}")
            except Exception as exc:  # a bug: count it, keep going
                counts["other"] += 1
                samples.setdefault("other", f"{type(exc).__name__}: {exc}")
            else:
                counts["ok"] += 1
                saved[str(release_id)] += 1
                times.append(time.perf_counter() - started)
    return {"counts": dict(counts), "saved": dict(saved), "samples": samples, "times": times}


def _versions(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(Release.id, Release.version)).all()
    return {str(uuid.UUID(str(i))): v for i, v in rows}


def _audit_rows(engine: sa.Engine) -> int:
    query = sa.select(sa.func.count()).select_from(AuditLog).where(
        AuditLog.entity == "release", AuditLog.field == "description"
    )
    with engine.connect() as conn:
        return conn.execute(query).scalar_one()


def _prepare(db: str | None, tmp: Path) -> str:
    """The URL of a freshly made demo workspace."""
    if db is None:
        url = str(tmp / "writers.db")
    else:
        base = make_url(db)
        name = f"{base.database}_writers_bench"
        admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
        url = base.set(database=name).render_as_string(hide_password=False)
    create_demo_workspace(url, user="bench", seed=SEED).close()
    return url


def _drop(url: str) -> None:
    """Remove the benchmark's PostgreSQL database (it lives beside a team's)."""
    target = make_url(url)
    admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (default: SQLite)")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = _prepare(args.db, Path(tmp))
        with Workspace.open(url, user="bench") as ws:
            before, audit_before = _versions(ws.engine), _audit_rows(ws.engine)
            kind = ws.engine.dialect.name
        ctx = multiprocessing.get_context("spawn")
        results = _run(ctx, url, args.writers, args.seconds)
        with Workspace.open(url, user="bench") as ws:
            after, audit_after = _versions(ws.engine), _audit_rows(ws.engine)
        if args.db is not None:
            _drop(url)
    _report(kind, args, results, before, after, audit_after - audit_before)


def _run(ctx: multiprocessing.context.SpawnContext, url: str, writers: int,
         seconds: float) -> list[dict]:
    """Start every writer, let them all open the workspace, then start the clock."""
    manager = ctx.Manager()
    go = manager.Event()
    readies = [manager.Event() for _ in range(writers)]
    with ctx.Pool(writers) as pool:
        jobs = [pool.apply_async(writer, (url, i, seconds, readies[i], go))
                for i in range(writers)]
        for ready in readies:
            ready.wait()
        go.set()
        results = [job.get() for job in jobs]
    manager.shutdown()
    return results


def _report(kind: str, args: argparse.Namespace, results: list[dict],
            before: dict[str, int], after: dict[str, int], audit_added: int) -> None:
    total: collections.Counter[str] = collections.Counter()
    saved: collections.Counter[str] = collections.Counter()
    for result in results:
        total.update(result["counts"])
        saved.update(result["saved"])
    lost = sum(1 for rid, v in after.items() if v - before.get(rid, v) != saved.get(rid, 0))
    head = ("database", "writers", "seconds", "saves ok", "version conflicts",
            "lock failures", "other errors", "lost updates", "audit rows added")
    row = (kind, args.writers, f"{args.seconds:g}", total["ok"], total["conflict"],
           total["lock"], total["other"], lost, audit_added)
    print(" | ".join(head))
    print(" | ".join(str(v).rjust(len(h)) for v, h in zip(row, head, strict=True)))
    attempts = sum(total[o] for o in OUTCOMES)
    print(f"attempts {attempts}, {total['ok'] / max(args.seconds, 1e-9):.1f} saves/s; "
          f"audit rows {'=' if audit_added == total['ok'] else '!='} saves ok")
    times = sorted(t for result in results for t in result["times"])
    if times:
        def pct(p: float) -> float:
            return times[min(len(times) - 1, int(p * len(times)))] * 1000

        print(f"successful save (read + save, waiting included): median {pct(0.5):.0f} ms, "
              f"p99 {pct(0.99):.0f} ms, max {times[-1] * 1000:.0f} ms")
    for result in results:
        for kind_, text in result["samples"].items():
            print(f"  first {kind_} error: {text.splitlines()[0][:160]}")


if __name__ == "__main__":
    main()
