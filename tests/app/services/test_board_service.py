from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from app.changes import ChangeAction
from app.errors import NotFoundError, TransitionRefused
from app.services import board_service as bs
from app.services import handover_service as hs
from app.services import release_service as rs
from app.services import scope_service as sc
from app.services import signoff_service as so
from app.workspace import Workspace
from models import PromotionStep, Risk
from models.enums import Audience, Decision, EnvironmentStage, ReleaseStatus, RiskStatus
from models.enums import ScopeStatus as Sc
from tests.app.services.builders import (
    World,
    add_environment,
    add_promotion_path,
    populate_board,
)


def _risk(ws: Workspace, release_id: uuid.UUID, p: int, i: int, status: RiskStatus) -> uuid.UUID:
    with ws.transaction() as s:
        risk = Risk(release_id=release_id, title=f"{p}x{i}", probability=p, impact=i, status=status)
        s.add(risk)
        s.flush()
        return risk.id


def _card(ws: Workspace, release_id: uuid.UUID) -> bs.BoardCard:
    [card] = [c for c in bs.list_board_cards(ws) if c.release.id == release_id]
    return card


def test_cards_count_readiness_risks_scope_and_outdated(world: World) -> None:
    ws, rel = world.ws, world.release_id
    empty = rs.create_release(ws, name="Quiet").id
    gone = rs.create_release(ws, name="Gone").id
    rs.delete_release(ws, gone)
    items = [hs.add_handover_item(ws, rel, Audience.USERS, t).id for t in "ABCD"]
    hs.accept_handover_item(ws, items[0], "Sam")
    hs.accept_handover_item(ws, items[1], "Sam")
    hs.delete_handover_item(ws, items[3])
    _risk(ws, rel, 5, 3, RiskStatus.OPEN)  # 15: high
    _risk(ws, rel, 4, 4, RiskStatus.MITIGATING)  # 16: high
    _risk(ws, rel, 3, 4, RiskStatus.OPEN)  # 12: not high
    _risk(ws, rel, 5, 5, RiskStatus.CLOSED)  # closed
    _risk(ws, empty, 5, 5, RiskStatus.OCCURRED)  # occurred: no longer a risk
    kept = sc.add_scope_item(ws, rel, "Kept").id
    sc.add_scope_item(ws, rel, "Dropped", status=Sc.REMOVED)
    sc.delete_scope_item(ws, sc.add_scope_item(ws, rel, "Deleted").id)
    so.add_stakeholder(ws, rel, world.alice, "Owner", signoff_required=True)
    so.add_stakeholder(ws, rel, world.bob, "Sponsor", signoff_required=True)
    so.record_signoff(ws, rel, world.alice, Decision.APPROVED)
    so.record_signoff(ws, rel, world.bob, Decision.APPROVED)
    assert _card(ws, rel).signoffs_outdated == 0
    sc.update_scope_item(ws, kept, 1, title="Kept, widened")

    cards = {c.release.id: c for c in bs.list_board_cards(ws)}
    assert set(cards) == {rel, empty}
    card = cards[rel]
    assert card.release == rs.get_release(ws, rel)
    assert card.readiness == pytest.approx(2 / 3)
    assert (card.open_high_risks, card.scope_count, card.signoffs_outdated) == (2, 1, 2)
    assert so.signoff_status(ws, rel).outdated == card.signoffs_outdated
    quiet = cards[empty]
    assert (quiet.readiness, quiet.open_high_risks, quiet.scope_count) == (None, 0, 0)
    assert quiet.signoffs_outdated == 0


def test_board_uses_a_fixed_number_of_queries(world: World) -> None:
    ws = world.ws
    so.record_signoff(ws, world.release_id, world.bob, Decision.APPROVED)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    def run() -> int:
        statements.clear()
        sa.event.listen(ws.engine, "before_cursor_execute", count)
        try:
            bs.list_board_cards(ws)
        finally:
            sa.event.remove(ws.engine, "before_cursor_execute", count)
        return len(statements)

    few = run()
    populate_board(ws, releases=30, handover=90, risks=60, scope=60)
    assert len(bs.list_board_cards(ws)) == 31
    assert run() == few


