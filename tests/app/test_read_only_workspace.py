"""A workspace this user cannot write opens read-only: reads work, saves say why not.

Root ignores file permissions, so most tests ask for read-only mode where the
permission check would (``is_read_only``) and everything behind it is real: SQLite's
read-only connection, the schedule, the export, the refused save. One test uses real
permissions and is skipped as root.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from app import cli
from app.errors import ReadOnlyWorkspaceError
from app.services import release_service
from app.workspace import Workspace

RELEASE = "Offline Mode"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("read-only") / "demo.db"
    assert cli.main(["demo", "--db", str(path)]) == 0
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_read_only_workspace_reads_and_refuses_saves(demo: Path) -> None:
    before = _digest(demo)
    with Workspace.open(demo, read_only=True) as ws:
        assert ws.read_only
        assert RELEASE in {r.name for r in release_service.list_releases(ws)}
        with pytest.raises(ReadOnlyWorkspaceError, match=r"read-only.*cannot be saved"):
            release_service.create_release(ws, name="Not saved")
    assert _digest(demo) == before
    assert sorted(p.name for p in demo.parent.iterdir()) == ["demo.db"]  # no -wal, no -shm


def test_command_line_on_a_read_only_workspace(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("app.workspace_read_only.is_read_only", lambda _path: True)
    before = _digest(demo)
    db = ["--db", str(demo)]
    assert cli.main(["db", "info", *db]) == 0
    assert cli.main(["plan", "schedule", "--release", RELEASE, *db]) == 0
    assert cli.main(["plan", "export", "--release", RELEASE, str(tmp_path / "p.xml"), *db]) == 0
    assert (tmp_path / "p.xml").stat().st_size > 0
    capsys.readouterr()
    assert cli.main(["plan", "baseline", "--release", RELEASE, *db]) == 3
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cannot be saved" in err, err
    assert _digest(demo) == before


def test_old_schema_read_only_is_refused_with_the_reason(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(demo, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001_initial'")
    conn.close()
    with pytest.raises(ReadOnlyWorkspaceError, match="needs an upgrade"):
        Workspace.open(path, read_only=True)


def test_read_only_file_and_folder_are_detected(demo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "demo.db"
    path.write_bytes(demo.read_bytes())
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as a user that ignores file permissions (root)")
        with Workspace.open(path) as ws:
            assert ws.read_only
            assert release_service.list_releases(ws)
    finally:
        folder.chmod(0o755)
