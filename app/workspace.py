"""The workspace: one opened ReleaseDesk database and who is working in it.

Opening is careful, because a coordinator may point us at the wrong file: anything that
is not a ReleaseDesk database is refused *before* SQLite writes to it (we read the file
header ourselves, and ask SQLite read-only about a file without our mark; see
:mod:`app.workspace_file`), a database from a newer ReleaseDesk is refused, an older one
is upgraded after a backup copy is taken, and a damaged one is named as such.
"""

from __future__ import annotations

import contextlib
import contextvars
import getpass
import os
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import platformdirs
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app import clock
from app.db_errors import write_error
from app.errors import (
    ConflictError,
    ConnectionLostError,
    DamagedWorkspaceError,
    NewerWorkspaceError,
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    ValidationError,
    WorkspaceError,
    WorkspaceLocationError,
    WorkspaceMissingError,
)
from app.masking import mask_passwords
from app.sync import notices
from app.workspace_file import (
    FileKind,
    checkpoint,
    classify_unmarked,
    damaged,
    ensure_marked,
    is_read_only,
    is_truncated_header,
    mark_new_file,
    read_only_connector,
    reporting_damage,
)
from models import AuditLog, WorkspaceInfo, schema
from models.database import (
    SQLITE_APPLICATION_ID,
    make_engine,
    make_reading_factory,
    make_session_factory,
)
from models.shared_roles import may_write

SQLITE_MAGIC = b"SQLite format 3\x00"
ENV_DB = "RELEASEDESK_DB"
ENV_USER = "RELEASEDESK_USER"
# The audit trail's user column (like every row's created_by/updated_by) holds this many.
USER_NAME_MAX: int = AuditLog.user_name.type.length  # type: ignore[attr-defined]
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


class DatabaseKind(StrEnum):
    LOCAL = "local"  # an SQLite file on this computer
    SHARED = "shared"  # a PostgreSQL server shared by the team


def default_database_path() -> Path:
    """Where the embedded workspace lives when no ``--db`` is given."""
    return Path(platformdirs.user_data_dir("ReleaseDesk", appauthor=False)) / "workspace.db"


def resolve_url(target: str | os.PathLike[str] | None) -> URL:
    """A SQLAlchemy URL from ``--db`` (URL or path), ``$RELEASEDESK_DB`` or the default.

    Raises :class:`WorkspaceLocationError` for a value that names no place a workspace
    can live: a malformed URL, a database kind other than SQLite or PostgreSQL.
    """
    raw = os.fspath(target) if target is not None else os.environ.get(ENV_DB)
    if not raw:
        raw = os.fspath(default_database_path())
    if "://" not in raw:
        try:
            return make_url("sqlite:///" + str(Path(raw).expanduser().resolve()))
        except (OSError, RuntimeError, ValueError) as exc:  # too long, a loop, a NUL byte
            raise WorkspaceLocationError(
                f"'{_short(raw)}' cannot be used as a workspace file: {_reason(exc)}."
            ) from None
    try:
        url = make_url(raw)
        url.port  # noqa: B018  # ":notaport" is only found when the port is read
    except (sa.exc.ArgumentError, ValueError):
        raise WorkspaceLocationError(
            f"'{_short(mask_passwords(raw))}' is not a database URL or a file path."
        ) from None
    if url.get_backend_name() not in SUPPORTED_BACKENDS:
        raise WorkspaceLocationError(
            f"'{url.get_backend_name()}' databases cannot hold a workspace; use a file path "
            "or postgresql+psycopg://USER@HOST/DATABASE."
        )
    if url.get_backend_name() == "sqlite" and url.query:
        # ReleaseDesk sets SQLite's options itself; pysqlite would ignore these with a
        # multi-line warning, or fail on them later.
        raise WorkspaceLocationError(
            f"'{_short(raw)}' has options ({', '.join(url.query)}); a workspace file takes "
            "none: give its path alone."
        )
    if url.get_backend_name() != "sqlite" and not url.database:
        # Without one the server picks the user's default database: never what was meant.
        raise WorkspaceLocationError(
            f"'{_short(mask_passwords(raw))}' names no database; "
            "use postgresql+psycopg://USER@HOST/DATABASE."
        )
    return url


