"""Which workspaces open read-only, and the refusal of a save on one.

A local file opens read-only when this user cannot write it (or its folder); a shared
one when the login is a stakeholder's (:func:`models.shared_roles.may_write`). Reads,
schedules and exports work; a save is refused before the database is asked (SQLite
would only say "readonly database").
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session

from app.errors import ReadOnlyWorkspaceError
from app.workspace_file import is_read_only
from app.workspace_location import DatabaseKind, describe
from models.shared_roles import may_write


def file_read_only(path: Path | None, fresh: bool, asked: bool | None) -> bool:
    """Whether a local file opens read-only: as ``asked``, else when this user cannot
    write an existing file or its folder (a server or an in-memory one: never)."""
    if path is None:
        return False
    if asked is None:
        return not fresh and is_read_only(path)
    return bool(asked)


def login_read_only(engine: Engine) -> bool:
    """Whether the login of a shared workspace may only read (a stakeholder)."""
    with engine.connect() as conn:
        return not may_write(conn)


class ReadOnlyGuard:
    """The read-only side of :class:`app.workspace.Workspace`."""

    url: URL
    kind: DatabaseKind
    read_only: bool

    @property
    def read_only_reason(self) -> str:
        """Why this workspace is read-only (for the status bar and refused saves)."""
        if self.kind == DatabaseKind.LOCAL:
            return "you cannot write the file or its folder"
        login = f" {self.url.username}" if self.url.username else ""
        return f"your database login{login} may only read: a stakeholder"

    def _refuse_changes(self, session: Session, _context: object, _objects: object) -> None:
        if session.new or session.deleted or any(session.is_modified(o) for o in session.dirty):
            ask = (
                "Copy the file to a folder you can write to, or ask its owner for write access."
                if self.kind == DatabaseKind.LOCAL
                else "Ask the workspace's owner to make you a coordinator."
            )
            raise ReadOnlyWorkspaceError(
                f"{describe(self.url)} is open read-only ({self.read_only_reason}), "
                f"so this change cannot be saved. {ask}"
            )
