"""Replaying the audit trail: every live row must hold what its trail says it holds.

The chain (:func:`models.audit.verify_audit_chain`) proves that nobody rewrote the
trail; it cannot see a row edited, inserted or deleted in a table *around* the trail.
Folding the trail in order gives, for every (table, id), the values it should have:
an ``insert`` marker starts a row (a bulk insert's ``new_value`` holds all its fields
as canonical JSON, see :mod:`models.bulk_audit`), field rows set one field (``update``,
the ORM's per-field ``insert`` rows, and the soft delete's ``deleted_at``), a ``delete``
marker without a field removes the row. Comparing that with the tables finds every
difference, by table, id and field.

Fast on a large trail: the trail and the tables are streamed with Core selects, the
tables' values as the driver returns them (SQLite stores most as the very text the
trail shows); a bulk-inserted row nobody changed since is compared with its JSON in
one step; only a difference is looked at field by field, with values normalised by
column type, so that how a value was written (an int into a float column, an aware
moment, ``""`` for nothing) never raises a false alarm.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from models.audit import UNAUDITED, AuditLog, audit_text
from models.base import entity_tables

BATCH = 20_000
_GONE = "\0gone"  # a row the trail deleted (not a JSON text: those start with "{")
_NEVER_INSERTED = (
    "row exists but the audit trail never inserted it (written behind ReleaseDesk's back)"
)
_RESTORED = "row exists but the audit trail deleted it (restored behind ReleaseDesk's back)"
_MISSING = "row is missing from the table (deleted behind ReleaseDesk's back)"


@dataclass(frozen=True)
class Difference:
    """One place where a table and its audit trail disagree."""

    entity: str
    entity_id: str
    field: str  # "" when the whole row is concerned
    table_value: str | None = None
    trail_value: str | None = None
    problem: str = ""

    def __str__(self) -> str:
        where = f"{self.entity} {self.entity_id}"
        if self.field:
            return (
                f"{where}: field {self.field} is {_shown(self.table_value)} in the table "
                f"but {_shown(self.trail_value)} in the audit trail"
            )
        return f"{where}: {self.problem}"


def replay_differences(conn: Connection, limit: int = 20) -> tuple[list[Difference], int]:
    """The first ``limit`` differences between the tables and the trail, and how many."""
    expected, uninserted = _fold(conn)
    found: list[Difference] = []
    total = 0
    for table in entity_tables():
        for difference in _compare(conn, table, expected.pop(table.name, {}), uninserted):
            total += 1
            if len(found) < limit:
                found.append(difference)
    return found, total


def _fold(conn: Connection) -> tuple[dict[str, dict[str, Any]], set[tuple[str, str]]]:
    """Per table, per id: a bulk row's JSON text, a dict of field texts, or ``_GONE``;
    and the rows the trail changed without having inserted them."""
    expected: dict[str, dict[str, Any]] = {}
    uninserted: set[tuple[str, str]] = set()
    log = AuditLog.__table__.c
    query = sa.select(log.action, log.entity, log.entity_id, log.field, log.new_value)
    result = conn.execute(query.order_by(log.seq).execution_options(yield_per=BATCH))
    try:
        for action, entity, entity_id, field, new in result:
            rows = expected.get(entity)
            if rows is None:
                rows = expected[entity] = {}
            if not field:
                if action == "insert":
                    rows[entity_id] = new if new is not None else {}
                elif action == "delete":
                    rows[entity_id] = _GONE
                continue
            current = rows.get(entity_id)
            if current.__class__ is str:
                current = rows[entity_id] = (
                    {} if current is _GONE else json.loads(current)  # type: ignore[arg-type]
                )
            elif current is None:
                current = rows[entity_id] = {}
                uninserted.add((entity, entity_id))
            current[field] = new
    finally:
        result.close()  # a server-side cursor must not outlive an error
    return expected, uninserted


def _compare(
    conn: Connection,
    table: sa.Table,
    expected: dict[str, Any],
    uninserted: set[tuple[str, str]],
) -> Iterator[Difference]:
    name = table.name
    keys = sorted(c.key for c in table.c if c.key not in UNAUDITED and c.key != "id")
    columns = [table.c[k] for k in keys]
    same = [_equivalence(c) for c in columns]
    dialect = conn.dialect.name
    key_text = _dashed if dialect == "sqlite" else str
    texts = [_stored_text(c, dialect) for c in columns]
    raw = [sa.type_coerce(c, sa.types.NullType()).label(c.key) for c in (table.c.id, *columns)]
    result = conn.execute(sa.select(*raw).execution_options(yield_per=BATCH))
    try:
        for row in result:
            entity_id = key_text(row[0])
            want = expected.pop(entity_id, None)
            if want is None or (name, entity_id) in uninserted:
                yield Difference(name, entity_id, "", problem=_NEVER_INSERTED)
                continue
            if want is _GONE:
                yield Difference(name, entity_id, "", problem=_RESTORED)
                continue
            have = [text(value) for text, value in zip(texts, row[1:], strict=True)]
            if want.__class__ is str:
                want = json.loads(want)
                if want == {k: t for k, t in zip(keys, have, strict=True) if t}:
                    continue
            for key, value, equal in zip(keys, have, same, strict=True):
                trail = want.get(key)
                if value != trail and not equal(value, trail):
                    yield Difference(name, entity_id, key, value, trail)
    finally:
        result.close()
    for entity_id, want in expected.items():
        if want is not _GONE:
            yield Difference(name, entity_id, "", problem=_MISSING)


def _stored_text(column: sa.Column, dialect: str) -> Callable[[Any], str | None]:
    """The audit text of a value of ``column`` as the driver returns it (no SQLAlchemy
    type processing: at a million rows that is most of the time). SQLite stores most
    values as the very text the trail shows; the rest is made here, and any other
    spelling of the same value is still found equal by :func:`_equivalence`."""
    if dialect != "sqlite":
        return audit_text  # psycopg returns UUIDs, moments and flags as Python objects
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return _dashed
    if isinstance(kind, sa.Boolean):
        return _SQLITE_FLAGS.get
    if isinstance(kind, sa.DateTime):
        return _sqlite_moment
    if isinstance(kind, sa.Integer | sa.Float | sa.Numeric):
        return audit_text
    return _as_stored  # text, enum values, ISO dates


def _as_stored(value: Any) -> Any:
    return value


def _dashed(value: Any) -> str:
    """A UUID as SQLite stores it (32 hex digits) in its usual 8-4-4-4-12 spelling."""
    if value is None or len(value) != 32:
        return value if value is None else str(value)
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"


def _sqlite_moment(value: Any) -> str | None:
    """SQLAlchemy's SQLite moment text (``2027-01-04 08:00:00.000000``) in ISO form."""
    if value is None or len(value) != 26:
        return value
    micro = value[20:]
    return f"{value[:10]}T{value[11:19]}" + ("" if micro == "000000" else "." + micro)


