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
    """Inserts rows with the keys ``keys`` into ``table`` on ``conn``, many at a time.

    ``constants`` are values every row has (the audit stamps); they are converted once.
    """

    def __init__(
        self,
        conn: Connection,
        table: sa.Table,
        keys: Sequence[str],
        constants: dict[str, Any] | None = None,
    ) -> None:
        self._conn = conn
        self._insert = sa.insert(table)
        self._constants = constants or {}
        self._sql: str | None = None
        dialect = conn.dialect
        if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
            return
        every = [*keys, *self._constants]
        compiled = self._insert.compile(dialect=dialect, column_keys=every)
        order = compiled.positiontup
        if order is None or set(order) != set(every):
            return  # something the plain path does not cover: let SQLAlchemy do it
        self._sql = str(compiled)
        self._order = tuple(order)
        processed = {}
        processors: list[tuple[int, Callable[[Any], Any]]] = []
        for index, key in enumerate(self._order):
            kind = table.c[key].type
            process = kind.dialect_impl(dialect).bind_processor(dialect)
            if key in self._constants:
                value = self._constants[key]
                processed[index] = value if process is None or value is None else process(value)
            elif process is not None:
                processors.append((index, process))
        self._processors = tuple(processors)
        self._processed = processed

    def insert(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert ``rows`` (dicts with the keys given) in one ``executemany``."""
        if self._sql is None:
            self._conn.execute(self._insert, [{**row, **self._constants} for row in rows])
            return
        order, processors, constants = self._order, self._processors, self._processed
        params = []
        for row in rows:
            values = [row.get(key) for key in order]
            for index, value in constants.items():
                values[index] = value
            for index, process in processors:
                value = values[index]
                if value is not None:
                    values[index] = process(value)
            params.append(tuple(values))
        self._conn.exec_driver_sql(self._sql, params)