def test_board_for_500_releases_counts_every_row(sqlite_workspace: Workspace) -> None:
    # How fast this is: benchmarks/bench_board.py (a timing is not a pass/fail test).
    populate_board(sqlite_workspace, releases=500, handover=5000, risks=2000, scope=3000)
    cards = bs.list_board_cards(sqlite_workspace)
    assert len(cards) == 500 and sum(c.scope_count for c in cards) == 3000
    high = sum((1 + n % 5) * (1 + n // 5 % 5) >= bs.HIGH_RISK_SCORE for n in range(2000))
    assert sum(c.open_high_risks for c in cards) == high > 0
    # Every tenth handover item of a release; those numbered by a multiple of 3 accepted.
    readiness = {c.release.name: c.readiness for c in cards}
    assert readiness["R0"] == pytest.approx(sum((500 * k) % 3 == 0 for k in range(10)) / 10)
    assert sum(readiness.values()) == pytest.approx(sum(n % 3 == 0 for n in range(5000)) / 10)


def test_duplicate_release_copies_the_plan_not_the_history(world: World) -> None:
    ws, rel = world.ws, world.release_id
    rs.update_release(ws, rel, None, release_manager_id=world.bob, description="Q1 drop")
    sc.add_scope_item(ws, rel, "Agreed", key="K-1", status=Sc.AGREED)
    sc.add_scope_item(ws, rel, "Dropped", status=Sc.REMOVED)
    so.add_stakeholder(ws, rel, world.bob, "Sponsor", signoff_required=True)
    so.record_signoff(ws, rel, world.bob, Decision.APPROVED)
    env = add_environment(ws, "Prod", EnvironmentStage.PROD, 3)
    add_promotion_path(ws, rel, [env])
    item = hs.add_handover_item(ws, rel, Audience.SUPPORT, "Training", owner_id=world.alice).id
    hs.accept_handover_item(ws, item, "Sam")

    change = bs.duplicate_release(ws, rel)
    assert (change.entity, change.action) == ("release", ChangeAction.CREATED)
    src, new = rs.get_release(ws, rel), rs.get_release(ws, change.id)
    assert (new.name, new.status) == ("Checkout (copy)", ReleaseStatus.DRAFT)
    same = ("domain_id", "release_type", "owner_id", "release_manager_id", "description")
    assert [getattr(new, f) for f in same] == [getattr(src, f) for f in same]
    assert [(i.key, i.title, i.status) for i in sc.list_scope(ws, new.id)] == [
        ("K-1", "Agreed", Sc.PROPOSED)
    ]
    assert [
        (k.person_id, k.role, k.signoff_required) for k in so.list_stakeholders(ws, new.id)
    ] == [(world.bob, "Sponsor", True)]
    [copied] = hs.list_handover(ws, new.id)
    assert (copied.title, copied.owner_id, copied.accepted_at) == ("Training", world.alice, None)
    assert so.list_signoffs(ws, new.id) == []
    rs.transition_release(ws, new.id, ReleaseStatus.PLANNED)
    with pytest.raises(TransitionRefused, match=r"missing from Bob Baker \(Sponsor\)"):
        rs.transition_release(ws, new.id, ReleaseStatus.APPROVED)  # old approval not copied
    with ws.transaction() as s:
        path = s.execute(
            sa.select(PromotionStep.environment_id, PromotionStep.position).where(
                PromotionStep.release_id == new.id
            )
        ).all()
    assert [tuple(p) for p in path] == [(env, 0)]
    assert hs.list_handover(ws, rel)[0].accepted_by == "Sam"  # the original is untouched
    with pytest.raises(NotFoundError):
        bs.duplicate_release(ws, uuid.uuid4())
