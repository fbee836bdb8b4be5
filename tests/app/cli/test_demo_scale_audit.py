"""`releasedesk demo [--scale N]`: every row it writes is audited, and it never touches
a workspace that already exists (a file, or a shared database holding anything)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from app.cli import main
from app.workspace import Workspace
from models import AuditLog, Domain, Release, Task, TaskLink

RELEASES = 2
ROWS = 4 + RELEASES + RELEASES * 200 + RELEASES * 400  # domains, releases, tasks, links


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where no workspace is yet: a new file's path, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "new.db")
    return request.getfixturevalue("pg_database_factory")()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _counts(db: str) -> dict[str, int]:
    with Workspace.open(db, user="auditor") as ws, ws.engine.connect() as conn:
        return {
            m.__tablename__: conn.scalar(sa.select(sa.func.count()).select_from(m))
            for m in (AuditLog, Domain, Release, Task, TaskLink)
        }


def test_scale_data_is_audited_row_by_row(new_db: str, capsys) -> None:
    code, out, err = _run(capsys, "demo", "--scale", str(RELEASES), "--db", new_db)
    assert code == 0, err
    counts = _counts(new_db)
    assert counts["audit_log"] == ROWS == sum(v for k, v in counts.items() if k != "audit_log")
    code, out, _ = _run(capsys, "db", "check", "--db", new_db)
    assert code == 0 and "sound" in out


@pytest.mark.parametrize("scale", [[], ["--scale", "1"]], ids=["demo", "scale"])
def test_demo_never_touches_an_existing_workspace(new_db: str, scale: list[str], capsys) -> None:
    assert _run(capsys, "demo", "--scale", "1", "--db", new_db)[0] == 0
    before = _counts(new_db)
    code, _, err = _run(capsys, "demo", *scale, "--db", new_db)
    assert code == 2 and err.startswith("releasedesk: ") and "Traceback" not in err
    assert "already" in err and len(err.strip().splitlines()) == 1
    assert _counts(new_db) == before


@pytest.mark.postgres
def test_a_shared_database_with_anything_in_it_is_refused(pg_database_factory, capsys) -> None:
    """Even without releases (so with the demo's ids free), a used workspace is not new."""
    new_db = pg_database_factory()
    with Workspace.open(new_db, create=True, user="tester") as ws, ws.transaction() as s:
        s.add(Domain(name="Payments"))
    code, _, err = _run(capsys, "demo", "--db", new_db)
    assert code == 2 and "already holds a workspace" in err
    assert _counts(new_db)["release"] == 0


def test_scale_zero_is_refused_with_a_message(new_db: str, capsys) -> None:
    code, _, err = _run(capsys, "demo", "--scale", "0", "--db", new_db)
    assert code == 2 and "--scale takes 1 to" in err and "Traceback" not in err
