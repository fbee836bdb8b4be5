"""The tasks a risk threatens, chosen in one step, on SQLite and PostgreSQL: linking and
unlinking together, undo/redo on the same link rows, stale steps refused, and the open
risks per task that the plan's tooltips show."""

from __future__ import annotations

import uuid

import pytest

from app.changes import ChangeAction
from app.errors import ConflictError, NotFoundError, ValidationError
from app.services import release_service, task_service
from app.services import risk_links as rl
from app.services import risk_service as rk
from tests.app.services.builders import World, audit_count


def _tasks(world: World, *names: str, release_id: uuid.UUID | None = None) -> list[uuid.UUID]:
    rid = release_id or world.release_id
    return [task_service.create_task(world.ws, rid, name)[0].id for name in names]


def _linked(world: World, risk_id: uuid.UUID) -> list[str]:
    return [t.task_name for t in rk.threats(world.ws, risk_id=risk_id)]


def test_link_and_unlink_in_one_step_undo_and_redo(world: World) -> None:
    ws = world.ws
    build, deploy, smoke = _tasks(world, "Build", "Deploy", "Smoke tests")
    risk = rk.create_risk(ws, world.release_id, "Vendor late", 4, 5).id
    first = rl.change_threats(ws, risk, link=[build, deploy])
    assert _linked(world, risk) == ["Build", "Deploy"]
    assert rk.get_risk(ws, risk).task_names == ("Build", "Deploy")
    [deploy_link] = [t for t in rk.threats(ws, risk_id=risk) if t.task_name == "Deploy"]
    second = rl.change_threats(
        ws, risk, link=[smoke, build], unlink={deploy_link.id: deploy_link.version}
    )
    assert [c.action for c in second] == [ChangeAction.CREATED, ChangeAction.DELETED]
    assert _linked(world, risk) == ["Build", "Smoke tests"]
    # undo the second step: the same link rows flip back
    made = [(c.id, c.action != ChangeAction.DELETED) for c in second]
    versions = {c.id: c.version for c in second}
    back = rl.flip_threats(ws, [(i, not live) for i, live in made], versions)
    assert _linked(world, risk) == ["Build", "Deploy"]
    again = rl.flip_threats(ws, made, {c.id: c.version for c in back})
    assert _linked(world, risk) == ["Build", "Smoke tests"]
    assert {c.id for c in again} == {c.id for c in second}  # same rows, same ids
    assert len(first) == 2


def test_a_stale_undo_is_a_conflict_and_writes_nothing(world: World) -> None:
    ws = world.ws
    [build] = _tasks(world, "Build")
    risk = rk.create_risk(ws, world.release_id, "Vendor late", 4, 5).id
    [made] = rl.change_threats(ws, risk, link=[build])
    rk.unlink_task(ws, made.id)  # a colleague, meanwhile
    rk.relink_task(ws, made.id)
    before = audit_count(ws)
    with pytest.raises(ConflictError):
        rl.flip_threats(ws, [(made.id, False)], {made.id: made.version})
    assert audit_count(ws) == before and _linked(world, risk) == ["Build"]
    rl.flip_threats(ws, [(made.id, False)], None)  # forced: the user keeps theirs
    assert _linked(world, risk) == []


def test_refusals(world: World) -> None:
    ws = world.ws
    other = release_service.create_release(ws, name="Ledger", version_label="2.0").id
    [foreign] = _tasks(world, "Ledger task", release_id=other)
    [build] = _tasks(world, "Build")
    risk = rk.create_risk(ws, world.release_id, "Vendor late", 4, 5).id
    before = audit_count(ws)
    with pytest.raises(ValidationError, match="another release"):
        rl.change_threats(ws, risk, link=[build, foreign])
    with pytest.raises(ValidationError, match="does not exist"):
        rl.change_threats(ws, risk, link=[uuid.uuid4()])
    assert audit_count(ws) == before and _linked(world, risk) == []
    [made] = rl.change_threats(ws, risk, link=[build, build])  # twice: linked once
    assert rl.change_threats(ws, risk, link=[build]) == ()
    task_service.delete_task(ws, build)
    with pytest.raises(NotFoundError, match="no longer exists"):
        rl.flip_threats(ws, [(made.id, True)], None)


def test_task_threats_lists_open_risks_per_task(world: World) -> None:
    ws = world.ws
    build, deploy = _tasks(world, "Build", "Deploy")
    high = rk.create_risk(ws, world.release_id, "Vendor late", 4, 5).id
    low = rk.create_risk(ws, world.release_id, "Flaky test", 1, 2).id
    closed = rk.create_risk(ws, world.release_id, "Old worry", 5, 5)
    rl.change_threats(ws, high, link=[build, deploy])
    rl.change_threats(ws, low, link=[build])
    rl.change_threats(ws, closed.id, link=[build])
    rk.update_risk(ws, closed.id, None, status="closed")
    threats = rl.task_threats(ws, [world.release_id])
    assert threats == {
        str(build): ("Vendor late (score 20)", "Flaky test (score 2)"),
        str(deploy): ("Vendor late (score 20)",),
    }
    rk.delete_risk(ws, high)
    assert rl.task_threats(ws, [world.release_id]) == {str(build): ("Flaky test (score 2)",)}
