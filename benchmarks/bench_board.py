"""Benchmark: the board's cards (not a pass/fail test).

Three workspaces in a temporary folder, each timed by the first and the best of five
``list_board_cards`` calls, and the same for the portfolio schedule that gives each
card its scheduled finish (:func:`board_service.scheduled_finishes`), which the board
runs off the GUI thread:

- 500 releases with 5,000 handover items, 2,000 risks and 3,000 scope items but no
  plans (the rows ``tests/app/services`` checks the counts on);
- the demo workspace (16 releases with linked plans);
- the scale workspace of 200 releases with 200 tasks and 400 links each.

Target: cards < 0.2 s (what the board waits for); the finishes follow in seconds. The
cards' calendar conflicts (:func:`conflict_service.conflict_sentences`, sentences
included) are also found on a worker thread, and timed the same way.

    .venv/bin/python benchmarks/bench_board.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' row builders

from app.demo.generator import create_demo_workspace
from app.demo.scale import create_scale_workspace
from app.services.board_service import list_board_cards, with_schedule
from app.services.conflict_service import conflict_sentences
from app.services.portfolio_finish import scheduled_finishes
from app.workspace import Workspace
from tests.app.services.builders import populate_board

RUNS = 5
SCALE_RELEASES = 200


def _times(call: Callable[[], object]) -> tuple[float, float]:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return timings[0], min(timings)


def _report(label: str, ws: Workspace) -> None:
    cards = len(list_board_cards(ws))
    first, best = _times(lambda: list_board_cards(ws))
    late = sum(c.late for c in with_schedule(list_board_cards(ws), scheduled_finishes(ws)))
    sched_first, sched_best = _times(lambda: scheduled_finishes(ws))
    clashing = len(conflict_sentences(ws))
    found_first, found_best = _times(lambda: conflict_sentences(ws))
    print(
        f"{label:<36} {cards:>5} {late:>5} {first:>7.3f} {best:>7.3f}"
        f" {sched_first:>9.3f} {sched_best:>9.3f} {clashing:>8} {found_first:>9.3f}"
        f" {found_best:>7.3f}"
    )


def main() -> None:
    print(
        f"{'workspace':<36} {'cards':>5} {'late':>5} {'cards s':>7} {'best':>7}"
        f" {'finishes':>9} {'best':>9} {'clashing':>8} {'conflicts':>9} {'best':>7}"
    )
    with tempfile.TemporaryDirectory() as folder:
        ws = Workspace.open(Path(folder) / "board.db", create=True, user="bench")
        with ws:
            populate_board(ws, releases=500, handover=5000, risks=2000, scope=3000)
            _report("500 releases, no plans", ws)
        ws = create_demo_workspace(Path(folder) / "demo.db", user="bench")
        with ws:
            _report("demo (16 releases)", ws)
        ws, _summary = create_scale_workspace(
            Path(folder) / "scale.db", releases=SCALE_RELEASES, user="bench"
        )
        with ws:
            _report(f"scale ({SCALE_RELEASES} releases, 40,000 tasks)", ws)
    print(
        f"(seconds: first call and best of {RUNS}; the cards show at once, the finishes "
        "(one portfolio schedule) and the conflicts (cards with any: clashing) arrive from "
        "worker threads)"
    )


if __name__ == "__main__":
    main()
