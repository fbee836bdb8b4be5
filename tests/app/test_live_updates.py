"""Live updates between two ReleaseDesk sessions on one shared PostgreSQL workspace."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import event

from app.changes import Change, ChangeAction
from app.errors import ConnectionLostError, ValidationError
from app.services import release_service as rs
from app.sync import notices
from app.sync.listener import listen
from app.sync.notices import MAX_PAYLOAD, decode, encode
from app.workspace import Workspace
from models import Release
from models.database import AuditedSession

from ..conftest import _empty_tables, end_listening_sessions

pytestmark = pytest.mark.postgres


@pytest.fixture
def pair(pg_workspace_url: str) -> Iterator[tuple[Workspace, Workspace]]:
    """Alice's and Bob's sessions on the same shared workspace."""
    alice = Workspace.open(pg_workspace_url, user="alice")
    bob = Workspace.open(pg_workspace_url, user="bob")
    _empty_tables(alice)
    yield alice, bob
    alice.close()
    bob.close()


def test_a_colleagues_commit_reaches_the_listener(pair):
    alice, bob = pair
    with listen(alice) as inbox:
        assert inbox.drain() == ()
        created = rs.create_release(bob, name="Payments 4.2")
        assert _collect(inbox, 1) == (Change("release", ChangeAction.CREATED, (created.id,)),)


def test_changes_arrive_in_commit_order_and_deletes_say_so(pair):
    alice, bob = pair
    with listen(alice) as inbox:
        release_id = rs.create_release(bob, name="Checkout").id
        rs.update_release(bob, release_id, None, name="Checkout 2")
        rs.delete_release(bob, release_id)
        rs.restore_release(bob, release_id)
        received = _collect(inbox, 4)
    assert [(c.entity, c.action, c.ids) for c in received] == [
        ("release", ChangeAction.CREATED, (release_id,)),
        ("release", ChangeAction.UPDATED, (release_id,)),
        ("release", ChangeAction.DELETED, (release_id,)),
        ("release", ChangeAction.RESTORED, (release_id,)),
    ]


def test_own_changes_are_not_echoed(pair):
    alice, bob = pair
    with listen(alice) as inbox:
        rs.create_release(alice, name="Mine")
        theirs = rs.create_release(bob, name="Theirs")
        received = _collect(inbox, 1)
    assert received == (Change("release", ChangeAction.CREATED, (theirs.id,)),)


def test_a_rolled_back_save_announces_nothing(pair):
    alice, bob = pair
    with listen(alice) as inbox:
        with pytest.raises(ValidationError):
            rs.create_release(bob, name="")  # refused before anything is written
        with pytest.raises(RuntimeError), bob.transaction() as s:
            s.add(Release(name="Half done", version_label="1.0"))
            s.flush()  # written and announced inside the transaction...
            raise RuntimeError("...then rolled back")
        # Notices arrive in commit order: a later save's is the first one to come.
        marker = rs.create_release(bob, name="Committed after").id
        assert _collect(inbox, 1) == (Change("release", ChangeAction.CREATED, (marker,)),)
        with bob.transaction() as s:
            assert s.query(Release.name).all() == [("Committed after",)]


def test_a_change_too_large_for_one_notice_names_the_table_without_ids():
    many = Change("task", ChangeAction.CREATED, tuple(uuid.uuid4() for _ in range(500)))
    payload = encode("origin-1", [many, Change("release", ChangeAction.UPDATED, ())])
    assert len(payload.encode()) <= MAX_PAYLOAD
    origin, changes = decode(payload)
    assert origin == "origin-1"
    assert changes == (
        Change("task", ChangeAction.CREATED, ()), Change("release", ChangeAction.UPDATED, ())
    )


def test_an_unreadable_notice_is_ignored():
    assert decode("not json") == ("", ())
    assert decode('{"origin": "x", "changes": [["release", "exploded", []]]}') == ("", ())


def test_a_local_workspace_has_no_listener(sqlite_workspace):
    assert listen(sqlite_workspace) is None


def test_losing_the_server_says_live_updates_stopped(pair):
    alice, bob = pair
    inbox = listen(alice)
    end_listening_sessions(bob)  # the server ends Alice's listening session
    with pytest.raises(ConnectionLostError, match="Live updates"):
        inbox.drain(timeout=5)
    inbox.close()


def _collect(inbox, count: int) -> tuple[Change, ...]:
    received: list[Change] = []
    for _ in range(20):
        received.extend(inbox.drain(timeout=0.5))
        if len(received) >= count:
            break
    return tuple(received)


def test_announcing_hooks_only_the_shared_workspaces_own_sessions(pair, sqlite_workspace):
    alice, bob = pair

    def hooked(target: object) -> bool:
        return event.contains(target, "after_flush", notices.announce_flush)

    assert hooked(alice.session_factory) and hooked(bob.session_factory)
    assert not hooked(AuditedSession)  # no process-wide hook on the class all sessions share
    assert not hooked(sqlite_workspace.session_factory)
