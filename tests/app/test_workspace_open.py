"""Opening workspaces: wrong files refused untouched, newer refused, older upgraded."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.errors import (
    ConnectionLostError,
    NewerWorkspaceError,
    NotAWorkspaceError,
    ValidationError,
    WorkspaceMissingError,
)
from app.services import release_service
from app.workspace import DatabaseKind, Workspace
from app.workspace_location import resolve_url
from models import Release, WorkspaceInfo, schema
from models.database import SQLITE_APPLICATION_ID, make_engine


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("meeting notes\n")
    before = _digest(path)
    with pytest.raises(NotAWorkspaceError, match="not a database file"):
        Workspace.open(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_other_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotAWorkspaceError, match="another program"):
        Workspace.open(path, create=True)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_missing_path_is_not_created_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.db"
    with pytest.raises(WorkspaceMissingError, match="no workspace"):
        Workspace.open(path)
    assert not path.exists() and not path.parent.exists()
    with Workspace.open(path, create=True, name="Team plan") as ws:
        assert ws.name == "Team plan" and ws.kind == DatabaseKind.LOCAL
    with Workspace.open(path) as ws:
        assert ws.name == "Team plan"


def test_newer_workspace_is_refused(workspace: Workspace) -> None:
    def set_revision(revision: str) -> None:
        with workspace.engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = :r"), {"r": revision})

    set_revision("9999_future")
    try:
        with pytest.raises(NewerWorkspaceError, match="newer ReleaseDesk"):
            Workspace.open(workspace.url.render_as_string(False))
    finally:  # the PostgreSQL workspace is shared by the whole test session
        set_revision(schema.head_revision())


def test_older_workspace_is_upgraded_with_backup(tmp_path: Path) -> None:
    """A workspace left at the first revision opens at the newest, with a backup taken."""
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id={SQLITE_APPLICATION_ID}")
    schema.upgrade(engine, "0001_initial")
    with engine.begin() as conn:
        conn.execute(sa.insert(WorkspaceInfo).values(key="name", value="Last year"))
        conn.execute(
            sa.insert(Release).values(
                id=uuid.uuid4(),
                name="Kept",
                version=1,
                created_at=dt.datetime(2026, 1, 5),
                created_by="",
                updated_at=dt.datetime(2026, 1, 5),
                updated_by="",
                version_label="",
                release_type="minor",
                status="draft",
                description="",
            )
        )
    engine.dispose()
    assert "release_package" not in _table_names(path)
    with Workspace.open(path) as ws:
        assert ws.summary().revision == schema.head_revision() != "0001_initial"
        assert ws.name == "Last year"
        assert [r.name for r in release_service.list_releases(ws)] == ["Kept"]
    assert "release_package" in _table_names(path)
    backup = tmp_path / "old.db.before-upgrade-0001_initial"
    assert "release_package" not in _table_names(backup)


def _table_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def test_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(ConnectionLostError, match="Cannot connect to the shared database"):
        Workspace.open("postgresql+psycopg://nobody@127.0.0.1:1/nothing")


def test_resolve_url_accepts_paths_urls_and_env(tmp_path: Path, monkeypatch) -> None:
    assert resolve_url(tmp_path / "a.db").database == str(tmp_path / "a.db")
    assert resolve_url("postgresql+psycopg://u@h/db").get_backend_name() == "postgresql"
    monkeypatch.setenv("RELEASEDESK_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).database == str(tmp_path / "env.db")


def test_a_user_name_longer_than_its_column_is_refused_on_both_databases(
    workspace: Workspace,
) -> None:
    """PostgreSQL once accepted the name and refused the first save (DataError);
    SQLite stored it whole. Both now refuse it when the workspace opens."""
    url = workspace.url.render_as_string(hide_password=False)
    with pytest.raises(ValidationError, match="at most 120 characters"):
        Workspace.open(url, user="u" * 121)
    with Workspace.open(url, user="u" * 120) as longest:
        release_service.create_release(longest, name="Signed by a long name")
    assert [r.name for r in release_service.list_releases(workspace)] == ["Signed by a long name"]
