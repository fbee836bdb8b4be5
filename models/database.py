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
# Execution option of an engine or connection whose transactions may write: on SQLite
# they take the write lock as they begin (see _sqlite_begin). Plain engine connections
# (opening, `db info`, `db check`) begin deferred, as reads should.
WRITES = "releasedesk_writes"


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
    #
    # A transaction that may write takes the write lock at once (IMMEDIATE): waiting
    # for it is what the busy timeout does. A deferred one that reads first (every save
    # reads the version it checks) and writes later cannot wait: if another connection
    # committed since its read, SQLite refuses the upgrade at once, "database is
    # locked", whatever the timeout. Reads begin deferred and, with WAL, never wait.
    writes = conn.get_execution_options().get(WRITES, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


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


class ReadingSession(Session):
    """A session for a unit of work that only reads: it refuses to write anything.

    Its transactions do not take SQLite's write lock, so a change made here could meet
    a colleague's save and fail; refusing it outright makes such a slip a bug found in
    testing, never a "database is locked" at a coordinator's desk.
    """


@event.listens_for(ReadingSession, "before_flush")
def _refuse_writes(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.deleted or any(session.is_modified(o) for o in session.dirty):
        raise RuntimeError("a reading transaction tried to save changes")


def writing(engine: Engine) -> Engine:
    """``engine`` (sharing its pool) for transactions that may write: see :data:`WRITES`."""
    return engine.execution_options(**{WRITES: True})


def make_session_factory(engine: Engine, user: str) -> sessionmaker[AuditedSession]:
    """Sessions that record ``user`` as the author of every change.

    Their transactions may write, so on SQLite each takes the write lock as it begins.
    """
    return sessionmaker(
        bind=writing(engine), class_=AuditedSession, expire_on_commit=False,
        info={"user": user},
    )


def make_reading_factory(engine: Engine, user: str) -> sessionmaker[ReadingSession]:
    """Sessions for reads only: their transactions never take the write lock."""
    return sessionmaker(
        bind=engine,
        class_=ReadingSession,
        expire_on_commit=False,
        info={"user": user},
    )
