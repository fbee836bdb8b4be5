"""Taking a calendar import back (undo) and bringing it back (redo).

An import creates windows and updates (or restores) others in one transaction. Undo
soft-deletes the windows it created and puts the updated ones back as they were
(deleted again, if the import had restored them); redo restores the same created rows
and applies the import's values again, so ids, audit trail and sync stay intact. Each
step expects the versions the previous one left: a window a colleague changed in
between is a :class:`~app.errors.ConflictError`, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app import clock
from app.changes import Change, ChangeAction
from app.services._rows import check_version, load_live
from app.workspace import Workspace
from models import CalendarException

_TABLE = CalendarException.__tablename__


@dataclass(frozen=True)
class WindowEdit:
    """One window an import updated: its values before and after (``deleted_at`` too)."""

    id: uuid.UUID
    before: Mapping[str, Any]
    after: Mapping[str, Any]


def edit_of(row: CalendarException, values: Mapping[str, Any]) -> WindowEdit:
    """The edit that setting ``values`` (and reviving the row) makes to ``row``."""
    fields = [*values, "deleted_at"]
    before = {k: getattr(row, k) for k in fields}
    return WindowEdit(row.id, before, {**values, "deleted_at": None})


def withdraw_calendar_import(
    ws: Workspace,
    created: Sequence[uuid.UUID],
    edits: Sequence[WindowEdit],
    expected: Mapping[uuid.UUID, int] | None = None,
) -> tuple[Change, ...]:
    """Undo: delete the ``created`` windows, give the edited ones their old values."""
    return _step(ws, created, edits, expected, undo=True)


def reinstate_calendar_import(
    ws: Workspace,
    created: Sequence[uuid.UUID],
    edits: Sequence[WindowEdit],
    expected: Mapping[uuid.UUID, int] | None = None,
) -> tuple[Change, ...]:
    """Redo: restore the ``created`` windows, give the edited ones the import's values."""
    return _step(ws, created, edits, expected, undo=False)


def _step(
    ws: Workspace,
    created: Sequence[uuid.UUID],
    edits: Sequence[WindowEdit],
    expected: Mapping[uuid.UUID, int] | None,
    *,
    undo: bool,
) -> tuple[Change, ...]:
    expected = expected or {}
    stamp: dt.datetime | None = clock.precise_now() if undo else None
    with ws.transaction() as s:
        made = []
        for row_id in created:
            row = s.get(CalendarException, row_id) if not undo else None
            row = row or load_live(s, CalendarException, row_id)
            check_version(row, expected.get(row_id), {"deleted_at": stamp})
            row.deleted_at = stamp
            made.append(row)
        edited = []
        for edit in edits:
            row = s.get(CalendarException, edit.id) or load_live(s, CalendarException, edit.id)
            values = edit.before if undo else edit.after
            check_version(row, expected.get(edit.id), values)
            for key, value in values.items():
                setattr(row, key, value)
            edited.append(row)
        s.flush()
        action = ChangeAction.DELETED if undo else ChangeAction.RESTORED
        changes = (
            Change(_TABLE, action, tuple(r.id for r in made), tuple(r.version for r in made)),
            Change(
                _TABLE,
                ChangeAction.UPDATED,
                tuple(r.id for r in edited),
                tuple(r.version for r in edited),
            ),
        )
    return tuple(c for c in changes if c.ids)
