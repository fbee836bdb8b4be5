"""Baselines of a release: set from the schedule, measured, undone; and the CLI."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from app.cli import main
from app.errors import ConflictError, ValidationError
from app.scheduling.plan import CalendarSpec, LinkSpec, LinkType, PlanSpec, TaskSpec
from app.services import release_service
from app.services.baseline_service import (
    plan_baseline,
    release_slip,
    restore_baseline,
    set_baseline,
    store_baseline,
)
from app.services.plan_service import import_plan
from app.workspace import Workspace
from models import AuditLog, Task
from tests.conftest import open_colleague
from tests.plan_documents import PlanDocument

MONDAY = dt.datetime(2026, 3, 2, 8, 0)
DAY = 480



def _import(ws: Workspace) -> str:
    """Release "Checkout 2.0": design (1 day) -> build (3 days) -> go-live milestone."""
    plan = PlanSpec(
        [TaskSpec("d", "Design", DAY), TaskSpec("b", "Build", 3 * DAY),
         TaskSpec("g", "Go-live", 0, milestone=True)],
        [LinkSpec("d", "b", LinkType.FS), LinkSpec("b", "g", LinkType.FS)],
        project_start=MONDAY,
        calendars={"standard": CalendarSpec("standard")},
    )
    import_plan(ws, PlanDocument("Checkout", plan), release_name="Checkout 2.0")
    return "Checkout 2.0"


def _stretch(ws: Workspace, name: str, minutes: int) -> None:
    with ws.transaction() as s:
        task = s.scalars(sa.select(Task).where(Task.name == name)).one()
        task.duration_minutes = minutes


def test_a_baseline_holds_the_schedule_and_measures_the_slip(workspace: Workspace) -> None:
    release = _import(workspace)
    assert release_slip(workspace, release).baseline_finish is None
    done = set_baseline(workspace, release)
    assert done.tasks == 3
    assert (done.start, done.finish) == (MONDAY, dt.datetime(2026, 3, 5, 17, 0))
    slip = release_slip(workspace, release)
    assert slip.baseline_finish == dt.datetime(2026, 3, 5, 17, 0)
    assert slip.finish_variance_minutes == 0
    assert {t.name: t.finish_variance_minutes for t in slip.tasks} == {
        "Design": 0, "Build": 0, "Go-live": 0,
    }

    _stretch(workspace, "Design", 2 * DAY)  # design takes a day longer
    slip = release_slip(workspace, release)
    by_name = {t.name: t for t in slip.tasks}
    assert by_name["Design"].duration_variance_minutes == DAY
    assert by_name["Build"].start_variance_minutes == DAY
    assert by_name["Go-live"].finish_variance_minutes == DAY
    assert slip.finish_variance_minutes == DAY
    assert slip.finish == dt.datetime(2026, 3, 6, 17, 0)


def test_setting_a_baseline_is_audited_and_can_be_undone(workspace: Workspace) -> None:
    release = _import(workspace)
    first = set_baseline(workspace, release)
    assert {v.start for v in first.previous} == {None}
    _stretch(workspace, "Build", 4 * DAY)
    second = set_baseline(workspace, release)  # re-baseline after the change
    assert release_slip(workspace, release).finish_variance_minutes == 0
    restore_baseline(workspace, second.previous)  # undo: the first baseline is back
    assert release_slip(workspace, release).finish_variance_minutes == DAY
    with workspace.transaction() as s:
        fields = s.scalars(sa.select(AuditLog.field).where(AuditLog.entity == "task")).all()
    assert fields.count("baseline_finish") >= 3 * 2


def test_a_release_without_tasks_has_nothing_to_baseline(workspace: Workspace) -> None:
    release_service.create_release(workspace, name="Empty", version_label="1.0")
    with pytest.raises(ValidationError, match="no tasks"):
        set_baseline(workspace, "Empty 1.0")


def test_cli_baseline_and_variance(workspace: Workspace, capsys) -> None:
    db = workspace.url.render_as_string(hide_password=False)
    release = _import(workspace)
    assert main(["plan", "variance", "--release", release, "--db", db]) == 0
    assert "has no baseline yet" in capsys.readouterr().out
    assert main(["plan", "baseline", "--release", release, "--db", db]) == 0
    assert capsys.readouterr().out.startswith("Baseline of 'Checkout 2.0' set for 3 tasks")
    _stretch(workspace, "Build", 3 * DAY + 240)
    assert main(["plan", "variance", "--release", release, "--db", db]) == 0
    text = capsys.readouterr().out
    assert "baseline 2026-03-05 17:00 (4h late)" in text
    assert "+4h" in text
    assert main(["plan", "variance", "--release", release, "--json", "--db", db]) == 0
    text = capsys.readouterr().out
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"  # the same text
    assert data["finish_variance_minutes"] == 240
    assert [t["finish_variance_minutes"] for t in data["tasks"]] == [0, 240, 240]


def test_cli_baseline_errors_are_one_line(workspace: Workspace, capsys) -> None:
    db = workspace.url.render_as_string(hide_password=False)
    release_service.create_release(workspace, name="Empty", version_label="1.0")
    assert main(["plan", "baseline", "--release", "Empty 1.0", "--db", db]) == 2
    assert main(["plan", "baseline", "--release", "Nope", "--db", db]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("releasedesk: ") for line in err)


def test_undoing_a_baseline_refuses_a_colleagues_newer_save(workspace: Workspace) -> None:
    """The undo expects the task versions the set left; a colleague's re-baseline in
    between is a conflict and their baseline stays."""

    release = _import(workspace)
    mine = set_baseline(workspace, release)
    expected = dict(zip(mine.change.ids, mine.change.versions, strict=True))
    with open_colleague(workspace) as colleague:
        _stretch(colleague, "Build", 4 * DAY)
        theirs = set_baseline(colleague, release)
    with pytest.raises(ConflictError) as info:
        restore_baseline(workspace, mine.previous, expected)
    assert info.value.entity == "task"
    assert release_slip(workspace, release).baseline_finish == theirs.finish  # theirs stays
    # what the colleague left, expected again, is no conflict
    again = dict(zip(theirs.change.ids, theirs.change.versions, strict=True))
    restore_baseline(workspace, mine.previous, again)
    assert release_slip(workspace, release).baseline_finish is None


def test_a_task_saved_while_the_baseline_was_scheduled_is_a_conflict(
    workspace: Workspace,
) -> None:
    """The window schedules in the background, then stores: a colleague's save in
    between may be missing from the schedule, so it is not stored over."""

    release = _import(workspace)
    plan = plan_baseline(workspace, release)  # on the worker thread
    with open_colleague(workspace) as colleague:
        _stretch(colleague, "Build", 4 * DAY)
    with pytest.raises(ConflictError):
        store_baseline(workspace, plan, plan.versions)
    assert release_slip(workspace, release).baseline_finish is None
    done = store_baseline(workspace, plan_baseline(workspace, release))  # scheduled again
    assert done.finish == dt.datetime(2026, 3, 6, 17, 0)
