"""The workspace: one opened ReleaseDesk database and who is working in it.

Opening is careful, because a coordinator may point us at the wrong file (see
:mod:`app.workspace_recognition`); where it lives is :mod:`app.workspace_location`,
when it is read-only :mod:`app.workspace_read_only`, and its transactions
:mod:`app.workspace_units`.
"""

from __future__ import annotations

import contextvars
import getpass
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import (
    NotAWorkspaceError,
    ValidationError,
    WorkspaceError,
    WorkspaceLocationError,
)
from app.sync import notices
from app.workspace_file import read_only_connector, reporting_damage
from app.workspace_location import (
    DatabaseKind,
    database_kind,
    describe,
    reason,
    resolve_url,
    short,
)
from app.workspace_read_only import ReadOnlyGuard, file_read_only, login_read_only
from app.workspace_recognition import check_sqlite_file, prepare_schema
from app.workspace_units import UnitsOfWork, connection_error
from models import AuditLog, schema
from models.database import make_engine, make_reading_factory, make_session_factory

ENV_USER = "RELEASEDESK_USER"
# The audit trail's user column (like every row's created_by/updated_by) holds this many.
USER_NAME_MAX: int = AuditLog.user_name.type.length  # type: ignore[attr-defined]


def check_user_name(user: str) -> str:
    """``user`` when it fits the columns that record who changed what, else ValidationError.

    Checked here so that SQLite (which ignores lengths) and PostgreSQL (which would
    refuse the first save) give the same answer, before anything is written.
    """
    if len(user) > USER_NAME_MAX:
        raise ValidationError(
            f"A user name can have at most {USER_NAME_MAX} characters; "
            f"'{short(user, 40)}' has {len(user)}."
        )
    return user


@dataclass(frozen=True)
class WorkspaceSummary:
    """What `releasedesk db info` and the status bar show."""

    name: str
    location: str
    kind: DatabaseKind
    revision: str | None
    head_revision: str
    user: str


class Workspace(ReadOnlyGuard, UnitsOfWork):
    """An opened database: engine, session factory, current user and kind."""

    def __init__(
        self, url: URL, engine: Engine, user: str, name: str, read_only: bool = False
    ) -> None:
        self.url = url
        self.engine = engine
        self.user = user
        self.name = name
        self.kind = database_kind(url)
        self.session_factory: sessionmaker[Session] = make_session_factory(engine, user)  # type: ignore[assignment]
        self.reading_factory: sessionmaker[Session] = make_reading_factory(engine, user)  # type: ignore[assignment]
        self.online = True
        # The SQLite file behind the workspace (None for a server or an in-memory one).
        self.file = (
            Path(url.database)
            if self.kind == DatabaseKind.LOCAL and url.database not in (None, "", ":memory:")
            else None
        )
        # A file this user cannot write: reads, schedules and exports work, saves are
        # refused before SQLite is asked (which would only say "readonly database").
        self.read_only = read_only
        if read_only:
            event.listen(self.session_factory, "before_flush", self._refuse_changes)
        # Who announces this workspace's changes to colleagues (shared workspaces only).
        self.origin = uuid.uuid4().hex
        # The session of an open :meth:`one_transaction`, which transactions join.
        self._joined: contextvars.ContextVar[Session | None] = contextvars.ContextVar(
            f"joined-{self.origin}", default=None
        )
        if self.kind == DatabaseKind.SHARED:
            notices.announce_changes(self.session_factory, self.origin)

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str] | None = None,
        *,
        create: bool = False,
        user: str | None = None,
        name: str | None = None,
        read_only: bool | None = None,
    ) -> Workspace:
        """Open (or, with ``create``, create) the workspace at a path or URL.

        A workspace file this user cannot write (or whose folder they cannot write) opens
        read-only; ``read_only=True`` asks for that on any file.

        Raises a :class:`~app.errors.WorkspaceError` subclass with a readable message
        when the target is missing, foreign, newer than us, or unreachable.
        """
        url = resolve_url(target)
        user = check_user_name(user or os.environ.get(ENV_USER) or _os_login())
        is_sqlite = url.get_backend_name() == "sqlite"
        fresh = False
        path: Path | None = None
        if is_sqlite and url.database not in (None, "", ":memory:"):
            path = Path(url.database)
            fresh = check_sqlite_file(path, create and not read_only)
        read_only = file_read_only(path, fresh, read_only)
        extra = {"creator": read_only_connector(path)} if read_only and path else {}
        try:
            engine = make_engine(url, **extra)
        except (sa.exc.NoSuchModuleError, ImportError) as exc:  # no driver installed
            raise WorkspaceLocationError(
                f"'{url.drivername}' cannot be used here: its database driver is not "
                f"installed ({reason(exc)}); use postgresql+psycopg://USER@HOST/DATABASE."
            ) from None
        except (sa.exc.ArgumentError, ValueError, TypeError) as exc:  # "?timeout=abc"
            raise WorkspaceLocationError(
                f"The database URL's options cannot be used: {reason(exc)}."
            ) from None
        try:
            if not is_sqlite:  # a stakeholder's login: PostgreSQL refuses its writes
                read_only = login_read_only(engine)
            with reporting_damage(path):
                ws_name = prepare_schema(engine, url, create, fresh, name, read_only)
        except OperationalError as exc:
            engine.dispose()
            if is_sqlite:
                raise NotAWorkspaceError(f"{describe(url)} cannot be opened: {exc.orig}") from exc
            raise connection_error(url, exc) from exc
        except DBAPIError as exc:
            engine.dispose()
            if getattr(exc.orig, "sqlstate", None) == "42501":  # a login that may not upgrade
                raise WorkspaceError(
                    f"{describe(url)} needs an upgrade to schema {schema.head_revision()} that "
                    f"your database login may not make ({reason(exc.orig)}). Ask the "
                    "workspace's owner to run `releasedesk db init-shared`; nothing was changed."
                ) from None
            raise
        except BaseException:
            engine.dispose()
            raise
        return cls(url, engine, user, ws_name, read_only)

    def close(self) -> None:
        """Release every connection (the SQLite file can then be copied or moved)."""
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def summary(self) -> WorkspaceSummary:
        """Name, location, kind and schema revision of this workspace."""
        with self.engine.connect() as conn:
            revision = schema.current_revision(conn)
        return WorkspaceSummary(
            self.name, describe(self.url), self.kind, revision, schema.head_revision(), self.user
        )


def _os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "unknown"
