"""Finding a risk, an issue, a task or a deployment by what a script knows of it: its id,
or its title, WBS code, name or environment. Unknown or ambiguous names are refused with
a message that says what was looked for and, for an ambiguity, how to tell them apart."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from app.errors import NotFoundError, ValidationError
from app.workspace import Workspace
from models import Deployment, Environment, Issue, ReleasePackage, Risk, Task


def _as_id(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        return None


def _one(found: Sequence[Any], what: str, text: str, where: str, hint: str) -> Any:
    if not found:
        raise NotFoundError(f"No {what} '{text}'{where}.")
    if len(found) > 1:
        raise ValidationError(f"Several {what}s match '{text}'{where}; {hint}.")
    return found[0]


def _named(ws: Workspace, query: sa.Select, id_column: Any, columns: Sequence[Any], text: str):
    wanted = _as_id(text)
    if wanted is not None:
        query = query.where(id_column == wanted)
    else:
        needle = text.strip().lower()
        query = query.where(sa.or_(*(sa.func.lower(c) == needle for c in columns)))
    with ws.reading() as s:
        return s.execute(query).all()


def _in(release_title: str | None) -> str:
    return f" in {release_title}" if release_title else ""


def find_risk(
    ws: Workspace, text: str, release_id: uuid.UUID | None, release_title: str = ""
) -> tuple[uuid.UUID, str]:
    """(id, title) of the live risk with this id or title (of the release, when given)."""
    query = sa.select(Risk.id, Risk.title).where(Risk.deleted_at.is_(None))
    if release_id is not None:
        query = query.where(Risk.release_id == release_id)
    found = _named(ws, query, Risk.id, (Risk.title,), text)
    return tuple(_one(found, "risk", text, _in(release_title), "give the risk's id instead"))


def find_issue(
    ws: Workspace, text: str, release_id: uuid.UUID | None, release_title: str = ""
) -> tuple[uuid.UUID, str, uuid.UUID | None]:
    """(id, title, release id) of the live issue with this id or title."""
    query = sa.select(Issue.id, Issue.title, Issue.release_id).where(Issue.deleted_at.is_(None))
    if release_id is not None:
        query = query.where(Issue.release_id == release_id)
    found = _named(ws, query, Issue.id, (Issue.title,), text)
    hint = "name the release with --release, or give the issue's id"
    return tuple(_one(found, "issue", text, _in(release_title), hint))


def find_task(
    ws: Workspace, release_id: uuid.UUID, text: str, release_title: str = ""
) -> tuple[uuid.UUID, str]:
    """(id, name) of the release's live task with this id, WBS code or name."""
    query = sa.select(Task.id, Task.name, Task.wbs).where(
        Task.release_id == release_id, Task.deleted_at.is_(None)
    )
    found = _named(ws, query, Task.id, (Task.wbs, Task.name), text)
    codes = ", ".join(r.wbs for r in found if r.wbs)
    hint = f"give the WBS code ({codes}) or the task's id"
    task_id, name, _wbs = _one(found, "task", text, _in(release_title), hint)
    return task_id, name


def find_deployment(
    ws: Workspace, release_id: uuid.UUID, text: str, release_title: str = ""
) -> tuple[uuid.UUID, str]:
    """(id, environment name) of the release's live deployment with this id, or to the
    environment of this name."""
    query = (
        sa.select(Deployment.id, Environment.name)
        .join(Environment, Environment.id == Deployment.environment_id)
        .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
        .where(ReleasePackage.release_id == release_id, Deployment.deleted_at.is_(None))
    )
    found = _named(ws, query, Deployment.id, (Environment.name,), text)
    hint = "give the deployment's id"
    return tuple(_one(found, "deployment", text, _in(release_title), hint))
