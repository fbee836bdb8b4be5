"""The issue log: what has happened and needs corrective action by a due date.

An issue may come from a risk that occurred (:func:`risk_occurred` turns the risk into
an issue in one transaction, linked to it) and may name the tasks and deployments it
affects. Resolving records who and when; an unresolved issue past its due date is
*overdue* and stands out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.errors import NotFoundError, ValidationError
from app.risk_scores import Band, band, score
from app.services import _rows, cascade
from app.services.issue_links import affected_in
from app.workspace import Workspace
from models import Deployment, Domain, Issue, IssueLink, Person, Release, Risk, Task
from models.enums import IssueSeverity, IssueStatus, RiskStatus

EDITABLE = (
    "title",
    "description",
    "release_id",
    "severity",
    "corrective_action",
    "owner_id",
    "due_date",
    "status",
)
UNRESOLVED = (IssueStatus.OPEN, IssueStatus.IN_PROGRESS)
_SEVERITY_OF_BAND = {
    Band.LOW: IssueSeverity.LOW,
    Band.MEDIUM: IssueSeverity.MEDIUM,
    Band.HIGH: IssueSeverity.HIGH,
    Band.CRITICAL: IssueSeverity.CRITICAL,
}


@dataclass(frozen=True)
class IssueRow:
    """One issue as the issue log lists it."""

    id: uuid.UUID
    release_id: uuid.UUID | None
    release_title: str
    domain: str
    title: str
    description: str
    severity: IssueSeverity
    corrective_action: str
    owner_id: uuid.UUID | None
    owner_name: str
    due_date: dt.date | None
    status: IssueStatus
    resolved_at: dt.datetime | None
    resolved_by: str
    risk_id: uuid.UUID | None
    risk_title: str
    created_at: dt.datetime
    version: int
    affected: tuple[str, ...] = ()  # the tasks and deployments it affects, named

    @property
    def overdue(self) -> bool:
        """Unresolved and past its due date."""
        return (
            self.status in UNRESOLVED
            and self.due_date is not None
            and self.due_date < clock.today()
        )


def list_issues(
    ws: Workspace, release_id: uuid.UUID | None = None, *, issue_id: uuid.UUID | None = None
) -> list[IssueRow]:
    """The live issues (of one release, or all; or the one ``issue_id``): unresolved
    first, by due date."""
    query = (
        _rows.row_select(
            IssueRow,
            Issue,
            omit=("affected",),
            release_title=sa.func.coalesce(Release.title, ""),
            domain=sa.func.coalesce(Domain.name, ""),
            owner_name=sa.func.coalesce(Person.name, ""),
            risk_title=sa.func.coalesce(Risk.title, ""),
        )
        .outerjoin(Release, _rows.live_ref(Release, Issue.release_id))
        .outerjoin(Domain, _rows.live_ref(Domain, Release.domain_id))
        .outerjoin(Person, _rows.live_ref(Person, Issue.owner_id))
        .outerjoin(Risk, _rows.live_ref(Risk, Issue.risk_id))
        .where(Issue.deleted_at.is_(None))
        .order_by(Issue.status.notin_(UNRESOLVED), Issue.due_date, Issue.title)
    )
    if release_id is not None:
        query = query.where(Issue.release_id == release_id)
    if issue_id is not None:
        query = query.where(Issue.id == issue_id)
    with _rows.collector_paused():  # many rows, no cycles: collect after (see there)
        with ws.reading() as s:
            rows = s.connection().execute(query).all()
            links = affected_in(s, None if issue_id is None else [issue_id])
        return [IssueRow(*r, tuple(a.label for a in links.get(r[0], ()))) for r in rows]


def _normalise(s: Session, values: dict[str, Any], created: dt.date) -> dict[str, Any]:
    if "title" in values:
        values["title"] = _rows.required_text(values["title"], "issue's title", 240)
    for key in ("description", "corrective_action"):
        if key in values:
            values[key] = str(values[key] or "").strip()
    if "severity" in values:
        values["severity"] = _rows.choice(IssueSeverity, values["severity"], "severity")
    if "status" in values:
        values["status"] = _rows.choice(IssueStatus, values["status"], "issue status")
    if values.get("release_id") is not None:
        _rows.require_ref(s, Release, values["release_id"])
    if values.get("owner_id") is not None:
        _rows.require_ref(s, Person, values["owner_id"], "owner")
    due = values.get("due_date")
    if isinstance(due, dt.datetime):
        due = values["due_date"] = due.date()
    if due is not None and due < created:
        raise ValidationError(
            f"The due date ({due.isoformat()}) lies before the issue was raised "
            f"({created.isoformat()})."
        )
    return values


def create_issue(ws: Workspace, release_id: uuid.UUID | None, title: str, **values: Any) -> Change:
    """Raise an issue (severity, owner, due date, corrective action …)."""
    _rows.check_fields(Issue, values, (*EDITABLE, "risk_id"))
    with ws.transaction() as s:
        values = _normalise(s, {**values, "release_id": release_id, "title": title}, clock.today())
        if values.get("risk_id") is not None:
            _rows.require_ref(s, Risk, values["risk_id"])
        return _rows.create(s, Issue(**values))


def update_issue(
    ws: Workspace, issue_id: uuid.UUID, expected_version: int | None, **values: Any
) -> Change:
    """Change fields of an issue read at ``expected_version`` (stale: ConflictError)."""
    _rows.check_fields(Issue, values, EDITABLE)
    with ws.transaction() as s:
        issue = _rows.load_live(s, Issue, issue_id)
        values = _normalise(s, dict(values), clock.to_local(issue.created_at).date())
        _rows.check_version(issue, expected_version, values)
        was_resolved = issue.status not in UNRESOLVED
        for key, value in values.items():
            setattr(issue, key, value)
        if issue.status in UNRESOLVED:
            issue.resolved_at, issue.resolved_by = None, ""
        elif not was_resolved:  # resolved (or closed) by this edit: who and when
            issue.resolved_at, issue.resolved_by = clock.now(), ws.user
        return _rows.changed(s, issue, ChangeAction.UPDATED)


def resolve_issue(ws: Workspace, issue_id: uuid.UUID, expected_version: int | None) -> Change:
    """Mark an issue resolved, recording who (the workspace user) and when."""
    with ws.transaction() as s:
        issue = _rows.load_live(s, Issue, issue_id)
        _rows.check_version(issue, expected_version, {"status": IssueStatus.RESOLVED})
        issue.status = IssueStatus.RESOLVED
        issue.resolved_at = clock.now()
        issue.resolved_by = ws.user
        return _rows.changed(s, issue, ChangeAction.UPDATED)


def reopen_issue(
    ws: Workspace,
    issue_id: uuid.UUID,
    expected_version: int | None,
    status: IssueStatus | str = IssueStatus.OPEN,
) -> Change:
    """Take a resolution back: the issue is unresolved again (``status``: open, or in
    progress as it was before an undone resolve), with no resolver."""
    status = _rows.choice(IssueStatus, status, "issue status")
    if status not in UNRESOLVED:
        raise ValidationError(f"A reopened issue is open or in progress, not {status.value}.")
    with ws.transaction() as s:
        issue = _rows.load_live(s, Issue, issue_id)
        _rows.check_version(issue, expected_version, {"status": status})
        issue.status = status
        issue.resolved_at = None
        issue.resolved_by = ""
        return _rows.changed(s, issue, ChangeAction.UPDATED)


delete_issue, restore_issue = cascade.delete_and_restore(Issue)


def risk_occurred(
    ws: Workspace, risk_id: uuid.UUID, expected_version: int | None
) -> tuple[Change, Change]:
    """The risk happened: it becomes *occurred* and an issue is raised from it, linked,
    in one transaction. Returns (the risk's change, the new issue's change)."""
    with ws.transaction() as s:
        risk = _rows.load_live(s, Risk, risk_id)
        _rows.check_version(risk, expected_version, {"status": RiskStatus.OCCURRED})
        if risk.status == RiskStatus.OCCURRED:
            raise ValidationError(f"The risk '{risk.title}' has already occurred.")
        risk.status = RiskStatus.OCCURRED
        risk.last_reviewed_at = clock.now()
        issue = Issue(
            release_id=risk.release_id,
            title=risk.title,
            description=risk.description,
            severity=_SEVERITY_OF_BAND[band(score(risk.probability, risk.impact))],
            corrective_action=risk.mitigation,
            owner_id=risk.owner_id,
            risk_id=risk.id,
        )
        issue_change = _rows.create(s, issue)
        return _rows.changed(s, risk, ChangeAction.UPDATED), issue_change


def occur_again(
    ws: Workspace,
    risk_id: uuid.UUID,
    issue_id: uuid.UUID,
    versions: tuple[int | None, int | None],
) -> tuple[Change, Change]:
    """Redo :func:`risk_occurred` after :func:`take_back_occurrence`: the risk is
    *occurred* again and the very issue raised from it (same id, same links) comes back
    (``versions``: what the risk and the deleted issue must be at)."""
    with ws.transaction() as s:
        risk = _rows.load_live(s, Risk, risk_id)
        issue = s.get(Issue, issue_id)
        if issue is None:
            raise NotFoundError("The issue raised from that risk no longer exists.")
        _rows.check_version(risk, versions[0], {"status": RiskStatus.OCCURRED})
        _rows.check_version(issue, versions[1], {})
        risk.status = RiskStatus.OCCURRED
        risk.last_reviewed_at = clock.now()
        cascade.restore_tree(s, issue)
        return (
            _rows.changed(s, risk, ChangeAction.UPDATED),
            _rows.changed(s, issue, ChangeAction.RESTORED),
        )


def take_back_occurrence(
    ws: Workspace,
    risk_id: uuid.UUID,
    issue_id: uuid.UUID,
    status: RiskStatus,
    versions: tuple[int | None, int | None],
) -> tuple[Change, Change]:
    """Undo :func:`risk_occurred`: the risk gets ``status`` back and the issue raised
    from it is deleted (``versions``: what the risk and the issue must be at)."""
    with ws.transaction() as s:
        risk = _rows.load_live(s, Risk, risk_id)
        issue = _rows.load_live(s, Issue, issue_id)
        _rows.check_version(risk, versions[0], {"status": status})
        _rows.check_version(issue, versions[1], {})
        risk.status = RiskStatus(status)
        cascade.delete_tree(s, issue, clock.precise_now())
        return (
            _rows.changed(s, risk, ChangeAction.UPDATED),
            _rows.changed(s, issue, ChangeAction.DELETED),
        )


def link_affected(
    ws: Workspace,
    issue_id: uuid.UUID,
    *,
    task_id: uuid.UUID | None = None,
    deployment_id: uuid.UUID | None = None,
) -> Change:
    """Record that an issue affects a task or a deployment (exactly one)."""
    if (task_id is None) == (deployment_id is None):
        raise ValidationError("Link an issue to one task or one deployment at a time.")
    with ws.transaction() as s:
        _rows.load_live(s, Issue, issue_id)
        if task_id is not None:
            _rows.require_ref(s, Task, task_id)
        else:
            _rows.require_ref(s, Deployment, deployment_id)
        link = IssueLink(issue_id=issue_id, task_id=task_id, deployment_id=deployment_id)
        return _rows.create(s, link)


unlink_affected, relink_affected = cascade.delete_and_restore(IssueLink)


def affected_tasks(ws: Workspace, issue_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """(task id, name) of the live tasks an issue affects."""
    query = (
        sa.select(Task.id, Task.name)
        .join(IssueLink, IssueLink.task_id == Task.id)
        .where(IssueLink.issue_id == issue_id, IssueLink.deleted_at.is_(None))
        .where(Task.deleted_at.is_(None))
        .order_by(Task.name)
    )
    with ws.reading() as s:
        return [(r.id, r.name) for r in s.execute(query)]
