"""Each kind of database failure gets the name it deserves: busy, crossed writes, or
(by falling through) a lost connection."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from app.db_errors import write_error
from app.errors import ConflictError, WorkspaceBusyError


class _PgError(Exception):
    """Stands in for a psycopg error: what matters is its SQLSTATE."""

    def __init__(self, sqlstate: str, text: str) -> None:
        super().__init__(text)
        self.sqlstate = sqlstate


def _sqlite_error(text: str, code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(text)
    error.sqlite_errorcode = code
    return error


CASES = [
    (_sqlite_error("database is locked", 5), True, WorkspaceBusyError),
    (_sqlite_error("database table is locked", 6), True, WorkspaceBusyError),
    (_sqlite_error("database is locked", 517), True, WorkspaceBusyError),  # BUSY_SNAPSHOT
    (_sqlite_error("unable to open database file", 14), True, None),
    (_sqlite_error("disk I/O error", 10), True, None),
    (_PgError("40P01", "deadlock detected"), False, ConflictError),
    (_PgError("40001", "could not serialize access"), False, ConflictError),
    (_PgError("55P03", "canceling statement due to lock timeout"), False, WorkspaceBusyError),
    (_PgError("08006", "server closed the connection unexpectedly"), False, None),
    (_PgError("57P01", "terminating connection due to administrator command"), False, None),
]


@pytest.mark.parametrize(
    ("orig", "local", "expected"), CASES, ids=[str(c[0]) + str(c[1]) for c in CASES]
)
def test_each_failure_is_named_for_what_it_is(
    orig: Exception, local: bool, expected: type | None
) -> None:
    error = write_error(sa.exc.OperationalError("UPDATE x", {}, orig), "team.db", local=local)
    assert type(error) is (expected or type(None))
    if expected is WorkspaceBusyError:
        assert "busy" in str(error) and "try again" in str(error)
