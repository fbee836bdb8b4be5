"""A release's scope: the features, fixes and changes agreed into it.

Editing the scope after stakeholders signed it off changes the scope fingerprint
(:func:`current_scope_hash`), which is what makes their sign-offs show as outdated.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change
from app.services import _rows, cascade
from app.services.scope_fingerprint import scope_hash
from app.workspace import Workspace
from models import Release, ScopeItem
from models.enums import ScopeStatus

EDITABLE = ("key", "title", "description", "kind", "status", "position")
# List order; older rows may share a position, so key and creation break ties.
ORDER = (ScopeItem.position, ScopeItem.key, ScopeItem.created_at)


@dataclass(frozen=True)
class ScopeItemRow:
    """One scope item of a release, as the release editor lists it."""

    id: uuid.UUID
    release_id: uuid.UUID
    key: str
    title: str
    description: str
    kind: str
    status: ScopeStatus
    position: int
    version: int


def list_scope(ws: Workspace, release_id: uuid.UUID) -> list[ScopeItemRow]:
    """The live scope items of a release in list order (``position``, then key)."""
    query = (
        _rows.row_select(ScopeItemRow, ScopeItem)
        .where(ScopeItem.release_id == release_id, ScopeItem.deleted_at.is_(None))
        .order_by(*ORDER)
    )
    return _rows.fetch(ws, ScopeItemRow, query)


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    if "title" in values:
        values["title"] = _rows.required_text(values["title"], "scope item's title", 240)
    if "key" in values:
        values["key"] = _rows.limited_text(values["key"], "scope item's key", 40)
    if "description" in values:
        values["description"] = str(values["description"] or "").strip()
    if "kind" in values:
        values["kind"] = _rows.required_text(values["kind"], "scope item's kind", 24)
    if "status" in values:
        values["status"] = _rows.choice(ScopeStatus, values["status"], "scope status")
    if "position" in values:
        values["position"] = int(values["position"])
    return values


def add_scope_item(
    ws: Workspace,
    release_id: uuid.UUID,
    title: str,
    *,
    key: str = "",
    description: str = "",
    kind: str = "feature",
    status: ScopeStatus = ScopeStatus.PROPOSED,
) -> Change:
    """Append a scope item to a release (at the end of its list)."""
    values = _normalise(
        {"title": title, "key": key, "description": description, "kind": kind, "status": status}
    )
    with ws.transaction() as s:
        _rows.require_ref(s, Release, release_id)
        last = s.scalar(
            sa.select(sa.func.max(ScopeItem.position)).where(ScopeItem.release_id == release_id)
        )
        position = 0 if last is None else last + 1
        return _rows.create(s, ScopeItem(release_id=release_id, position=position, **values))


update_scope_item = _rows.updater(ScopeItem, EDITABLE, lambda _s, _o, vals: _normalise(vals))
delete_scope_item, restore_scope_item = cascade.delete_and_restore(ScopeItem)


def move_scope_item(
    ws: Workspace, item_id: uuid.UUID, new_position: int, expected_version: int | None = None
) -> Change:
    """Move an item to index ``new_position`` of its release's list (clamped to the list).

    The release's live items are renumbered 0, 1, 2, … in one transaction (older rows
    may share a position); only rows whose position changes are written. The order is
    not part of the scope fingerprint, so sign-offs stay current. With
    ``expected_version`` an item a colleague changed since it was read is not moved.
    The change lists every written row with its new version.
    """
    with ws.transaction() as s:
        item = _rows.load_live(s, ScopeItem, item_id)
        _rows.check_version(item, expected_version, {"position": new_position})
        items = list(
            s.scalars(
                sa.select(ScopeItem)
                .where(ScopeItem.release_id == item.release_id, ScopeItem.deleted_at.is_(None))
                .order_by(*ORDER)
            )
        )
        return _rows.reorder(s, item, items, new_position)


def scope_hash_in(s: Session, release_id: uuid.UUID) -> str:
    """The current scope fingerprint of a release, inside an open session."""
    items = s.scalars(
        sa.select(ScopeItem).where(
            ScopeItem.release_id == release_id, ScopeItem.deleted_at.is_(None)
        )
    ).all()
    return scope_hash(items)


def current_scope_hash(ws: Workspace, release_id: uuid.UUID) -> str:
    """The fingerprint a sign-off given now would approve (see ``scope_fingerprint``)."""
    with ws.reading() as s:
        return scope_hash_in(s, release_id)
