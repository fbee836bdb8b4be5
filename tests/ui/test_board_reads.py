"""The board's background reads (scheduled finishes, open conflicts) share one pool and
run again only after a change that can move them; the cards follow every change."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from PySide6.QtCore import QThreadPool

from app.services import conflict_service, portfolio_finish, release_service
from tests.ui.conftest import make_release
from tests.ui.test_board_view import board
from ui.board import board_view
from ui.undo import release_commands, risk_commands


def _counting(monkeypatch) -> Counter:
    reads: Counter = Counter()

    def counted(name, read):
        def run(ws):
            reads[name] += 1
            return read(ws)

        return run

    finishes = counted("schedule", portfolio_finish.scheduled_finishes)
    conflicts = counted("conflicts", conflict_service.conflict_sentences)
    monkeypatch.setattr(board_view, "scheduled_finishes", finishes)
    monkeypatch.setattr(board_view, "conflict_sentences", conflicts)
    return reads


def _settled(qtbot, view) -> None:
    qtbot.waitUntil(lambda: not view._scheduling.busy and not view._finding.busy, timeout=20_000)


def test_a_risk_refreshes_its_card_without_rereading_schedule_or_conflicts(
    qtbot, ctx, monkeypatch
) -> None:
    reads = _counting(monkeypatch)
    rid = make_release(ctx.workspace, "Checkout", version_label="2.0").id
    view = board(qtbot, ctx)
    _settled(qtbot, view)
    assert reads == {"schedule": 1, "conflicts": 1}
    pools = {r._call._pool for r in (view._scheduling, view._finding)}
    assert len(pools) == 1 and pools != {QThreadPool.globalInstance()}
    values = {"release_id": rid, "title": "Vendor late", "probability": 5, "impact": 5}
    assert ctx.runner.run(risk_commands.add_risk(ctx.workspace, values))
    qtbot.waitUntil(lambda: view.model.card(rid).open_high_risks == 1, timeout=20_000)
    qtbot.wait(400)  # longer than the reads' pause after a change
    _settled(qtbot, view)
    assert reads == {"schedule": 1, "conflicts": 1}
    row = release_service.get_release(ctx.workspace, rid)
    moved = release_commands.update_release(
        ctx.workspace, row, planned_end=dt.datetime(2026, 12, 12, 17)
    )
    assert ctx.runner.run(moved)
    qtbot.waitUntil(lambda: reads == {"schedule": 2, "conflicts": 2}, timeout=20_000)
    view.close_workspace()
