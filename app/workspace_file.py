"""A workspace's SQLite file: telling ours from others', creating it, naming damage.

ReleaseDesk marks its files with an application id in the 100-byte file header
(:data:`models.database.SQLITE_APPLICATION_ID`), so that a foreign file is refused
before SQLite writes anything. The mark alone is not enough, though:

- a workspace written in WAL mode keeps its newest pages, the header page too, in the
  ``-wal`` file until a checkpoint, so a file whose creator crashed (or is still
  running) shows a zero id in the main file while SQLite itself reads ours;
- a file created by something else that copies our tables (a backup tool, an older
  ReleaseDesk that crashed before its first checkpoint) has our tables and no mark.

Files with a zero id are therefore asked, read-only, what SQLite sees in them. A new
file gets its mark *before* it switches to WAL, so that it is readable from the
header the moment it exists.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from app.errors import DamagedWorkspaceError, NotAWorkspaceError
from models.database import SQLITE_APPLICATION_ID

HEADER_SIZE = 100
# Tables that only a ReleaseDesk schema has together (with a revision in alembic_version).
OUR_TABLES = frozenset({"alembic_version", "release", "task", "audit_log"})
# SQLite's primary result codes for a file whose contents are not a sound database.
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


class FileKind(Enum):
    """What a SQLite file whose header carries no mark of ours turned out to be."""

    OURS = "ours"  # a workspace: the mark is in the WAL, or our tables are there
    EMPTY = "empty"  # a database without a single table: as good as a new file
    FOREIGN = "foreign"


def classify_unmarked(path: Path) -> FileKind:
    """Ask SQLite, read-only, what a file with a zero application id holds."""
    try:
        # Read-only, and without -wal/-shm files left beside someone else's database.
        conn = read_only_connector(path)()
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from None
    finally:
        conn.close()
    if app_id == SQLITE_APPLICATION_ID or tables >= OUR_TABLES:
        return FileKind.OURS
    return FileKind.EMPTY if not tables and app_id == 0 else FileKind.FOREIGN


def _unreadable(path: Path, exc: sqlite3.Error) -> Exception:
    if _is_damage(exc):
        return damaged(path, str(exc))
    return NotAWorkspaceError(f"{path} cannot be opened: {str(exc).strip()}.")


def mark_new_file(path: Path) -> None:
    """Write our application id into a new (empty) file's header, before WAL starts.

    In the default rollback-journal mode the header page goes straight into the main
    file, so any process reading the header sees a workspace from now on, even if we
    crash before the first checkpoint.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id={SQLITE_APPLICATION_ID}")
    finally:
        conn.close()


def ensure_marked(engine: Engine) -> None:
    """Give an unmarked workspace its id, and put the id in the main file's header.

    A checkpoint copies the header page out of the WAL; if readers hold it back the id
    still reaches the file at the next checkpoint, and SQLite reads it meanwhile.
    """
    with _autocommit(engine) as conn:
        if conn.execute("PRAGMA application_id").fetchone()[0] == SQLITE_APPLICATION_ID:
            return
        conn.execute(f"PRAGMA application_id={SQLITE_APPLICATION_ID}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def checkpoint(engine: Engine) -> None:
    """Copy the WAL into the main file (after creating a workspace: one complete file)."""
    with _autocommit(engine) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@contextlib.contextmanager
def _autocommit(engine: Engine) -> Iterator[sqlite3.Connection]:
    # The driver's own connection (autocommit: see models.database), because a
    # checkpoint cannot run inside the transaction SQLAlchemy would begin.
    raw = engine.raw_connection()
    try:
        yield raw.driver_connection  # type: ignore[misc]
    finally:
        raw.close()


def _is_damage(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)


def damage_reason(exc: BaseException) -> str | None:
    """SQLite's words when ``exc`` (or the driver error inside it) means a damaged file."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, sqlite3.Error) and _is_damage(orig):
        return str(orig).strip().splitlines()[0]
    return None


def damaged(path: Path, reason: str) -> DamagedWorkspaceError:
    """The one-line error for a damaged file, naming the backup to restore if there is one."""
    backups = sorted(path.parent.glob(f"{_glob_escape(path.name)}.before-upgrade-*"))
    if backups:
        restore = f"restore the copy taken before the last upgrade ({backups[-1]})"
    else:
        restore = (
            f"restore your latest copy of it (an upgrade leaves {path.name}.before-upgrade-"
            "REVISION beside it)"
        )
    return DamagedWorkspaceError(
        f"{path} is damaged ({reason.rstrip('.')}); nothing was changed. To go on, {restore}."
    )


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


@contextlib.contextmanager
def reporting_damage(path: Path | None) -> Iterator[None]:
    """Turn SQLite's "malformed"/"not a database" errors into :class:`DamagedWorkspaceError`."""
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        reason = damage_reason(exc)
        if reason is None or path is None:
            raise
        raise damaged(path, reason) from exc


def is_truncated_header(header: bytes) -> bool:
    """A file that starts like SQLite but ends inside the header: cut short, not foreign."""
    return len(header) < HEADER_SIZE


def is_read_only(path: Path) -> bool:
    """True when this user cannot write the file, or cannot make its -wal/-shm beside it."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return not os.access(path, os.W_OK) or not folder_ok


def read_only_connector(path: Path) -> Callable[[], sqlite3.Connection]:
    """How to connect to a workspace this user cannot write: SQLite's read-only modes.

    With a -wal file beside it, someone may be writing (or crashed while writing): read
    through it (``mode=ro``). Without one, nobody can be writing a file that this folder
    or file does not let be written, so the file is read as it is (``immutable``), which
    needs no -shm file in a folder where none can be made.
    """
    wal = path.with_name(path.name + "-wal")
    query = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    uri = f"{path.resolve().as_uri()}?{query}"
    # Our engines own transactions (see models.database), as with a read-write file.
    return lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
