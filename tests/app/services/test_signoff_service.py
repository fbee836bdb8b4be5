from __future__ import annotations

import uuid

import pytest

from app.changes import ChangeAction
from app.errors import ConflictError, NotFoundError, TransitionRefused, ValidationError
from app.services import release_service as rs
from app.services import scope_service as sc
from app.services import signoff_service as so
from models.enums import Decision, ReleaseStatus
from tests.app.services.builders import World, audit_count


def test_stakeholders_add_list_update_remove_restore(world: World) -> None:
    ws, rel = world.ws, world.release_id
    change = so.add_stakeholder(ws, rel, world.bob, " Business owner ", signoff_required=True)
    so.add_stakeholder(ws, rel, world.alice, "Tester")
    assert (change.entity, change.action) == ("release_stakeholder", ChangeAction.CREATED)
    rows = so.list_stakeholders(ws, rel)
    assert [(r.person_name, r.role, r.signoff_required) for r in rows] == [
        ("Alice Archer", "Tester", False),
        ("Bob Baker", "Business owner", True),
    ]
    so.update_stakeholder(ws, change.id, 1, signoff_required=False, role="Sponsor")
    bob = so.list_stakeholders(ws, rel)[1]
    assert (bob.role, bob.signoff_required, bob.version) == ("Sponsor", False, 2)
    assert so.remove_stakeholder(ws, change.id).action == ChangeAction.DELETED
    assert [r.person_name for r in so.list_stakeholders(ws, rel)] == ["Alice Archer"]
    so.restore_stakeholder(ws, change.id)
    assert len(so.list_stakeholders(ws, rel)) == 2


def test_stakeholder_refusals(world: World) -> None:
    ws, rel = world.ws, world.release_id
    with pytest.raises(ValidationError, match="person does not exist"):
        so.add_stakeholder(ws, rel, uuid.uuid4(), "Sponsor")
    with pytest.raises(ValidationError, match="release does not exist"):
        so.add_stakeholder(ws, uuid.uuid4(), world.bob, "Sponsor")
    with pytest.raises(ValidationError, match="role cannot be empty"):
        so.add_stakeholder(ws, rel, world.bob, "  ")
    first = so.add_stakeholder(ws, rel, world.bob, "Sponsor").id
    with pytest.raises(ValidationError, match="Bob Baker is already Sponsor"):
        so.add_stakeholder(ws, rel, world.bob, "Sponsor")
    other = so.add_stakeholder(ws, rel, world.bob, "Tester").id
    with pytest.raises(ValidationError, match="already Sponsor"):
        so.update_stakeholder(ws, other, None, role="Sponsor")
    so.update_stakeholder(ws, first, None, role="Sponsor")  # re-saving itself is fine


def test_stale_stakeholder_update_conflicts(world: World) -> None:
    ws = world.ws
    sid = so.add_stakeholder(ws, world.release_id, world.bob, "Sponsor").id
    so.update_stakeholder(ws, sid, 1, signoff_required=True)
    before = audit_count(ws)
    with pytest.raises(ConflictError) as info:
        so.update_stakeholder(ws, sid, 1, signoff_required=False, role="Sponsor")
    assert [(c.field, c.theirs, c.mine) for c in info.value.conflicts] == [
        ("signoff_required", "True", "False")
    ]
    assert audit_count(ws) == before
    assert so.list_stakeholders(ws, world.release_id)[0].signoff_required is True


def test_record_signoff_stores_scope_and_role(world: World) -> None:
    ws, rel = world.ws, world.release_id
    sc.add_scope_item(ws, rel, "Pay by link")
    so.add_stakeholder(ws, rel, world.bob, "Sponsor", signoff_required=True)
    first = so.record_signoff(ws, rel, world.bob, Decision.REJECTED, "not yet")
    second = so.record_signoff(ws, rel, world.alice, Decision.APPROVED, role="QA lead")
    assert (first.entity, first.action) == ("sign_off", ChangeAction.CREATED)
    rows = so.list_signoffs(ws, rel)
    assert [r.id for r in rows] == [second.id, first.id]  # newest first
    assert (rows[1].person_name, rows[1].role, rows[1].comment) == (
        "Bob Baker",
        "Sponsor",
        "not yet",
    )
    assert rows[0].role == "QA lead" and rows[0].decision == Decision.APPROVED
    assert rows[0].scope_hash == sc.current_scope_hash(ws, rel)
    assert not rows[0].outdated and rows[0].decided_at >= rows[1].decided_at


