"""Soundness checks of a workspace: storage integrity, foreign keys, the audit chain, and
that replaying the trail gives every live row's values (nothing changed around it)."""

from __future__ import annotations

import sqlalchemy as sa

from app.words import count
from app.workspace import Workspace
from app.workspace_file import damaged
from models import AuditLog, Release, Task, TaskLink
from models.audit import verify_audit_chain
from models.audit_replay import replay_differences


def check_workspace(ws: Workspace, *, limit: int = 20) -> list[str]:
    """Problems found, most fundamental first; empty when the workspace is sound.

    At most ``limit`` differences between the tables and the trail are named.
    """
    problems: list[str] = []
    with ws.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").all()]
            if result != ["ok"]:
                problems.append(_damage_finding(ws, result))
                return problems
            for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check").all()[
                :20
            ]:
                problems.append(f"row {rowid} of {table} refers to a missing {parent} row")
        # PostgreSQL enforces foreign keys at every write; nothing to re-check there.
        broken = verify_audit_chain(conn)
        if broken is not None:
            problems.append(f"audit trail broken at row {broken.seq}: {broken.reason}")
        differences, total = replay_differences(conn, limit)
        problems += [str(d) for d in differences]
        if total > len(differences):
            more = count(total - len(differences), "more difference")
            problems.append(f"… and {more} between the tables and the audit trail")
    return problems


def _damage_finding(ws: Workspace, result: list[str]) -> str:
    """SQLite's first finding on one line, with how many more and what to restore."""
    # One result row may hold many findings, one a line, under a "*** in database" title.
    findings = [
        line.strip()
        for row in result
        for line in str(row).splitlines()
        if line.strip() and not line.startswith("*** in database")
    ]
    first = findings[0] if findings else "unknown damage"
    more = f", and {len(findings) - 1} more findings" if len(findings) > 1 else ""
    if ws.file is None:
        return f"the database file is damaged: {first}{more}"
    return str(damaged(ws.file, f"{first}{more}"))


def workspace_counts(ws: Workspace) -> dict[str, int]:
    """Live row counts of the main tables (for `releasedesk db info`)."""
    out: dict[str, int] = {}
    with ws.reading() as s:
        for label, model in (("Releases", Release), ("Tasks", Task), ("Links", TaskLink)):
            out[label] = (
                s.scalar(
                    sa.select(sa.func.count()).select_from(model).where(model.deleted_at.is_(None))
                )
                or 0
            )
        out["Audit rows"] = s.scalar(sa.select(sa.func.count()).select_from(AuditLog)) or 0
    return out
