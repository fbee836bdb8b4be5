"""The bulk import path: audit coverage, the hash chain, db check and progress."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from app.interchange import read_gan, read_mspdi
from app.services.plan_service import import_plan
from app.workspace import Workspace
from app.workspace_check import check_workspace
from models import AuditLog, Task, TaskLink
from models.bulk_audit import bulk_fields_json
from tests.forging import forging
from tests.interop_files import gan_file, mspdi_file


def test_every_imported_task_and_link_has_one_audit_row_with_its_stored_fields(
    workspace: Workspace,
) -> None:
    result = import_plan(workspace, read_mspdi(mspdi_file("baselines.xml")))
    with workspace.engine.connect() as conn:
        audited = {
            (r.entity, r.entity_id): r.new_value
            for r in conn.execute(sa.select(AuditLog).where(AuditLog.action == "insert"))
            if r.entity in ("task", "task_link")
        }
        for model in (Task, TaskLink):
            stored = conn.execute(sa.select(model.__table__)).mappings().all()
            assert len(stored) == (result.tasks if model is Task else result.links)
            for row in stored:
                fields = audited.pop((model.__tablename__, str(row["id"])))
                assert fields == bulk_fields_json(dict(row))
    assert audited == {}  # no audit row for a row that was not written
    assert check_workspace(workspace) == []


@pytest.mark.behind_the_back
def test_db_check_finds_one_changed_field_of_an_imported_task(workspace: Workspace) -> None:
    import_plan(workspace, read_gan(gan_file("HouseBuildingSample.gan")))
    assert check_workspace(workspace) == []
    with forging(workspace.engine) as conn:
        victim = conn.execute(
            sa.select(AuditLog).where(AuditLog.entity == "task").order_by(AuditLog.seq.desc())
        ).first()
        fields = json.loads(victim.new_value) | {"duration_minutes": "1"}
        conn.execute(sa.update(AuditLog).where(AuditLog.seq == victim.seq).values(
            new_value=json.dumps(fields, sort_keys=True, separators=(",", ":"))
        ))
    assert check_workspace(workspace) == [
        f"audit trail broken at row {victim.seq}: content was changed after it was written",
        f"task {victim.entity_id}: field duration_minutes is "
        f"{json.loads(victim.new_value).get('duration_minutes', 'empty')} in the table but 1 "
        "in the audit trail",
    ]


def test_progress_counts_rows_written_monotonically_to_the_total(workspace: Workspace) -> None:
    doc = read_mspdi(mspdi_file("sample.xml"))
    calls: list[tuple[int, int]] = []
    result = import_plan(workspace, doc, progress=lambda done, total: calls.append((done, total)))
    total = result.tasks + result.links
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert {t for _, t in calls} == {total}
    done = [d for d, _ in calls]
    assert done == sorted(done)
