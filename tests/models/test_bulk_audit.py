"""Bulk inserts: one audit row per inserted row, its fields as canonical JSON, same chain."""

from __future__ import annotations

import json
import uuid

import pytest
import sqlalchemy as sa

from app.services import release_service as rs
from app.workspace import Workspace
from models import AuditLog, Domain, Release
from models.audit import verify_audit_chain
from models.bulk_audit import ascending_ids, insert_audited
from tests.forging import forging


def _audit(ws: Workspace) -> list[sa.Row]:
    with ws.engine.connect() as conn:
        return conn.execute(sa.select(AuditLog).order_by(AuditLog.seq)).all()


def _add_domains(ws: Workspace, names: list[str]) -> list[uuid.UUID]:
    ids = [uuid.uuid4() for _ in names]
    with ws.transaction() as s:
        insert_audited(s, Domain, [
            {"id": i, "name": n, "colour": "#112233"} for i, n in zip(ids, names, strict=True)
        ])
    return ids


def test_each_row_gets_one_audit_row_with_its_fields_as_canonical_json(
    workspace: Workspace,
) -> None:
    ids = _add_domains(workspace, ["Payments", "Zürich"])
    rows = [r for r in _audit(workspace) if r.entity == "domain"]
    assert [r.entity_id for r in rows] == [str(i) for i in ids]
    assert all((r.action, r.field, r.old_value, r.user_name) == ("insert", "", None, "tester")
               for r in rows)
    # sorted keys, no spaces, no ASCII escapes, audited fields only (no id, version, stamps)
    assert rows[1].new_value == '{"colour":"#112233","name":"Zürich"}'
    with workspace.engine.connect() as conn:
        stored = conn.execute(sa.select(Domain.id, Domain.version, Domain.created_by)).all()
        assert verify_audit_chain(conn) is None
    assert {(r.id, r.version, r.created_by) for r in stored} == {(i, 1, "tester") for i in ids}


def test_bulk_rows_follow_pending_orm_changes_in_one_chain(workspace: Workspace) -> None:
    rs.create_release(workspace, name="Before")
    with workspace.transaction() as s:
        s.add(Release(name="Pending"))  # flushed (and audited per field) before the bulk rows
        insert_audited(s, Domain, [{"name": f"D{i}", "colour": "#000000"} for i in range(7)])
    rows = _audit(workspace)
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    entities = [r.entity for r in rows]
    assert entities.index("domain") > max(i for i, e in enumerate(entities) if e == "release")
    assert entities.count("domain") == 7
    rs.create_release(workspace, name="After")
    with workspace.engine.connect() as conn:
        assert verify_audit_chain(conn) is None


@pytest.mark.behind_the_back
def test_tampering_with_one_field_of_a_bulk_row_is_detected(workspace: Workspace) -> None:
    _add_domains(workspace, ["Payments", "Portal", "Core"])
    victim = next(r for r in _audit(workspace) if r.entity == "domain" and "Portal" in r.new_value)
    forged = json.loads(victim.new_value) | {"name": "Portal2"}
    with forging(workspace.engine) as conn:
        conn.execute(sa.update(AuditLog).where(AuditLog.seq == victim.seq).values(
            new_value=json.dumps(forged, sort_keys=True, separators=(",", ":"))
        ))
    with workspace.engine.connect() as conn:
        broken = verify_audit_chain(conn)
    assert broken is not None and broken.seq == victim.seq
    assert "changed" in broken.reason


def test_a_rolled_back_bulk_insert_leaves_no_rows_and_no_audit(workspace: Workspace) -> None:
    _add_domains(workspace, ["Payments"])
    before = _audit(workspace)
    try:
        with workspace.transaction() as s:
            insert_audited(s, Domain, [{"name": "Ghost", "colour": "#000000"}])
            raise RuntimeError("abort")
    except RuntimeError:
        pass
    assert _audit(workspace) == before
    with workspace.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(Domain)) == 1
        assert verify_audit_chain(conn) is None


def test_new_ids_are_random_version_4_uuids_in_ascending_order() -> None:
    ids = ascending_ids(2000)
    assert ids == sorted(ids) and len(set(ids)) == 2000
    assert all(i.version == 4 and i.variant == uuid.RFC_4122 for i in ids)
    assert ascending_ids(3) != ascending_ids(3)
