"""The tasks and deployments an issue affects: chosen in one step, listed with names.

:func:`change_affected` links and unlinks tasks and deployments of the issue's release
in one audited transaction; :func:`flip_affected` undoes and redoes it on the same link
rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change
from app.errors import ValidationError
from app.services import _rows
from app.services.link_choices import deployment_label
from app.services.link_sets import LinkKind, Step, change_links, flip_links
from app.workspace import Workspace
from models import Deployment, Environment, Issue, IssueLink, ReleasePackage, Task

AFFECTED_TASKS = LinkKind(IssueLink, "issue_id", "task_id", Task)
AFFECTED_DEPLOYMENTS = LinkKind(IssueLink, "issue_id", "deployment_id", Deployment)


@dataclass(frozen=True)
class AffectedRow:
    """One live link of an issue: ``id`` is the link's, ``target_id`` the task's or the
    deployment's (``kind`` says which), ``label`` how a coordinator names it."""

    id: uuid.UUID
    kind: str
    target_id: uuid.UUID
    label: str
    version: int


def _same_release(s: Session, issue: Issue, target: Task | Deployment) -> None:
    if issue.release_id is None:
        return
    if isinstance(target, Task):
        release_id, what = target.release_id, f"task '{target.name}'"
    else:
        package = s.get(ReleasePackage, target.package_id)
        release_id, what = (package.release_id if package else None), "deployment"
    if release_id != issue.release_id:
        raise ValidationError(
            f"The {what} belongs to another release than the issue '{issue.title}'."
        )


def change_affected(
    ws: Workspace,
    issue_id: uuid.UUID,
    *,
    tasks: Iterable[uuid.UUID] = (),
    deployments: Iterable[uuid.UUID] = (),
    unlink: Mapping[uuid.UUID, int | None] | None = None,
) -> tuple[Change, ...]:
    """The issue affects these tasks and deployments too, and no longer those of the
    links in ``unlink`` (link id → version seen), in one transaction. Each must be live
    and of the issue's release; one already linked stays linked once."""
    with ws.transaction() as s:
        issue = _rows.load_live(s, Issue, issue_id)
        changes = change_links(s, AFFECTED_TASKS, issue, tasks, unlink or {}, _same_release)
        changes += change_links(s, AFFECTED_DEPLOYMENTS, issue, deployments, {}, _same_release)
        return tuple(changes)


def flip_affected(
    ws: Workspace, steps: Sequence[Step], expected: Mapping[uuid.UUID, int | None] | None
) -> tuple[Change, ...]:
    """Undo or redo a :func:`change_affected` step on the same link rows."""
    return flip_links(ws, IssueLink, steps, expected)


def _task_links(issue_ids: Sequence[uuid.UUID] | None) -> sa.Select:
    query = (
        sa.select(IssueLink.id, IssueLink.issue_id, Task.id, Task.wbs, Task.name, IssueLink.version)
        .join(Task, Task.id == IssueLink.task_id)
        .where(IssueLink.deleted_at.is_(None), Task.deleted_at.is_(None))
        .order_by(Task.wbs, Task.name)
    )
    return query if issue_ids is None else query.where(IssueLink.issue_id.in_(issue_ids))


def _deployment_links(issue_ids: Sequence[uuid.UUID] | None) -> sa.Select:
    query = (
        sa.select(
            IssueLink.id,
            IssueLink.issue_id,
            Deployment.id,
            Environment.name,
            ReleasePackage.name,
            Deployment.status,
            Deployment.planned_start,
            IssueLink.version,
        )
        .join(Deployment, Deployment.id == IssueLink.deployment_id)
        .join(Environment, Environment.id == Deployment.environment_id)
        .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
        .where(IssueLink.deleted_at.is_(None), Deployment.deleted_at.is_(None))
        .order_by(Environment.stage_order, Deployment.planned_start)
    )
    return query if issue_ids is None else query.where(IssueLink.issue_id.in_(issue_ids))


def affected_in(
    s: Session, issue_ids: Sequence[uuid.UUID] | None
) -> dict[uuid.UUID, list[AffectedRow]]:
    """Issue id → its live links (tasks first, then deployments), for these issues or
    (None) for all: two queries however many issues."""
    found: dict[uuid.UUID, list[AffectedRow]] = {}
    for link_id, issue_id, task_id, wbs, name, version in s.execute(_task_links(issue_ids)):
        label = f"{wbs}  {name}" if wbs else name
        found.setdefault(issue_id, []).append(AffectedRow(link_id, "task", task_id, label, version))
    for row in s.execute(_deployment_links(issue_ids)):
        link_id, issue_id, dep_id, *described, version = row
        found.setdefault(issue_id, []).append(
            AffectedRow(link_id, "deployment", dep_id, deployment_label(*described), version)
        )
    return found


def affected(ws: Workspace, issue_id: uuid.UUID) -> list[AffectedRow]:
    """The live tasks and deployments one issue affects."""
    with ws.reading() as s:
        return affected_in(s, [issue_id]).get(issue_id, [])
