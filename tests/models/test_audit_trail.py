"""Audit rows per changed field, hash-chained, and tampering detected."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa

from app.services import release_service as rs
from app.workspace import Workspace
from models import AuditLog, Domain, Release
from models.audit import UnauditedWriteError, verify_audit_chain
from tests.forging import forging


def _rows(ws: Workspace) -> list[sa.Row]:
    with ws.engine.connect() as conn:
        return conn.execute(sa.select(AuditLog).order_by(AuditLog.seq)).all()


def test_insert_update_delete_are_audited_per_field(workspace: Workspace) -> None:
    change = rs.create_release(workspace, name="Payments", description="first")
    rs.update_release(workspace, change.id, 1, description="second", version_label="2.0")
    rs.delete_release(workspace, change.id)
    rows = [r for r in _rows(workspace) if r.entity == "release"]
    inserted = {r.field: r.new_value for r in rows if r.action == "insert"}
    assert inserted[""] is None and inserted["name"] == "Payments"
    assert inserted["description"] == "first"
    updates = {(r.field, r.old_value, r.new_value) for r in rows if r.action == "update"}
    assert ("description", "first", "second") in updates
    assert ("version_label", "", "2.0") in updates
    deletes = [r for r in rows if r.action == "delete"]
    assert len(deletes) == 1 and deletes[0].field == "deleted_at"
    assert all(r.user_name == "tester" for r in rows)
    assert all(r.entity_id == str(change.id) for r in rows)


def test_chain_is_sound_after_normal_use(workspace: Workspace) -> None:
    for i in range(3):
        rs.create_release(workspace, name=f"R{i}")
    with workspace.engine.connect() as conn:
        assert verify_audit_chain(conn) is None


@pytest.mark.behind_the_back
def test_edited_row_is_detected(workspace: Workspace) -> None:
    rs.create_release(workspace, name="Payments")
    rs.create_release(workspace, name="Portal")
    victim = _rows(workspace)[3].seq
    with forging(workspace.engine) as conn:
        conn.execute(sa.update(AuditLog).where(AuditLog.seq == victim).values(new_value="forged"))
    with workspace.engine.connect() as conn:
        broken = verify_audit_chain(conn)
    assert broken is not None and broken.seq == victim
    assert "changed" in broken.reason


@pytest.mark.behind_the_back
def test_deleted_middle_row_is_detected(workspace: Workspace) -> None:
    rs.create_release(workspace, name="Payments")
    with forging(workspace.engine) as conn:
        conn.execute(sa.delete(AuditLog).where(AuditLog.seq == 2))
    with workspace.engine.connect() as conn:
        broken = verify_audit_chain(conn)
    assert broken is not None and broken.seq == 2


@pytest.mark.behind_the_back
def test_deleted_last_row_is_detected(workspace: Workspace) -> None:
    rs.create_release(workspace, name="Payments")
    last = _rows(workspace)[-1].seq
    with forging(workspace.engine) as conn:
        conn.execute(sa.delete(AuditLog).where(AuditLog.seq == last))
    with workspace.engine.connect() as conn:
        broken = verify_audit_chain(conn)
    assert broken is not None and "removed" in broken.reason


def test_rolled_back_change_leaves_no_audit(workspace: Workspace) -> None:
    rs.create_release(workspace, name="Payments")
    before = len(_rows(workspace))
    try:
        with workspace.transaction() as s:
            s.add(Release(name="Ghost"))
            s.flush()
            raise RuntimeError("abort")
    except RuntimeError:
        pass
    assert len(_rows(workspace)) == before
    with workspace.engine.connect() as conn:
        assert verify_audit_chain(conn) is None


@pytest.mark.postgres
def test_postgres_keeps_the_trail_append_only_even_for_the_owner(
    pg_database_factory: Callable[[], str],
) -> None:
    ws = Workspace.open(pg_database_factory(), create=True, user="tester")
    try:
        rs.create_release(ws, name="Payments")
        for sql in (
            "UPDATE audit_log SET user_name = 'mallory'",
            "DELETE FROM audit_log WHERE seq > 1",
            "TRUNCATE audit_log, audit_head",
            "DELETE FROM audit_head",
            "UPDATE audit_head SET last_seq = 1, last_hash = "
            "(SELECT row_hash FROM audit_log WHERE seq = 1)",
        ):
            refused = pytest.raises(sa.exc.DBAPIError, match=r"append-only|only moves forward")
            with refused, ws.engine.begin() as conn:  # as postgres, a superuser
                conn.execute(sa.text(sql))
        with ws.engine.connect() as conn:
            assert verify_audit_chain(conn) is None
            logins = set(conn.scalars(sa.select(AuditLog.db_login)))
        assert logins == {"postgres"}  # the server's session_user, not the display name
    finally:
        ws.close()


def test_core_writes_of_audited_rows_through_the_session_are_refused(
    workspace: Workspace,
) -> None:
    """A Core statement would go past the flush and so past the trail."""
    release_id = rs.create_release(workspace, name="Payments").id
    for statement in (
        sa.insert(Domain).values(name="Shadow", version=1),
        sa.update(Release).values(name="Renamed"),
        sa.delete(Release),
    ):
        with pytest.raises(UnauditedWriteError), workspace.transaction() as s:
            s.execute(statement)
    assert rs.get_release(workspace, release_id).name == "Payments"
    with workspace.reading() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Domain)) == 0
