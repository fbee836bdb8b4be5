"""Fixtures of the core's tests: a fresh copy of the demo workspace."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.demo import create_demo_workspace, populate_demo
from app.workspace import Workspace


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once per session (copy it before changing it)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    create_demo_workspace(path, user="tester").close()
    return path


@pytest.fixture(scope="session")
def pg_demo_template(pg_database_factory: Callable[..., str]) -> str:
    """The demo on PostgreSQL, built once per session: copy it with
    ``pg_database_factory(template=...)`` before changing it."""
    url = pg_database_factory()
    with Workspace.open(url, create=True, user="tester", name="Demo workspace") as ws:
        populate_demo(ws)
    return url


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> str:
    """A fresh copy of the demo workspace, as the path a ``--db`` takes."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    return str(path)
