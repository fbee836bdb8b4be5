"""Forged audit trails: found by an anchor kept elsewhere, and refused by PostgreSQL.

The three forgeries of issue 10 that keep the chain consistent with itself: cut the tail
off and fix ``audit_head``, edit a row and recompute every hash after it, empty the trail.
A chain verified only against itself cannot see them; an anchor (``audit anchor``,
written down before) can, on SQLite and PostgreSQL. On PostgreSQL a coordinator's login
cannot even try: the server refuses each of them.

The other two leave the trail alone and write the data behind it (a row inserted, a
value edited with plain SQL): replaying the trail in ``db check`` names the row and field.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from app.cli import main
from app.services import release_service
from app.workspace import Workspace
from models import AuditHead, AuditLog, Release
from models.audit import row_digest
from tests.forging import forging


def cut_tail(conn: sa.Connection, keep: int) -> None:
    """Delete the rows after ``keep`` and point the head at the new last row."""
    conn.execute(sa.delete(AuditLog).where(AuditLog.seq > keep))
    last = conn.scalar(sa.select(AuditLog.row_hash).where(AuditLog.seq == keep))
    conn.execute(sa.update(AuditHead).values(last_seq=keep, last_hash=last))


def rewrite(conn: sa.Connection, seq: int) -> None:
    """Change row ``seq``'s author, then recompute its hash, every later one and the head."""
    conn.execute(sa.update(AuditLog).where(AuditLog.seq == seq).values(user_name="mallory"))
    rows = conn.execute(sa.select(AuditLog).order_by(AuditLog.seq)).mappings().all()
    prev = rows[0]["prev_hash"]
    for row in rows:
        digest = row_digest(prev, dict(row))
        conn.execute(
            sa.update(AuditLog)
            .where(AuditLog.seq == row["seq"])
            .values(prev_hash=prev, row_hash=digest)
        )
        prev = digest
    conn.execute(sa.update(AuditHead).values(last_seq=rows[-1]["seq"], last_hash=prev))


def wipe(conn: sa.Connection) -> None:
    """Delete the whole trail and its head."""
    conn.execute(sa.delete(AuditLog))
    conn.execute(sa.delete(AuditHead))


FORGERIES: dict[str, Callable[[sa.Connection, int], None]] = {
    "cut the tail": lambda conn, anchored: cut_tail(conn, anchored - 3),
    "recompute the chain": lambda conn, anchored: rewrite(conn, anchored - 5),
    "empty the trail": lambda conn, _anchored: wipe(conn),
}


def _db(ws: Workspace) -> str:
    return str(ws.file) if ws.file else ws.url.render_as_string(hide_password=False)


def _anchor(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["audit", "anchor", "--db", _db(ws)]) == 0
    return capsys.readouterr().out.strip()


@pytest.mark.behind_the_back
@pytest.mark.parametrize("forgery", FORGERIES)
def test_an_anchor_finds_a_forged_trail(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], forgery: str
) -> None:
    for name in ("Payments", "Portal"):
        release_service.create_release(workspace, name=name)
    anchor = _anchor(workspace, capsys)
    anchored = int(anchor.split(":")[0])
    release_service.create_release(workspace, name="Later")  # the trail goes on after it
    check = ["db", "check", "--db", _db(workspace), "--anchor", anchor]
    assert main(check) == 0, capsys.readouterr()
    capsys.readouterr()
    with forging(workspace.engine) as conn:
        FORGERIES[forgery](conn, anchored)
    assert main(check) == 7
    out, err = capsys.readouterr()
    assert f"audit row {anchored}" in out and "anchor" in out, out
    assert len(err.strip().splitlines()) == 1


BEHIND_THE_TRAIL = {
    "insert a row": (
        lambda conn, _id: conn.execute(
            sa.insert(Release).values(
                id=uuid.uuid4(), name="Shadow", release_type="minor", status="draft", version=1
            )
        ),
        "never inserted it",
    ),
    "edit a value": (
        lambda conn, release_id: conn.execute(
            sa.update(Release).where(Release.id == release_id).values(name="Payments (approved)")
        ),
        "field name is Payments (approved) in the table but Payments in the audit trail",
    ),
}


@pytest.mark.behind_the_back
@pytest.mark.parametrize("forgery", BEHIND_THE_TRAIL)
def test_db_check_names_data_written_behind_the_trail(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], forgery: str
) -> None:
    release_id = release_service.create_release(workspace, name="Payments").id
    check = ["db", "check", "--db", _db(workspace)]
    assert main(check) == 0, capsys.readouterr()
    capsys.readouterr()
    forge, finding = BEHIND_THE_TRAIL[forgery]
    with workspace.engine.begin() as conn:  # plain SQL, past the audited session
        forge(conn, release_id)
    assert main(check) == 7
    out, _err = capsys.readouterr()
    assert finding in out and "release " in out, out


@pytest.mark.postgres
def test_a_coordinator_cannot_forge_the_trail(
    pg_database_factory: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    # The roles' own tests make and drop logins; here the grants alone are what matters,
    # so the forger is the owner's connection acting as the coordinator group.
    url = pg_database_factory()
    assert main(["db", "init-shared", "--db", url]) == 0
    capsys.readouterr()
    with Workspace.open(url, user="coordinator") as ws:
        for name in ("Payments", "Portal"):
            release_service.create_release(ws, name=name)
        anchor = _anchor(ws, capsys)
        anchored = int(anchor.split(":")[0])
        for forgery, forge in FORGERIES.items():
            with pytest.raises(sa.exc.DBAPIError) as refused, ws.engine.begin() as conn:
                conn.execute(sa.text("SET LOCAL ROLE releasedesk_coordinator"))
                forge(conn, anchored)
            assert refused.value.orig.sqlstate == "42501", forgery
            assert "permission denied" in str(refused.value.orig), forgery
        assert main(["db", "check", "--db", url, "--anchor", anchor]) == 0
