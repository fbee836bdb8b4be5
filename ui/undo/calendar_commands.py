"""Undoable calendar edits: move or resize an item (a drag, a conflict's fix), create
and edit freeze windows and environment bookings. Each step calls one service and
expects the version the previous step left, so a colleague's save in between is a
conflict (the conflict dialog), never overwritten."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from app.changes import Change
from app.dates_text import moment
from app.services import booking_service, deployment_schedule, freeze_service, release_service
from app.workspace import Workspace
from ui.undo.service_command import CreateCommand, UpdateCommand, VersionedCommand

# ``move(expected_version, start, end)`` of one row, times as stored (naive UTC)
Mover = Callable[[int | None, dt.datetime, dt.datetime], Change]


def mover(ws: Workspace, table: str, row_id: uuid.UUID) -> Mover:
    """The service call that gives a row of ``table`` a new window."""
    if table == "release":
        return lambda v, s, e: release_service.update_release(
            ws, row_id, v, planned_start=s, planned_end=e
        )
    if table == "deployment":
        return lambda v, s, e: deployment_schedule.move_deployment(ws, row_id, v, s, e)
    if table == "environment_booking":
        return lambda v, s, e: booking_service.update_booking(ws, row_id, v, start=s, end=e)
    if table == "calendar_exception":
        return lambda v, s, e: freeze_service.update_freeze(ws, row_id, v, start=s, finish=e)
    raise ValueError(f"A {table} row cannot be moved on the calendar.")


def move_item(
    ws: Workspace,
    what: str,
    table: str,
    row_id: uuid.UUID,
    version: int | None,
    old: tuple[dt.datetime, dt.datetime],
    new: tuple[dt.datetime, dt.datetime],
    text: str = "",
) -> VersionedCommand:
    """Give ``what`` (a row of ``table`` read at ``version``) the window ``new`` (naive
    UTC); undo puts it back to ``old``."""
    move = mover(ws, table, row_id)
    return VersionedCommand(
        text or f"Move '{what}' to {moment(new[0])}",
        row_id,
        version,
        lambda expected: move(expected, *new),
        lambda expected: move(expected, *old),
    )


def create_freeze(ws: Workspace, **values: Any) -> CreateCommand:
    """A new freeze or blackout window; undo deletes it, redo restores the same row."""
    return CreateCommand(
        f"Create window '{values.get('name', '')}'",
        lambda: freeze_service.create_freeze(ws, **values),
        lambda rid, expected: freeze_service.delete_freeze(ws, rid, expected),
        lambda rid, expected: freeze_service.restore_freeze(ws, rid, expected),
    )


def edit_freeze(ws: Workspace, row: freeze_service.FreezeRow, **values: Any) -> UpdateCommand:
    """Change fields of a window read as ``row``; undo writes the old values back."""
    return UpdateCommand(
        f"Edit window '{row.name}'",
        lambda expected, vals: freeze_service.update_freeze(ws, row.id, expected, **vals),
        lambda: freeze_service.get_freeze(ws, row.id).version,
        dict(values),
        {k: getattr(row, k) for k in values},
        row.version,
    )


def delete_freeze(ws: Workspace, row: freeze_service.FreezeRow) -> VersionedCommand:
    """Delete a window as read; undo restores it."""
    return VersionedCommand(
        f"Delete window '{row.name}'",
        row.id,
        row.version,
        lambda expected: freeze_service.delete_freeze(ws, row.id, expected),
        lambda expected: freeze_service.restore_freeze(ws, row.id, expected),
    )


def create_booking(ws: Workspace, **values: Any) -> CreateCommand:
    """A new environment booking; undo deletes it, redo restores the same row."""
    return CreateCommand(
        f"Book '{values.get('title', '')}'",
        lambda: booking_service.create_booking(ws, **values),
        lambda rid, expected: booking_service.delete_booking(ws, rid, expected),
        lambda rid, expected: booking_service.restore_booking(ws, rid, expected),
    )


def edit_booking(ws: Workspace, row: booking_service.BookingRow, **values: Any) -> UpdateCommand:
    """Change fields of a booking read as ``row``; undo writes the old values back."""
    return UpdateCommand(
        f"Edit booking '{row.title}'",
        lambda expected, vals: booking_service.update_booking(ws, row.id, expected, **vals),
        lambda: booking_service.get_booking(ws, row.id).version,
        dict(values),
        {k: getattr(row, k) for k in values},
        row.version,
    )


def delete_booking(ws: Workspace, row: booking_service.BookingRow) -> VersionedCommand:
    """Delete a booking as read; undo restores it."""
    return VersionedCommand(
        f"Delete booking '{row.title}'",
        row.id,
        row.version,
        lambda expected: booking_service.delete_booking(ws, row.id, expected),
        lambda expected: booking_service.restore_booking(ws, row.id, expected),
    )
