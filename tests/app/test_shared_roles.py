"""A shared PostgreSQL workspace set up for a team: the server itself enforces the roles.

Each test makes its own workspace database and its own logins (roles belong to the whole
server, and other test runs share it) and drops the logins afterwards; the three group
roles are created idempotently and never dropped.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.cli import main
from app.errors import ReadOnlyWorkspaceError
from app.services import release_service
from app.workspace import Workspace
from models import AuditLog, schema
from models.database import make_engine
from tests.pg_logins import Login

pytestmark = pytest.mark.postgres


def _refused(engine: sa.Engine, sql: str) -> str:
    """The server's refusal of ``sql`` (the test fails if it is allowed)."""
    with pytest.raises(sa.exc.DBAPIError) as caught, engine.begin() as conn:
        conn.execute(sa.text(sql))
    assert caught.value.orig.sqlstate == "42501", caught.value  # insufficient_privilege
    return str(caught.value.orig)


def test_a_coordinator_writes_but_cannot_rewrite_the_trail(login: Login) -> None:
    url = login("coordinator")
    name = sa.make_url(url).username
    with Workspace.open(url, user="Someone Else") as ws:
        assert not ws.read_only
        release_service.create_release(ws, name="Payments")
        with ws.engine.connect() as conn:
            rows = conn.execute(sa.select(AuditLog.user_name, AuditLog.db_login)).all()
        # --user names the author shown; the login behind the change is the server's.
        assert rows and set(rows) == {("Someone Else", name)}
        for sql in (
            "UPDATE audit_log SET user_name = 'mallory'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "DELETE FROM audit_head",
            "TRUNCATE audit_head",
            "TRUNCATE release CASCADE",
        ):
            assert "permission denied" in _refused(ws.engine, sql), sql
        # audit_head may only move forward, to the last audit row with its hash.
        assert "only moves forward" in _refused(
            ws.engine,
            "UPDATE audit_head SET last_seq = 1, last_hash = "
            "(SELECT row_hash FROM audit_log WHERE seq = 1)",
        )
        with ws.engine.begin() as conn:  # a forged login on a plain insert is replaced
            conn.execute(
                sa.text(
                    "INSERT INTO audit_log (seq, at, user_name, action, entity, entity_id, "
                    "field, db_login, prev_hash, row_hash) VALUES (100000, now(), 'x', 'insert', "
                    "'release', 'x', '', 'postgres', '', '')"
                )
            )
            forged = conn.scalar(sa.text("SELECT db_login FROM audit_log WHERE seq = 100000"))
            conn.rollback()
        assert forged == name


def test_a_stakeholder_reads_and_the_server_refuses_its_writes(
    login: Login, shared_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(shared_url, user="owner") as owner:
        release_service.create_release(owner, name="Payments")
    url = login("stakeholder")
    with Workspace.open(url, user="viewer") as ws:
        assert ws.read_only and "may only read" in ws.read_only_reason
        assert [r.name for r in release_service.list_releases(ws)] == ["Payments"]
        with pytest.raises(ReadOnlyWorkspaceError, match=r"read-only.*coordinator"):
            release_service.create_release(ws, name="Not saved")
        # Not only ReleaseDesk's own refusal: plain SQL is refused by the server.
        _refused(ws.engine, "UPDATE release SET name = 'x'")
        _refused(ws.engine, "INSERT INTO audit_head (id, last_seq, last_hash) VALUES (2, 0, '')")
    assert main(["db", "check", "--db", url]) == 0
    capsys.readouterr()
    name = sa.make_url(url).username
    assert main(["db", "grant", "--db", url, "--login", name, "--role", "coordinator"]) == 3
    assert "Only the database's owner" in capsys.readouterr().err


def test_granting_an_unknown_login_says_so(shared_url: str, capsys) -> None:
    argv = [
        "db",
        "grant",
        "--db",
        shared_url,
        "--login",
        "rd_no_such_login",
        "--role",
        "stakeholder",
    ]
    assert main(argv) == 2
    assert "There is no login 'rd_no_such_login'" in capsys.readouterr().err


def test_init_shared_twice_keeps_the_workspace(shared_url: str, capsys) -> None:
    with Workspace.open(shared_url, user="owner") as ws:
        release_service.create_release(ws, name="Payments")
    assert main(["db", "init-shared", "--db", shared_url]) == 0
    assert "releasedesk_stakeholder" in capsys.readouterr().out
    assert main(["db", "check", "--db", shared_url]) == 0


def test_an_old_shared_workspace_waits_for_its_owner_to_upgrade_it(
    login: Login, shared_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    coordinator, stakeholder = login("coordinator"), login("stakeholder")
    engine = make_engine(shared_url)
    schema.downgrade(engine, "0004_task_dated_index")  # as an older ReleaseDesk left it
    engine.dispose()
    capsys.readouterr()
    for url in (coordinator, stakeholder):
        assert main(["db", "info", "--db", url]) == 3
        err = capsys.readouterr().err
        assert "run `releasedesk db init-shared`" in err and len(err.splitlines()) == 1, err
    assert main(["db", "init-shared", "--db", shared_url]) == 0
    assert main(["db", "info", "--db", coordinator]) == 0
