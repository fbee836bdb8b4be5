"""Migrations on a real workspace: the whole demo goes down and up again, and a
migration that would leave rows referring to missing rows is rolled back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.errors import DamagedWorkspaceError
from app.workspace import Workspace
from app.workspace_check import check_workspace
from models import schema
from models.database import make_engine

FIRST = "0001_initial"
EVERY_TABLE = "0002_delivery"  # 0003's downgrade rebuilds the referenced calendar table
BEFORE_LOGINS = "0004_task_dated_index"  # 0005's downgrade drops audit_log.db_login
ONE_BACK = "0005_append_only_audit"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def demo_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A copy of the demo workspace on SQLite or on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "demo.db"
        shutil.copyfile(request.getfixturevalue("demo_template"), path)
        return f"sqlite:///{path}"
    template = request.getfixturevalue("pg_demo_template")
    return request.getfixturevalue("pg_database_factory")(template=template)


def _columns(engine: sa.Engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        return {
            (t, c["name"]) for t in inspector.get_table_names() for c in inspector.get_columns(t)
        }


def _counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
        return {t: conn.scalar(sa.text(f'SELECT count(*) FROM "{t}"')) for t in names}


@pytest.mark.parametrize("lowest", [ONE_BACK, BEFORE_LOGINS, EVERY_TABLE, FIRST])
def test_demo_goes_down_and_up_again(demo_url: str, lowest: str) -> None:
    engine = make_engine(demo_url)
    try:
        before, columns_before = _counts(engine), _columns(engine)
        schema.downgrade(engine, lowest)
        down, columns_down = _counts(engine), _columns(engine)
        assert {t: before[t] for t in down} == down  # the tables left keep every row
        schema.upgrade(engine)
        after = _counts(engine)
    finally:
        engine.dispose()
    assert set(after) == set(before)
    assert {t: after[t] for t in down} == down
    with Workspace.open(demo_url, user="tester") as ws:
        problems = check_workspace(ws, limit=100_000)
    if lowest == FIRST:  # below 0002 the delivery tables and their rows are gone
        return
    # What a downgrade drops is gone, and the check says so: rows of the tables it
    # dropped, values of the columns it dropped; nothing else is reported.
    dropped_tables = set(before) - set(down)
    dropped_columns = {
        (table, column) for table, column in columns_before - columns_down if table in down
    }
    expected = [f"{table} " for table in dropped_tables]
    expected += [f"field {column} " for _table, column in dropped_columns]
    if lowest != ONE_BACK and demo_url.startswith("postgresql"):
        # PostgreSQL filled db_login into every row's hash: without it the chain breaks.
        expected.append("audit trail broken at row 1")
    if lowest == EVERY_TABLE:
        expected.append("field weekday_hours is empty in the table")
    assert problems and not any(p.startswith("…") for p in problems)  # every one named
    assert all(any(e in p for e in expected) for p in problems), problems
    assert any("environment_booking" in p for p in problems)  # 0008's table went with its rows


def test_sqlite_foreign_keys_stay_on_after_migrating(demo_template: Path, tmp_path) -> None:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    engine = make_engine(f"sqlite:///{path}", poolclass=sa.pool.StaticPool)
    try:
        schema.downgrade(engine, EVERY_TABLE)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def _orphan_task(path: Path) -> None:
    """A task whose release is gone, written with foreign keys off (as damage would)."""
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            conn.exec_driver_sql("UPDATE task SET release_id = 'deadbeef' WHERE rowid = 7")
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
    engine.dispose()


def test_migration_leaving_broken_references_rolls_back(demo_template: Path, tmp_path) -> None:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    _orphan_task(path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        before = _counts(engine)
        with pytest.raises(schema.MigrationCheckError, match=r"row 7 of task .* missing release"):
            schema.downgrade(engine, EVERY_TABLE)
        with engine.connect() as conn:
            assert schema.current_revision(conn) == schema.head_revision()
        assert _counts(engine) == before
    finally:
        engine.dispose()


def test_opening_names_the_failed_upgrade(demo_template: Path, tmp_path) -> None:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    engine = make_engine(f"sqlite:///{path}")
    schema.downgrade(engine, EVERY_TABLE)
    engine.dispose()
    _orphan_task(path)
    with pytest.raises(DamagedWorkspaceError, match=r"cannot be upgraded: .*nothing was changed"):
        Workspace.open(path, user="tester")
