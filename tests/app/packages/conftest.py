"""Fixtures of the package tests: the small editor world (see tests/app/services)."""

from __future__ import annotations

import pytest

from app.workspace import Workspace
from tests.app.services.builders import World, make_world


@pytest.fixture
def world(workspace: Workspace) -> World:
    """Payments domain, Alice and Bob, release "Checkout 1.0" on SQLite or PostgreSQL."""
    return make_world(workspace)
