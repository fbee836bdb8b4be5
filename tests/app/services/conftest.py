"""Fixtures of the editor-service tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.demo import populate_demo
from app.workspace import Workspace
from tests.app.services.builders import World, make_world
from tests.conftest import TEST_USER, pg_admin_engine


@pytest.fixture
def world(workspace: Workspace) -> World:
    """A small world (see :func:`make_world`) on SQLite or PostgreSQL."""
    return make_world(workspace)


@pytest.fixture(scope="session")
def pg_demo_template(pg_database_factory: Callable[[], str]) -> str:
    """A PostgreSQL database holding the demo, to copy (``CREATE DATABASE … TEMPLATE``)."""
    url = pg_database_factory()
    ws = Workspace.open(url, create=True, user=TEST_USER, name="Demo workspace")
    populate_demo(ws)
    ws.close()
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def demo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """A fresh copy of the demo portfolio on SQLite or PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "demo.db"
        shutil.copyfile(request.getfixturevalue("demo_template"), path)
        ws = Workspace.open(path, user=TEST_USER)
    else:
        template = sa.make_url(request.getfixturevalue("pg_demo_template"))
        copy = request.getfixturevalue("pg_database_factory")()
        admin = pg_admin_engine()
        with admin.connect() as conn:
            name = sa.make_url(copy).database
            conn.exec_driver_sql(f'DROP DATABASE "{name}"')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template.database}"')
        admin.dispose()
        ws = Workspace.open(copy, user=TEST_USER)
    yield ws
    ws.close()
