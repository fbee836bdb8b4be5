"""Change requests: demand for additions or changes during a release.

A request names its requester, what it asks for (:class:`ChangeItemSpec`: scope to
add or remove, tasks to add with their links, durations to change) and the date it
was requested. Its status moves submitted → assessed → approved or rejected →
implemented (:mod:`app.services.change_decisions`), each step recorded with its
author, time and reason. Every write here is one audited transaction that expects
the request's version and returns a :class:`Change`; editing an assessed request
sends it back to submitted (its computed impact no longer holds).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app import clock
from app.changes import Change, ChangeAction
from app.errors import NotFoundError, ValidationError
from app.services import _rows, cascade
from app.services.change_items import ChangeItemSpec, checked_items
from app.workspace import Workspace
from models import ChangeDecision, ChangeItem, ChangeRequest, Release
from models.enums import ChangeRequestStatus

EDITABLE = ("title", "description", "requester_name", "requested_on")
OPEN = (ChangeRequestStatus.SUBMITTED, ChangeRequestStatus.ASSESSED)


@dataclass(frozen=True)
class DecisionRow:
    """One status step of a request."""

    status: ChangeRequestStatus
    author: str
    decided_at: dt.datetime
    reason: str


@dataclass(frozen=True)
class ChangeRequestRow:
    """A change request as the Changes tab and the CLI show it."""

    id: uuid.UUID
    release_id: uuid.UUID
    release_title: str
    title: str
    description: str
    requester_name: str
    requested_on: dt.date | None
    status: ChangeRequestStatus
    impact_days: float
    impact: str
    version: int
    items: tuple[ChangeItemSpec, ...] = ()
    decisions: tuple[DecisionRow, ...] = ()

    @property
    def last_decision(self) -> DecisionRow | None:
        """The latest status step (None for a request nobody moved yet)."""
        return self.decisions[-1] if self.decisions else None


def _items_of(s: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[ChangeItemSpec]]:
    out: dict[uuid.UUID, list[ChangeItemSpec]] = {i: [] for i in ids}
    query = (
        sa.select(ChangeItem)
        .where(ChangeItem.change_request_id.in_(ids), ChangeItem.deleted_at.is_(None))
        .order_by(ChangeItem.position)
    )
    for i in s.scalars(query):
        out[i.change_request_id].append(
            ChangeItemSpec(
                i.kind,
                i.title,
                i.scope_item_id,
                i.task_id,
                i.predecessor_id,
                i.successor_id,
                i.duration_minutes,
            )
        )
    return out


def _decisions_of(s: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[DecisionRow]]:
    out: dict[uuid.UUID, list[DecisionRow]] = {i: [] for i in ids}
    query = (
        sa.select(ChangeDecision)
        .where(ChangeDecision.change_request_id.in_(ids), ChangeDecision.deleted_at.is_(None))
        .order_by(ChangeDecision.decided_at, ChangeDecision.created_at)
    )
    for d in s.scalars(query):
        out[d.change_request_id].append(DecisionRow(d.status, d.author, d.decided_at, d.reason))
    return out


def list_change_requests(
    ws: Workspace, release_id: uuid.UUID | None = None, *, request_id: uuid.UUID | None = None
) -> list[ChangeRequestRow]:
    """The live change requests of one release (or all), newest request first."""
    cr = ChangeRequest
    query = (
        sa.select(cr, Release.title)
        .join(Release, Release.id == cr.release_id)
        .where(cr.deleted_at.is_(None), Release.deleted_at.is_(None))
        .order_by(cr.requested_on.desc().nulls_last(), cr.created_at.desc())
    )
    if release_id is not None:
        query = query.where(cr.release_id == release_id)
    if request_id is not None:
        query = query.where(cr.id == request_id)
    with ws.reading() as s:
        found = s.execute(query).all()
        ids = [r.id for r, _t in found]
        items, decisions = _items_of(s, ids), _decisions_of(s, ids)
        return [
            ChangeRequestRow(
                r.id,
                r.release_id,
                title,
                r.title,
                r.description,
                r.requester_name,
                r.requested_on,
                r.status,
                r.impact_schedule_days,
                r.impact_risk,
                r.version,
                tuple(items[r.id]),
                tuple(decisions[r.id]),
            )
            for r, title in found
        ]


def get_change_request(ws: Workspace, request_id: uuid.UUID) -> ChangeRequestRow:
    """One live request with its items and decisions (NotFoundError when gone)."""
    rows = list_change_requests(ws, request_id=request_id)
    if not rows:
        raise NotFoundError("That change request no longer exists (it may have been deleted).")
    return rows[0]


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    if "title" in values:
        values["title"] = _rows.required_text(values["title"], "change request's title", 240)
    if "description" in values:
        values["description"] = str(values["description"] or "").strip()
    if "requester_name" in values:
        values["requester_name"] = _rows.limited_text(
            values["requester_name"], "requester's name", 120
        )
    if "requested_on" in values:
        when = values["requested_on"]
        if isinstance(when, dt.datetime):
            when = when.date()
        if when is not None and not isinstance(when, dt.date):
            raise ValidationError("The requested date must be a date.")
        values["requested_on"] = when
    return values


def _write_items(s: Session, request: ChangeRequest, items: Sequence[ChangeItemSpec]) -> None:
    """Replace the request's items with ``items`` (the old ones are soft-deleted)."""
    checked = checked_items(s, request.release_id, items)
    when = clock.precise_now()
    for old in s.scalars(
        sa.select(ChangeItem).where(
            ChangeItem.change_request_id == request.id, ChangeItem.deleted_at.is_(None)
        )
    ):
        cascade.delete_tree(s, old, when)
    for n, item in enumerate(checked):
        s.add(
            ChangeItem(
                change_request_id=request.id,
                kind=item.kind,
                title=item.title,
                scope_item_id=item.scope_item_id,
                task_id=item.task_id,
                predecessor_id=item.predecessor_id,
                successor_id=item.successor_id,
                duration_minutes=item.duration_minutes,
                position=n,
            )
        )


