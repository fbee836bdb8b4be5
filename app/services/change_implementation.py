"""Implementing an approved change request, and undoing that.

The request's changes go through the same services as a manual edit
(:mod:`scope_service`, :mod:`task_service`, :mod:`task_links`), all in ONE transaction
(:meth:`Workspace.one_transaction`) whose audit rows name the request as their reason.
Sign-offs of the scope as it was become outdated, as after any scope edit. Each item
remembers what it made (a scope item, a task) or replaced (a status, a duration), so
:func:`undo_implementation` puts the plan back the same way, in one transaction too.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change
from app.services import scope_service, task_links, task_service
from app.services.change_decisions import Status, load, step, take_back
from app.services.change_items import ChangeItemSpec, checked_items
from app.workspace import Workspace
from models import ChangeItem, ChangeRequest, ScopeItem, Task
from models.enums import ChangeItemKind, ScopeStatus

Kind = ChangeItemKind


def reason_text(request: ChangeRequest, undo: bool = False) -> str:
    """How the audit trail names the request as the reason for its edits."""
    what = "undoing change request" if undo else "change request"
    return f"{what} '{request.title}'"


def _items(s: Session, request: ChangeRequest) -> list[ChangeItem]:
    return list(
        s.scalars(
            sa.select(ChangeItem)
            .where(ChangeItem.change_request_id == request.id, ChangeItem.deleted_at.is_(None))
            .order_by(ChangeItem.position)
        )
    )


def _apply(ws: Workspace, s: Session, release_id: uuid.UUID, item: ChangeItem) -> list[Change]:
    """Make one item's change; the changes the services report."""
    if item.kind is Kind.ADD_SCOPE:
        made = scope_service.add_scope_item(ws, release_id, item.title, status=ScopeStatus.AGREED)
        item.made_id = made.id
        return [made]
    if item.kind is Kind.REMOVE_SCOPE and item.scope_item_id is not None:
        item.replaced = s.get_one(ScopeItem, item.scope_item_id).status.value
        removed = ScopeStatus.REMOVED
        return [scope_service.update_scope_item(ws, item.scope_item_id, None, status=removed)]
    if item.kind is Kind.CHANGE_DURATION and item.task_id is not None:
        item.replaced = str(s.get_one(Task, item.task_id).duration_minutes)
        minutes = item.duration_minutes
        return [*task_service.update_task(ws, item.task_id, None, duration_minutes=minutes)]
    if item.kind is not Kind.ADD_TASK:
        return []
    name, minutes = item.title, item.duration_minutes
    out = [*task_service.create_task(ws, release_id, name, duration_minutes=minutes)]
    item.made_id = new = out[0].id
    if item.predecessor_id is not None:
        out += task_links.add_link(ws, item.predecessor_id, new)
    if item.successor_id is not None:
        out += task_links.add_link(ws, new, item.successor_id)
    return out


def implement_change_request(
    ws: Workspace, request_id: uuid.UUID, expected_version: int | None
) -> tuple[Change, ...]:
    """Make an approved request's changes to the scope and the plan, all or nothing;
    the request becomes implemented. The first change is the request's, then those
    of the scope items, tasks and links written."""
    with ws.reading() as s:
        request = load(s, request_id, expected_version, (Status.APPROVED,), "implemented")
        reason = reason_text(request)
    with ws.one_transaction(reason) as s:
        request = load(s, request_id, expected_version, (Status.APPROVED,), "implemented")
        items = _items(s, request)
        specs = [
            ChangeItemSpec(i.kind, i.title, i.scope_item_id, i.task_id, i.predecessor_id,
                           i.successor_id, i.duration_minutes)
            for i in items
        ]  # fmt: skip
        checked_items(s, request.release_id, specs)
        made = [c for item in items for c in _apply(ws, s, request.release_id, item)]
        return (step(s, request, Status.IMPLEMENTED, ""), *made)


def _revert(ws: Workspace, item: ChangeItem) -> list[Change]:
    """Take one item's change back; the changes the services report."""
    out: list[Change] = []
    if item.kind is Kind.ADD_SCOPE and item.made_id is not None:
        out.append(scope_service.delete_scope_item(ws, item.made_id))
    elif item.kind is Kind.REMOVE_SCOPE and item.scope_item_id is not None:
        status = ScopeStatus(item.replaced)
        out.append(scope_service.update_scope_item(ws, item.scope_item_id, None, status=status))
    elif item.kind is Kind.CHANGE_DURATION and item.task_id is not None:
        minutes = int(item.replaced)
        out += task_service.update_task(ws, item.task_id, None, duration_minutes=minutes)
    elif item.kind is Kind.ADD_TASK and item.made_id is not None:
        out += task_service.delete_task(ws, item.made_id)  # its links go with it
    item.made_id, item.replaced = None, ""
    return out


def undo_implementation(
    ws: Workspace, request_id: uuid.UUID, expected_version: int | None
) -> tuple[Change, ...]:
    """Put the scope and plan back as they were before the request was implemented;
    the request is approved again."""
    with ws.reading() as s:
        request = load(s, request_id, expected_version, (Status.IMPLEMENTED,), "undone")
        reason = reason_text(request, undo=True)
    with ws.one_transaction(reason) as s:
        request = load(s, request_id, expected_version, (Status.IMPLEMENTED,), "undone")
        undone = [c for item in reversed(_items(s, request)) for c in _revert(ws, item)]
        return (take_back(s, request), *undone)
