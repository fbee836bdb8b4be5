"""Moving a deployment's planned window (the calendar's drag, a conflict's suggested fix)."""

from __future__ import annotations

import datetime as dt
import uuid

from app.changes import Change, ChangeAction
from app.services import _rows, calendar_checks
from app.workspace import Workspace
from models import Deployment


def move_deployment(
    ws: Workspace,
    deployment_id: uuid.UUID,
    expected_version: int | None,
    start: dt.datetime,
    end: dt.datetime,
) -> Change:
    """Plan a deployment from ``start`` to ``end`` (naive UTC) in one audited
    transaction; a deployment a colleague changed since ``expected_version`` is not
    moved (ConflictError), a window ending before it starts is refused."""
    start, end = calendar_checks.window(start, end)
    with ws.transaction() as s:
        row = _rows.load_live(s, Deployment, deployment_id)
        _rows.check_version(row, expected_version, {"planned_start": start, "planned_end": end})
        row.planned_start, row.planned_end = start, end
        return _rows.changed(s, row, ChangeAction.UPDATED)


def deployment_window(
    ws: Workspace, deployment_id: uuid.UUID
) -> tuple[dt.datetime | None, dt.datetime | None, int]:
    """A live deployment's planned ``(start, end, version)``."""
    with ws.reading() as s:
        row = _rows.load_live(s, Deployment, deployment_id)
        return row.planned_start, row.planned_end, row.version
