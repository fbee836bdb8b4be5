"""Benchmark: the board's cards for 500 releases (not a pass/fail test).

Fills a fresh SQLite workspace in a temporary folder with 500 releases, 5,000 handover
items, 2,000 risks and 3,000 scope items (the rows ``tests/app/services`` checks the
counts on) and prints the first and the best of five ``list_board_cards`` calls.
Target: < 0.2 s.

    .venv/bin/python benchmarks/bench_board.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' row builders

from app.services.board_service import list_board_cards
from app.workspace import Workspace
from tests.app.services.builders import populate_board

RUNS = 5
TARGET_S = 0.2


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        ws = Workspace.open(Path(folder) / "board.db", create=True, user="bench")
        with ws:
            populate_board(ws, releases=500, handover=5000, risks=2000, scope=3000)
            timings = []
            for _ in range(RUNS):
                started = time.perf_counter()
                cards = list_board_cards(ws)
                timings.append(time.perf_counter() - started)
    print(f"{'step':<40} {'seconds':>10}")
    print(f"{'board cards, first call':<40} {timings[0]:>10.3f}")
    print(f"{f'board cards, best of {RUNS}':<40} {min(timings):>10.3f}")
    print(f"({len(cards)} releases; target < {TARGET_S} s)")


if __name__ == "__main__":
    main()
