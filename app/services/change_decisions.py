"""A change request's way through its statuses, each step recorded with its author,
time and reason.

- :func:`assess_change_request`: the engine computes the impact
  (:mod:`app.services.change_impact`, read only) and the request keeps its sentence;
- :func:`decide_change_request`: approve (an assessed request) or reject (a submitted
  or assessed one; a rejection needs its reason);
- :func:`revert_decision`: takes back the last assess, approve or reject (the undo of
  those steps).

Implementing an approved request is :mod:`app.services.change_implementation`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.errors import ValidationError
from app.services import _rows
from app.services.change_impact import Impact, compute_impact
from app.services.change_request_service import get_change_request
from app.workspace import Workspace
from models import ChangeDecision, ChangeRequest
from models.enums import ChangeRequestStatus, Decision

Status = ChangeRequestStatus
DECIDED = (Status.ASSESSED, Status.APPROVED, Status.REJECTED)
_DECISION = {Status.APPROVED: Decision.APPROVED, Status.REJECTED: Decision.REJECTED}


def step(s: Session, request: ChangeRequest, status: Status, reason: str) -> Change:
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


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def load(
    s: Session, request_id: uuid.UUID, expected: int | None, allowed: Sequence[Status], what: str
) -> ChangeRequest:
    """The live request, at ``expected`` version and in one of the ``allowed`` statuses."""
    request = _rows.load_live(s, ChangeRequest, request_id)
    _rows.check_version(request, expected, {"status": request.status})
    if request.status not in allowed:
        raise ValidationError(
            f"{_a(request.status.value).capitalize()} request cannot be {what}; only "
            f"{_a(' or '.join(a.value for a in allowed))} one can."
        )
    return request


def assess_change_request(
    ws: Workspace, request_id: uuid.UUID, expected_version: int | None, note: str = ""
) -> tuple[Change, Impact]:
    """Compute the request's impact and record it: the request becomes assessed. The
    step's reason is the assessor's ``note``, or the impact's sentence without one."""
    row = get_change_request(ws, request_id)
    impact = compute_impact(ws, row.release_id, row.items)
    with ws.transaction() as s:
        request = load(
            s, request_id, expected_version, (Status.SUBMITTED, Status.ASSESSED), "assessed"
        )
        request.impact_schedule_days = round(impact.added_days, 2)
        request.impact_risk = impact.sentence
        reason = str(note or "").strip() or impact.sentence
        return step(s, request, Status.ASSESSED, reason), impact


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
            request = load(s, request_id, expected_version, (Status.ASSESSED,), "approved")
            return step(s, request, Status.APPROVED, reason)
        request = load(
            s, request_id, expected_version, (Status.SUBMITTED, Status.ASSESSED), "rejected"
        )
        return step(s, request, Status.REJECTED, reason)


def revert_decision(ws: Workspace, request_id: uuid.UUID, expected_version: int | None) -> Change:
    """Take back the last assess, approve or reject: the request returns to the status
    before it (its decision is deleted, soft, so the audit trail keeps it)."""
    with ws.transaction() as s:
        request = load(s, request_id, expected_version, DECIDED, "taken back")
        return take_back(s, request)


def take_back(s: Session, request: ChangeRequest) -> Change:
    """Undo the request's last status step in the session ``s``."""
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
