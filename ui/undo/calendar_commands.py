"""Undoable calendar edits: move or resize an item (a drag, a conflict's fix), create
and edit freeze windows and environment bookings. Each step calls one service and
expects the version the previous step left, so a colleague's save in between is a
conflict (the conflict dialog), never overwritten."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.changes import Change
from app.dates_text import moment
from app.services import booking_service, deployment_schedule, freeze_service, release_service
from app.wall_time import plan_time
from app.workspace import Workspace
from ui.undo.service_command import CreateCommand, UpdateCommand, VersionedCommand

# ``move(expected_version, start, end)`` of one row, times as stored (naive UTC)
Mover = Callable[[int | None, dt.datetime, dt.datetime], Change]


def mover(ws: Workspace, table: str, row_id: uuid.UUID) -> Mover:
    """The service call that gives a row of ``table`` a new window."""
    if table == "release":  # a planned window is wall clock of the plan (app.wall_time)
        return lambda v, s, e: release_service.update_release(
            ws, row_id, v, planned_start=plan_time(s), planned_end=plan_time(e)
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


def move_window(
    ws: Workspace,
    row: freeze_service.FreezeRow,
    version: int | None,
    new: tuple[dt.datetime, dt.datetime, str],
    text: str,
) -> VersionedCommand:
    """Give a freeze or blackout window (read as ``row``, shown at ``version``) the
    first window and rule ``new`` (start, finish as naive UTC, rrule); undo puts back
    the row's."""

    def write(expected: int | None, values: tuple[dt.datetime, dt.datetime, str]) -> Change:
        start, finish, rrule = values
        return freeze_service.update_freeze(
            ws, row.id, expected, start=start, finish=finish, rrule=rrule
        )

    old = (row.start, row.finish, row.rrule)
    return VersionedCommand(
        text, row.id, version, lambda expected: write(expected, new),
        lambda expected: write(expected, old),
    )  # fmt: skip


@dataclass(frozen=True)
class RowKind:
    """The services of one kind of calendar row (freeze windows, bookings): what the
    create, edit and delete commands call, and what the user calls the row."""

    noun: str
    name_field: str
    create: Callable[..., Change]
    update: Callable[..., Change]
    get: Callable[[Workspace, uuid.UUID], Any]
    delete: Callable[..., Change]
    restore: Callable[..., Change]


FREEZES = RowKind(
    "window", "name", freeze_service.create_freeze, freeze_service.update_freeze,
    freeze_service.get_freeze, freeze_service.delete_freeze, freeze_service.restore_freeze,
)  # fmt: skip
BOOKINGS = RowKind(
    "booking", "title", booking_service.create_booking, booking_service.update_booking,
    booking_service.get_booking, booking_service.delete_booking, booking_service.restore_booking,
)  # fmt: skip


def create_row(ws: Workspace, kind: RowKind, /, **values: Any) -> CreateCommand:
    """A new row of ``kind``; undo deletes it, redo restores the same row."""
    return CreateCommand(
        f"Create {kind.noun} '{values.get(kind.name_field, '')}'",
        lambda: kind.create(ws, **values),
        lambda rid, expected: kind.delete(ws, rid, expected),
        lambda rid, expected: kind.restore(ws, rid, expected),
    )


def edit_row(ws: Workspace, kind: RowKind, row: Any, /, **values: Any) -> UpdateCommand:
    """Change fields of a row read as ``row``; undo writes the old values back."""
    return UpdateCommand(
        f"Edit {kind.noun} '{getattr(row, kind.name_field)}'",
        lambda expected, vals: kind.update(ws, row.id, expected, **vals),
        lambda: kind.get(ws, row.id).version,
        dict(values),
        {k: getattr(row, k) for k in values},
        row.version,
    )


def delete_row(ws: Workspace, kind: RowKind, row: Any) -> VersionedCommand:
    """Delete a row as read; undo restores it."""
    return VersionedCommand(
        f"Delete {kind.noun} '{getattr(row, kind.name_field)}'",
        row.id,
        row.version,
        lambda expected: kind.delete(ws, row.id, expected),
        lambda expected: kind.restore(ws, row.id, expected),
    )