_SQLITE_FLAGS = {1: "True", 0: "False"}


def _equivalence(column: sa.Column) -> Callable[[str | None, str | None], bool]:
    """Whether two audit texts of ``column`` mean the same value."""
    try:
        python = column.type.python_type
    except NotImplementedError:  # pragma: no cover - every column of ours has one
        python = str
    parse = _PARSERS.get(python)
    if isinstance(column.type, sa.Enum) and column.type.enum_class is not None:
        by_name = {m.name: str(m.value) for m in column.type.enum_class}
        parse = lambda text: by_name.get(text, text)  # noqa: E731

    def equal(a: str | None, b: str | None) -> bool:
        if not a or not b:  # "" and NULL both mean nothing: the trail leaves both out
            return not a and not b
        if parse is None:
            return False
        try:
            return parse(a) == parse(b)
        except (ValueError, ArithmeticError):
            return False

    return equal


def _moment(text: str) -> dt.datetime:
    """A stored moment: naive UTC (an aware value is stored as its UTC time)."""
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _flag(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("true", "1", "t"):
        return True
    if lowered in ("false", "0", "f"):
        return False
    raise ValueError(text)


_PARSERS: dict[type, Callable[[str], Any]] = {
    bool: _flag,
    int: lambda text: decimal.Decimal(text),
    float: float,
    decimal.Decimal: decimal.Decimal,
    dt.datetime: _moment,
    dt.date: lambda text: dt.date.fromisoformat(text[:10]),
    dt.time: dt.time.fromisoformat,
    uuid.UUID: uuid.UUID,
}


def _shown(value: str | None) -> str:
    if not value:
        return "empty"
    return value if len(value) <= 60 else value[:59] + "…"