def _short(text: str, limit: int = 80) -> str:
    """A user's value, cut for a one-line message (a 300-character path stays readable)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reason(exc: BaseException) -> str:
    """The first line of what went wrong (messages stay one line)."""
    text = getattr(exc, "strerror", None) or str(exc).strip() or type(exc).__name__
    return text.splitlines()[0].rstrip(".")


def describe(url: URL) -> str:
    """A URL as a coordinator reads it: a file path, or server/database without password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def _sqlite_header(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(100)


def _check_sqlite_file(path: Path, create: bool) -> bool:
    """Refuse foreign files from their header alone; True when the file is new or empty."""
    try:
        fresh = _check_sqlite_header(path, create)
        if fresh:
            mark_new_file(path)
        return fresh
    except (OSError, sqlite3.Error) as exc:  # a name too long, a file as parent, no access
        raise WorkspaceLocationError(
            f"{_short(str(path))} cannot be used as a workspace file: {_reason(exc)}."
        ) from None


def _check_sqlite_header(path: Path, create: bool) -> bool:
    if path.is_dir():
        raise NotAWorkspaceError(f"{path} is a folder, not a ReleaseDesk workspace file.")
    if path.exists() and not path.is_file():
        # A device or a named pipe: reading it could block or never end.
        raise NotAWorkspaceError(f"{path} is not a regular file, not a ReleaseDesk workspace.")
    if not path.exists() or path.stat().st_size == 0:
        return _new_file(path, create)
    header = _sqlite_header(path)
    if not header.startswith(SQLITE_MAGIC):
        raise NotAWorkspaceError(
            f"{path} is not a ReleaseDesk workspace (it is not a database file). "
            "The file was not changed."
        )
    if is_truncated_header(header):
        raise damaged(path, "the file ends inside its header")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id == SQLITE_APPLICATION_ID:
        return False
    # A zero id: our mark may still be in the WAL, or the file has our tables unmarked.
    kind = classify_unmarked(path) if app_id == 0 else FileKind.FOREIGN
    if kind is FileKind.OURS:
        return False
    if kind is FileKind.EMPTY:
        return _new_file(path, create)
    raise NotAWorkspaceError(
        f"{path} is a database of another program, not a ReleaseDesk workspace. "
        "The file was not changed."
    )


def _new_file(path: Path, create: bool) -> bool:
    """True (a workspace may be created here) when asked to create, else Missing."""
    if not create:
        raise WorkspaceMissingError(
            f"There is no workspace at {path}. Create one with "
            f"`releasedesk demo --db {path}` or File → New local workspace."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    return True


def check_user_name(user: str) -> str:
    """``user`` when it fits the columns that record who changed what, else ValidationError.

    Checked here so that SQLite (which ignores lengths) and PostgreSQL (which would
    refuse the first save) give the same answer, before anything is written.
    """
    if len(user) > USER_NAME_MAX:
        raise ValidationError(
            f"A user name can have at most {USER_NAME_MAX} characters; "
            f"'{_short(user, 40)}' has {len(user)}."
        )
    return user


def _backup_sqlite(path: Path, revision: str) -> Path:
    backup = path.with_name(f"{path.name}.before-upgrade-{revision}")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(backup)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return backup


def _connection_error(url: URL, exc: BaseException) -> ConnectionLostError:
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else "no answer"
    if url.get_backend_name() == "sqlite":
        return ConnectionLostError(
            f"The workspace file {describe(url)} cannot be used right now: {reason}"
        )
    return ConnectionLostError(f"Cannot connect to the shared database {describe(url)}: {reason}")


@dataclass(frozen=True)
class WorkspaceSummary:
    """What `releasedesk db info` and the status bar show."""

    name: str
    location: str
    kind: DatabaseKind
    revision: str | None
    head_revision: str
    user: str


class Workspace:
    """An opened database: engine, session factory, current user and kind."""

    def __init__(
        self, url: URL, engine: Engine, user: str, name: str, read_only: bool = False
    ) -> None:
        self.url = url
        self.engine = engine
        self.user = user
        self.name = name
        self.kind = (
            DatabaseKind.LOCAL if url.get_backend_name() == "sqlite" else DatabaseKind.SHARED
        )
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
            fresh = _check_sqlite_file(path, create and not read_only)
            if read_only is None:  # an existing file this user cannot write (or its folder)
                read_only = not fresh and is_read_only(path)
        read_only = bool(read_only and path is not None)
        extra = {"creator": read_only_connector(path)} if read_only and path else {}
        try:
            engine = make_engine(url, **extra)
        except (sa.exc.NoSuchModuleError, ImportError) as exc:  # no driver installed
            raise WorkspaceLocationError(
                f"'{url.drivername}' cannot be used here: its database driver is not "
                f"installed ({_reason(exc)}); use postgresql+psycopg://USER@HOST/DATABASE."
            ) from None
        except (sa.exc.ArgumentError, ValueError, TypeError) as exc:  # "?timeout=abc"
            raise WorkspaceLocationError(
                f"The database URL's options cannot be used: {_reason(exc)}."
            ) from None
        try:
            if not is_sqlite:  # a stakeholder's login: PostgreSQL refuses its writes
                with engine.connect() as conn:
                    read_only = not may_write(conn)
            with reporting_damage(path):
                ws_name = _prepare_schema(engine, url, create, fresh, name, read_only)
        except OperationalError as exc:
            engine.dispose()
            if is_sqlite:
                raise NotAWorkspaceError(f"{describe(url)} cannot be opened: {exc.orig}") from exc
            raise _connection_error(url, exc) from exc
        except DBAPIError as exc:
            engine.dispose()
            if getattr(exc.orig, "sqlstate", None) == "42501":  # a login that may not upgrade
                raise WorkspaceError(
                    f"{describe(url)} needs an upgrade to schema {schema.head_revision()} that "
                    f"your database login may not make ({_reason(exc.orig)}). Ask the "
                    "workspace's owner to run `releasedesk db init-shared`; nothing was changed."
                ) from None
            raise
        except BaseException:
            engine.dispose()
            raise
        return cls(url, engine, user, ws_name, read_only)

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

    def close(self) -> None:
        """Release every connection (the SQLite file can then be copied or moved)."""
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- units of work -------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work that may write: commits on success, rolls back on any error.

        On a local file it takes the write lock as it begins, waiting up to the busy
        timeout for another writer, so a save never fails half-way for a lock. A stale
        save becomes :class:`ConflictError`; a writer that kept the lock too long
        :class:`WorkspaceBusyError`; a lost server :class:`ConnectionLostError` (and
        marks the workspace offline).
        """
        joined = self._joined.get()
        if joined is not None:  # part of a one_transaction: it commits or rolls back
            yield joined
            return
        with self._unit(self.session_factory) as session:
            yield session

    @contextlib.contextmanager
    def one_transaction(self, reason: str) -> Iterator[Session]:
        """Several service writes as ONE unit of work, all or nothing.

        Every :meth:`transaction` opened inside (by any service) joins this one, and
        every audit row it writes records ``reason`` (why the plan changed: "change
        request …"), so the trail shows a request's edits as made for it.
        """
        with self._unit(self.session_factory) as session:
            session.info["reason"] = reason
            token = self._joined.set(session)
            try:
                yield session
            finally:
                self._joined.reset(token)
                session.info.pop("reason", None)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """One unit of work that only reads: it never waits for, nor blocks, a writer.

        Its session refuses to save anything; errors are translated as in
        :meth:`transaction`.
        """
        with self._unit(self.reading_factory) as session:
            yield session

    @contextlib.contextmanager
    def _unit(self, factory: sessionmaker[Session]) -> Iterator[Session]:
        try:
            with factory.begin() as session:
                yield session
        except StaleDataError as exc:
            raise ConflictError("record", "") from exc
        except DBAPIError as exc:
            named = write_error(exc, describe(self.url), local=self.kind == DatabaseKind.LOCAL)
            if named is not None:
                raise named from exc  # busy or crossed writes: still online
            if exc.connection_invalidated or isinstance(exc, OperationalError):
                self.online = False
                raise _connection_error(self.url, exc) from exc
            raise
        else:
            self.online = True

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


def _prepare_schema(
    engine: Engine, url: URL, create: bool, fresh: bool, name: str | None, read_only: bool
) -> str:
    """Create, verify or upgrade the schema; return the workspace name."""
    with engine.connect() as conn:
        revision = schema.current_revision(conn)
        tables = set(sa.inspect(conn).get_table_names())
    if revision is None:
        if tables - {"alembic_version"}:
            raise NotAWorkspaceError(
                f"{describe(url)} holds tables of another program, not a ReleaseDesk workspace."
            )
        if not (create or fresh):
            where = describe(url) if url.get_backend_name() == "sqlite" else url.render_as_string()
            raise WorkspaceMissingError(
                f"{describe(url)} has no ReleaseDesk workspace yet. "
                f"Create it with `releasedesk db upgrade --db {where}`."
            )
        schema.upgrade(engine)
        ws_name = name or _default_name(url)
        with engine.begin() as conn:
            conn.execute(
                sa.insert(WorkspaceInfo),
                [{"key": "name", "value": ws_name}, {"key": "created_at", "value": _now()}],
            )
        if engine.dialect.name == "sqlite":
            # The file was marked before WAL began (or now, in memory); the checkpoint
            # leaves one complete file for a copy or another process.
            ensure_marked(engine)
            checkpoint(engine)
        return ws_name
    if revision not in schema.known_revisions():
        raise NewerWorkspaceError(
            f"{describe(url)} was written by a newer ReleaseDesk (schema {revision}). "
            "Update ReleaseDesk to open it; nothing was changed."
        )
    if read_only and revision != schema.head_revision():
        raise ReadOnlyWorkspaceError(
            f"{describe(url)} is read-only and needs an upgrade to schema "
            f"{schema.head_revision()} (it is at {revision}); "
            + (
                "open it once where it can be written, or copy it to a folder you can write to."
                if url.get_backend_name() == "sqlite"
                else "ask the workspace's owner to run `releasedesk db init-shared`."
            )
            + " Nothing was changed."
        )
    if engine.dialect.name == "sqlite" and not read_only:
        ensure_marked(engine)  # a workspace whose file lost (or never got) its mark
    if revision != schema.head_revision():
        if engine.dialect.name == "sqlite" and url.database:
            _backup_sqlite(Path(url.database), revision)
        try:
            schema.upgrade(engine)
        except schema.MigrationCheckError as exc:
            raise DamagedWorkspaceError(f"{describe(url)} cannot be upgraded: {exc}") from None
    with engine.connect() as conn:
        stored = conn.scalar(sa.select(WorkspaceInfo.value).where(WorkspaceInfo.key == "name"))
    return stored or _default_name(url)


def _default_name(url: URL) -> str:
    if url.get_backend_name() == "sqlite" and url.database:
        return Path(url.database).stem
    return url.database or "workspace"


def _now() -> str:
    return clock.now().isoformat(timespec="seconds")
