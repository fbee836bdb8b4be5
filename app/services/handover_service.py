"""Knowledge handover (accepted by users, operations, support) and the communications plan.

A handover item is done once someone of the receiving team accepts it; a release
cannot close while any item is unaccepted. Communications are planned, then sent.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change
from app.services import _rows, cascade
from app.workspace import Workspace
from models import Communication, HandoverItem, Person, Release
from models.enums import Audience, Channel, CommunicationAudience

HANDOVER_EDITABLE = ("audience", "title", "description", "owner_id")
COMMUNICATION_EDITABLE = ("audience", "channel", "subject", "body", "planned_at")


@dataclass(frozen=True)
class HandoverRow:
    """A handover item; ``accepted_at`` is None until the receiving team accepts it."""

    id: uuid.UUID
    release_id: uuid.UUID
    audience: Audience
    title: str
    description: str
    owner_id: uuid.UUID | None
    owner_name: str
    accepted_by: str | None
    accepted_at: dt.datetime | None
    version: int


@dataclass(frozen=True)
class CommunicationRow:
    """A planned message to an audience; ``sent_at`` is set once it went out."""

    id: uuid.UUID
    release_id: uuid.UUID
    audience: CommunicationAudience
    channel: Channel
    subject: str
    body: str
    planned_at: dt.datetime | None
    sent_at: dt.datetime | None
    version: int


# -- handover ---------------------------------------------------------------------------
def list_handover(ws: Workspace, release_id: uuid.UUID) -> list[HandoverRow]:
    """The live handover items of a release, by audience then title."""
    query = (
        _rows.row_select(
            HandoverRow,
            HandoverItem,
            owner_id=Person.id,
            owner_name=sa.func.coalesce(Person.name, ""),
        )
        .outerjoin(Person, _rows.live_ref(Person, HandoverItem.owner_id))
        .where(HandoverItem.release_id == release_id, HandoverItem.deleted_at.is_(None))
        .order_by(HandoverItem.audience, HandoverItem.title)
    )
    return _rows.fetch(ws, HandoverRow, query)


def _handover_values(s: Session, values: dict[str, Any]) -> dict[str, Any]:
    if "audience" in values:
        values["audience"] = _rows.choice(Audience, values["audience"], "audience")
    if "title" in values:
        values["title"] = _rows.required_text(values["title"], "handover item's title", 240)
    if "description" in values:
        values["description"] = str(values["description"] or "").strip()
    if values.get("owner_id") is not None:
        _rows.require_ref(s, Person, values["owner_id"], "owner")
    return values


def add_handover_item(
    ws: Workspace,
    release_id: uuid.UUID,
    audience: Audience,
    title: str,
    *,
    description: str = "",
    owner_id: uuid.UUID | None = None,
) -> Change:
    """Add an (unaccepted) handover item for an audience."""
    values = {"audience": audience, "title": title, "description": description}
    with ws.transaction() as s:
        _rows.require_ref(s, Release, release_id)
        values = _handover_values(s, {**values, "owner_id": owner_id})
        return _rows.create(s, HandoverItem(release_id=release_id, **values))


def _set_acceptance(
    ws: Workspace,
    item_id: uuid.UUID,
    by: str | None,
    at: dt.datetime | None,
    expected_version: int | None,
) -> Change:
    values = {"accepted_by": by, "accepted_at": at}
    return _rows.update(ws, HandoverItem, item_id, expected_version, values, editable=values)


def accept_handover_item(
    ws: Workspace,
    item_id: uuid.UUID,
    accepted_by: str,
    accepted_at: dt.datetime | None = None,
    *,
    expected_version: int | None = None,
) -> Change:
    """Record who of the receiving team accepted the item, and when (default: now).

    The name is required; an acceptance in the future is refused. With
    ``expected_version`` (the version the user saw) a colleague's newer save is not
    overwritten: :class:`ConflictError`, nothing written.
    """
    name = _rows.required_text(accepted_by, "name of who accepted the handover", 120)
    at = _rows.past_moment(accepted_at, "acceptance time")
    return _set_acceptance(ws, item_id, name, at, expected_version)


def reopen_handover_item(
    ws: Workspace, item_id: uuid.UUID, *, expected_version: int | None = None
) -> Change:
    """Clear an acceptance (the item needs accepting again); version-checked like
    :func:`accept_handover_item`."""
    return _set_acceptance(ws, item_id, None, None, expected_version)


update_handover_item = _rows.updater(
    HandoverItem, HANDOVER_EDITABLE, lambda s, _obj, vals: _handover_values(s, vals)
)
delete_handover_item, restore_handover_item = cascade.delete_and_restore(HandoverItem)


# -- communications ---------------------------------------------------------------------
def list_communications(ws: Workspace, release_id: uuid.UUID) -> list[CommunicationRow]:
    """The live communications of a release by planned time (unplanned ones last)."""
    query = (
        _rows.row_select(CommunicationRow, Communication)
        .where(Communication.release_id == release_id, Communication.deleted_at.is_(None))
        .order_by(
            Communication.planned_at.is_(None), Communication.planned_at, Communication.subject
        )
    )
    return _rows.fetch(ws, CommunicationRow, query)


def _communication_values(values: dict[str, Any]) -> dict[str, Any]:
    if "audience" in values:
        values["audience"] = _rows.choice(CommunicationAudience, values["audience"], "audience")
    if "channel" in values:
        values["channel"] = _rows.choice(Channel, values["channel"], "channel")
    if "subject" in values:
        values["subject"] = _rows.required_text(values["subject"], "message's subject", 240)
    if "body" in values:
        values["body"] = str(values["body"] or "")
    if "planned_at" in values:
        values["planned_at"] = _rows.naive_utc(values["planned_at"])
    return values


def plan_communication(
    ws: Workspace,
    release_id: uuid.UUID,
    audience: CommunicationAudience,
    channel: Channel,
    subject: str,
    *,
    body: str = "",
    planned_at: dt.datetime | None = None,
) -> Change:
    """Plan a message to an audience (``planned_at`` None = not scheduled yet)."""
    values = _communication_values(
        {
            "audience": audience,
            "channel": channel,
            "subject": subject,
            "body": body,
            "planned_at": planned_at,
        }
    )
    with ws.transaction() as s:
        _rows.require_ref(s, Release, release_id)
        return _rows.create(s, Communication(release_id=release_id, **values))


def mark_sent(
    ws: Workspace,
    comm_id: uuid.UUID,
    sent_at: dt.datetime | None = None,
    *,
    expected_version: int | None = None,
) -> Change:
    """Record that a message went out (default: now; the future is refused).

    With ``expected_version`` a colleague's newer save raises :class:`ConflictError`.
    """
    values = {"sent_at": _rows.past_moment(sent_at, "sending time")}
    return _rows.update(ws, Communication, comm_id, expected_version, values, editable=values)


def unmark_sent(
    ws: Workspace, comm_id: uuid.UUID, *, expected_version: int | None = None
) -> Change:
    """Clear the sent mark (a message logged as sent by mistake, or the undo of it);
    version-checked like :func:`mark_sent`."""
    values = {"sent_at": None}
    return _rows.update(ws, Communication, comm_id, expected_version, values, editable=values)


update_communication = _rows.updater(
    Communication, COMMUNICATION_EDITABLE, lambda _s, _obj, vals: _communication_values(vals)
)
delete_communication, restore_communication = cascade.delete_and_restore(Communication)
