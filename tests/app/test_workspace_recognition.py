"""A workspace is known as ours from the moment it exists, WAL or not, marked or not."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import NotAWorkspaceError, WorkspaceMissingError
from app.services import release_service
from app.workspace import Workspace
from models.database import SQLITE_APPLICATION_ID

REPO = Path(__file__).resolve().parents[2]


def _header_id(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[68:72], "big")


def test_new_workspace_is_recognised_while_its_creator_holds_it(tmp_path: Path) -> None:
    """Another process opens a workspace whose creator has neither closed nor checkpointed it."""
    path = tmp_path / "new.db"
    with Workspace.open(path, create=True, name="Held") as ws:
        release_service.create_release(ws, name="Unsaved to the main file yet")
        assert Path(f"{path}-wal").exists()  # the creator still holds it in WAL mode
        assert _header_id(path) == SQLITE_APPLICATION_ID
        other = subprocess.run(
            [sys.executable, "-c", "import sys; from app.cli import main; "
             "sys.exit(main(['db', 'info', '--db', sys.argv[1]]))", str(path)],
            cwd=REPO, capture_output=True, text=True, timeout=60,
        )
        assert other.returncode == 0, other.stderr
        assert "Held" in other.stdout and "Releases:   1" in other.stdout


def test_workspace_without_its_mark_opens_and_gets_it(
    tmp_path: Path, sqlite_template: Path
) -> None:
    """Our tables with a zero header id (a crash before the first checkpoint, a copy tool)."""
    path = tmp_path / "unmarked.db"
    shutil.copyfile(sqlite_template, path)
    with path.open("r+b") as fh:
        fh.seek(68)
        fh.write(bytes(4))
    assert _header_id(path) == 0
    with Workspace.open(path) as ws:
        assert ws.name == "tests"
    assert _header_id(path) == SQLITE_APPLICATION_ID


def test_mark_in_the_wal_only_is_recognised(tmp_path: Path) -> None:
    """As an earlier ReleaseDesk left a file it crashed on: the id only in the WAL."""
    path = tmp_path / "walmark.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute(f"PRAGMA application_id={SQLITE_APPLICATION_ID}")
    assert _header_id(path) == 0
    try:
        with pytest.raises(WorkspaceMissingError, match="no ReleaseDesk workspace yet"):
            Workspace.open(path)
    finally:
        holder.close()


def test_empty_database_without_mark_counts_as_new(tmp_path: Path) -> None:
    """A SQLite file without a single table holds nothing of anyone's: create, or say missing."""
    path = tmp_path / "empty.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=0")
    conn.execute("VACUUM")  # writes the header page: a real, empty database file
    conn.close()
    assert path.stat().st_size > 0 and _header_id(path) == 0
    with pytest.raises(WorkspaceMissingError, match="no workspace"):
        Workspace.open(path)
    with Workspace.open(path, create=True, name="Now ours") as ws:
        assert ws.name == "Now ours"
    assert _header_id(path) == SQLITE_APPLICATION_ID


def test_other_programs_unmarked_database_stays_refused(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE release (name TEXT)")  # one of our names is not enough
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAWorkspaceError, match="another program"):
        Workspace.open(path, create=True)
    assert path.read_bytes() == before


def test_other_programs_wal_database_is_refused_without_files_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()  # the last connection: checkpointed, no -wal left
    before = path.read_bytes()
    with pytest.raises(NotAWorkspaceError, match="another program"):
        Workspace.open(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["notes.db"]
