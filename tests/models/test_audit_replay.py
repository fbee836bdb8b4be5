"""Replaying the audit trail finds every row edited, inserted or deleted around it."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa

from app.services import release_service as rs
from app.workspace import Workspace
from app.workspace_check import check_workspace
from models import Domain, Release, Task
from models.audit_replay import replay_differences
from models.bulk_audit import insert_audited

pytestmark = pytest.mark.behind_the_back

END = dt.datetime(2027, 3, 12, 17, 0)


def _portfolio(ws: Workspace) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """A release written by the ORM (per-field audit rows), tasks by the bulk path."""
    release_id = rs.create_release(ws, name="Payouts API", planned_end=END).id
    task_ids = [uuid.uuid4() for _ in range(3)]
    with ws.transaction() as s:
        insert_audited(
            s,
            Task,
            [
                {
                    "id": t,
                    "release_id": release_id,
                    "name": f"Step {i}",
                    "position": i,
                    "duration_minutes": 480,
                    "percent_complete": 0.5,
                }
                for i, t in enumerate(task_ids)
            ],
        )
    return release_id, task_ids


def _behind_the_back(ws: Workspace, *statements: sa.Executable) -> None:
    with ws.engine.begin() as conn:
        for statement in statements:
            conn.execute(statement)


def test_a_sound_portfolio_has_no_differences(workspace: Workspace) -> None:
    release_id, task_ids = _portfolio(workspace)
    rs.update_release(workspace, release_id, 1, name="Payouts API v2")
    with workspace.transaction() as s:
        s.get(Task, task_ids[0]).name = "Renamed after a bulk insert"
    assert check_workspace(workspace) == []


def test_field_edited_behind_the_back_is_named(workspace: Workspace) -> None:
    release_id, task_ids = _portfolio(workspace)
    later = END + dt.timedelta(days=7)
    _behind_the_back(
        workspace,
        sa.update(Release).where(Release.id == release_id).values(planned_end=later),
        sa.update(Task).where(Task.id == task_ids[1]).values(percent_complete=1.0),
    )
    problems = check_workspace(workspace)
    assert (
        f"release {release_id}: field planned_end is 2027-03-19T17:00:00 in the table but "
        "2027-03-12T17:00:00 in the audit trail" in problems
    )
    assert (
        f"task {task_ids[1]}: field percent_complete is 1.0 in the table but 0.5 in the "
        "audit trail" in problems
    )
    assert len(problems) == 2


def test_rows_inserted_and_deleted_behind_the_back_are_named(workspace: Workspace) -> None:
    _release_id, task_ids = _portfolio(workspace)
    intruder = uuid.uuid4()
    now = dt.datetime(2027, 1, 4)
    _behind_the_back(
        workspace,
        sa.delete(Task).where(Task.id == task_ids[2]),
        sa.insert(Domain).values(
            id=intruder, name="Shadow", version=1, created_at=now, updated_at=now
        ),
    )
    assert sorted(check_workspace(workspace)) == [
        f"domain {intruder}: row exists but the audit trail never inserted it "
        "(written behind ReleaseDesk's back)",
        f"task {task_ids[2]}: row is missing from the table (deleted behind ReleaseDesk's back)",
    ]


def test_soft_delete_undone_behind_the_back_is_named(workspace: Workspace) -> None:
    release_id, _ = _portfolio(workspace)
    rs.delete_release(workspace, release_id, 1)
    _behind_the_back(
        workspace, sa.update(Release).where(Release.id == release_id).values(deleted_at=None)
    )
    (problem,) = check_workspace(workspace)
    assert problem.startswith(f"release {release_id}: field deleted_at is empty in the table")


def test_many_differences_are_counted_not_all_listed(workspace: Workspace) -> None:
    _portfolio(workspace)
    _behind_the_back(workspace, sa.update(Task).values(notes="rewritten"))
    with workspace.engine.connect() as conn:
        found, total = replay_differences(conn, limit=2)
    assert (len(found), total) == (2, 3)
    assert all(d.field == "notes" and d.trail_value is None for d in found)
