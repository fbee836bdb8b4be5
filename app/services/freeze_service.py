"""Freeze and blackout windows: when no change may reach production (or one environment).

A window is a ``calendar_exception`` row of kind freeze or blackout, workspace-wide or
narrowed to one domain and/or one environment, once or repeated by an RFC 5545 RRULE
(``FREQ=WEEKLY;BYDAY=FR;COUNT=6``). Each write is one audited transaction; an edit
read at an older version than a colleague's save is refused (ConflictError).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app.changes import Change
from app.errors import ValidationError
from app.services import _rows, calendar_checks, cascade
from app.workspace import Workspace
from models import CalendarException, Domain, Environment
from models.enums import CalendarExceptionKind

WINDOW_KINDS = (CalendarExceptionKind.FREEZE, CalendarExceptionKind.BLACKOUT)
EDITABLE = ("name", "kind", "start", "finish", "rrule", "domain_id", "environment_id")


@dataclass(frozen=True)
class FreezeRow:
    """One freeze or blackout window as the calendar's editor shows it."""

    id: uuid.UUID
    name: str
    kind: CalendarExceptionKind
    start: dt.datetime
    finish: dt.datetime
    rrule: str
    domain_id: uuid.UUID | None
    domain_name: str
    environment_id: uuid.UUID | None
    environment_name: str
    version: int


def _query() -> sa.Select[Any]:
    env = aliased(Environment)
    return (
        _rows.row_select(
            FreezeRow,
            CalendarException,
            domain_id=Domain.id,  # a deleted domain or environment reads as none
            domain_name=sa.func.coalesce(Domain.name, ""),
            environment_id=env.id,
            environment_name=sa.func.coalesce(env.name, ""),
        )
        .outerjoin(Domain, _rows.live_ref(Domain, CalendarException.domain_id))
        .outerjoin(env, _rows.live_ref(env, CalendarException.environment_id))
        .where(
            CalendarException.deleted_at.is_(None),
            CalendarException.kind.in_(WINDOW_KINDS),
            CalendarException.calendar_id.is_(None),
        )
    )


def list_freezes(ws: Workspace) -> list[FreezeRow]:
    """The live workspace freeze and blackout windows, by start."""
    query = _query().order_by(CalendarException.start, CalendarException.name)
    return _rows.fetch(ws, FreezeRow, query)


def get_freeze(ws: Workspace, freeze_id: uuid.UUID) -> FreezeRow:
    """One live window (NotFoundError when it is gone)."""
    rows = _rows.fetch(ws, FreezeRow, _query().where(CalendarException.id == freeze_id))
    if not rows:
        with ws.reading() as s:
            _rows.load_live(s, CalendarException, freeze_id)
        raise ValidationError("That calendar entry is not a freeze or blackout window.")
    return rows[0]


def _normalise(s: Session, values: dict[str, Any]) -> dict[str, Any]:
    """The window's fields checked together (``values`` holds all of them)."""
    values["name"] = _rows.required_text(values["name"], "window's name", 160)
    try:
        values["kind"] = CalendarExceptionKind(values["kind"])
    except ValueError:
        values["kind"] = None
    if values["kind"] not in WINDOW_KINDS:
        raise calendar_checks.FieldError("kind", "A window is a freeze or a blackout.")
    values["start"], values["finish"] = calendar_checks.window(
        values["start"], values["finish"], "finish"
    )
    values["rrule"] = calendar_checks.repeat_rule(values["rrule"], values["start"])
    calendar_checks.live_ref(s, Domain, values["domain_id"], "domain_id", "domain")
    calendar_checks.live_ref(
        s, Environment, values["environment_id"], "environment_id", "environment"
    )
    return values


def create_freeze(
    ws: Workspace,
    name: str,
    start: dt.datetime,
    finish: dt.datetime,
    *,
    kind: CalendarExceptionKind = CalendarExceptionKind.FREEZE,
    rrule: str = "",
    domain_id: uuid.UUID | None = None,
    environment_id: uuid.UUID | None = None,
) -> Change:
    """A new window (workspace-wide unless a domain or environment narrows it)."""
    values = {
        "name": name,
        "kind": kind,
        "start": start,
        "finish": finish,
        "rrule": rrule,
        "domain_id": domain_id,
        "environment_id": environment_id,
    }
    with ws.transaction() as s:
        return _rows.create(s, CalendarException(**_normalise(s, values)))


def _prepare(s: Session, row: CalendarException, values: dict[str, Any]) -> dict[str, Any]:
    if row.kind not in WINDOW_KINDS or row.calendar_id is not None:
        raise ValidationError(f"'{row.name}' is not a freeze or blackout window.")
    return calendar_checks.whole_edit(s, row, values, EDITABLE, _normalise)


update_freeze = _rows.updater(CalendarException, EDITABLE, _prepare)
delete_freeze, restore_freeze = cascade.delete_and_restore(CalendarException)
