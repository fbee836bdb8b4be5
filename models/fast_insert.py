"""``executemany`` of plain rows without SQLAlchemy's per-row parameter processing.

For each row of an ``executemany`` SQLAlchemy builds a parameter dict and runs every
column's bind processor through generic machinery, ~6 µs a row: for an import of
100,000 tasks, 150,000 links and their 250,000 audit rows that is seconds. On SQLite
:class:`RowInserter` compiles the INSERT once, looks up each column's bind processor
once (UUID to text, date-time to ISO text, enum to its value: the very functions
SQLAlchemy would call) and hands plain tuples to the driver. Other databases keep
SQLAlchemy's own ``executemany`` (PostgreSQL batches it into multi-row statements).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection


class RowInserter:
    """Inserts rows with the keys ``keys`` into ``table`` on ``conn``, many at a time."""

    def __init__(self, conn: Connection, table: sa.Table, keys: Sequence[str]) -> None:
        self._conn = conn
        self._insert = sa.insert(table)
        self._sql: str | None = None
        dialect = conn.dialect
        if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
            return
        compiled = self._insert.compile(dialect=dialect, column_keys=list(keys))
        order = compiled.positiontup
        if order is None or set(order) != set(keys):
            return  # something the plain path does not cover: let SQLAlchemy do it
        self._sql = str(compiled)
        self._order = tuple(order)
        processors: list[tuple[int, Callable[[Any], Any]]] = []
        for index, key in enumerate(self._order):
            kind = table.c[key].type
            process = kind.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                processors.append((index, process))
        self._processors = tuple(processors)

    def insert(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert ``rows`` (dicts with exactly the keys given) in one ``executemany``."""
        if self._sql is None:
            self._conn.execute(self._insert, list(rows))
            return
        order, processors = self._order, self._processors
        params = []
        for row in rows:
            values = [row[key] for key in order]
            for index, process in processors:
                value = values[index]
                if value is not None:
                    values[index] = process(value)
            params.append(tuple(values))
        self._conn.exec_driver_sql(self._sql, params)
