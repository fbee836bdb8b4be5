"""Every mutation takes the version the user saw: a colleague's newer save is refused.

A colleague is a second workspace on the same database (SQLite file or PostgreSQL);
they save between the moment we read a row and our call (an edit or an undo). The call
raises ConflictError, writes nothing, and the colleague's value survives.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import ConflictError
from app.services import handover_service as hs
from app.services import release_service
from app.services import scope_service as sc
from app.services import signoff_service as so
from app.workspace import Workspace
from models.enums import Audience, Channel, CommunicationAudience, ReleaseStatus
from tests.app.services.builders import World, audit_count

EARLIER = dt.datetime(2026, 1, 5, 9, 30)


def _refused(ws: Workspace, call, *args, **kwargs) -> ConflictError:
    before = audit_count(ws)
    with pytest.raises(ConflictError) as info:
        call(ws, *args, **kwargs)
    assert audit_count(ws) == before  # nothing written
    return info.value


def test_accept_and_reopen_refuse_a_colleagues_newer_save(world: World, colleague) -> None:
    ws = world.ws
    item = hs.add_handover_item(ws, world.release_id, Audience.SUPPORT, "Training")
    seen = item.version
    accepted = hs.accept_handover_item(ws, item.id, "Me", EARLIER, expected_version=seen)
    # the undo (reopen) expects what the accept left; the colleague accepts again first
    hs.accept_handover_item(colleague, item.id, "Sam", EARLIER, expected_version=accepted.version)
    error = _refused(ws, hs.reopen_handover_item, item.id, expected_version=accepted.version)
    assert [(c.field, c.theirs, c.mine) for c in error.conflicts] == [
        ("accepted_by", "Sam", "—"), ("accepted_at", "5 Jan 2026 09:30", "—"),
    ]
    [row] = hs.list_handover(ws, world.release_id)
    assert row.accepted_by == "Sam"
    # and an accept over their reopen is refused the same way
    hs.reopen_handover_item(colleague, item.id, expected_version=row.version)
    _refused(ws, hs.accept_handover_item, item.id, "Me", EARLIER, expected_version=row.version)
    assert hs.list_handover(ws, world.release_id)[0].accepted_by is None


def test_mark_and_unmark_sent_refuse_a_colleagues_newer_save(world: World, colleague) -> None:
    ws = world.ws
    comm = hs.plan_communication(
        ws, world.release_id, CommunicationAudience.STAKEHOLDERS, Channel.EMAIL, "Go-live"
    )
    sent = hs.mark_sent(ws, comm.id, EARLIER, expected_version=comm.version)
    hs.update_communication(colleague, comm.id, sent.version, subject="Go-live moved")
    _refused(ws, hs.unmark_sent, comm.id, expected_version=sent.version)
    [row] = hs.list_communications(ws, world.release_id)
    assert (row.subject, row.sent_at) == ("Go-live moved", EARLIER)
    hs.unmark_sent(colleague, comm.id, expected_version=row.version)
    _refused(ws, hs.mark_sent, comm.id, EARLIER, expected_version=row.version)
    assert hs.list_communications(ws, world.release_id)[0].sent_at is None


def test_delete_and_restore_refuse_a_colleagues_newer_save(world: World, colleague) -> None:
    ws = world.ws
    item = sc.add_scope_item(ws, world.release_id, "SEPA instant")
    sc.update_scope_item(colleague, item.id, item.version, title="SEPA instant v2")
    _refused(ws, sc.delete_scope_item, item.id, item.version)
    deleted = sc.delete_scope_item(ws, item.id, item.version + 1)  # having seen theirs
    sc.restore_scope_item(colleague, item.id, deleted.version)  # they undo it first …
    sc.delete_scope_item(colleague, item.id)  # … and delete it again
    _refused(ws, sc.restore_scope_item, item.id, deleted.version)
    assert sc.list_scope(ws, world.release_id) == []


def test_moving_a_scope_item_refuses_a_colleagues_newer_save(world: World, colleague) -> None:
    ws, rel = world.ws, world.release_id
    first, second = (sc.add_scope_item(ws, rel, t) for t in ("A", "B"))
    sc.update_scope_item(colleague, first.id, first.version, title="A (theirs)")
    _refused(ws, sc.move_scope_item, first.id, 1, first.version)
    assert [r.title for r in sc.list_scope(ws, rel)] == ["A (theirs)", "B"]
    assert sc.move_scope_item(ws, second.id, 0, second.version).ids  # B is untouched


def test_release_transition_and_delete_refuse_a_colleagues_newer_save(
    world: World, colleague
) -> None:
    ws, rid = world.ws, world.release_id
    seen = release_service.get_release(ws, rid)
    release_service.update_release(colleague, rid, seen.version, description="Theirs")
    _refused(ws, release_service.transition_release, rid, ReleaseStatus.PLANNED, seen.version)
    _refused(ws, release_service.delete_release, rid, seen.version)
    after = release_service.get_release(ws, rid)
    assert (after.status, after.description) == (ReleaseStatus.DRAFT, "Theirs")
    gone = release_service.delete_release(ws, rid, after.version)
    release_service.restore_release(colleague, rid, gone.version)
    release_service.update_release(colleague, rid, gone.version + 1, description="Back")
    release_service.delete_release(colleague, rid)
    _refused(ws, release_service.restore_release, rid, gone.version)


def test_withdrawing_a_sign_off_refuses_a_colleagues_newer_save(world: World, colleague) -> None:
    ws, rel = world.ws, world.release_id
    signed = so.record_signoff(ws, rel, world.alice, "approved")
    so.withdraw_signoff(colleague, signed.id, signed.version)
    so.restore_signoff(colleague, signed.id)  # their withdraw-and-undo bumped it twice
    _refused(ws, so.withdraw_signoff, signed.id, signed.version)
    assert len(so.list_signoffs(ws, rel)) == 1


def test_calls_without_a_version_still_work_for_scripts(world: World) -> None:
    """The CLI and scripts pass no version: no check, as before."""
    item = hs.add_handover_item(world.ws, world.release_id, Audience.USERS, "Guide")
    assert hs.accept_handover_item(world.ws, item.id, "Me", EARLIER).version == item.version + 1
    assert hs.reopen_handover_item(world.ws, item.id).version == item.version + 2
