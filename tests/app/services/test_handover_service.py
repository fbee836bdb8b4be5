from __future__ import annotations

import datetime as dt
import uuid

import pytest

from app.changes import ChangeAction
from app.errors import ConflictError, NotFoundError, ValidationError
from app.services import handover_service as hs
from models.base import utcnow
from models.enums import Audience, Channel, CommunicationAudience
from tests.app.services.builders import World, audit_count


def test_add_list_update_handover(world: World) -> None:
    ws, rel = world.ws, world.release_id
    change = hs.add_handover_item(
        ws, rel, Audience.SUPPORT, " Runbook walkthrough ", owner_id=world.bob
    )
    hs.add_handover_item(ws, rel, "operations", "Alert tuning", description="d")
    assert (change.entity, change.action) == ("handover_item", ChangeAction.CREATED)
    rows = hs.list_handover(ws, rel)
    assert [(r.audience, r.title, r.owner_name) for r in rows] == [
        (Audience.OPERATIONS, "Alert tuning", ""),
        (Audience.SUPPORT, "Runbook walkthrough", "Bob Baker"),
    ]
    assert rows[1].accepted_at is None and rows[1].accepted_by is None
    hs.update_handover_item(ws, change.id, 1, owner_id=world.alice, title="Walkthrough")
    row = hs.list_handover(ws, rel)[1]
    assert (row.title, row.owner_id, row.owner_name, row.version) == (
        "Walkthrough",
        world.alice,
        "Alice Archer",
        2,
    )


def test_handover_refusals(world: World) -> None:
    ws, rel = world.ws, world.release_id
    with pytest.raises(ValidationError, match="title cannot be empty"):
        hs.add_handover_item(ws, rel, Audience.USERS, "")
    with pytest.raises(ValidationError, match="not a valid audience"):
        hs.add_handover_item(ws, rel, "customers", "T")
    with pytest.raises(ValidationError, match="owner does not exist"):
        hs.add_handover_item(ws, rel, Audience.USERS, "T", owner_id=uuid.uuid4())
    with pytest.raises(ValidationError, match="release does not exist"):
        hs.add_handover_item(ws, uuid.uuid4(), Audience.USERS, "T")
    assert hs.list_handover(ws, rel) == []


def test_accept_and_reopen(world: World) -> None:
    ws, rel = world.ws, world.release_id
    item = hs.add_handover_item(ws, rel, Audience.SUPPORT, "Training").id
    when = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    hs.accept_handover_item(ws, item, " Sam Support ", when)
    [row] = hs.list_handover(ws, rel)
    assert (row.accepted_by, row.accepted_at) == ("Sam Support", dt.datetime(2026, 1, 5, 8, 30))
    assert hs.reopen_handover_item(ws, item).action == ChangeAction.UPDATED
    [row] = hs.list_handover(ws, rel)
    assert (row.accepted_by, row.accepted_at) == (None, None)
    before = utcnow().replace(microsecond=0)
    hs.accept_handover_item(ws, item, "Sam")
    assert hs.list_handover(ws, rel)[0].accepted_at >= before


def test_accept_refuses_no_name_and_future(world: World) -> None:
    ws = world.ws
    item = hs.add_handover_item(ws, world.release_id, Audience.SUPPORT, "Training").id
    with pytest.raises(ValidationError, match="name of who accepted"):
        hs.accept_handover_item(ws, item, "  ")
    with pytest.raises(ValidationError, match="lies in the future"):
        hs.accept_handover_item(ws, item, "Sam", utcnow() + dt.timedelta(days=2))
    assert hs.list_handover(ws, world.release_id)[0].accepted_at is None


