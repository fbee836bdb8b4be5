"""The audit trail for an auditor: its anchor, the check against one, and an export.

An *anchor* is the chain's head (sequence and hash) written down outside the workspace.
Every row's hash covers the previous row's, so a trail that still holds the anchored
row with the anchored hash, and whose chain is sound, still holds every row up to it
unchanged: cutting the trail back, emptying it or rewriting it and recomputing every
hash is found, which the chain alone (verified against itself) cannot find.

The export writes each row with every value its hash covers, exactly as hashed, so
that the README's recipe verifies a file without ReleaseDesk.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app import clock
from app.errors import ValidationError
from app.interchange.file_output import replacing
from app.workspace import Workspace
from models import AuditHead, AuditLog
from models.audit import GENESIS, audit_text

EXPORT_COLUMNS = (
    "seq", "at", "user_name", "db_login", "action", "entity", "entity_id", "field",
    "old_value", "new_value", "prev_hash", "row_hash",
)  # fmt: skip
CSV_NULL = "\\N"
"""How a CSV export writes a missing value (JSONL writes ``null``), as PostgreSQL's COPY."""
_BATCH = 5000


@dataclass(frozen=True)
class ExportSummary:
    """How many rows an export wrote, and the first and last sequence numbers."""

    rows: int
    first: int | None
    last: int | None


def chain_anchor(ws: Workspace) -> tuple[int, str]:
    """The chain's head: the last sequence number and its hash (0 and zeros when empty)."""
    with ws.engine.connect() as conn:
        head = conn.execute(sa.select(AuditHead.last_seq, AuditHead.last_hash)).first()
    return (head.last_seq, head.last_hash) if head else (0, GENESIS)


def check_anchor(ws: Workspace, seq: int, digest: str) -> list[str]:
    """Problems with the anchor ``seq:digest``; empty when the trail still holds it."""
    if seq == 0:
        return [] if digest == GENESIS else ["the anchor 0:… must be 0 and 64 zeros"]
    with ws.engine.connect() as conn:
        found = conn.scalar(sa.select(AuditLog.row_hash).where(AuditLog.seq == seq))
    if found is None:
        return [f"audit row {seq} of the anchor is gone: the trail was cut back or emptied"]
    if found != digest:
        return [f"audit row {seq} differs from the anchor: the trail up to it was rewritten"]
    return []


def export_trail(
    ws: Workspace,
    destination: str | os.PathLike[str],
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> ExportSummary:
    """Write the trail (``since``..``until``, local dates, both included) as CSV or JSONL.

    The format follows the extension (``.csv``, ``.jsonl``); rows stream from the
    database in batches, and the file replaces ``destination`` only once complete.
    """
    kind = Path(destination).suffix.lower()
    if kind not in (".csv", ".jsonl"):
        raise ValidationError(
            f"Cannot export the audit trail as '{kind or Path(destination).name}': "
            "name the file .csv or .jsonl."
        )
    query = sa.select(*(AuditLog.__table__.c[name] for name in EXPORT_COLUMNS))
    if since is not None:
        query = query.where(AuditLog.at >= _midnight(since))
    if until is not None:
        query = query.where(AuditLog.at < _midnight(until + dt.timedelta(days=1)))
    query = query.order_by(AuditLog.seq).execution_options(yield_per=_BATCH)
    protected = [ws.file] if ws.file is not None else []
    with ws.engine.connect() as conn, replacing(destination, protected) as out:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        write = _row_writer(kind, text)
        done, first, last = 0, None, None
        for row in _exported(conn.execute(query).mappings()):
            write(row)
            done, last = done + 1, row["seq"]
            first = last if first is None else first
        text.flush()
        text.detach()  # the file itself is closed by `replacing`
    return ExportSummary(done, first, last)


def _exported(rows: Any) -> Iterator[dict[str, Any]]:
    """Each row with its values as its hash covers them (the time as audit text)."""
    for row in rows:
        out = dict(row)
        out["at"] = audit_text(out["at"])
        yield out


def _midnight(day: dt.date) -> dt.datetime:
    return clock.from_local(dt.datetime.combine(day, dt.time()))


def _row_writer(kind: str, text: io.TextIOWrapper) -> Callable[[dict[str, Any]], object]:
    """Writes one exported row as a JSON line, or as a CSV record after the header."""
    if kind == ".jsonl":
        encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
        return lambda row: text.write(encoder.encode(row) + "\n")
    writer = csv.writer(text)
    writer.writerow(EXPORT_COLUMNS)
    return lambda row: writer.writerow(
        [CSV_NULL if row[column] is None else row[column] for column in EXPORT_COLUMNS]
    )
