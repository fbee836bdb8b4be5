"""Whole commands as a user waits for them: a fresh process per run, start to exit.

    .venv/bin/python benchmarks/bench_commands.py [--runs 5] [--before /work/main]

Each command runs as ``python -c "import main; main.main()"`` with its arguments in a
new process (imports, opening the workspace, the work, writing the output to
/dev/null, tearing down; bytecode cached as an installed app has it, see
``fresh_process.py``), timed by the wall clock and by the CPU time the child used
(user + system, from ``getrusage``): this machine is shared, so the CPU time and the
best of N say more than a median wall time. A bare ``python -c pass`` of the same
interpreter is measured in the same run as the floor. ``--before`` times another
checkout (for example the main branch, with its own ``.venv``) in the same run, taking
turns with this one, so the before and after columns share the machine's load;
``os.getloadavg()`` is printed.

The plan is one release of 100,000 tasks and 200,000 links plus a small upstream
release (``benchmarks/big_release.py``, fixed seed, cached under /tmp); ``--db URL``
times the same plan on PostgreSQL (make it with ``big_release.py URL``; the CPU time is
the client's only).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from big_release import RELEASE_NAME, big_release_path
from fresh_process import bytecode_env

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"bare python": "floor", "--help": "<= 0.3", "db info": "—",
           "plan schedule --json (100k)": "<= 3.0"}


def commands(db: Path | str) -> dict[str, list[str] | None]:
    """Name -> ``releasedesk`` arguments (None: the bare interpreter)."""
    return {
        "bare python": None,
        "--help": ["--help"],
        "db info": ["db", "info", "--db", str(db)],
        "plan schedule --json (100k)": [
            "plan", "schedule", "--db", str(db), "--release", RELEASE_NAME, "--json",
        ],
    }


def run_once(python: str, root: Path, argv: list[str] | None) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process."""
    code = "pass" if argv is None else (
        f"import sys, main; sys.argv = ['releasedesk', *{argv!r}]; main.main()"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [python, "-c", code], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, check=False, env=bytecode_env(root),
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed in {root}:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(
    roots: list[Path], runs: int, db: Path | str
) -> list[dict[str, tuple[list[float], list[float]]]]:
    """Per root, per command: the wall and CPU seconds of ``runs`` fresh processes; the
    roots take turns run by run, so that they share the machine's load."""
    pythons = []
    for root in roots:
        python = root / ".venv" / "bin" / "python"  # else ours: ROOT's modules come first
        pythons.append(str(python) if python.exists() else sys.executable)
    out: list[dict[str, tuple[list[float], list[float]]]] = [{} for _ in roots]
    for name, argv in commands(db).items():
        for k, root in enumerate(roots):
            run_once(pythons[k], root, argv)  # untimed: fills the bytecode cache
            out[k][name] = ([], [])
        for _ in range(runs):
            for k, root in enumerate(roots):
                wall, cpu = run_once(pythons[k], root, argv)
                out[k][name][0].append(wall)
                out[k][name][1].append(cpu)
    return out


def _cell(values: tuple[list[float], list[float]] | None) -> str:
    if values is None:
        return f"{'':>23}"
    walls, cpus = values
    return f"{min(walls):6.2f} {statistics.median(walls):6.2f} {min(cpus):9.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another checkout to time as 'before'")
    parser.add_argument(
        "--db", help="a workspace made by big_release.py (e.g. a PostgreSQL URL) instead "
        "of the cached SQLite file",
    )
    args = parser.parse_args()
    db = args.db or big_release_path()
    print(f"load average at start: {os.getloadavg()}")
    timed = measure([ROOT, *([args.before] if args.before else [])], args.runs, db)
    after, before = timed[0], (timed[1] if args.before else None)
    print(f"load average at end:   {os.getloadavg()}")
    print(f"seconds, {args.runs} fresh processes each: wall best, wall median, CPU best")
    head = f"{'wall':>6} {'median':>6} {'CPU':>9}"
    print(f"{'command':<28} {'target':>7}  {'before: ' + head if before else ''}  after: {head}")
    for name in after:
        left = f"before: {_cell(before[name])}" if before else ""
        print(f"{name:<28} {TARGETS[name]:>7}  {left}  after: {_cell(after[name])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
