"""Every connection to a local workspace runs with the settings its safety relies on."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.workspace import Workspace
from models import ScopeItem
from models.database import SQLITE_BUSY_TIMEOUT_MS

EXPECTED = {
    "foreign_keys": 1,  # a row never points at a missing one
    "journal_mode": "wal",  # readers never block the writer
    "synchronous": 2,  # FULL: a committed change survives a power cut
    "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,  # wait for a colleague's write, not fail
}


def _pragmas(conn: sa.Connection) -> dict[str, object]:
    return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in EXPECTED}


def test_an_opened_workspace_connection_has_the_pragmas(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.transaction() as s:  # the connection services use
        assert _pragmas(s.connection()) == EXPECTED
    sqlite_workspace.engine.dispose()  # and every new connection of the pool too
    with sqlite_workspace.engine.connect() as conn:
        assert _pragmas(conn) == EXPECTED


def test_a_reopened_workspace_file_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    Workspace.open(path, create=True, user="tester").close()
    with Workspace.open(path, user="tester") as ws, ws.engine.connect() as conn:
        assert _pragmas(conn) == EXPECTED


def test_foreign_keys_are_enforced(sqlite_workspace: Workspace) -> None:
    with pytest.raises(sa.exc.IntegrityError), sqlite_workspace.transaction() as s:
        s.add(ScopeItem(release_id=uuid.uuid4(), title="Points at no release"))
        s.flush()
