"""A new workspace for the demo or the scale data, never an existing one.

Both generators write rows with fixed ids (the same seed, the same ids), so written into
a workspace that already holds anything they would collide with its rows or, worse,
mix invented data into a team's real trail. A file is refused when it exists; a server
database when it already holds any row or any audit row.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

from app.errors import ValidationError
from app.workspace import Workspace
from app.workspace_location import describe
from models import AuditLog
from models.base import entity_tables


def open_new_workspace(target: str | os.PathLike[str], user: str | None, name: str) -> Workspace:
    """Create the workspace at ``target``; ValidationError when something is there."""
    if isinstance(target, Path) or "://" not in str(target):
        path = Path(target)
        try:
            taken = path.exists() and path.stat().st_size > 0
        except OSError:  # e.g. a name too long: Workspace.open below says so in one line
            taken = False
        if taken:
            raise ValidationError(f"{path} already exists; the demo is only written to a new file.")
    ws = Workspace.open(target, create=True, user=user, name=name)
    try:
        if _holds_anything(ws):
            raise ValidationError(
                f"{describe(ws.url)} already holds a workspace; the demo is only written "
                "to a new, empty database. Nothing was changed."
            )
    except BaseException:
        ws.close()
        raise
    return ws


def _holds_anything(ws: Workspace) -> bool:
    with ws.reading() as s:
        return any(
            s.scalar(sa.select(sa.exists().select_from(table)))
            for table in (AuditLog.__table__, *entity_tables())
        )
