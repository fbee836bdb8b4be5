"""The append-only, hash-chained audit trail.

Every flush writes one ``audit_log`` row per changed field of every entity, in the same
transaction as the change itself; a bulk insert (:mod:`models.bulk_audit`) writes one
row per inserted row instead, its fields as canonical JSON, in the same chain. Each
row's ``row_hash`` covers its content and the previous row's hash, and ``audit_head``
keeps the hash and sequence of the last row, so editing, deleting or re-ordering any
audit row (the last one included) breaks the chain and :func:`verify_audit_chain`
reports the first broken row.

Each row also records the database login that wrote it (``db_login``): on PostgreSQL the
server's ``session_user``, which a trigger sets whatever the client sends, so ``--user``
can name the author shown but not the login behind it; SQLite has no logins (NULL).
The hash covers the login when there is one, so rows written before the column existed
keep their hashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from models.base import Base, Entity, entity_tables, utcnow

GENESIS = "0" * 64
# Columns that change on every write and would only add noise to the trail.
UNAUDITED = frozenset({"version", "updated_at", "updated_by", "created_at", "created_by"})
# json.dumps(content, ensure_ascii=False, separators=(",", ":")), made once, not per row
_DIGEST_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# Any constant works; serialising chain extension through one lock is what matters.
_PG_AUDIT_LOCK = 0x52444B41


class AuditLog(Base):
    """One changed field (or an insert/delete marker) of one entity."""

    __tablename__ = "audit_log"
    # The history views read the newest rows first, of everyone, of one user, of one
    # kind of entity or of some entities (a release's): each of these indexes serves one
    # of them a page at a time. The entity index also finds one row's trail.
    __table_args__ = (
        sa.Index("ix_audit_log_entity_id_at_seq", "entity_id", "at", "seq"),
        sa.Index("ix_audit_log_at_seq", "at", "seq"),
        sa.Index("ix_audit_log_user_at_seq", "user_name", "at", "seq"),
        sa.Index("ix_audit_log_entity_at_seq", "entity", "at", "seq"),
    )

    seq: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime]
    user_name: Mapped[str] = mapped_column(sa.String(120))
    action: Mapped[str] = mapped_column(sa.String(8))  # insert | update | delete
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[str] = mapped_column(sa.String(36))
    field: Mapped[str] = mapped_column(sa.String(60), default="")
    old_value: Mapped[str | None] = mapped_column(sa.Text, default=None)
    new_value: Mapped[str | None] = mapped_column(sa.Text, default=None)
    db_login: Mapped[str | None] = mapped_column(sa.String(120), default=None)
    # Why the write was made when it was not a plain edit ("change request 'title'"):
    # set by :meth:`app.workspace.Workspace.one_transaction`, ``None`` otherwise.
    reason: Mapped[str | None] = mapped_column(sa.Text, default=None)
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    row_hash: Mapped[str] = mapped_column(sa.String(64))


class AuditHead(Base):
    """The single row that remembers the end of the chain (catches deleted tail rows)."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(sa.Integer)
    last_hash: Mapped[str] = mapped_column(sa.String(64))


def audit_text(value: Any) -> str | None:
    """A column value as the audit trail shows it (ISO dates, enum values, plain text)."""
    if value is None:
        return None
    kind = type(value)  # exact types first: a bulk import converts millions of values
    if kind is str:
        return value
    if kind is int or kind is float or kind is bool or kind is uuid.UUID:
        return str(value)
    if kind is dt.datetime:
        return value.isoformat()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "value"):  # enums store their value
        return str(value.value)
    return str(value)


def row_digest(prev_hash: str, row: dict[str, Any]) -> str:
    """The SHA-256 of an audit row's content chained to the previous row's hash."""
    content = [
        row["seq"],
        audit_text(row["at"]),
        row["user_name"],
        row["action"],
        row["entity"],
        row["entity_id"],
        row["field"],
        row["old_value"],
        row["new_value"],
    ]
    if row.get("db_login") is not None:
        content.append(row["db_login"])
    if row.get("reason") is not None:  # tagged: rows written before it stay verifiable
        content.append(["reason", row["reason"]])
    payload = prev_hash + _DIGEST_JSON.encode(content)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _changes(session: Session) -> list[tuple[str, Entity, str, str | None, str | None]]:
    """(action, entity, field, old, new) for everything this flush writes."""
    out: list[tuple[str, Entity, str, str | None, str | None]] = []
    for obj in session.new:
        if isinstance(obj, Entity):
            out.append(("insert", obj, "", None, None))
            for attr in inspect(obj).mapper.column_attrs:
                if attr.key not in UNAUDITED and attr.key != "id":
                    value = audit_text(getattr(obj, attr.key))
                    if value not in (None, ""):
                        out.append(("insert", obj, attr.key, None, value))
    for obj in session.dirty:
        if not isinstance(obj, Entity) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if attr.key in UNAUDITED:
                continue
            hist = state.attrs[attr.key].history
            if hist.has_changes():
                old = audit_text(hist.deleted[0]) if hist.deleted else None
                new = audit_text(hist.added[0]) if hist.added else None
                if old != new:
                    action = "delete" if attr.key == "deleted_at" and new else "update"
                    out.append((action, obj, attr.key, old, new))
    for obj in session.deleted:
        if isinstance(obj, Entity):
            out.append(("delete", obj, "", None, None))
    return out


