"""Risks-view rows of ``bench_ui.py``: the view on 10,000 risks (offscreen).

    .venv/bin/python benchmarks/risk_rows.py [--risks 10000]   (these rows alone)

The workspace is the demo topped up to ``--risks`` risks through the audited bulk path
(fixed seed). Targets (issue 14): the view opens in at most 0.5 s and filters in at most
50 ms per keystroke. The view reads its rows off the GUI thread, so opening has two
times: the first paint (the table says "Loading risks…") and the rows shown (painted);
the heat map and trend follow once the rows are in. Each keystroke is timed in
``PASSES`` passes, the charts settled before it, and its best pass counts (wall and
CPU, this machine is shared); the median and the worst keystroke are shown.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The checkout measured: this one, or the one ``bench_ui.py --before`` names.
sys.path.insert(0, os.environ.get("RELEASEDESK_ROOT") or str(Path(__file__).resolve().parents[1]))

from app.demo import create_demo_workspace
from app.services import release_service
from app.workspace import Workspace
from models import Risk
from models.bulk_audit import insert_audited

SEED = 20261201
RISKS = 10_000
PASSES = 3
OPENS = 3
WORDS = ("vendor", "migration", "freeze", "late")
TITLES = (
    "Vendor API rate limits",
    "Data migration overruns the window",
    "Change freeze moves earlier",
    "Key engineer on leave",
    "Certificates expire unnoticed",
    "Regulatory approval arrives late",
)
Row = tuple[str, float, str]


def build(path: Path, risks: int) -> None:
    """The demo workspace and ``risks`` more risks over its releases (fixed seed)."""
    ws = create_demo_workspace(path, user="bench")
    rng = random.Random(SEED)
    releases = [r.id for r in release_service.list_releases(ws)]
    with ws.transaction() as s:
        insert_audited(
            s,
            Risk,
            [
                {
                    "release_id": rng.choice(releases),
                    "title": f"{rng.choice(TITLES)} #{n}",
                    "probability": rng.randint(1, 5),
                    "impact": rng.randint(1, 5),
                    "mitigation": "Escalate to the vendor manager",
                }
                for n in range(risks)
            ],
        )
    ws.close()


def _settle(app, pane) -> None:
    while getattr(pane, "busy", False):  # a checkout before the background read has none
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


def risk_rows(risks: int = RISKS) -> list[Row]:
    """Open the Risks view on ``risks`` risks and type into its search box."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from ui.change_hub import ChangeHub
    from ui.risks.risks_view import RisksView
    from ui.settings import Settings
    from ui.undo.command_runner import CommandRunner
    from ui.view_registry import ViewContext

    class Quiet:
        def show_error(self, error: object) -> None:
            print("error:", error)

        def resolve_conflict(self, error: object) -> bool:
            return False

    app = QApplication.instance() or QApplication([])
    path = Path(tempfile.mkdtemp()) / "risks.db"
    build(path, risks)
    ws = Workspace.open(path, user="bench")
    hub = ChangeHub()
    ctx = ViewContext(ws, CommandRunner(QUndoStack(), hub, Quiet()), hub, Settings())
    firsts, first_cpu, shown, drawn, cpu = [], [], [], [], []
    for _ in range(OPENS):
        start, c = time.perf_counter(), time.process_time()
        view = RisksView(ctx)
        view.resize(1600, 1000)
        view.show()
        app.processEvents()
        firsts.append(time.perf_counter() - start)
        first_cpu.append(time.process_time() - c)
        while view.risks.model.rowCount() == 0:  # the read answers on the GUI thread
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()  # painted
        shown.append(time.perf_counter() - start)
        cpu.append(time.process_time() - c)
        _settle(app, view.risks)
        drawn.append(time.perf_counter() - start)
        getattr(view, "close_workspace", lambda: None)()
        view.close()
        view.deleteLater()
        app.processEvents()
    view = RisksView(ctx)
    view.resize(1600, 1000)
    view.show()
    pane = view.risks
    _settle(app, pane)
    pane.status.setCurrentIndex(1)  # every state: the most rows to filter
    _settle(app, pane)
    keys, keys_cpu = [], []
    for word in WORDS:
        for n in range(1, len(word) + 1):
            best = best_cpu = float("inf")
            for _ in range(PASSES):
                pane.search.setText(word[: n - 1])
                _settle(app, pane)
                start, c = time.perf_counter(), time.process_time()
                pane.search.setText(word[:n])
                app.processEvents()
                best = min(best, time.perf_counter() - start)
                best_cpu = min(best_cpu, time.process_time() - c)
            keys.append(best * 1000)
            keys_cpu.append(best_cpu * 1000)
    getattr(view, "close_workspace", lambda: None)()
    view.close()
    ws.close()
    n = f"{risks:,}"
    return [
        (f"risks view, first paint ({n} risks), best", min(firsts) * 1000, "<= 500 ms"),
        ("risks view, first paint, best (CPU)", min(first_cpu) * 1000, "<= 500 ms"),
        (f"risks view, rows shown ({n} risks), best", min(shown) * 1000, "<= 500 ms"),
        ("risks view, rows shown, median", statistics.median(shown) * 1000, "<= 500 ms"),
        ("risks view, rows shown, best (CPU, both threads)", min(cpu) * 1000, "<= 500 ms"),
        ("risks view, charts drawn too, best", min(drawn) * 1000, "—"),
        ("risk filter keystroke, median (wall)", statistics.median(keys), "< 50 ms"),
        ("risk filter keystroke, worst (wall)", max(keys), "< 50 ms"),
        ("risk filter keystroke, median (CPU)", statistics.median(keys_cpu), "< 50 ms"),
        ("risk filter keystroke, worst (CPU)", max(keys_cpu), "< 50 ms"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--risks", type=int, default=RISKS)
    args = parser.parse_args()
    rows = risk_rows(args.risks)
    width = max(len(r[0]) for r in rows)
    print(f"load average: {os.getloadavg()}")
    print(f"{'measurement':<{width}}  {'ms':>8}  target")
    for name, ms, target in rows:
        print(f"{name:<{width}}  {ms:8.1f}  {target}")


if __name__ == "__main__":
    main()
