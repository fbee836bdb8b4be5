"""UI timings on a 500-release portfolio (offscreen): board, filter keystrokes, editor.

    .venv/bin/python benchmarks/bench_ui.py [--releases 500] [--db PATH]

The workspace is the demo portfolio topped up to ``--releases`` releases through the
release service (fixed seed), spread over Draft, Planned and Cancelled besides the
demo's own states. Targets (issue 4): board opens < 0.5 s; < 50 ms per keystroke.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.demo import create_demo_workspace
from app.services import people_service, release_service
from app.workspace import Workspace
from models.enums import ReleaseStatus

SEED = 20240611
WORDS = (
    "Payments",
    "Ledger",
    "Identity",
    "Wallet",
    "Checkout",
    "Search",
    "Billing",
    "Analytics",
    "Gateway",
    "Notifications",
    "Onboarding",
    "Reporting",
    "Catalog",
)


def build(path: Path, releases: int) -> None:
    ws = create_demo_workspace(path, user="bench")
    try:
        rng = random.Random(SEED)
        domains = people_service.list_domains(ws)
        people = people_service.list_people(ws)
        have = len(release_service.list_releases(ws))
        anchor = dt.datetime(2026, 1, 5, 8, 0)
        for n in range(have, releases):
            start = anchor + dt.timedelta(days=rng.randint(-120, 240))
            change = release_service.create_release(
                ws,
                name=f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n}",
                version_label=f"{rng.randint(1, 9)}.{rng.randint(0, 20)}",
                domain_id=rng.choice(domains).id,
                owner_id=rng.choice(people).id,
                planned_start=start,
                planned_end=start + dt.timedelta(days=rng.randint(7, 60)),
            )
            roll = rng.random()
            if roll < 0.6:
                release_service.transition_release(ws, change.id, ReleaseStatus.PLANNED)
            if 0.5 < roll < 0.6:
                release_service.transition_release(ws, change.id, ReleaseStatus.CANCELLED)
    finally:
        ws.close()


def measure(path: Path) -> list[tuple[str, float, str]]:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from ui.application import make_application
    from ui.change_hub import ChangeHub
    from ui.settings import Settings
    from ui.undo.command_runner import CommandRunner
    from ui.view_registry import ViewContext

    app = make_application(["bench"])
    ws = Workspace.open(path, user="bench")
    settings = Settings(QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat))

    class Quiet:
        def show_error(self, error: Exception) -> None:
            print("error:", error)

        def resolve_conflict(self, error: Exception) -> bool:
            return False

    hub = ChangeHub()
    ctx = ViewContext(ws, CommandRunner(QUndoStack(), hub, Quiet()), hub, settings)
    from ui.board.board_view import BoardView  # imported before timing, as at start-up

    results: list[tuple[str, float, str]] = []
    t0 = time.perf_counter()
    view = BoardView(ctx)
    view.resize(1600, 950)
    view.show()
    QApplication.processEvents()
    opened = time.perf_counter() - t0
    cards = view.model.rowCount()
    results.append((f"board opens ({cards} releases, painted)", opened * 1000, "< 500 ms"))

    costs = []
    for text in ("pay", "payments 1", "wallet", "identity gateway 4"):
        view.filter_bar.text.clear()
        QApplication.processEvents()
        for ch in text:
            t = time.perf_counter()
            view.filter_bar.text.insert(ch)
            QApplication.processEvents()
            costs.append(time.perf_counter() - t)
    view.filter_bar.text.clear()
    QApplication.processEvents()
    results.append(("filter keystroke, median", statistics.median(costs) * 1000, "< 50 ms"))
    results.append(("filter keystroke, worst", max(costs) * 1000, "< 50 ms"))

    t = time.perf_counter()
    view.filter_bar.lanes.setChecked(True)
    QApplication.processEvents()
    results.append(("swimlanes on (by domain)", (time.perf_counter() - t) * 1000, "—"))
    t = time.perf_counter()
    view.refresh()
    QApplication.processEvents()
    results.append(("refresh (diff, no change)", (time.perf_counter() - t) * 1000, "—"))
    results.extend(_editor_opens(ctx))
    view.close()
    ws.close()
    del app
    return results


# Demo releases with task plans (the plan line under the editor's title schedules them).
PLANNED = ("Payouts API 3.4", "Wallet App 2.1", "Card Tokenisation 1.8", "Offline Mode 1.7",
           "Event Streaming 3.8", "Biometric Login 5.3")


def _editor_opens(ctx) -> list[tuple[str, float, str]]:
    from PySide6.QtWidgets import QApplication

    from ui.editor.release_editor import ReleaseEditor

    ids = [release_service.find_release(ctx.workspace, name).id for name in PLANNED]
    t = time.perf_counter()
    editor = ReleaseEditor(ctx)
    editor.resize(620, 900)
    editor.show()
    editor.load(ids[0])
    QApplication.processEvents()
    first = time.perf_counter() - t
    while editor.plan.busy:  # scheduled on a worker thread
        QApplication.processEvents()
        time.sleep(0.001)
    line = time.perf_counter() - t
    again = []
    for release_id in ids[1:]:
        t = time.perf_counter()
        editor.load(release_id)
        QApplication.processEvents()
        again.append(time.perf_counter() - t)
    editor.close()
    return [
        ("editor opens (first, painted)", first * 1000, "—"),
        ("  its plan line ready (first)", line * 1000, "—"),
        ("editor shows another release, median", statistics.median(again) * 1000, "—"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--releases", type=int, default=500)
    parser.add_argument("--db", type=Path, default=None, help="reuse/create this workspace")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench-ui.db"
    if not path.exists():
        t = time.perf_counter()
        build(path, args.releases)
        print(f"built {path} in {time.perf_counter() - t:.1f} s")
    rows = measure(path)
    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'ms':>8}  target")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 8}")
    for name, ms, target in rows:
        print(f"{name:<{width}}  {ms:8.1f}  {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