@pytest.mark.parametrize(
    ("decision", "message"),
    [(Decision.PENDING, "choose approved or rejected"), ("perhaps", "not a valid decision")],
)
def test_record_signoff_refuses_non_decisions(world: World, decision, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        so.record_signoff(world.ws, world.release_id, world.bob, decision)
    with pytest.raises(ValidationError, match="person does not exist"):
        so.record_signoff(world.ws, world.release_id, uuid.uuid4(), Decision.APPROVED)
    assert so.list_signoffs(world.ws, world.release_id) == []


def test_signoff_outdated_after_scope_edit_and_current_after_undo(world: World) -> None:
    ws, rel = world.ws, world.release_id
    item = sc.add_scope_item(ws, rel, "Pay by link").id
    so.record_signoff(ws, rel, world.bob, Decision.APPROVED)
    sc.update_scope_item(ws, item, 1, title="Pay by link and QR")
    assert [r.outdated for r in so.list_signoffs(ws, rel)] == [True]
    sc.update_scope_item(ws, item, 2, title="Pay by link")  # undo
    assert [r.outdated for r in so.list_signoffs(ws, rel)] == [False]
    extra = sc.add_scope_item(ws, rel, "Refunds").id
    assert so.list_signoffs(ws, rel)[0].outdated
    sc.delete_scope_item(ws, extra)  # undo of the addition
    assert not so.list_signoffs(ws, rel)[0].outdated


def test_withdraw_and_restore_signoff(world: World) -> None:
    ws, rel = world.ws, world.release_id
    sid = so.record_signoff(ws, rel, world.bob, Decision.APPROVED).id
    assert so.withdraw_signoff(ws, sid).action == ChangeAction.DELETED
    assert so.list_signoffs(ws, rel) == []
    with pytest.raises(NotFoundError):
        so.withdraw_signoff(ws, sid)
    so.restore_signoff(ws, sid)
    assert [r.id for r in so.list_signoffs(ws, rel)] == [sid]


def test_signoff_status_counts_latest_decision_per_required_person(world: World) -> None:
    ws, rel = world.ws, world.release_id
    item = sc.add_scope_item(ws, rel, "Pay by link").id
    so.add_stakeholder(ws, rel, world.alice, "Owner", signoff_required=True)
    so.add_stakeholder(ws, rel, world.bob, "Sponsor", signoff_required=True)
    both = ("Alice Archer", "Bob Baker"), (world.alice, world.bob)
    assert so.signoff_status(ws, rel) == so.SignOffStatus(2, 0, 0, *both)
    so.record_signoff(ws, rel, world.alice, Decision.APPROVED)
    so.record_signoff(ws, rel, world.bob, Decision.APPROVED)
    assert so.signoff_status(ws, rel) == so.SignOffStatus(2, 2, 0, ())
    sc.update_scope_item(ws, item, 1, description="wider")
    assert so.signoff_status(ws, rel) == so.SignOffStatus(2, 0, 2, *both)
    so.record_signoff(ws, rel, world.alice, Decision.APPROVED)
    so.record_signoff(ws, rel, world.bob, Decision.REJECTED)
    status = so.signoff_status(ws, rel)
    assert status == so.SignOffStatus(2, 1, 0, ("Bob Baker",), (world.bob,)) and not status.complete


def test_approval_gate_follows_current_scope_signoffs(world: World) -> None:
    ws, rel = world.ws, world.release_id
    item = sc.add_scope_item(ws, rel, "Pay by link").id
    so.add_stakeholder(ws, rel, world.alice, "Owner", signoff_required=True)
    so.add_stakeholder(ws, rel, world.bob, "Sponsor", signoff_required=True)
    rs.transition_release(ws, rel, ReleaseStatus.PLANNED)
    so.record_signoff(ws, rel, world.alice, Decision.APPROVED)
    with pytest.raises(TransitionRefused, match=r"Bob Baker \(Sponsor\)") as info:
        rs.transition_release(ws, rel, ReleaseStatus.APPROVED)
    assert "Alice" not in str(info.value)
    so.record_signoff(ws, rel, world.bob, Decision.APPROVED)
    sc.update_scope_item(ws, item, 1, title="Pay by QR")  # both approvals now outdated
    with pytest.raises(TransitionRefused, match=r"Alice Archer .*Bob Baker"):
        rs.transition_release(ws, rel, ReleaseStatus.APPROVED)
    sc.update_scope_item(ws, item, 2, title="Pay by link")  # back to the approved scope
    rs.transition_release(ws, rel, ReleaseStatus.APPROVED)
    assert rs.get_release(ws, rel).status == ReleaseStatus.APPROVED


def test_gate_counts_the_latest_decision_like_the_status(world: World) -> None:
    """An approval followed by a rejection no longer opens the Approved gate."""
    ws, rel = world.ws, world.release_id
    so.add_stakeholder(ws, rel, world.bob, "Sponsor", signoff_required=True)
    sc.add_scope_item(ws, rel, "Export statements")
    rs.transition_release(ws, rel, ReleaseStatus.PLANNED)
    so.record_signoff(ws, rel, world.bob, Decision.APPROVED)
    so.record_signoff(ws, rel, world.bob, Decision.REJECTED, "Found a gap")
    assert not so.signoff_status(ws, rel).complete
    with pytest.raises(TransitionRefused, match="missing from Bob Baker"):
        rs.transition_release(ws, rel, ReleaseStatus.APPROVED)
    so.record_signoff(ws, rel, world.bob, Decision.APPROVED)
    rs.transition_release(ws, rel, ReleaseStatus.APPROVED)
    assert rs.get_release(ws, rel).status == ReleaseStatus.APPROVED


def test_a_decision_on_a_scope_that_changed_meanwhile_is_refused(world: World, colleague) -> None:
    """The form records the scope it showed; a colleague's scope edit before OK means
    the decision would approve a scope the approver never saw: refused, nothing saved."""
    ws, rel = world.ws, world.release_id
    item = sc.add_scope_item(ws, rel, "Pay by link")
    seen = so.scope_fingerprint(ws, rel)  # the form opens
    sc.update_scope_item(colleague, item.id, item.version, title="Pay by link and QR")
    before = audit_count(ws)
    with pytest.raises(ValidationError, match="scope changed while you were deciding") as info:
        so.record_signoff(ws, rel, world.bob, Decision.APPROVED, expected_scope_hash=seen)
    assert "now has 1 item)" in str(info.value)
    assert so.list_signoffs(ws, rel) == [] and audit_count(ws) == before
    # decided on the scope as it is now: recorded with exactly that fingerprint
    now = so.scope_fingerprint(ws, rel)
    so.record_signoff(ws, rel, world.bob, Decision.APPROVED, expected_scope_hash=now)
    [row] = so.list_signoffs(ws, rel)
    assert (row.scope_hash, row.outdated) == (now, False)
