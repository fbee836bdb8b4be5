"""An import's change summary, and taking the import back and bringing it again."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.changes import ChangeAction
from app.errors import ConflictError
from app.scheduling.plan import (
    CalendarException,
    CalendarSpec,
    LinkSpec,
    LinkType,
    PlanSpec,
    TaskSpec,
)
from app.services import release_service
from app.services.plan_import_undo import reinstate_import, withdraw_import
from app.services.plan_service import ImportResult, import_plan, plan_task_counts
from app.workspace import Workspace
from models import AuditLog, Calendar, Release, Task
from tests.conftest import open_colleague
from tests.plan_documents import PlanDocument

MONDAY = dt.datetime(2026, 3, 2, 8, 0)



def _plan() -> PlanSpec:
    holiday = CalendarException(dt.date(2026, 3, 4), dt.date(2026, 3, 4), name="Team day")
    return PlanSpec(
        [TaskSpec("d", "Design", 480), TaskSpec("b", "Build", 960), TaskSpec("g", "Go-live", 0)],
        [LinkSpec("d", "b", LinkType.FS), LinkSpec("b", "g", LinkType.FS)],
        project_start=MONDAY,
        calendars={"standard": CalendarSpec("standard", exceptions=(holiday,))},
    )


def _import(ws: Workspace, name: str = "Checkout 2.0") -> ImportResult:
    return import_plan(ws, PlanDocument("Checkout", _plan()), release_name=name)


def _versions(changes) -> dict:
    return {i: v for c in changes for i, v in zip(c.ids, c.versions, strict=True)}


def _audit_rows(ws: Workspace) -> int:
    with ws.transaction() as s:
        return s.scalar(sa.select(sa.func.count()).select_from(AuditLog)) or 0


def test_an_import_returns_what_it_wrote(workspace: Workspace) -> None:
    result = _import(workspace)
    by_entity = {c.entity: c for c in result.changes}
    assert {e: (c.action, len(c.ids)) for e, c in by_entity.items()} == {
        "task": (ChangeAction.CREATED, 3),
        "task_link": (ChangeAction.CREATED, 2),
        "calendar": (ChangeAction.CREATED, 1),
        "calendar_exception": (ChangeAction.CREATED, 1),
        "release": (ChangeAction.CREATED, 1),
    }
    assert by_entity["release"].ids == (result.release_id,)
    assert all(len(c.versions) == len(c.ids) for c in result.changes)
    with workspace.transaction() as s:
        tasks = set(s.scalars(sa.select(Task.id).where(Task.release_id == result.release_id)))
    assert set(by_entity["task"].ids) == tasks


def test_withdraw_and_reinstate_an_import_into_a_new_release(workspace: Workspace) -> None:
    result = _import(workspace)
    before = _audit_rows(workspace)
    withdrawn = withdraw_import(workspace, result.changes, _versions(result.changes))
    assert release_service.list_releases(workspace) == []
    assert plan_task_counts(workspace) == {}
    assert _audit_rows(workspace) > before  # through the audited session
    assert {c.action for c in withdrawn} == {ChangeAction.DELETED}
    back = reinstate_import(workspace, withdrawn, _versions(withdrawn))
    assert plan_task_counts(workspace) == {result.release_id: 3}  # the same rows again
    assert {c.action for c in back} == {ChangeAction.RESTORED}
    withdraw_import(workspace, back, _versions(back))  # and undo once more
    assert plan_task_counts(workspace) == {}


def test_withdrawing_refuses_a_colleagues_edit_of_an_imported_task(workspace: Workspace) -> None:
    result = _import(workspace)
    with open_colleague(workspace) as colleague, colleague.transaction() as s:
        task = s.scalars(sa.select(Task).where(Task.name == "Build")).one()
        task.duration_minutes = 1440
    before = _audit_rows(workspace)
    with pytest.raises(ConflictError) as info:
        withdraw_import(workspace, result.changes, _versions(result.changes))
    assert info.value.table == "task"
    assert _audit_rows(workspace) == before  # nothing written, their edit stays
    assert plan_task_counts(workspace) == {result.release_id: 3}


def test_an_existing_release_keeps_itself_and_loses_only_the_calendar_link(
    workspace: Workspace,
) -> None:
    target = release_service.create_release(workspace, name="Checkout", version_label="2.0")
    result = _import(workspace)
    assert not result.created_release
    [release_change] = [c for c in result.changes if c.entity == "release"]
    assert (release_change.action, release_change.id) == (ChangeAction.UPDATED, target.id)

    def calendar_of_release():
        with workspace.transaction() as s:
            return s.scalar(sa.select(Release.calendar_id).where(Release.id == target.id))

    imported_calendar = next(c for c in result.changes if c.entity == "calendar").ids[0]
    assert calendar_of_release() == imported_calendar
    withdrawn = withdraw_import(workspace, result.changes, _versions(result.changes))
    assert [r.id for r in release_service.list_releases(workspace)] == [target.id]
    assert plan_task_counts(workspace) == {} and calendar_of_release() is None
    with workspace.transaction() as s:
        assert s.get(Calendar, imported_calendar).deleted_at is not None
    reinstate_import(workspace, withdrawn, _versions(withdrawn))
    assert calendar_of_release() == imported_calendar
    assert plan_task_counts(workspace) == {target.id: 3}
