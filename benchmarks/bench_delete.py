"""How long deleting and restoring a release takes with everything it owns (issue 10 §1).

Deleting a release soft-deletes its tasks and every link touching them in the same
audited transaction (``app/services/cascade.py``), so the time grows with the plan.
Makes one-release workspaces of a few sizes (fixed seed, ``big_release``) and times
``delete_release`` and ``restore_release`` on each, printing a table:

    .venv/bin/python benchmarks/bench_delete.py [TASKS ...]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.services import release_service
from app.workspace import Workspace
from app.workspace_check import workspace_counts
from benchmarks.big_release import RELEASE_NAME, make_big_release


def _time_one(path: Path) -> tuple[int, float, float]:
    """Rows deleted with the big release, seconds to delete it and to restore it."""
    with Workspace.open(path, user="bench") as ws:
        before = workspace_counts(ws)
        release = release_service.find_release(ws, RELEASE_NAME).id
        start = time.perf_counter()
        change = release_service.delete_release(ws, release)
        delete_s = time.perf_counter() - start
        after = workspace_counts(ws)
        start = time.perf_counter()
        release_service.restore_release(ws, release, change.version)
        restore_s = time.perf_counter() - start
    rows = sum(before[k] - after[k] for k in ("Releases", "Tasks", "Links"))
    return rows, delete_s, restore_s


def main(sizes: list[int]) -> None:
    print(f"load average: {os.getloadavg()[0]:.1f}")
    print(f"{'tasks':>8} {'rows deleted':>13} {'delete s':>9} {'restore s':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for tasks in sizes:
            path = Path(tmp) / f"big-{tasks}.db"
            make_big_release(path, tasks)
            rows, delete_s, restore_s = _time_one(path)
            print(f"{tasks:>8,} {rows:>13,} {delete_s:>9.2f} {restore_s:>10.2f}")
            path.unlink()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000])
