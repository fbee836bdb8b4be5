"""Whole-process timing of ``releasedesk plan import FILE --db X.db`` on large plans.

Run: ``.venv/bin/python benchmarks/bench_import.py [--runs 3] [--sizes 10k,20k,100k]``.

A fixed seed builds three Microsoft Project (MSPDI) files with
:func:`bench_schedule.make_plan` (summary tasks of 500 tasks, FS/SS/FF/SF links with
leads and lags), some tasks carrying a baseline, a deadline, an actual start or a
constraint. Each run is a fresh process importing one file into a fresh copy of an empty
workspace, from interpreter start to exit: wall time, CPU time (user + system) and peak
resident memory of that child alone (``os.wait4``). A bare ``python -c pass`` is timed in
the same run as the floor. The machine is shared, so the table shows the load average
next to each figure and CPU time as well as wall time; targets are judged on the median.

``--root PATH`` times another checkout's CLI (e.g. an export of main) with the same
files, for before/after figures.

Measured 1 Dec 2026 on the shared 2-CPU machine (medians of 5; before: main at 5386111,
3 runs, 1 for 100k), whole process, seconds wall / CPU, peak MB:

    plan                      before                  after                 target
    10,000 tasks, 15k links   14.5 / 7.6 s, 326 MB    1.9 / 1.8 s, 107 MB
    20,000 tasks, 30k links   25.2 / 13.8 s, 584 MB   3.7 / 3.2 s, 130 MB   <= 4 s, 250 MB
    100,000 tasks, 150k links 239 / 74 s, 2639 MB     17.3 / 16.0 s, 343 MB <= 20 s, 1 GB
    bare Python floor         0.04 s, 18 MB           0.02 s, 16 MB
    load average              4-5                     3
"""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

SEED = 20260105
SIZES = {  # name: (tasks, links, target seconds, target MB)
    "10k": (10_000, 15_000, None, None),
    "20k": (20_000, 30_000, 4.0, 250.0),
    "100k": (100_000, 150_000, 20.0, 1000.0),
}


@dataclasses.dataclass(frozen=True)
class Run:
    """One child process: wall and CPU seconds, peak resident MB."""

    wall: float
    cpu: float
    peak_mb: float


def make_file(tasks: int, links: int, path: Path) -> None:
    """An MSPDI file of ``tasks`` tasks and ``links`` links, the same for a given seed."""
    from bench_schedule import make_plan

    from app.interchange import write_mspdi

    plan = make_plan(tasks, links, seed=SEED)
    rng = random.Random(SEED)
    start = plan.project_start
    enriched = []
    for task in plan.tasks:
        roll = rng.random()
        if task.parent_id is not None and roll < 0.2:
            day = start + dt.timedelta(days=rng.randrange(90))
            task = dataclasses.replace(
                task,
                baseline_start=day,
                baseline_finish=day + dt.timedelta(hours=9),
                baseline_duration_minutes=task.duration_minutes,
                deadline=day + dt.timedelta(days=30) if roll < 0.05 else None,
                actual_start=start if roll < 0.02 else None,
            )
        enriched.append(task)
    write_mspdi(dataclasses.replace(plan, tasks=tuple(enriched)), f"Bench {tasks}", path)


def timed(cmd: list[str], cwd: Path) -> Run:
    """Run ``cmd`` to its end; its own wall time, CPU time and peak RSS."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({child.returncode}):\n{errors}")
    # ru_maxrss is in kilobytes on Linux
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10k,20k,100k")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose CLI to time")
    parser.add_argument("--files", type=Path, help="keep the generated files here")
    parser.add_argument("--make", nargs=3, metavar=("TASKS", "LINKS", "PATH"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make_file(int(args.make[0]), int(args.make[1]), Path(args.make[2]))
        return
    sizes = args.sizes.split(",")
    root = args.root.resolve()
    for package in ("app", "models"):
        compileall.compile_dir(root / package, quiet=1)  # as an installed copy starts
    with tempfile.TemporaryDirectory() as tmp:
        files = args.files or Path(tmp)
        files.mkdir(parents=True, exist_ok=True)
        empty = Path(tmp) / "empty.db"
        cli = [sys.executable, str(root / "main.py")]
        timed([*cli, "db", "upgrade", "--db", str(empty)], root)
        floor = [timed([sys.executable, "-c", "pass"], root) for _ in range(args.runs)]
        rows = [("bare Python floor", "", floor, None, None, os.getloadavg()[0])]
        for name in sizes:
            tasks, links, target_s, target_mb = SIZES[name]
            path = files / f"bench-{name}-{SEED}.xml"
            if not path.exists():
                # in a child: a forked child's peak RSS counts its parent's pages, so the
                # parent stays small (the generator needs ~1 GB for 100,000 tasks)
                subprocess.run(
                    [sys.executable, __file__, "--make", str(tasks), str(links), str(path)],
                    check=True,
                )
            load = os.getloadavg()[0]
            runs = []
            for _ in range(args.runs):
                db = Path(tmp) / "run.db"
                shutil.copyfile(empty, db)
                runs.append(timed([*cli, "plan", "import", str(path), "--db", str(db)], root))
                db.unlink()
            mb = path.stat().st_size / 1e6
            label = f"{tasks:,} tasks, {links:,} links"
            rows.append((label, f"{mb:.0f} MB file", runs, target_s, target_mb, load))
        _print(rows, args.runs, root)


def _print(rows: list[tuple], runs: int, root: Path) -> None:
    head = (f"{'plan':<28} {'file':>11} {'best s':>7} {'median s':>9} {'CPU s':>6} "
            f"{'peak MB':>8} {'target':>17} {'met?':>5} {'load':>5}")
    print(head)
    print("-" * len(head))
    for label, file, measured, target_s, target_mb, load in rows:
        walls = [r.wall for r in measured]
        median = statistics.median(walls)
        cpu = statistics.median(r.cpu for r in measured)
        peak = max(r.peak_mb for r in measured)
        if target_s is None:
            target, met = "", ""
        else:
            target = f"<= {target_s:g} s, {target_mb:g} MB"
            met = "yes" if median <= target_s and peak <= target_mb else "NO"
        print(f"{label:<28} {file:>11} {min(walls):>7.2f} {median:>9.2f} {cpu:>6.2f} "
              f"{peak:>8.0f} {target:>17} {met:>5} {load:>5.1f}")
    print(f"({runs} runs each, fresh process and workspace per run; CLI of {root}; "
          f"{os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
