"""Migrations on a real workspace: the whole demo goes down and up again, and a
migration that would leave rows referring to missing rows is rolled back."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.demo import populate_demo
from app.errors import DamagedWorkspaceError
from app.workspace import Workspace
from app.workspace_check import check_workspace
from models import schema
from models.database import make_engine
from tests.conftest import PG_ADMIN_URL, pg_admin_engine

FIRST = "0001_initial"
EVERY_TABLE = "0002_delivery"  # 0003's downgrade rebuilds the referenced calendar table
BEFORE_LOGINS = "0004_task_dated_index"  # 0005's downgrade drops audit_log.db_login
ONE_BACK = "0005_append_only_audit"


@pytest.fixture(scope="module")
def pg_demo_template(pg_database_factory) -> str:
    """The demo on PostgreSQL, made once per module: each test works on a copy."""
    url = pg_database_factory()
    with Workspace.open(url, create=True, user="tester") as ws:
        populate_demo(ws)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def demo_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A copy of the demo workspace on SQLite or on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "demo.db"
        shutil.copyfile(request.getfixturevalue("demo_template"), path)
        yield f"sqlite:///{path}"
        return
    template = sa.make_url(request.getfixturevalue("pg_demo_template")).database
    name = f"rd_copy_{uuid.uuid4().hex[:12]}"
    admin = pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield sa.make_url(PG_ADMIN_URL).set(database=name).render_as_string(False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
        return {t: conn.scalar(sa.text(f'SELECT count(*) FROM "{t}"')) for t in names}


@pytest.mark.parametrize("lowest", [ONE_BACK, BEFORE_LOGINS, EVERY_TABLE, FIRST])
def test_demo_goes_down_and_up_again(demo_url: str, lowest: str) -> None:
    engine = make_engine(demo_url)
    try:
        before = _counts(engine)
        schema.downgrade(engine, lowest)
        down = _counts(engine)
        assert {t: before[t] for t in down} == down  # the tables left keep every row
        schema.upgrade(engine)
        after = _counts(engine)
    finally:
        engine.dispose()
    assert set(after) == set(before)
    assert {t: after[t] for t in down} == down
    with Workspace.open(demo_url, user="tester") as ws:
        problems = check_workspace(ws)
    if lowest == FIRST:  # below 0002 the delivery tables and their rows are gone
        return
    # What a downgrade drops is gone, and the check says so; nothing else is reported.
    expected = []
    if lowest != ONE_BACK and demo_url.startswith("postgresql"):
        # PostgreSQL filled db_login into every row's hash: without it the chain breaks.
        expected.append("audit trail broken at row 1")
    if lowest == EVERY_TABLE:
        expected.append("field weekday_hours is empty in the table")
    # Every lowest here is below 0011: package baselines, item domains and sizes, rule
    # ranges written as specifiers are gone (so many rows that only the first are listed).
    dropped = [
        f"field {name} is empty in the table"
        for name in (
            "baseline_manifest",
            "baselined_by",
            "baseline_reason",
            "domain",
            "size_bytes",
            "specifier",
        )
    ]
    known = expected + dropped
    assert all(any(e in p for e in known) for p in problems if "…" not in p), problems
    assert any(d in p for d in dropped for p in problems), problems
    cut = any(p.startswith("…") for p in problems)  # the check lists the first differences
    for e in expected:
        assert any(e in p for p in problems) or (cut and "field" in e), (e, problems)


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
