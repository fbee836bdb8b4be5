"""Fixtures of the editor-service tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.workspace import Workspace
from tests.app.services.builders import World, make_world
from tests.conftest import TEST_USER


@pytest.fixture
def world(workspace: Workspace) -> World:
    """A small world (see :func:`make_world`) on SQLite or PostgreSQL."""
    return make_world(workspace)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def demo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """A fresh copy of the demo portfolio on SQLite or PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "demo.db"
        shutil.copyfile(request.getfixturevalue("demo_template"), path)
        ws = Workspace.open(path, user=TEST_USER)
    else:
        template = request.getfixturevalue("pg_demo_template")
        copy = request.getfixturevalue("pg_database_factory")(template=template)
        ws = Workspace.open(copy, user=TEST_USER)
    yield ws
    ws.close()
