"""Environment bookings: a shared environment held by a team or release for a while.

Each write is one audited transaction returning its :class:`Change`; a stale edit (a
colleague saved the booking since it was read) is refused with ConflictError.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change
from app.errors import ValidationError
from app.services import _rows, calendar_checks, cascade
from app.workspace import Workspace
from models import Domain, Environment, EnvironmentBooking, Release

EDITABLE = ("environment_id", "title", "start", "end", "domain_id", "release_id", "notes")


@dataclass(frozen=True)
class BookingRow:
    """One live booking, with the environment's name."""

    id: uuid.UUID
    environment_id: uuid.UUID
    environment_name: str
    title: str
    start: dt.datetime
    end: dt.datetime
    domain_id: uuid.UUID | None
    release_id: uuid.UUID | None
    notes: str
    version: int


def _query() -> sa.Select[Any]:
    return (
        _rows.row_select(
            BookingRow,
            EnvironmentBooking,
            environment_name=Environment.name,
            domain_id=Domain.id,  # a deleted domain reads as none
        )
        .join(Environment, Environment.id == EnvironmentBooking.environment_id)
        .outerjoin(Domain, _rows.live_ref(Domain, EnvironmentBooking.domain_id))
        .where(EnvironmentBooking.deleted_at.is_(None), Environment.deleted_at.is_(None))
    )


def list_bookings(
    ws: Workspace, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> list[BookingRow]:
    """Live bookings of live environments overlapping ``[start, end)`` (all when open)."""
    query = _query()
    if start is not None:
        query = query.where(EnvironmentBooking.end > start)
    if end is not None:
        query = query.where(EnvironmentBooking.start < end)
    return _rows.fetch(ws, BookingRow, query.order_by(EnvironmentBooking.start))


def get_booking(ws: Workspace, booking_id: uuid.UUID) -> BookingRow:
    """One live booking (NotFoundError when it is gone)."""
    rows = _rows.fetch(ws, BookingRow, _query().where(EnvironmentBooking.id == booking_id))
    if not rows:
        with ws.reading() as s:
            _rows.load_live(s, EnvironmentBooking, booking_id)
    return rows[0]


def _normalise(s: Session, values: dict[str, Any]) -> dict[str, Any]:
    """The booking's fields checked together (``values`` holds all of them)."""
    if values["environment_id"] is None:
        raise calendar_checks.FieldError("environment_id", "Choose the environment to book.")
    calendar_checks.live_ref(
        s, Environment, values["environment_id"], "environment_id", "environment"
    )
    try:
        values["title"] = _rows.required_text(values["title"], "booking's title", 160)
    except ValidationError as exc:
        raise calendar_checks.FieldError("title", str(exc)) from None
    values["start"], values["end"] = calendar_checks.window(values["start"], values["end"])
    calendar_checks.live_ref(s, Domain, values["domain_id"], "domain_id", "domain")
    calendar_checks.live_ref(s, Release, values["release_id"], "release_id", "release")
    values["notes"] = str(values["notes"] or "").strip()
    return values


def create_booking(
    ws: Workspace,
    environment_id: uuid.UUID | None,
    title: str,
    start: dt.datetime,
    end: dt.datetime,
    *,
    domain_id: uuid.UUID | None = None,
    release_id: uuid.UUID | None = None,
    notes: str = "",
) -> Change:
    """Book an environment from ``start`` to ``end`` (naive UTC)."""
    values = {
        "environment_id": environment_id,
        "title": title,
        "start": start,
        "end": end,
        "domain_id": domain_id,
        "release_id": release_id,
        "notes": notes,
    }
    with ws.transaction() as s:
        return _rows.create(s, EnvironmentBooking(**_normalise(s, values)))


def _prepare(s: Session, row: EnvironmentBooking, values: dict[str, Any]) -> dict[str, Any]:
    return calendar_checks.whole_edit(s, row, values, EDITABLE, _normalise)


update_booking = _rows.updater(EnvironmentBooking, EDITABLE, _prepare)
delete_booking, restore_booking = cascade.delete_and_restore(EnvironmentBooking)
