"""Fixtures of the editor-service tests."""

from __future__ import annotations

import pytest

from app.workspace import Workspace
from tests.app.services.builders import World, make_world


@pytest.fixture
def world(workspace: Workspace) -> World:
    """A small world (see :func:`make_world`) on SQLite or PostgreSQL."""
    return make_world(workspace)
