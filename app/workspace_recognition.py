"""Recognising a workspace file before opening it, and bringing its schema up to date.

A coordinator may point us at the wrong file: anything that is not a ReleaseDesk
database is refused *before* SQLite writes to it (we read the file header ourselves, and
ask SQLite read-only about a file without our mark; see :mod:`app.workspace_file`), a
database from a newer ReleaseDesk is refused, an older one is upgraded after a backup
copy is taken, and a damaged one is named as such.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine

from app import clock
from app.errors import (
    DamagedWorkspaceError,
    NewerWorkspaceError,
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    WorkspaceLocationError,
    WorkspaceMissingError,
)
from app.workspace_file import (
    FileKind,
    checkpoint,
    classify_unmarked,
    damaged,
    ensure_marked,
    is_truncated_header,
    mark_new_file,
)
from app.workspace_location import describe, reason, short
from models import WorkspaceInfo, schema
from models.database import SQLITE_APPLICATION_ID

SQLITE_MAGIC = b"SQLite format 3\x00"


def _sqlite_header(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(100)


def check_sqlite_file(path: Path, create: bool) -> bool:
    """Refuse foreign files from their header alone; True when the file is new or empty."""
    try:
        fresh = _check_sqlite_header(path, create)
        if fresh:
            mark_new_file(path)
        return fresh
    except (OSError, sqlite3.Error) as exc:  # a name too long, a file as parent, no access
        raise WorkspaceLocationError(
            f"{short(str(path))} cannot be used as a workspace file: {reason(exc)}."
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


def prepare_schema(
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
