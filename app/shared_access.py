"""Setting up a shared PostgreSQL workspace for a team, and letting people in.

``releasedesk db init-shared`` (run once by the database's owner) creates the workspace
and the three groups of :mod:`models.shared_roles`; ``releasedesk db grant`` puts a
colleague's login into the coordinators (read/write) or the stakeholders (read-only).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from app.errors import ValidationError, WorkspaceError
from app.workspace import DatabaseKind, Workspace
from app.workspace_location import describe
from models import shared_roles

ROLES = ("coordinator", "stakeholder")
"""What ``db grant --role`` accepts (the owner's group is the one who ran init-shared)."""


def init_shared(target: str | None, user: str | None) -> Workspace:
    """Create (or upgrade) the shared workspace at ``target`` and secure it; return it open.

    Running it again re-applies the grants (after an upgrade added tables, say).
    """
    ws = Workspace.open(target, create=True, user=user)
    try:
        _require_shared(ws, "init-shared")
        with _as_owner(ws, "set up the workspace's groups") as conn:
            shared_roles.secure_shared(conn)
    except BaseException:
        ws.close()
        raise
    return ws


def grant(target: str | None, user: str | None, login: str, role: str) -> None:
    """Put the existing server ``login`` into ReleaseDesk's group for ``role``."""
    with Workspace.open(target, user=user) as ws:
        _require_shared(ws, "grant")
        with _as_owner(ws, f"put {login} into the {role}s") as conn:
            try:
                shared_roles.grant_group(conn, login, role)
            except shared_roles.UnknownLoginError:
                raise ValidationError(
                    f"There is no login '{login}' on {describe(ws.url)}; ask the server's "
                    f'administrator to create it first (CREATE ROLE "{login}" LOGIN).'
                ) from None


def _require_shared(ws: Workspace, command: str) -> None:
    if ws.kind != DatabaseKind.SHARED:
        raise ValidationError(
            f"`db {command}` is for a shared PostgreSQL workspace; {describe(ws.url)} is a "
            "local file, whose access is its file permissions."
        )


@contextlib.contextmanager
def _as_owner(ws: Workspace, what: str) -> Iterator[Connection]:
    """A transaction on ``ws`` whose lack of rights is said in a coordinator's words."""
    try:
        with ws.engine.begin() as conn:
            yield conn
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
            raise
        reason = str(exc.orig).strip().splitlines()[0]
        raise WorkspaceError(
            f"Cannot {what} on {describe(ws.url)}: {reason}. Only the database's owner "
            "(or a server administrator) can."
        ) from None