def chain_tail(conn: Connection) -> tuple[int, str]:
    """The last sequence number and hash of the chain, locked for this transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
    head = conn.execute(sa.select(AuditHead.last_seq, AuditHead.last_hash)).first()
    return (head.last_seq, head.last_hash) if head else (0, GENESIS)


def database_login(conn: Connection) -> str | None:
    """The login this connection is signed in with (PostgreSQL), ``None`` on SQLite.

    Asked once per database connection: a session's login never changes.
    """
    if conn.dialect.name != "postgresql":
        return None
    info = conn.connection.info
    if "session_user" not in info:
        info["session_user"] = conn.execute(sa.text("SELECT session_user")).scalar_one()
    return info["session_user"]


def _stamp(session: Session, _ctx: Any, _instances: Any) -> None:
    user = session.info.get("user", "")
    now = utcnow()
    for obj in session.new:
        if isinstance(obj, Entity):
            obj.created_by = obj.created_by or user
            obj.updated_by = user
            obj.created_at = obj.created_at or now
            obj.updated_at = now
    for obj in session.dirty:
        if isinstance(obj, Entity) and session.is_modified(obj):
            obj.updated_by = user
            obj.updated_at = now


def _write_audit(session: Session, _ctx: Any) -> None:
    changes = _changes(session)
    if not changes:
        return
    conn = session.connection()
    seq, prev = chain_tail(conn)
    user = session.info.get("user", "")
    login = database_login(conn)
    reason = session.info.get("reason")
    now = utcnow()
    rows = []
    for action, obj, field, old, new in changes:
        seq += 1
        row = {
            "seq": seq,
            "at": now,
            "user_name": user,
            "action": action,
            "entity": obj.__tablename__,
            "entity_id": str(obj.id),
            "field": field,
            "old_value": old,
            "new_value": new,
            "db_login": login,
            "reason": reason,
        }
        row["prev_hash"] = prev
        row["row_hash"] = prev = row_digest(prev, row)
        rows.append(row)
    conn.execute(sa.insert(AuditLog), rows)
    save_chain_head(conn, seq, prev)


def save_chain_head(conn: Connection, seq: int, last_hash: str) -> None:
    """Remember the new end of the chain (the row is created by the first audited write)."""
    updated = conn.execute(
        sa.update(AuditHead).where(AuditHead.id == 1).values(last_seq=seq, last_hash=last_hash)
    )
    if updated.rowcount == 0:
        conn.execute(sa.insert(AuditHead).values(id=1, last_seq=seq, last_hash=last_hash))


class UnauditedWriteError(RuntimeError):
    """A Core-level INSERT, UPDATE or DELETE of audited rows, which no flush would audit."""


def _refuse_unaudited(state: ORMExecuteState) -> None:
    """Only flushes and :func:`models.bulk_audit.insert_audited` write audited rows.

    ``session.execute(insert(Task), ...)`` (or an UPDATE or DELETE statement) goes past
    the flush and so past the trail; it is refused before anything is written.
    """
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = state.statement.table  # type: ignore[attr-defined]
    if table.name in {t.name for t in entity_tables()}:
        raise UnauditedWriteError(
            f"a plain {table.name} write would escape the audit trail; "
            "change rows through the session, or insert them with insert_audited"
        )


def install_audit_hooks(session_class: type[Session]) -> None:
    """Stamp and audit every flush of sessions made from ``session_class``; refuse
    Core-level writes of audited rows through them."""
    if not event.contains(session_class, "before_flush", _stamp):
        event.listen(session_class, "before_flush", _stamp)
        event.listen(session_class, "after_flush", _write_audit)
        event.listen(session_class, "do_orm_execute", _refuse_unaudited)


@dataclass(frozen=True)
class AuditBreak:
    """Where the audit chain is broken and why."""

    seq: int
    reason: str


def verify_audit_chain(conn: Connection, batch: int = 5000) -> AuditBreak | None:
    """Walk the whole chain; return the first broken row, or ``None`` when it is sound."""
    query = sa.select(*AuditLog.__table__.c).order_by(AuditLog.seq)
    result = conn.execute(query.execution_options(yield_per=batch))
    try:
        broken, last, prev = _walk(result.mappings())
    finally:
        result.close()  # a server-side cursor must not outlive an early return
    if broken is not None:
        return broken
    head = conn.execute(sa.select(AuditHead.last_seq, AuditHead.last_hash)).first()
    if head is None:
        return None if last == 0 else AuditBreak(last, "chain head record is missing")
    if head.last_seq != last or head.last_hash != prev:
        return AuditBreak(last + 1, "rows at the end of the trail were removed")
    return None


def _walk(rows: Iterable[Mapping[str, Any]]) -> tuple[AuditBreak | None, int, str]:
    prev, last = GENESIS, 0
    for row in rows:
        if row["seq"] != last + 1:
            return AuditBreak(last + 1, "audit row is missing (deleted)"), last, prev
        if row["prev_hash"] != prev:
            return AuditBreak(row["seq"], "does not follow the previous row"), last, prev
        if row_digest(prev, dict(row)) != row["row_hash"]:
            return AuditBreak(row["seq"], "content was changed after it was written"), last, prev
        prev, last = row["row_hash"], row["seq"]
    return None, last, prev
