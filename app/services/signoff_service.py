"""Stakeholders of a release and their recorded scope sign-offs.

A sign-off stores the fingerprint of the scope it approved. Whether it is *outdated* is
derived, never stored: it is outdated while its fingerprint differs from the scope as it
is now, so undoing a scope edit makes it current again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change
from app.errors import ValidationError
from app.services import _rows, cascade
from app.services.scope_service import current_scope_hash, scope_hash_in
from app.services.signoff_rules import (
    SignOffStatus,
    decisions_query,
    required_signers_query,
    summarise,
)
from app.words import count
from app.workspace import Workspace
from models import Person, Release, ReleaseStakeholder, ScopeItem, SignOff
from models.enums import Decision, ScopeStatus

STAKEHOLDER_EDITABLE = ("person_id", "role", "signoff_required")


@dataclass(frozen=True)
class StakeholderRow:
    """A person's role on a release; ``signoff_required`` ones gate approval."""

    id: uuid.UUID
    release_id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    role: str
    signoff_required: bool
    version: int


@dataclass(frozen=True)
class SignOffRow:
    """A recorded decision; ``outdated`` when the scope changed since it was given."""

    id: uuid.UUID
    release_id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    role: str
    decision: Decision
    decided_at: dt.datetime
    comment: str
    scope_hash: str
    outdated: bool
    version: int


# -- stakeholders -----------------------------------------------------------------------
def list_stakeholders(ws: Workspace, release_id: uuid.UUID) -> list[StakeholderRow]:
    """The live stakeholders of a release, by person name then role."""
    query = (
        _rows.row_select(StakeholderRow, ReleaseStakeholder, person_name=Person.name)
        .join(Person, _rows.live_ref(Person, ReleaseStakeholder.person_id))
        .where(ReleaseStakeholder.release_id == release_id, ReleaseStakeholder.deleted_at.is_(None))
        .order_by(Person.name, ReleaseStakeholder.role)
    )
    return _rows.fetch(ws, StakeholderRow, query)


