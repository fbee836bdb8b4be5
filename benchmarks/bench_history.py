"""Benchmark: the History view and a release's History tab on 1,000,000 audit rows.

Builds a fresh SQLite workspace in a temporary folder (fixed seed): 50 releases of 100
tasks each written through the bulk audited path (``insert_audited``), then edits of
those rows by five people over two years until the trail holds one million rows (one
of the five edits rarely: 20 rows), written straight into the hash chain with
:class:`models.fast_insert.RowInserter`. It then times, first call and best of three:
the History view's first page, its next page, the view filtered by a busy and a rare
user, by entity kind, by one week a year ago, a release's History tab, and the list of
users for the filter. Target: < 0.5 s each.

    .venv/bin/python benchmarks/bench_history.py [--db URL]   # default: a temp SQLite file
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from app.services import history_service
from app.services.history_service import HistoryFilter
from app.workspace import Workspace
from models import AuditLog, Release, Task
from models.audit import chain_tail, row_digest, save_chain_head
from models.bulk_audit import insert_audited
from models.fast_insert import RowInserter

SEED = 20261201
AUDIT_ROWS = 1_000_000
RELEASES, TASKS = 50, 100
BUSY = ("Priya Raman", "Sam Lee", "Noor Haddad", "Jonas Berg")
RARE = "Ines Duarte"
RUNS = 3
TARGET_S = 0.5
FIELDS = {
    "task": [("name", "Task {n}"), ("notes", "note {n}"), ("percent_complete", "{p}")],
    "release": [("planned_end", "{d}"), ("description", "take {n}"), ("deadline", "{d}")],
}
START = dt.datetime(2025, 1, 1)


def build(ws: Workspace, rng: random.Random) -> list[uuid.UUID]:
    with ws.transaction() as s:
        releases = [{"name": f"Release {n}", "version_label": "1.0"} for n in range(RELEASES)]
        insert_audited(s, Release, releases)
        release_ids = list(s.scalars(sa.select(Release.id).order_by(Release.name)))
        tasks = [
            {"release_id": r, "name": f"T{n}", "position": n, "wbs": str(n)}
            for r in release_ids
            for n in range(TASKS)
        ]
        insert_audited(s, Task, tasks)
        targets = [("release", str(r)) for r in release_ids] + [
            ("task", str(t)) for t in s.scalars(sa.select(Task.id))
        ]
        conn = s.connection()
        seq, prev = chain_tail(conn)
        todo = AUDIT_ROWS - seq
        rare_at = set(rng.sample(range(todo), 20))
        keys = [
            "seq",
            "at",
            "user_name",
            "action",
            "entity",
            "entity_id",
            "field",
            "old_value",
            "new_value",
            "prev_hash",
            "row_hash",
        ]
        inserter = RowInserter(conn, AuditLog.__table__, keys)
        step = dt.timedelta(days=730) / todo
        batch = []
        for n in range(todo):
            entity, entity_id = rng.choice(targets)
            field, pattern = rng.choice(FIELDS[entity])
            day = (START + dt.timedelta(days=rng.randrange(900))).isoformat()
            new = pattern.format(n=n, p=rng.randrange(101), d=day)
            seq += 1
            row = {
                "seq": seq,
                "at": START + step * n,
                "user_name": RARE if n in rare_at else rng.choice(BUSY),
                "action": "update",
                "entity": entity,
                "entity_id": entity_id,
                "field": field,
                "old_value": None,
                "new_value": new,
                "prev_hash": prev,
            }
            row["row_hash"] = prev = row_digest(prev, row)
            batch.append(row)
            if len(batch) == 20_000:
                inserter.insert(batch)
                batch = []
        inserter.insert(batch)
        save_chain_head(conn, seq, prev)
    return release_ids


def timed(what: Callable[[], object]) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = what()
        times.append(time.perf_counter() - started)
    return times[0], min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty database URL (default: a temp SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        target = args.db or str(Path(folder) / "history.db")
        ws = Workspace.open(target, create=True, user=BUSY[0])
        with ws:
            started = time.perf_counter()
            releases = build(ws, random.Random(SEED))
            print(
                f"built {AUDIT_ROWS:,} audit rows in {time.perf_counter() - started:.1f} s "
                f"({ws.engine.dialect.name})"
            )
            run(ws, releases)


def run(ws: Workspace, releases: list[uuid.UUID]) -> None:
    page = history_service.history_page
    everyone = HistoryFilter()
    first = page(ws, everyone)
    a_year_ago = START + dt.timedelta(days=365)
    cases: list[tuple[str, Callable[[], object]]] = [
        ("History view, first page", lambda: page(ws, everyone)),
        ("History view, next page", lambda: page(ws, everyone, first.next)),
        ("filtered by a busy user", lambda: page(ws, HistoryFilter(user=BUSY[1]))),
        ("filtered by a rare user (20 rows)", lambda: page(ws, HistoryFilter(user=RARE))),
        ("filtered by kind: release", lambda: page(ws, HistoryFilter(entity="release"))),
        (
            "filtered by a week a year ago",
            lambda: page(
                ws,
                HistoryFilter(
                    since=a_year_ago.date(), until=(a_year_ago + dt.timedelta(days=6)).date()
                ),
            ),
        ),
        (
            "release History tab, first page",
            lambda: page(ws, HistoryFilter(release_id=releases[RELEASES // 2])),
        ),
        ("users for the filter", lambda: history_service.users(ws)),
    ]
    print(f"{'step':<36} {'first s':>8} {'best s':>8} {'entries':>8}")
    for name, call in cases:
        first_s, best, result = timed(call)
        size = len(result.entries) if hasattr(result, "entries") else len(result)
        mark = "" if best < TARGET_S else "  over target"
        print(f"{name:<36} {first_s:>8.3f} {best:>8.3f} {size:>8}{mark}")
    print(f"(target < {TARGET_S} s each; a page reads {history_service.PAGE} audit rows)")


if __name__ == "__main__":
    main()
