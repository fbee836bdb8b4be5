"""The tasks and deployments an issue affects, on SQLite and PostgreSQL; and the two
undo fixes of the issue log: a redone occurrence brings back the same issue, and an
undone resolve gives the issue its earlier status back."""

from __future__ import annotations

import pytest

from app.changes import ChangeAction
from app.errors import ValidationError
from app.services import issue_links as il
from app.services import issue_service as iss
from app.services import release_service, task_service
from app.services import risk_service as rk
from app.services.link_choices import deployment_choices, task_choices
from models.enums import DeploymentStatus, EnvironmentStage, IssueStatus, RiskStatus
from tests.app.services.builders import World, add_deployment, add_environment, audit_count


def test_tasks_and_deployments_in_one_step(world: World) -> None:
    ws = world.ws
    smoke = task_service.create_task(ws, world.release_id, "Smoke tests")[0].id
    prod = add_environment(ws, "Production", EnvironmentStage.PROD, 4)
    add_deployment(ws, world.release_id, prod, DeploymentStatus.SCHEDULED)
    [deployment] = deployment_choices(ws, world.release_id)
    assert deployment.label == "Production: pkg, scheduled"
    assert [c.label for c in task_choices(ws, world.release_id)] == ["1  Smoke tests"]
    issue = iss.create_issue(ws, world.release_id, "Smoke red").id
    made = il.change_affected(ws, issue, tasks=[smoke], deployments=[deployment.id])
    assert [r.label for r in il.affected(ws, issue)] == ["1  Smoke tests", deployment.label]
    assert iss.list_issues(ws)[0].affected == ("1  Smoke tests", deployment.label)
    [task_link, _dep] = il.affected(ws, issue)
    dropped = il.change_affected(ws, issue, unlink={task_link.id: task_link.version})
    assert [r.kind for r in il.affected(ws, issue)] == ["deployment"]
    il.flip_affected(ws, [(task_link.id, True)], {task_link.id: dropped[0].version})
    assert len(il.affected(ws, issue)) == 2
    steps = [(c.id, c.action == ChangeAction.DELETED) for c in made]
    il.flip_affected(ws, steps, None)
    assert il.affected(ws, issue) == []


def test_another_release_is_refused(world: World) -> None:
    ws = world.ws
    other = release_service.create_release(ws, name="Ledger", version_label="2.0").id
    foreign = task_service.create_task(ws, other, "Ledger task")[0].id
    env = add_environment(ws, "Test", EnvironmentStage.TEST, 2)
    add_deployment(ws, other, env, DeploymentStatus.SCHEDULED)
    [dep] = deployment_choices(ws, other)
    issue = iss.create_issue(ws, world.release_id, "Smoke red").id
    before = audit_count(ws)
    with pytest.raises(ValidationError, match="task 'Ledger task' belongs to another release"):
        il.change_affected(ws, issue, tasks=[foreign])
    with pytest.raises(ValidationError, match="deployment belongs to another release"):
        il.change_affected(ws, issue, deployments=[dep.id])
    assert audit_count(ws) == before


def test_occurring_again_brings_back_the_same_issue(world: World) -> None:
    ws = world.ws
    smoke = task_service.create_task(ws, world.release_id, "Smoke tests")[0].id
    risk = rk.create_risk(ws, world.release_id, "Vendor late", 4, 5)
    risk_change, issue_change = iss.risk_occurred(ws, risk.id, risk.version)
    il.change_affected(ws, issue_change.id, tasks=[smoke])
    [issue] = iss.list_issues(ws)
    back = iss.take_back_occurrence(
        ws, risk.id, issue.id, RiskStatus.OPEN, (risk_change.version, issue.version)
    )
    assert iss.list_issues(ws) == []
    again = iss.occur_again(ws, risk.id, issue.id, (back[0].version, back[1].version))
    [row] = iss.list_issues(ws)
    assert (row.id, row.risk_id, row.affected) == (issue.id, risk.id, ("1  Smoke tests",))
    assert again[1].action == ChangeAction.RESTORED
    assert rk.get_risk(ws, risk.id).status == RiskStatus.OCCURRED


def test_reopen_gives_the_earlier_status_back(world: World) -> None:
    ws = world.ws
    change = iss.create_issue(ws, world.release_id, "Payments 500s", status="in_progress")
    resolved = iss.resolve_issue(ws, change.id, change.version)
    iss.reopen_issue(ws, change.id, resolved.version, IssueStatus.IN_PROGRESS)
    [row] = iss.list_issues(ws)
    assert (row.status, row.resolved_at, row.resolved_by) == (IssueStatus.IN_PROGRESS, None, "")
    with pytest.raises(ValidationError, match="open or in progress"):
        iss.reopen_issue(ws, change.id, None, IssueStatus.CLOSED)