def _check_stakeholder(
    s: Session, release_id: uuid.UUID, values: dict[str, Any], own_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """Normalise stakeholder fields; refuse unknown people and the same role twice."""
    values["role"] = _rows.required_text(values["role"], "stakeholder's role", 80)
    person = _rows.require_ref(s, Person, values["person_id"])
    if "signoff_required" in values:
        values["signoff_required"] = bool(values["signoff_required"])
    twin = s.scalar(
        sa.select(ReleaseStakeholder.id).where(
            ReleaseStakeholder.release_id == release_id,
            ReleaseStakeholder.person_id == person.id,
            ReleaseStakeholder.role == values["role"],
            ReleaseStakeholder.deleted_at.is_(None),
            ReleaseStakeholder.id != (own_id or uuid.UUID(int=0)),
        )
    )
    if twin is not None:
        raise ValidationError(f"{person.name} is already {values['role']} on this release.")
    return values


def add_stakeholder(
    ws: Workspace,
    release_id: uuid.UUID,
    person_id: uuid.UUID,
    role: str,
    *,
    signoff_required: bool = False,
) -> Change:
    """Give a person a role on a release (the same person and role only once)."""
    values = {"person_id": person_id, "role": role, "signoff_required": signoff_required}
    with ws.transaction() as s:
        _rows.require_ref(s, Release, release_id)
        values = _check_stakeholder(s, release_id, values)
        return _rows.create(s, ReleaseStakeholder(release_id=release_id, **values))


def _prepare_stakeholder(
    s: Session, obj: ReleaseStakeholder, values: dict[str, Any]
) -> dict[str, Any]:
    merged = {"person_id": obj.person_id, "role": obj.role, **values}
    checked = _check_stakeholder(s, obj.release_id, merged, obj.id)
    return {k: checked[k] for k in values}


update_stakeholder = _rows.updater(ReleaseStakeholder, STAKEHOLDER_EDITABLE, _prepare_stakeholder)
remove_stakeholder, restore_stakeholder = cascade.delete_and_restore(ReleaseStakeholder)


# -- sign-offs --------------------------------------------------------------------------
def list_signoffs(ws: Workspace, release_id: uuid.UUID) -> list[SignOffRow]:
    """The live sign-offs of a release, newest first, each flagged outdated or not."""
    query = (
        _rows.row_select(SignOffRow, SignOff, omit=("outdated",), person_name=Person.name)
        .join(Person, _rows.live_ref(Person, SignOff.person_id))
        .where(SignOff.release_id == release_id, SignOff.deleted_at.is_(None))
        .order_by(SignOff.decided_at.desc(), SignOff.created_at.desc())
    )
    with ws.reading() as s:
        current = scope_hash_in(s, release_id)
        return [
            SignOffRow(*r[:9], outdated=r.scope_hash != current, version=r.version)
            for r in s.execute(query).all()
        ]


def record_signoff(
    ws: Workspace,
    release_id: uuid.UUID,
    person_id: uuid.UUID,
    decision: Decision,
    comment: str = "",
    *,
    role: str = "",
    expected_scope_hash: str | None = None,
) -> Change:
    """Record a person's decision on the scope (``decided_at`` = now).

    Without ``role`` the person's stakeholder role on the release is used. A pending
    "decision" is not a decision and is refused. ``expected_scope_hash`` is the
    fingerprint of the scope the approver saw (the form records it when it opens): if
    the scope changed meanwhile the decision is refused (:class:`ValidationError`), so
    a sign-off never approves a scope nobody showed the approver. Without it (scripts)
    the scope as it is now is recorded.
    """
    decision = _rows.choice(Decision, decision, "decision")
    if decision == Decision.PENDING:
        raise ValidationError("A sign-off records a decision: choose approved or rejected.")
    role = _rows.limited_text(role, "role", 80)
    with ws.transaction() as s:
        _rows.require_ref(s, Release, release_id)
        _rows.require_ref(s, Person, person_id)
        if not role:
            role = (
                s.scalar(
                    sa.select(ReleaseStakeholder.role)
                    .where(
                        ReleaseStakeholder.release_id == release_id,
                        ReleaseStakeholder.person_id == person_id,
                        ReleaseStakeholder.deleted_at.is_(None),
                    )
                    .order_by(ReleaseStakeholder.signoff_required.desc())
                )
                or ""
            )
        current = scope_hash_in(s, release_id)
        if expected_scope_hash is not None and expected_scope_hash != current:
            raise ValidationError(_scope_changed(s, release_id))
        signoff = SignOff(
            release_id=release_id,
            person_id=person_id,
            role=role,
            decision=decision,
            comment=str(comment or "").strip(),
            decided_at=clock.now(),
            scope_hash=current,
        )
        return _rows.create(s, signoff)


withdraw_signoff, restore_signoff = cascade.delete_and_restore(SignOff)


def _scope_changed(s: Session, release_id: uuid.UUID) -> str:
    """Why a decision on a scope that moved meanwhile is refused, and what to do."""
    live = s.scalar(
        sa.select(sa.func.count())
        .select_from(ScopeItem)
        .where(
            ScopeItem.release_id == release_id,
            ScopeItem.deleted_at.is_(None),
            ScopeItem.status != ScopeStatus.REMOVED,
        )
    )
    return (
        "The scope changed while you were deciding: items were added, edited or removed "
        f"after the form opened (the scope now has {count(live, 'item')}). Your decision was not "
        "recorded; review the scope and record it again."
    )


def scope_fingerprint(ws: Workspace, release_id: uuid.UUID) -> str:
    """The fingerprint of the release's scope now: what a sign-off form records when it
    opens, and hands back as ``expected_scope_hash``."""
    return current_scope_hash(ws, release_id)


def signoff_status(ws: Workspace, release_id: uuid.UUID) -> SignOffStatus:
    """How many required stakeholders approved the current scope, and who is missing."""
    with ws.reading() as s:
        current = scope_hash_in(s, release_id)
        required = s.execute(
            required_signers_query().where(ReleaseStakeholder.release_id == release_id)
        ).all()
        decisions = s.execute(decisions_query().where(SignOff.release_id == release_id)).all()
    return summarise(
        [(pid, name) for _r, pid, name in required],
        [(pid, decision, h) for _r, pid, decision, h in decisions],
        current,
    )
