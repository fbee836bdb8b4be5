"""How long each plan edit of the task editing service takes on a large release.

Run: ``.venv/bin/python benchmarks/bench_task_edits.py [--tasks 1000 10000] [--runs 5]``

Each size uses the cached workspace of :mod:`benchmarks.big_release` (one release of
that many tasks, a summary per 100, twice as many links, an upstream release linked
in), copied afresh. Every edit is one audited transaction on SQLite, timed from the
call to its return, median of ``--runs``; an undo of each edit puts the plan back
between runs. "first row" edits touch the top of the outline (so every WBS code after
it moves, and a new predecessor's circle check walks the whole plan downstream).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.services import task_links, task_outline, task_rows, task_service
from app.services.plan_service import resolve_release
from app.workspace import Workspace
from benchmarks.big_release import RELEASE_NAME, big_release_path


def _median(runs: int, edit: Callable[[], object], undo: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        edit()
        times.append(time.perf_counter() - start)
        undo()
    return statistics.median(times)


def measure(tasks: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        shutil.copyfile(big_release_path(tasks), path)
        with Workspace.open(path) as ws:
            rel, _name = resolve_release(ws, RELEASE_NAME)
            rows = task_rows.list_tasks(ws, rel)
            leaf = next(r for r in rows[len(rows) // 2 :] if not r.is_summary and r.index > 0)
            first = rows[0]
            v = lambda i: task_rows.task_version(ws, i)  # noqa: E731
            out = {
                "read the table (list_tasks)": _median(
                    runs, lambda: task_rows.list_tasks(ws, rel), lambda: None
                )
            }
            out["edit a duration"] = _median(
                runs,
                lambda: task_service.update_task(ws, leaf.id, None, duration_minutes=960),
                lambda: task_service.update_task(ws, leaf.id, None, duration_minutes=480),
            )
            made: list = []
            out["create a task at the end"] = _median(
                runs,
                lambda: made.append(task_service.create_task(ws, rel, "New")[0].id),
                lambda: task_service.delete_task(ws, made[-1]),
            )
            out["create a task at the first row"] = _median(
                runs,
                lambda: made.append(task_service.create_task(ws, rel, "New", index=0)[0].id),
                lambda: task_service.delete_task(ws, made[-1]),
            )
            # an unlinked task as the new predecessor: the edit is never a circle
            task_service.create_task(ws, rel, "Anchor")
            anchor = f"{len(rows) + 1}FS+1d"
            text = task_rows.get_task(ws, leaf.id).predecessors
            out["set predecessors text (leaf)"] = _median(
                runs,
                lambda: task_links.set_predecessors_text(ws, leaf.id, None, f"{text}, {anchor}"),
                lambda: task_links.set_predecessors_text(ws, leaf.id, None, text),
            )
            out["set predecessors text (first row)"] = _median(
                runs,
                lambda: task_links.set_predecessors_text(ws, first.id, None, anchor),
                lambda: task_links.set_predecessors_text(ws, first.id, None, ""),
            )
            out["indent a leaf"] = _median(
                runs,
                lambda: task_outline.indent_task(ws, leaf.id, v(leaf.id)),
                lambda: task_outline.move_task(
                    ws, leaf.id, None, parent_id=leaf.parent_id, index=leaf.index
                ),
            )
            deleted: list = []
            out["delete a summary (100 tasks)"] = _median(
                runs,
                lambda: deleted.append(task_service.delete_task(ws, first.id)[0].version),
                lambda: task_service.restore_task(ws, first.id, deleted[-1]),
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = {n: measure(n, args.runs) for n in args.tasks}
    names = list(next(iter(results.values())))
    print(f"load average {os.getloadavg()[0]:.1f}; median of {args.runs} runs, ms")
    print(f"{'edit':36}" + "".join(f"{n:>12,} tasks" for n in args.tasks))
    for name in names:
        print(f"{name:36}" + "".join(f"{results[n][name] * 1000:>18.0f}" for n in args.tasks))


if __name__ == "__main__":
    main()