def test_handover_conflict_delete_restore(world: World) -> None:
    ws, rel = world.ws, world.release_id
    item = hs.add_handover_item(ws, rel, Audience.USERS, "FAQ").id
    hs.update_handover_item(ws, item, 1, title="FAQ v2")
    before = audit_count(ws)
    with pytest.raises(ConflictError) as info:
        hs.update_handover_item(ws, item, 1, title="FAQ mine")
    assert [(c.theirs, c.mine) for c in info.value.conflicts] == [("FAQ v2", "FAQ mine")]
    assert audit_count(ws) == before
    hs.delete_handover_item(ws, item)
    assert hs.list_handover(ws, rel) == []
    with pytest.raises(NotFoundError):
        hs.accept_handover_item(ws, item, "Sam")
    hs.restore_handover_item(ws, item)
    assert [r.title for r in hs.list_handover(ws, rel)] == ["FAQ v2"]


def test_communications_plan_order_update_send(world: World) -> None:
    ws, rel = world.ws, world.release_id
    late = hs.plan_communication(
        ws,
        rel,
        CommunicationAudience.USERS,
        Channel.EMAIL,
        "Go-live",
        planned_at=dt.datetime(2026, 2, 2),
    ).id
    hs.plan_communication(ws, rel, "management", "meeting", "Unscheduled")
    early = hs.plan_communication(
        ws,
        rel,
        CommunicationAudience.SUPPORT,
        Channel.CHAT,
        "Heads-up",
        body="b",
        planned_at=dt.datetime(2026, 1, 20),
    ).id
    assert [c.subject for c in hs.list_communications(ws, rel)] == [
        "Heads-up",
        "Go-live",
        "Unscheduled",
    ]
    hs.update_communication(ws, early, 1, planned_at=dt.datetime(2026, 3, 1), channel="email")
    rows = hs.list_communications(ws, rel)
    assert [c.id for c in rows][:2] == [late, early] and rows[1].channel == Channel.EMAIL
    assert hs.mark_sent(ws, late, dt.datetime(2026, 2, 2, 10)).action == ChangeAction.UPDATED
    assert hs.list_communications(ws, rel)[0].sent_at == dt.datetime(2026, 2, 2, 10)


def test_communication_refusals_conflict_delete_restore(world: World) -> None:
    ws, rel = world.ws, world.release_id
    with pytest.raises(ValidationError, match="subject cannot be empty"):
        hs.plan_communication(ws, rel, "users", "email", " ")
    with pytest.raises(ValidationError, match="not a valid channel"):
        hs.plan_communication(ws, rel, "users", "pigeon", "Hi")
    comm = hs.plan_communication(ws, rel, "users", "email", "Hi").id
    with pytest.raises(ValidationError, match=r"sending time .* lies in the future"):
        hs.mark_sent(ws, comm, utcnow() + dt.timedelta(hours=3))
    hs.update_communication(ws, comm, 1, subject="Hello")
    with pytest.raises(ConflictError):
        hs.update_communication(ws, comm, 1, subject="Hey")
    assert hs.delete_communication(ws, comm).action == ChangeAction.DELETED
    assert hs.list_communications(ws, rel) == []
    hs.restore_communication(ws, comm)
    [row] = hs.list_communications(ws, rel)
    assert (row.subject, row.sent_at) == ("Hello", None)


def test_unmark_sent_clears_the_mark_and_is_audited(world: World) -> None:
    ws, rel = world.ws, world.release_id
    comm = hs.plan_communication(ws, rel, "users", "email", "Go-live").id
    hs.mark_sent(ws, comm, dt.datetime(2026, 2, 2, 10))
    before = audit_count(ws)
    change = hs.unmark_sent(ws, comm)
    assert (change.entity, change.action, change.ids) == (
        "communication",
        ChangeAction.UPDATED,
        (comm,),
    )
    [row] = hs.list_communications(ws, rel)
    assert (row.sent_at, row.version) == (None, 3)
    assert audit_count(ws) > before
    hs.delete_communication(ws, comm)
    with pytest.raises(NotFoundError):
        hs.unmark_sent(ws, comm)
