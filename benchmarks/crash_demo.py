"""Crash check: kill `releasedesk demo` at many moments, then use what it left behind.

Not a pass/fail test (tests/app/cli/test_interrupted_demo.py is, at a few fixed
moments). Runs ``demo`` RUNS times in fresh processes, kills each (SIGKILL, so nothing
cleans up) after a delay spread evenly over a whole demo run, then runs ``db info``,
``db check`` and ``db upgrade`` on the file and counts how each ended. Nothing may end
as "another program" or "unexpected error".

    .venv/bin/python benchmarks/crash_demo.py [RUNS]
    RELEASEDESK_REPO=../main ../main/.venv/bin/python -B benchmarks/crash_demo.py
"""

from __future__ import annotations

import collections
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Another checkout (for a before/after comparison) with $RELEASEDESK_REPO and its python.
REPO = Path(os.environ.get("RELEASEDESK_REPO") or Path(__file__).resolve().parents[1])
COMMAND = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"
BAD = ("another program", "unexpected error", "Traceback")


def releasedesk(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", COMMAND, *argv], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def outcome(result: subprocess.CompletedProcess[str]) -> str:
    err = result.stderr.strip()
    if any(bad in err for bad in BAD) or len(err.splitlines()) > 1:
        return f"WRONG ({err.splitlines()[0][:70] if err else result.returncode})"
    if result.returncode == 0:
        return "worked"
    missing = re.search(r"no (ReleaseDesk )?workspace", err)
    return f"exit {result.returncode}: {'no workspace yet' if missing else err[:60]}"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        whole = releasedesk("demo", "--db", str(Path(folder) / "timing.db"))
        full = time.perf_counter() - started
        assert whole.returncode == 0, whole.stderr
        counts: dict[str, collections.Counter[str]] = collections.defaultdict(
            collections.Counter
        )
        for i in range(runs):
            path = Path(folder) / f"crash{i}.db"
            delay = full * (i + 0.5) / runs
            proc = subprocess.Popen(
                [sys.executable, "-c", COMMAND, "demo", "--db", str(path)], cwd=REPO,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            time.sleep(delay)
            proc.kill()
            proc.wait()
            for command in ("info", "check", "upgrade"):
                counts[command][outcome(releasedesk("db", command, "--db", str(path)))] += 1
    print(f"demo runs {full:.2f} s uninterrupted; {runs} runs killed at even delays")
    for command, seen in counts.items():
        print(f"db {command}:")
        for what, n in seen.most_common():
            print(f"  {n:>3}  {what}")


if __name__ == "__main__":
    main()
