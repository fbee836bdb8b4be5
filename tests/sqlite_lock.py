"""Another program holding a workspace file's write lock, for tests of a busy workspace."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from models import database

BRIEF_BUSY_TIMEOUT_MS = 50


@contextmanager
def held_by_another_program(path: Path) -> Iterator[None]:
    """The file's write lock held by a plain sqlite3 connection, as another tool would."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
        other.execute("ROLLBACK")
    finally:
        other.close()


def wait_briefly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Connections made from now on wait 50 ms for a lock instead of 10 s."""
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", BRIEF_BUSY_TIMEOUT_MS)
