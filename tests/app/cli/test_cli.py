"""The command line: exit codes and one-line errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.cli import main
from models import AuditLog, schema
from models.database import make_engine


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    assert main(["demo", "--db", str(path)]) == 0
    return path


def test_demo_then_info_and_check(demo_db: Path, capsys) -> None:
    code, out, _ = run(capsys, "--db", str(demo_db), "db", "info")
    assert code == 0 and "Releases:   16" in out and "local file" in out
    code, out, _ = run(capsys, "db", "check", "--db", str(demo_db))
    assert code == 0 and "sound" in out


def test_check_reports_first_broken_audit_row(tmp_path: Path, demo_db: Path, capsys) -> None:
    copy = tmp_path / "tampered.db"
    src = sqlite3.connect(demo_db)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    engine = make_engine(f"sqlite:///{copy}")
    with engine.begin() as conn:
        conn.execute(sa.update(AuditLog).where(AuditLog.seq == 42).values(user_name="mallory"))
    engine.dispose()
    code, out, _ = run(capsys, "db", "check", "--db", str(copy))
    assert code != 0 and "row 42" in out


def test_upgrade_creates_a_workspace(tmp_path: Path, capsys) -> None:
    path = tmp_path / "team.db"
    code, out, _ = run(capsys, "db", "upgrade", "--db", str(path))
    assert code == 0 and schema.head_revision() in out and path.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [("hello\n", "not a database file"), (None, "no workspace")],
)
def test_bad_targets_are_one_clear_line(tmp_path: Path, capsys, content, message) -> None:
    path = tmp_path / "x.db"
    if content is not None:
        path.write_text(content)
    code, _, err = run(capsys, "db", "info", "--db", str(path))
    assert code == 3
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unreachable_server_exits_non_zero(capsys) -> None:
    code, _, err = run(capsys, "db", "info", "--db", "postgresql+psycopg://x@127.0.0.1:1/db")
    assert code == 3 and err.startswith("releasedesk: Cannot connect")


def test_demo_needs_a_target_and_refuses_existing(demo_db: Path, capsys) -> None:
    code, _, err = run(capsys, "demo")
    assert code == 2 and "--db PATH" in err
    code, _, err = run(capsys, "demo", "--db", str(demo_db))
    assert code == 2 and "already exists" in err


def test_scale_option_generates_benchmark_data(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "demo", "--scale", "2", "--db", str(tmp_path / "s.db"))
    assert code == 0 and "400 tasks" in out and "800" in out
