"""Shared fixtures: real workspaces on SQLite and PostgreSQL, offscreen Qt.

``workspace`` is parametrised over both databases. PostgreSQL tests are skipped when
the server is unreachable, unless ``RELEASEDESK_REQUIRE_PG=1`` (set by CI), where an
unreachable server fails the run instead.

Every test runs on a pinned clock: the suite starts at ``RELEASEDESK_TEST_NOW`` (an ISO
8601 moment, by default a fixed Wednesday) and time flows on from there, so no result
depends on the day or the machine the suite runs on. CI runs the suite a second time
with that moment months later and in a time zone far from UTC.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import time_machine

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.workspace import Workspace
from models import Base
from models.audit_replay import replay_differences
from tests.forging import forging
from tests.memory_keyring import memory_keyring  # noqa: F401  # a fixture for every test
from tests.pg_logins import login, shared_url  # noqa: F401  # shared workspaces' roles

PG_ADMIN_URL = os.environ.get(
    "RELEASEDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TEST_USER = "tester"
TEST_NOW = dt.datetime.fromisoformat(
    os.environ.get("RELEASEDESK_TEST_NOW") or "2026-11-25T10:30:00+00:00"
)


def pytest_configure(config: pytest.Config) -> None:
    """Pin the clock for the whole run (each xdist worker runs this too)."""
    if TEST_NOW.tzinfo is None:
        raise pytest.UsageError("RELEASEDESK_TEST_NOW needs a UTC offset, e.g. +00:00")
    time_machine.travel(TEST_NOW, tick=True).start()


def pg_admin_engine() -> sa.Engine:
    return sa.create_engine(
        PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )


@pytest.fixture(scope="session")
def pg_available() -> bool:
    admin = pg_admin_engine()
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        return True
    except sa.exc.OperationalError:
        if os.environ.get("RELEASEDESK_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL required but unreachable at {PG_ADMIN_URL}")
        return False
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def pg_database_factory(pg_available: bool) -> Iterator[callable]:
    """Makes PostgreSQL databases, empty or (``template=URL``) a copy of another whose
    connections are closed; drops every one at the end of the session."""
    if not pg_available:
        pytest.skip(f"PostgreSQL unreachable at {PG_ADMIN_URL}")
    admin = pg_admin_engine()
    made: list[str] = []

    def make(template: str | None = None) -> str:
        name = f"rd_test_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{sa.make_url(template).database}"' if template else ""
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"{copy}'))
        made.append(name)
        return sa.make_url(PG_ADMIN_URL).set(database=name).render_as_string(False)

    yield make
    with admin.connect() as conn:
        for name in made:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_workspace_url(pg_database_factory: callable) -> str:
    """One migrated PostgreSQL workspace for the session (tables emptied per test)."""
    url = pg_database_factory()
    Workspace.open(url, create=True, user=TEST_USER, name="pg-tests").close()
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty SQLite workspace, copied for each test (migrating is slower)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    Workspace.open(path, create=True, user=TEST_USER, name="tests").close()
    return path


def end_listening_sessions(ws: Workspace) -> None:
    """Make the server end every session listening for changes on ``ws``'s database,
    as a restart or a network cut would (other connections are left alone)."""
    with ws.engine.connect() as conn:
        conn.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE query LIKE 'LISTEN %%' AND datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        conn.commit()


def _empty_tables(ws: Workspace) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with forging(ws.engine) as conn:  # the audit tables refuse TRUNCATE to any login
        conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def assert_trail_covers(request: pytest.FixtureRequest, ws: Workspace) -> None:
    """Whatever the test did through the services, replaying the audit trail gives
    every row's values: no write escaped it, and no value reads back differently."""
    if request.node.get_closest_marker("behind_the_back") or not ws.online:
        return
    with ws.engine.connect() as conn:
        found, total = replay_differences(conn)
    assert total == 0, f"{total} rows differ from the audit trail: " + "; ".join(map(str, found))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def workspace(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """An empty, migrated workspace on SQLite or PostgreSQL; after the test, its trail
    must cover every row (see :func:`assert_trail_covers`)."""
    if request.param == "sqlite":
        path = tmp_path / "workspace.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        ws = Workspace.open(path, user=TEST_USER)
    else:
        ws = Workspace.open(request.getfixturevalue("pg_workspace_url"), user=TEST_USER)
        _empty_tables(ws)
    yield ws
    try:
        assert_trail_covers(request, ws)
    finally:
        ws.close()


@pytest.fixture
def sqlite_workspace(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[Workspace]:
    """An empty workspace on SQLite only (UI tests, fast paths), replayed like
    ``workspace`` after the test."""
    path = tmp_path / "workspace.db"
    shutil.copyfile(sqlite_template, path)
    ws = Workspace.open(path, user=TEST_USER)
    yield ws
    try:
        assert_trail_covers(request, ws)
    finally:
        ws.close()


def open_colleague(ws: Workspace) -> Workspace:
    """A second workspace on ``ws``'s database, as a colleague's window would hold."""
    return Workspace.open(ws.url.render_as_string(hide_password=False), user="colleague")


@pytest.fixture
def colleague(workspace: Workspace) -> Iterator[Workspace]:
    """A colleague's workspace on the same database as ``workspace`` (both kinds)."""
    other = open_colleague(workspace)
    yield other
    other.close()
