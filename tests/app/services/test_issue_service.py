"""The issue log's services on SQLite and PostgreSQL: raise, resolve, overdue, from a risk."""

from __future__ import annotations

import datetime as dt

import pytest

from app import clock
from app.errors import ConflictError, ValidationError
from app.services import issue_service as iss
from app.services import risk_service as rk
from models import Task
from models.enums import IssueSeverity, IssueStatus, RiskStatus
from tests.app.services.builders import World, audit_count


def test_raise_resolve_and_reopen(world: World) -> None:
    ws = world.ws
    due = clock.today() + dt.timedelta(days=3)
    change = iss.create_issue(
        ws, world.release_id, "Payments API 500s", severity="high", owner_id=world.bob, due_date=due
    )
    [row] = iss.list_issues(ws, world.release_id)
    assert (row.title, row.severity, row.owner_name, row.due_date, row.overdue) == (
        "Payments API 500s",
        IssueSeverity.HIGH,
        "Bob Baker",
        due,
        False,
    )
    resolved = iss.resolve_issue(ws, change.id, change.version)
    [row] = iss.list_issues(ws)
    assert (row.status, row.resolved_by) == (IssueStatus.RESOLVED, ws.user)
    assert row.resolved_at is not None
    with pytest.raises(ConflictError):
        iss.reopen_issue(ws, change.id, change.version)
    iss.reopen_issue(ws, change.id, resolved.version)
    [row] = iss.list_issues(ws)
    assert (row.status, row.resolved_at, row.resolved_by) == (IssueStatus.OPEN, None, "")


def test_overdue_stands_out_until_resolved(world: World) -> None:
    ws = world.ws
    change = iss.create_issue(ws, world.release_id, "Late fix", due_date=clock.today())
    with ws.transaction() as s:  # raised last week, due yesterday
        from models import Issue

        issue = s.get(Issue, change.id)
        issue.created_at -= dt.timedelta(days=7)
        issue.due_date = clock.today() - dt.timedelta(days=1)
    [row] = iss.list_issues(ws)
    assert row.overdue
    iss.resolve_issue(ws, row.id, row.version)
    assert not iss.list_issues(ws)[0].overdue


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": ""}, "title cannot be empty"),
        ({"title": "T", "due_date": dt.date(2000, 1, 1)}, "lies before the issue was raised"),
        ({"title": "T", "severity": "apocalyptic"}, "not a valid severity"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(world: World, values: dict, message: str) -> None:
    before = audit_count(world.ws)
    with pytest.raises(ValidationError, match=message):
        iss.create_issue(world.ws, world.release_id, **values)
    assert audit_count(world.ws) == before


def test_risk_occurs_and_becomes_a_linked_issue(world: World) -> None:
    ws = world.ws
    risk = rk.create_risk(
        ws, world.release_id, "Vendor late", 4, 4, owner_id=world.alice, mitigation="Escalate"
    )
    risk_change, issue_change = iss.risk_occurred(ws, risk.id, risk.version)
    assert rk.get_risk(ws, risk.id).status == RiskStatus.OCCURRED
    [issue] = iss.list_issues(ws)
    assert (issue.id, issue.risk_id, issue.risk_title) == (issue_change.id, risk.id, "Vendor late")
    assert (issue.severity, issue.corrective_action, issue.owner_id) == (
        IssueSeverity.CRITICAL,
        "Escalate",
        world.alice,
    )
    with pytest.raises(ValidationError, match="already occurred"):
        iss.risk_occurred(ws, risk.id, None)
    iss.take_back_occurrence(
        ws, risk.id, issue.id, RiskStatus.OPEN, (risk_change.version, issue_change.version)
    )
    assert rk.get_risk(ws, risk.id).status == RiskStatus.OPEN
    assert iss.list_issues(ws) == []


def test_affected_tasks(world: World) -> None:
    ws = world.ws
    with ws.transaction() as s:
        task = Task(release_id=world.release_id, name="Smoke tests")
        s.add(task)
        s.flush()
        task_id = task.id
    issue = iss.create_issue(ws, world.release_id, "Smoke red")
    with pytest.raises(ValidationError, match="one task or one deployment"):
        iss.link_affected(ws, issue.id)
    link = iss.link_affected(ws, issue.id, task_id=task_id)
    assert iss.affected_tasks(ws, issue.id) == [(task_id, "Smoke tests")]
    iss.unlink_affected(ws, link.id)
    assert iss.affected_tasks(ws, issue.id) == []