def create_change_request(
    ws: Workspace,
    release_id: uuid.UUID,
    title: str,
    *,
    requester_name: str = "",
    description: str = "",
    requested_on: dt.date | None = None,
    items: Sequence[ChangeItemSpec] = (),
) -> Change:
    """A new request of ``release_id``, submitted (the first change is the request)."""
    values = _normalise(
        {
            "title": title,
            "description": description,
            "requester_name": requester_name,
            "requested_on": requested_on,
        }
    )
    with ws.transaction() as s:
        _rows.require_ref(s, Release, release_id)
        request = ChangeRequest(id=uuid.uuid4(), release_id=release_id, **values)
        s.add(request)
        s.flush()
        _write_items(s, request, items)
        return _rows.changed(s, request, ChangeAction.CREATED)


def _reopened(request: ChangeRequest) -> None:
    if request.status not in OPEN:
        raise ValidationError(
            f"The request is {request.status.value}; only a submitted or assessed request "
            "can be edited."
        )
    request.status = ChangeRequestStatus.SUBMITTED  # its impact must be assessed again


def update_change_request(
    ws: Workspace,
    request_id: uuid.UUID,
    expected_version: int | None,
    *,
    items: Sequence[ChangeItemSpec] | None = None,
    **values: Any,
) -> Change:
    """Edit a submitted or assessed request's fields (:data:`EDITABLE`) and, with
    ``items``, replace what it asks for; an assessed request goes back to submitted."""
    _rows.check_fields(ChangeRequest, values, EDITABLE)
    values = _normalise(dict(values))
    with ws.transaction() as s:
        request = _rows.load_live(s, ChangeRequest, request_id)
        _rows.check_version(request, expected_version, values)
        if items is not None:  # first: its reads flush, and the request is written once
            _write_items(s, request, items)
            flag_modified(request, "title")  # its version moves with its items
        _reopened(request)
        for key, value in values.items():
            setattr(request, key, value)
        return _rows.changed(s, request, ChangeAction.UPDATED)


delete_change_request, restore_change_request = cascade.delete_and_restore(ChangeRequest)
