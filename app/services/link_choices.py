"""What a risk or an issue can be linked to: the tasks and deployments of its release,
each with the words a coordinator recognises it by (WBS and name; environment and when)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from app import clock
from app.dates_text import moment
from app.enums import DeploymentStatus
from app.services.task_rows import list_tasks
from app.workspace import Workspace
from models import Deployment, Environment, ReleasePackage


@dataclass(frozen=True)
class Choice:
    """One row a link can point at: ``label`` is what the list shows, ``depth`` its
    outline level (tasks), ``kind`` "task" or "deployment"."""

    id: uuid.UUID
    label: str
    kind: str = "task"
    depth: int = 0


def task_label(wbs: str, number: int, name: str) -> str:
    """``1.2 Smoke tests`` (the row number stands in for a missing WBS code)."""
    return f"{wbs or number}  {name}"


def task_choices(ws: Workspace, release_id: uuid.UUID) -> list[Choice]:
    """The live tasks of a release in outline order."""
    return [
        Choice(t.id, task_label(t.wbs, t.row, t.name), "task", t.depth)
        for t in list_tasks(ws, release_id)
    ]


def deployment_label(
    environment: str, package: str, status: DeploymentStatus, start: dt.datetime | None
) -> str:
    """``Production: Checkout bundle, scheduled 9 Mar 2026 22:00``."""
    when = f" {moment(clock.to_local(start))}" if start is not None else ""
    return f"{environment}: {package}, {DeploymentStatus(status).value}{when}"


def deployment_choices(ws: Workspace, release_id: uuid.UUID) -> list[Choice]:
    """The live deployments of a release's packages, by stage then planned start."""
    query = (
        sa.select(
            Deployment.id,
            Environment.name,
            ReleasePackage.name,
            Deployment.status,
            Deployment.planned_start,
        )
        .join(Environment, Environment.id == Deployment.environment_id)
        .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
        .where(ReleasePackage.release_id == release_id, Deployment.deleted_at.is_(None))
        .where(ReleasePackage.deleted_at.is_(None))
        .order_by(Environment.stage_order, Deployment.planned_start, Deployment.created_at)
    )
    with ws.reading() as s:
        rows = s.execute(query).all()
    return [Choice(r[0], deployment_label(*r[1:]), "deployment") for r in rows]
