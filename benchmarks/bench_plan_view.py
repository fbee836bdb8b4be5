"""Timings of the Plan view (offscreen): open it, edit a duration, scroll and zoom.

    .venv/bin/python benchmarks/bench_plan_view.py [--small 1000] [--large 10000]

Workspaces: one release of ``--small`` / ``--large`` tasks (a summary per 100, two
links per task, a small upstream release linked in) made by ``benchmarks/big_release``
with its fixed seed and cached in /tmp. Targets (issue 12):

* open the view on 1,000 tasks (schedule, table, first drawing) <= 0.5 s;
* on 10,000 tasks <= 2 s and under 400 MB resident;
* in the 1,000-task plan, a duration typed in the table to the redrawn chart <= 150 ms
  (the undoable command, the reschedule, the table and the chart);
* a scroll step or a zoom step on 10,000 tasks < 50 ms, drawing only what is visible.

The machine is shared: each timing is the best of ``PASSES`` runs (the median is shown
too), with the load average printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from big_release import RELEASE_NAME, big_release_path
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from app.services.release_service import find_release
from app.workspace import Workspace
from ui.change_hub import ChangeHub
from ui.settings import Settings
from ui.undo.command_runner import CommandRunner
from ui.view_registry import ViewContext

PASSES = 5
SIZE = (1600, 1000)


class _Presenter:
    def show_error(self, error: object) -> None:
        raise SystemExit(f"refused: {error}")

    def resolve_conflict(self, _error: object) -> bool:
        return False


def _context(ws: Workspace, folder: str) -> ViewContext:
    hub = ChangeHub()
    settings = Settings(QSettings(f"{folder}/bench.ini", QSettings.Format.IniFormat))
    return ViewContext(ws, CommandRunner(QUndoStack(), hub, _Presenter()), hub, settings)


def _open(ctx: ViewContext, release_id, app: QApplication):
    from ui.plan.plan_view import PlanView

    view = PlanView(ctx)
    view.resize(*SIZE)
    view.show()
    view.show_release(release_id)
    view.canvas.redraw_now()
    app.processEvents()
    return view


class _Clock:
    """Wall and CPU seconds of one timed step (the machine is shared: CPU time shows
    what the step costs, wall time what a user on a busy machine waits)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def _best(times: list[tuple[float, float]]) -> str:
    wall = [w for w, _c in times]
    cpu = [c for _w, c in times]
    return (
        f"{min(wall) * 1000:8.1f} {statistics.median(wall) * 1000:8.1f}"
        f" {min(cpu) * 1000:8.1f} {statistics.median(cpu) * 1000:8.1f}"
    )


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_open(app: QApplication, tasks: int, folder: str) -> tuple[list, object]:
    ws = Workspace.open(big_release_path(tasks), user="bench")
    release = find_release(ws, RELEASE_NAME)
    times, view = [], None
    for _ in range(PASSES if tasks <= 1000 else 2):
        if view is not None:
            view.deleteLater()
            app.processEvents()
        clock = _Clock()
        view = _open(_context(ws, folder), release.id, app)
        times.append(clock.stop())
    return times, view


def bench_edit(app: QApplication, view) -> list:
    """Type a new duration into a leaf task's cell (through the model, as the delegate
    commits it) and wait for the chart drawn from the new schedule."""
    model = view.model
    row = next(n for n, r in enumerate(model.rows()) if not r.summary and n > 10)
    index = model.index(row, 2)
    times = []
    for n in range(PASSES):
        drawn = view.canvas.draw_count
        current = model.rows()[row].duration_minutes // model.minutes_per_day
        clock = _Clock()
        model.setData(index, f"{current + 1 + n % 2}d")  # never the value it has
        while view.canvas.draw_count == drawn:
            app.processEvents()
        times.append(clock.stop())
    return times


def bench_steps(app: QApplication, view) -> tuple[list, list, int]:
    """Scroll by a page and zoom by one step, each to the redrawn chart."""
    bar = view.table.verticalScrollBar()
    scroll, zoom = [], []
    drawn_rows = 0
    for n in range(PASSES * 4):
        clock = _Clock()
        bar.setValue(bar.value() + bar.pageStep() * (1 if n % 8 < 4 else -1) + 1000)
        view.canvas.redraw_now()  # what the coalescing timer would run
        app.processEvents()  # the paint
        scroll.append(clock.stop())
        arts = view.canvas.artists
        drawn_rows = max(drawn_rows, arts.rows[1] - arts.rows[0])
    for n in range(PASSES * 4):
        clock = _Clock()
        view.canvas.zoom(1.25 if n % 2 else 0.8)
        view.canvas.redraw_now()
        app.processEvents()
        zoom.append(clock.stop())
    return scroll, zoom, drawn_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10_000)
    args = parser.parse_args()
    for tasks in (args.small, args.large):
        big_release_path(tasks)  # made (once) before anything is timed
    app = QApplication.instance() or QApplication(sys.argv)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'what':44} {'wall ms':>8} {'median':>8} {'cpu ms':>8} {'median':>8}  target")
    with tempfile.TemporaryDirectory() as folder:
        small_open, small_view = bench_open(app, args.small, folder)
        print(f"{f'open view, {args.small:,} tasks':44} {_best(small_open)}  <= 500")
        edit = bench_edit(app, small_view)
        print(f"{f'duration edit to redrawn chart, {args.small:,}':44} {_best(edit)}  <= 150")
        large_open, large_view = bench_open(app, args.large, folder)
        print(f"{f'open view, {args.large:,} tasks':44} {_best(large_open)}  <= 2000")
        scroll, zoom, rows = bench_steps(app, large_view)
        print(f"{f'scroll step, {args.large:,} tasks':44} {_best(scroll)}  < 50")
        print(f"{f'zoom step, {args.large:,} tasks':44} {_best(zoom)}  < 50")
        print(f"rows drawn per step: at most {rows} of {len(large_view.plan):,}")
        print(f"peak resident memory: {_rss_mb():.0f} MB (target < 400)")


if __name__ == "__main__":
    main()
