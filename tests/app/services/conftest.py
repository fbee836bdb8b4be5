"""Fixtures of the editor-service tests."""

from __future__ import annotations

import gc
import warnings

import pytest

from app.workspace import Workspace
from tests.app.services.builders import World, make_world


@pytest.fixture
def world(workspace: Workspace) -> World:
    """A small world (see :func:`make_world`) on SQLite or PostgreSQL."""
    return make_world(workspace)


@pytest.fixture(scope="session")
def pg_available(pg_available: bool) -> bool:
    """The root fixture's answer, after quietly collecting the engine it leaves behind.

    Its pooled psycopg connection would otherwise be garbage-collected during a later
    test, and the ResourceWarning fails that test under ``filterwarnings=error``. Drop
    this override once ``tests/conftest.py`` disposes that engine itself.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return pg_available
