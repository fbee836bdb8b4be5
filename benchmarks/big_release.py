"""A workspace holding one very large release, for whole-command benchmarks.

``releasedesk demo --scale`` spreads 100,000 tasks over 500 releases; `plan schedule`
of a single release then reads 200 of them. This module makes the other extreme: one
release with ``tasks`` tasks (a summary task per 100, so outline depth and summary
dates are exercised) and twice as many links, plus a small upstream release linked
into it (so the release's closure crosses releases). Written with the audited bulk path
as ``app.demo.scale`` does; the file is cached, since making it takes a while.

    .venv/bin/python benchmarks/big_release.py [PATH|URL] [TASKS]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.workspace import Workspace
from models import Release, Task, TaskLink
from models.bulk_audit import insert_audited

SEED = 20261201
RELEASE_NAME = "Big 1.0"
GROUP = 100  # leaf tasks per summary task


def big_release_path(tasks: int = 100_000) -> Path:
    """Where the cached workspace for ``tasks`` tasks lives (made on first use)."""
    path = Path(f"/tmp/releasedesk-big-release-{tasks}.db")
    if not path.exists():
        print(f"Creating {path} ({tasks:,} tasks, fixed seed)...", file=sys.stderr, flush=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        make_big_release(partial, tasks)
        partial.rename(path)
    return path


def make_big_release(path: Path | str, tasks: int) -> None:
    """Create the workspace at ``path``: release "Big 1.0" and upstream "Feeder 1.0"."""
    rng = random.Random(SEED)
    new_id = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)  # noqa: E731
    with Workspace.open(path, create=True, name="Big release benchmark") as ws:
        start = dt.datetime(2027, 1, 4, 8, 0)
        releases, task_rows, link_rows = [], [], []
        for name, count in (("Feeder", 200), ("Big", tasks)):
            rid = new_id()
            releases.append({
                "id": rid, "name": name, "version_label": "1.0", "release_type": "minor",
                "status": "planned", "planned_start": start, "description": "",
            })
            leaves = _tasks(rid, name, count, new_id, rng, task_rows)
            for _ in range(2 * count if name == "Big" else count):
                a, b = sorted(rng.sample(range(len(leaves)), 2))
                link_rows.append(_link(new_id(), leaves[a], leaves[b], rng))
            if name == "Feeder":
                feeder = leaves
            else:
                for k in range(20):  # the big release waits for some of the feeder's work
                    link_rows.append(_link(new_id(), feeder[-1 - k], leaves[k * 50], rng))
        with ws.transaction() as s:
            for model, rows in ((Release, releases), (Task, task_rows), (TaskLink, link_rows)):
                insert_audited(s, model, rows)


def _tasks(
    rid: uuid.UUID, name: str, count: int, new_id, rng: random.Random,
    out: list[dict[str, object]],
) -> list[uuid.UUID]:
    """Append ``count`` task rows (every ``GROUP + 1``-th a summary); return the leaves."""
    leaves: list[uuid.UUID] = []
    parent = None
    for i in range(count):
        tid = new_id()
        summary = i % (GROUP + 1) == 0
        out.append({
            "id": tid, "release_id": rid, "parent_id": None if summary else parent,
            "position": i, "wbs": "", "name": f"{name} {'phase' if summary else 'task'} {i + 1}",
            "duration_minutes": 0 if summary else rng.choice((0, 60, 240, 480, 960, 2400)),
            "duration_elapsed": False, "milestone": False, "is_deployment": False,
            "constraint_type": "ASAP", "percent_complete": 0.0, "notes": "",
        })
        if summary:
            parent = tid
        else:
            leaves.append(tid)
    return leaves


def _link(
    link_id: uuid.UUID, pred: uuid.UUID, succ: uuid.UUID, rng: random.Random
) -> dict[str, object]:
    return {
        "id": link_id, "predecessor_id": pred, "successor_id": succ,
        "link_type": rng.choice(("FS",) * 7 + ("SS", "FF", "SF")),
        "lag": float(rng.choice((0, 0, 0, 240, 480, -240))), "lag_unit": "working",
    }


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else None  # a path or a database URL
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    if target is None:
        print(big_release_path(size))
    else:
        make_big_release(target, size)
