"""Bulk inserts through the audited write path: Core ``executemany``, one audit row per row.

The ORM flush audits every changed field as its own row, which is right for a
coordinator's edits but makes an import of 100,000 tasks write two million audit rows.
A bulk insert instead writes, in the same transaction and the same hash chain, one
``insert`` audit row per inserted row whose ``new_value`` holds all of the row's audited
fields as canonical JSON (sorted keys, no spaces, values as the per-field rows would
show them). The row hash covers that text, so changing any one field of the JSON breaks
the chain exactly as editing a per-field row does.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any

from sqlalchemy.orm import Session

from models.audit import (
    UNAUDITED,
    AuditLog,
    audit_text,
    chain_tail,
    database_login,
    row_digest,
    save_chain_head,
)
from models.base import Entity, utcnow
from models.fast_insert import RowInserter

CHUNK = 5000
"""Rows per ``executemany``: large enough to amortise a round trip, small enough that
one chunk's parameters and audit rows stay a few megabytes."""

_AUDIT_KEYS = ("seq", "entity_id", "new_value", "prev_hash", "row_hash")  # the rest: common
_NOT_SHOWN = UNAUDITED | {"id"}  # the id is the audit row's entity_id
_FIELDS_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

Progress = Callable[[int], None]
"""Called with the number of rows written so far, after each chunk."""


def bulk_fields_json(fields: dict[str, Any]) -> str:
    """The canonical JSON of a bulk audit row: audited, non-empty fields only."""
    return _fields_json(fields, sorted(key for key in fields if key not in _NOT_SHOWN))


def _fields_json(fields: dict[str, Any], keys: Sequence[str]) -> str:
    """:func:`bulk_fields_json` with the audited keys sorted once for many rows."""
    shown = {}
    for key in keys:
        value = fields[key]
        if value is not None:
            text = audit_text(value)
            if text:
                shown[key] = text
    return _FIELDS_JSON.encode(shown)  # keys already in order: the same text as sort_keys


def insert_audited(
    session: Session,
    model: type[Entity],
    rows: Sequence[dict[str, Any]],
    *,
    progress: Progress | None = None,
) -> None:
    """Insert ``rows`` (column values by attribute name) of ``model`` and audit them.

    Runs on the session's connection, inside its transaction: pending ORM objects are
    flushed (and audited) first, so the chain stays in the order things happened.
    Every row gets a new ``id`` unless it has one, version 1 and the audit stamps.
    All rows must have the same keys (one ``executemany`` statement).
    """
    if not rows:
        return
    session.flush()
    conn = session.connection()
    user = session.info.get("user", "")
    now = utcnow()
    entity = model.__tablename__
    stamp = {"version": 1, "created_at": now, "created_by": user, "updated_at": now,
             "updated_by": user, "deleted_at": None}
    defaults = _missing_defaults(model, rows[0].keys() | stamp.keys())
    seq, prev = chain_tail(conn)
    keys = rows[0].keys() | defaults.keys() | {"id"}
    insert_rows = RowInserter(conn, model.__table__, sorted(keys), constants=stamp)
    common = {"at": now, "user_name": user, "action": "insert", "entity": entity, "field": "",
              "old_value": None, "db_login": database_login(conn)}
    insert_audit = RowInserter(conn, AuditLog.__table__, _AUDIT_KEYS, constants=common)
    shown = sorted(key for key in keys if key not in _NOT_SHOWN)
    done = 0
    for chunk in _chunks(rows):
        values = [{**row, **defaults} for row in chunk] if defaults else list(chunk)
        if "id" not in chunk[0]:
            values = [dict(row) for row in values] if not defaults else values
            for row, new_id in zip(values, ascending_ids(len(values)), strict=True):
                row["id"] = new_id
        insert_rows.insert(values)
        audit = []
        for row in values:
            seq += 1
            record = {**common, "seq": seq, "entity_id": str(row["id"]),
                      "new_value": _fields_json(row, shown)}
            record["prev_hash"] = prev
            record["row_hash"] = prev = row_digest(prev, record)
            audit.append(record)
        insert_audit.insert(audit)
        done += len(values)
        if progress is not None:
            progress(done)
    save_chain_head(conn, seq, prev)


def ascending_ids(count: int) -> list[uuid.UUID]:
    """``count`` new random (version 4) UUIDs in ascending order.

    Rows written in this order append to the primary key index, the audit trail's
    entity index and (for links between neighbouring tasks) the foreign key indexes,
    instead of landing on random pages of each: on SQLite, inserting 150,000 links
    with random ids spent most of its time moving between index pages.
    """
    return [uuid.UUID(bytes=raw, version=4) for raw in sorted(
        os.urandom(16) for _ in range(count)
    )]


def _missing_defaults(model: type[Entity], given: Collection[str]) -> dict[str, Any]:
    """Column defaults the rows leave out, filled in here so the audit shows them too."""
    out: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.key in given or column.key == "id":
            continue
        default = column.default
        if default is not None and default.is_scalar:
            out[column.key] = default.arg
        elif default is not None or (not column.nullable and column.server_default is None):
            raise ValueError(f"bulk rows of {model.__tablename__} need a value for {column.key}")
    return out


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]
