"""The risk log's services on SQLite and PostgreSQL: record, edit, history, stale, links."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from app import clock
from app.changes import ChangeAction
from app.errors import ConflictError, ValidationError
from app.services import risk_history as rh
from app.services import risk_service as rk
from models import Task
from models.enums import RiskStatus
from tests.app.services.builders import World, audit_count


def test_record_list_and_score(world: World) -> None:
    ws = world.ws
    change = rk.create_risk(
        ws, world.release_id, "  Vendor API late ", 4, 5, owner_id=world.alice, mitigation="Stub it"
    )
    assert (change.entity, change.action) == ("risk", ChangeAction.CREATED)
    [row] = rk.list_risks(ws, world.release_id)
    assert (row.title, row.release_title, row.domain, row.owner_name) == (
        "Vendor API late",
        "Checkout 1.0",
        "Payments",
        "Alice Archer",
    )
    assert (row.score, row.status, row.stale) == (20, RiskStatus.OPEN, False)
    assert row.last_reviewed_at is not None and clock.now() - row.last_reviewed_at < dt.timedelta(
        minutes=1
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": "  ", "probability": 3, "impact": 3}, "title cannot be empty"),
        ({"title": "T", "probability": 7, "impact": 3}, "probability must be a whole number"),
        ({"title": "T", "probability": 3, "impact": 0}, "impact must be a whole number"),
        ({"title": "T", "probability": 2.5, "impact": 3}, "probability"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(world: World, values: dict, message: str) -> None:
    before = audit_count(world.ws)
    with pytest.raises(ValidationError, match=message):
        rk.create_risk(world.ws, world.release_id, **values)
    assert audit_count(world.ws) == before
    assert rk.list_risks(world.ws) == []


def test_score_history_keeps_every_change(world: World) -> None:
    ws = world.ws
    change = rk.create_risk(ws, world.release_id, "Data migration", 2, 3)
    other = rk.create_risk(ws, world.release_id, "Freeze slips", 1, 1)
    after = rk.update_risk(ws, change.id, change.version, probability=4)
    rk.update_risk(ws, change.id, after.version, mitigation="Dry run")  # no new score
    history = rh.score_history(ws, change.id)
    assert [(p.probability, p.impact, p.score) for p in history] == [(2, 3, 6), (4, 3, 12)]
    exposure = rh.release_exposure(ws, world.release_id)
    assert [p.total for p in exposure] == [6, 7, 13]
    rk.update_risk(ws, other.id, other.version, status="closed")
    assert rh.release_exposure(ws, world.release_id)[-1].total == 12


def test_stale_edit_is_a_conflict(world: World) -> None:
    ws = world.ws
    change = rk.create_risk(ws, world.release_id, "Data migration", 2, 3)
    rk.update_risk(ws, change.id, change.version, impact=5)
    before = audit_count(ws)
    with pytest.raises(ConflictError):
        rk.update_risk(ws, change.id, change.version, impact=1)
    assert audit_count(ws) == before
    assert rk.get_risk(ws, change.id).impact == 5


def test_stale_reviews_stand_out(world: World) -> None:
    ws = world.ws
    old = rk.create_risk(ws, world.release_id, "Old", 3, 3)
    rk.create_risk(
        ws, world.release_id, "Near", 3, 3, proximity=clock.today() + dt.timedelta(days=2)
    )
    rk.create_risk(ws, world.release_id, "Closed", 3, 3, status="closed")
    with time_machine.travel(clock.precise_now() + dt.timedelta(days=15), tick=False):
        rows = {r.title: r for r in rk.list_risks(ws)}
        assert rows["Old"].stale_reason == "Not reviewed for more than 14 days."
        assert rows["Near"].stale_reason == "Its proximity date has passed."
        assert not rows["Closed"].stale
        reviewed = rk.review_risk(ws, old.id, old.version)
        assert not rk.get_risk(ws, reviewed.id).stale


def test_tasks_a_risk_threatens(world: World) -> None:
    ws = world.ws
    with ws.transaction() as s:
        task = Task(release_id=world.release_id, name="Cut over")
        s.add(task)
        s.flush()
        task_id = task.id
    risk = rk.create_risk(ws, world.release_id, "Data migration", 2, 3)
    link = rk.link_task(ws, risk.id, task_id)
    with pytest.raises(ValidationError, match="already threatens"):
        rk.link_task(ws, risk.id, task_id)
    [threat] = rk.threats(ws, release_id=world.release_id)
    assert (threat.risk_title, threat.task_name) == ("Data migration", "Cut over")
    rk.delete_risk(ws, risk.id)
    assert rk.threats(ws, release_id=world.release_id) == []
    rk.restore_risk(ws, risk.id)
    assert [t.id for t in rk.threats(ws, risk_id=risk.id)] == [link.id]
