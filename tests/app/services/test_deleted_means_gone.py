"""A deleted thing stops counting everywhere (issue 10 §1).

For every kind of row, deleting one row of the demo through the services must leave
every read, gate, count and schedule exactly as if the row, and what it owns, had
never been there: the same reads are compared with those of the same workspace after
the deleted rows are then removed for good with plain SQL.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from app.services import cascade
from app.workspace import Workspace
from models import Base, Domain, Entity, Environment, Person, Release, ReleasePackage, Task
from tests.app.services.every_read import every_read, ids_in
from tests.conftest import TEST_USER

KINDS = sorted(
    (m.class_ for m in Base.registry.mappers if issubclass(m.class_, Entity)),
    key=lambda m: m.__tablename__,
)


@pytest.fixture(scope="session")
def demo_ids_shown(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The ids some read of the demo shows (the demo's ids are the same on every run)."""
    path = tmp_path_factory.mktemp("shown") / "demo.db"
    shutil.copyfile(demo_template, path)
    ws = Workspace.open(path, user=TEST_USER)
    try:
        return ids_in(every_read(ws))
    finally:
        ws.close()


def _deleted_with(ws: Workspace, moment: Any) -> dict[str, set[uuid.UUID]]:
    """Every row, by table, stamped deleted at ``moment``."""
    with ws.reading() as s:
        found = {
            kind.__tablename__: set(s.scalars(sa.select(kind.id).where(kind.deleted_at == moment)))
            for kind in KINDS
        }
    return {table: ids for table, ids in found.items() if ids}


def _owned_by(ws: Workspace, kind: type[Entity], row_id: uuid.UUID) -> dict[str, set[uuid.UUID]]:
    """The live rows the rule (``cascade.OWNED``) says go with a row, the row included,
    found row by row from the schema's columns, before anything is deleted."""
    found: dict[str, set[uuid.UUID]] = {kind.__tablename__: {row_id}}
    todo = [(kind, row_id)]
    with ws.reading() as s:
        while todo:
            parent, parent_id = todo.pop()
            for child, column in cascade.OWNED.get(parent, ()):
                for child_id in s.scalars(
                    sa.select(child.id).where(
                        getattr(child, column) == parent_id, child.deleted_at.is_(None)
                    )
                ):
                    if child_id not in found.setdefault(child.__tablename__, set()):
                        found[child.__tablename__].add(child_id)
                        todo.append((child, child_id))
    return {table: ids for table, ids in found.items() if ids}


def _remove_for_good(ws: Workspace, rows: dict[str, set[uuid.UUID]]) -> None:
    """Delete ``rows`` with plain SQL, foreign keys unchecked: as if never written
    (optional references to them are left dangling, as a deleted row leaves them)."""
    if ws.file is not None:
        with contextlib.closing(sqlite3.connect(ws.file)) as con:
            con.execute("PRAGMA foreign_keys = OFF")
            for table, ids in rows.items():
                con.executemany(f'DELETE FROM "{table}" WHERE id = ?', [(i.hex,) for i in ids])
            con.commit()
        return
    with ws.engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        for table, ids in rows.items():
            t = Base.metadata.tables[table]
            conn.execute(sa.delete(t).where(t.c.id.in_(ids)))


def _victim(ws: Workspace, kind: type[Entity], seen: set[str]) -> uuid.UUID:
    """The row to delete: the first (by id) that some read shows, else the first."""
    with ws.reading() as s:
        ids = list(s.scalars(sa.select(kind.id).order_by(kind.id)))
    assert ids, f"the demo has no {kind.__tablename__} row: add one so deletion is tested"
    return next((i for i in ids if str(i) in seen), ids[0])


# Every kind on SQLite; on PostgreSQL (slower to copy and read) the kinds whose deletion
# reaches furthest: owners of many kinds of rows, and a kind only referred to (domain).
ON_POSTGRES = {Release, Task, Person, Environment, ReleasePackage, Domain}
CASES = [
    pytest.param(db, kind, id=f"{db}-{kind.__tablename__}", marks=marks)
    for kind in KINDS
    for db, marks in (("sqlite", ()), ("postgres", pytest.mark.postgres))
    if db == "sqlite" or kind in ON_POSTGRES
]


@pytest.mark.parametrize(("demo", "kind"), CASES, indirect=["demo"])
def test_a_deleted_row_and_what_it_owns_count_nowhere(
    demo: Workspace, demo_ids_shown: set[str], kind: type[Entity]
) -> None:
    victim = _victim(demo, kind, demo_ids_shown)
    owned = _owned_by(demo, kind, victim)
    cascade.soft_delete(demo, kind, victim)
    with demo.reading() as s:
        moment = s.get(kind, victim).deleted_at
    deleted = _deleted_with(demo, moment)
    assert deleted == owned
    after = every_read(demo)
    gone = {str(i) for ids in deleted.values() for i in ids}
    assert not gone & ids_in(after), f"reads still show deleted rows: {gone & ids_in(after)}"
    _remove_for_good(demo, owned)
    never_there = every_read(demo)
    differing = [k for k in never_there.keys() | after.keys() if after.get(k) != never_there.get(k)]
    assert not differing, f"deleted rows still count in: {sorted(differing)}"


def test_every_required_reference_is_an_ownership() -> None:
    """A row that cannot be without another row is deleted with it (see cascade.OWNED);
    only optional references may point at a deleted row (and then read as none)."""
    owned = {
        (child.__tablename__, column)
        for child, pairs in cascade.OWNERS.items()
        for _parent, column in pairs
    }
    required = {
        (kind.__tablename__, column.name)
        for kind in KINDS
        for column in kind.__table__.columns
        if column.foreign_keys and not column.nullable
    }
    assert required <= owned, f"required references without an owner: {required - owned}"
