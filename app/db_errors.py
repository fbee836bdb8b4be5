"""Database errors told apart by what they mean for a coordinator.

A driver reports a busy SQLite file, a PostgreSQL deadlock and a dropped server all as
``OperationalError``; only the last one means the workspace is gone. This module names
the other two before the workspace falls back to "connection lost":

- *busy*: another writer held the lock longer than we wait (SQLite's busy timeout,
  PostgreSQL's ``lock_timeout``) → :class:`WorkspaceBusyError`, try again;
- *crossed writes*: PostgreSQL chose our transaction as a deadlock's or a serialisation
  failure's victim → :class:`ConflictError`, as a stale version is: nothing was
  written, reload or keep yours;
- *not allowed*: PostgreSQL refused our login the table (a stakeholder, or a change to
  the append-only audit trail) → :class:`ReadOnlyWorkspaceError`.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from app.errors import (
    ConflictError,
    ReadOnlyWorkspaceError,
    ReleaseDeskError,
    WorkspaceBusyError,
)
from models import database

_SQLITE_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED (primary codes)
_SQLITE_BUSY_TEXT = ("database is locked", "database table is locked", "database is busy")
_PG_CROSSED = {"40001", "40P01"}  # serialization_failure, deadlock_detected
_PG_BUSY = {"55P03"}  # lock_not_available (lock_timeout, NOWAIT)
_PG_NOT_ALLOWED = "42501"  # insufficient_privilege (grants, the audit triggers)


def is_busy(exc: DBAPIError) -> bool:
    """True when the database refused us only because another writer held a lock."""
    orig = exc.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _SQLITE_BUSY_CODES
    if getattr(orig, "sqlstate", None) in _PG_BUSY:
        return True
    text = str(orig).lower()
    return getattr(orig, "sqlstate", None) is None and any(t in text for t in _SQLITE_BUSY_TEXT)


def is_crossed_write(exc: DBAPIError) -> bool:
    """True when PostgreSQL rolled us back to let a concurrent transaction through."""
    return getattr(exc.orig, "sqlstate", None) in _PG_CROSSED


def write_error(exc: DBAPIError, where: str, *, local: bool) -> ReleaseDeskError | None:
    """The domain error for a busy or crossed-write failure, or None for anything else.

    ``where`` names the workspace as a coordinator knows it; ``local`` is True for a
    SQLite file (whose lock is held by another program on this computer).
    """
    if is_busy(exc):
        if local:
            waited = database.SQLITE_BUSY_TIMEOUT_MS / 1000
            return WorkspaceBusyError(
                f"The workspace file {where} is busy: another ReleaseDesk or program kept "
                f"it locked for over {waited:g} s. Nothing was changed; try again in a "
                "moment."
            )
        return WorkspaceBusyError(
            f"The shared database {where} is busy: a colleague's change holds the same "
            "records. Nothing was changed; try again in a moment."
        )
    if is_crossed_write(exc):
        return ConflictError("record", "")
    if getattr(exc.orig, "sqlstate", None) == _PG_NOT_ALLOWED:
        reason = str(exc.orig).strip().splitlines()[0]
        return ReadOnlyWorkspaceError(
            f"The shared database {where} refused the change ({reason}): your login may "
            "not make it. Nothing was changed."
        )
    return None
