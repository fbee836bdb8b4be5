"""Rewriting the audit trail behind ReleaseDesk's back, as a test of what catches it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import sqlalchemy as sa


@contextlib.contextmanager
def forging(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction free to change or delete audit rows.

    On PostgreSQL the audit tables' triggers refuse that to every login; a superuser
    (the tests' ``postgres``) can switch triggers off for one transaction, as only a
    database administrator could.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SET LOCAL session_replication_role = replica"))
        yield conn
