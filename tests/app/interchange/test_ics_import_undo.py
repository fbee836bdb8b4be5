"""Undo and redo of a calendar import: the same rows, and never over a colleague."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ConflictError
from app.services.calendar_exchange import export_calendar, import_calendar
from app.services.calendar_import_undo import (
    reinstate_calendar_import,
    withdraw_calendar_import,
)
from app.workspace import Workspace
from tests.app.interchange.calendar_world import make_calendar, window_count, windows_of
from tests.app.services.builders import audit_count

NEW_EVENT = (
    b"BEGIN:VEVENT\r\nUID:carnival@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
    b"SUMMARY:Carnival\r\nDTSTART;VALUE=DATE:20270208\r\nEND:VEVENT\r\n"
)


def _changed_file(ws: Workspace, tmp_path: Path) -> Path:
    """Our own export with one window renamed and one new event."""
    ours, theirs = tmp_path / "ours.ics", tmp_path / "theirs.ics"
    export_calendar(ws, ours)
    theirs.write_bytes(
        ours.read_bytes()
        .replace(b"SUMMARY:Founders' day", b"SUMMARY:Founders' day (moved)")
        .replace(b"END:VCALENDAR", NEW_EVENT + b"END:VCALENDAR")
    )
    return theirs


def _versions(changes) -> dict:
    return {i: v for c in changes for i, v in zip(c.ids, c.versions, strict=True)}


def test_undo_then_redo(workspace: Workspace, tmp_path: Path) -> None:
    make_calendar(workspace)
    before = {n: (w.id, w.name, w.version) for n, w in windows_of(workspace).items()}
    done = import_calendar(workspace, _changed_file(workspace, tmp_path))
    assert (done.created, done.updated) == (1, 1)
    imported = {n: w.id for n, w in windows_of(workspace).items()}
    undone = withdraw_calendar_import(
        workspace, done.created_ids, done.edits, _versions(done.changes)
    )
    assert {n: (w.id, w.name) for n, w in windows_of(workspace).items()} == {
        n: (i, name) for n, (i, name, _v) in before.items()
    }
    reinstate_calendar_import(workspace, done.created_ids, done.edits, _versions(undone))
    assert {n: w.id for n, w in windows_of(workspace).items()} == imported
    assert window_count(workspace) == 4  # the same rows, never new ones


def test_undo_refuses_over_a_colleagues_change(workspace: Workspace, tmp_path: Path) -> None:
    make_calendar(workspace)
    done = import_calendar(workspace, _changed_file(workspace, tmp_path))
    moved = windows_of(workspace)["Founders' day (moved)"]
    with workspace.transaction() as s:  # a colleague renames it again
        s.get(type(moved), moved.id).name = "Founders' day (colleague)"
    trail = audit_count(workspace)
    with pytest.raises(ConflictError):
        withdraw_calendar_import(workspace, done.created_ids, done.edits, _versions(done.changes))
    assert "Founders' day (colleague)" in windows_of(workspace)
    assert "Carnival" in windows_of(workspace)  # nothing half undone
    assert audit_count(workspace) == trail
