"""Engines and sessions for the local SQLite file and the shared PostgreSQL server."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from models.audit import install_audit_hooks

SQLITE_BUSY_TIMEOUT_MS = 10_000
SQLITE_APPLICATION_ID = 0x52444553  # "RDES": marks our files for `file(1)` and for us


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Durability first: a coordinator's plan must survive a power cut (synchronous=FULL),
    # readers never block the writer (WAL), and foreign keys are enforced.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    # pysqlite's own transaction handling defers BEGIN; emit it ourselves so a
    # transaction really starts where SQLAlchemy says it does.
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for a SQLAlchemy URL, with our SQLite settings where they apply."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        engine = sa.create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        # Let SQLAlchemy own transactions (see the SQLAlchemy "pysqlite" docs).
        event.listen(
            engine, "connect", lambda c, _r: setattr(c, "isolation_level", None)
        )
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("connect_timeout", 5)
    return sa.create_engine(url, connect_args=connect_args, **kwargs)


class AuditedSession(Session):
    """A session whose flushes stamp rows and write the audit trail."""


install_audit_hooks(AuditedSession)


def make_session_factory(engine: Engine, user: str) -> sessionmaker[AuditedSession]:
    """Sessions that record ``user`` as the author of every change."""
    return sessionmaker(
        bind=engine, class_=AuditedSession, expire_on_commit=False, info={"user": user}
    )
