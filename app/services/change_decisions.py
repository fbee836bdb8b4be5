"""A change request's way through its statuses, each step recorded with its author,
time and reason.

- :func:`assess_change_request`: the engine computes the impact
  (:mod:`app.services.change_impact`, read only) and the request keeps its sentence;
- :func:`decide_change_request`: approve (an assessed request) or reject (a submitted
  or assessed one; a rejection needs its reason);
- :func:`implement_change_request`: an approved request changes the scope and the plan
  through the same services as a manual edit (:mod:`scope_service`,
  :mod:`task_service`, :mod:`task_links`) in ONE transaction whose audit rows name the
  request as their reason; sign-offs of the old scope become outdated as they should;
- :func:`revert_decision`: takes back the last assess, approve or reject (the undo of
  those steps). An implemented request is undone by editing the plan.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.errors import ValidationError
from app.services import _rows, scope_service, task_links, task_service
from app.services.change_impact import Impact, compute_impact
from app.services.change_items import ChangeItemSpec, checked_items
from app.services.change_request_service import get_change_request
from app.workspace import Workspace
from models import ChangeDecision, ChangeRequest
from models.enums import ChangeItemKind, ChangeRequestStatus, Decision, ScopeStatus

Status = ChangeRequestStatus
_DECISION = {Status.APPROVED: Decision.APPROVED, Status.REJECTED: Decision.REJECTED}


def _step(s: Session, request: ChangeRequest, status: Status, reason: str) -> Change:
    request.status = status
    request.decision = _DECISION.get(status, request.decision)
    request.decided_at = clock.now() if status in _DECISION else request.decided_at
    s.add(
        ChangeDecision(
            change_request_id=request.id,
            status=status,
            author=s.info.get("user", ""),
            decided_at=clock.now(),
            reason=reason,
        )
    )
    return _rows.changed(s, request, ChangeAction.UPDATED)


def _load(
    s: Session, request_id: uuid.UUID, expected: int | None, allowed: Sequence[Status], what: str
) -> ChangeRequest:
    request = _rows.load_live(s, ChangeRequest, request_id)
    _rows.check_version(request, expected, {"status": request.status})
    if request.status not in allowed:
        raise ValidationError(
            f"A {request.status.value} request cannot be {what}; only a "
            f"{' or '.join(a.value for a in allowed)} one can."
        )
    return request


def assess_change_request(
    ws: Workspace, request_id: uuid.UUID, expected_version: int | None
) -> tuple[Change, Impact]:
    """Compute the request's impact and record it: the request becomes assessed."""
    row = get_change_request(ws, request_id)
    impact = compute_impact(ws, row.release_id, row.items)
    with ws.transaction() as s:
        request = _load(
            s, request_id, expected_version, (Status.SUBMITTED, Status.ASSESSED), "assessed"
        )
        request.impact_schedule_days = round(impact.added_days, 2)
        request.impact_risk = impact.sentence
        return _step(s, request, Status.ASSESSED, impact.sentence), impact


def decide_change_request(
    ws: Workspace,
    request_id: uuid.UUID,
    expected_version: int | None,
    *,
    approve: bool,
    reason: str = "",
) -> Change:
    """Approve an assessed request, or reject a submitted or assessed one (a rejection
    says why)."""
    reason = str(reason or "").strip()
    if not approve and not reason:
        raise ValidationError("Say why the request is rejected: the requester will read it.")
    with ws.transaction() as s:
        if approve:
            request = _load(s, request_id, expected_version, (Status.ASSESSED,), "approved")
            return _step(s, request, Status.APPROVED, reason)
        request = _load(
            s, request_id, expected_version, (Status.SUBMITTED, Status.ASSESSED), "rejected"
        )
        return _step(s, request, Status.REJECTED, reason)


def reason_text(request: ChangeRequest) -> str:
    """How the audit trail names the request as the reason for its edits."""
    return f"change request '{request.title}' ({request.id})"


def _apply(ws: Workspace, release_id: uuid.UUID, item: ChangeItemSpec) -> None:
    if item.kind is ChangeItemKind.ADD_SCOPE:
        scope_service.add_scope_item(ws, release_id, item.title, status=ScopeStatus.AGREED)
    elif item.kind is ChangeItemKind.REMOVE_SCOPE and item.scope_item_id is not None:
        scope_service.update_scope_item(ws, item.scope_item_id, None, status=ScopeStatus.REMOVED)
    elif item.kind is ChangeItemKind.CHANGE_DURATION and item.task_id is not None:
        task_service.update_task(ws, item.task_id, None, duration_minutes=item.duration_minutes)
    elif item.kind is ChangeItemKind.ADD_TASK:
        new = task_service.create_task(
            ws, release_id, item.title, duration_minutes=item.duration_minutes
        )[0].id
        if item.predecessor_id is not None:
            task_links.add_link(ws, item.predecessor_id, new)
        if item.successor_id is not None:
            task_links.add_link(ws, new, item.successor_id)


def implement_change_request(
    ws: Workspace, request_id: uuid.UUID, expected_version: int | None
) -> Change:
    """Make an approved request's changes to the scope and the plan, all or nothing,
    through the services a manual edit uses; the request becomes implemented."""
    with ws.transaction() as s:  # read the request and its reason; nothing written yet
        request = _load(s, request_id, expected_version, (Status.APPROVED,), "implemented")
        reason = reason_text(request)
    row = get_change_request(ws, request_id)
    with ws.one_transaction(reason) as s:
        request = _load(s, request_id, expected_version, (Status.APPROVED,), "implemented")
        items = checked_items(s, request.release_id, row.items)
        for item in items:
            _apply(ws, request.release_id, item)
        return _step(s, request, Status.IMPLEMENTED, "")


def revert_decision(ws: Workspace, request_id: uuid.UUID, expected_version: int | None) -> Change:
    """Take back the last assess, approve or reject: the request returns to the status
    before it (its decision is deleted, soft, so the audit trail keeps it)."""
    with ws.transaction() as s:
        request = _load(
            s,
            request_id,
            expected_version,
            (Status.ASSESSED, Status.APPROVED, Status.REJECTED),
            "taken back",
        )
        steps = list(
            s.scalars(
                sa.select(ChangeDecision)
                .where(
                    ChangeDecision.change_request_id == request.id,
                    ChangeDecision.deleted_at.is_(None),
                )
                .order_by(ChangeDecision.decided_at, ChangeDecision.created_at)
            )
        )
        if steps:
            steps[-1].deleted_at = clock.precise_now()
        previous = steps[-2].status if len(steps) > 1 else Status.SUBMITTED
        request.status = previous
        if previous not in _DECISION:
            request.decision, request.decided_at = Decision.PENDING, None
        return _rows.changed(s, request, ChangeAction.UPDATED)
