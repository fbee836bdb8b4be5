"""Which lifecycle moves a release may make, and the gates that guard them.

Gates are the coordinator's checklist turned into rules; each returns the reasons a
move is refused, in words (empty = the gate is satisfied):

- **Approved** needs at least one scope item and an *approval* from every stakeholder
  marked "sign-off required", given on the scope as it is now, and a package that
  breaks no compatibility rule (each broken rule is named).
- **In progress** needs a planned window.
- **Deployed** needs a *verified* deployment in every environment of the promotion path.

Deleted rows count for nothing: a deleted environment is off the path, a deleted
package's deployments verify nothing, a deleted person signs nothing.
- **Closed** needs every handover item accepted.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.services.package_service import violations_of
from app.services.scope_fingerprint import scope_hash
from app.services.signoff_rules import decisions_query, required_signers_query, summarise
from app.words import count
from models import (
    Deployment,
    Environment,
    HandoverItem,
    PromotionStep,
    Release,
    ReleasePackage,
    ReleaseStakeholder,
    ScopeItem,
    SignOff,
)
from models.enums import DeploymentStatus, ReleaseStatus, ScopeStatus

S = ReleaseStatus
ALLOWED: dict[ReleaseStatus, frozenset[ReleaseStatus]] = {
    S.DRAFT: frozenset({S.PLANNED, S.CANCELLED}),
    S.PLANNED: frozenset({S.DRAFT, S.APPROVED, S.CANCELLED}),
    S.APPROVED: frozenset({S.PLANNED, S.IN_PROGRESS, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.APPROVED, S.DEPLOYED, S.CANCELLED}),
    S.DEPLOYED: frozenset({S.IN_PROGRESS, S.CLOSED}),
    S.CLOSED: frozenset({S.DEPLOYED}),
    S.CANCELLED: frozenset({S.DRAFT}),
}
LABELS = {
    S.DRAFT: "Draft",
    S.PLANNED: "Planned",
    S.APPROVED: "Approved",
    S.IN_PROGRESS: "In progress",
    S.DEPLOYED: "Deployed",
    S.CLOSED: "Closed",
    S.CANCELLED: "Cancelled",
}


def _live(model: type) -> sa.ColumnElement[bool]:
    return model.deleted_at.is_(None)  # type: ignore[attr-defined]


def _approval_gate(s: Session, release: Release) -> list[str]:
    broken = [v.sentence for v in violations_of(s, release.id)]
    return _signoff_gate(s, release) + broken


def _signoff_gate(s: Session, release: Release) -> list[str]:
    items = s.scalars(
        sa.select(ScopeItem).where(ScopeItem.release_id == release.id, _live(ScopeItem))
    ).all()
    if not [i for i in items if i.status != ScopeStatus.REMOVED]:
        return ["the release has no scope items"]
    # The same counting as the editor and the board: each person's latest decision.
    status = summarise(
        (
            (pid, f"{name} ({role})")
            for _rid, pid, name, role in s.execute(
                required_signers_query()
                .add_columns(ReleaseStakeholder.role)
                .where(ReleaseStakeholder.release_id == release.id)
            )
        ),
        (
            (pid, decision, h)
            for _rid, pid, decision, h in s.execute(
                decisions_query().where(SignOff.release_id == release.id)
            )
        ),
        scope_hash(items),
    )
    if status.complete:
        return []
    return [f"scope sign-off on the current scope missing from {', '.join(status.missing)}"]


def _window_gate(_s: Session, release: Release) -> list[str]:
    if release.planned_start is None or release.planned_end is None:
        return ["the release has no planned window"]
    return []


def _deployed_gate(s: Session, release: Release) -> list[str]:
    path = s.execute(
        sa.select(Environment.id, Environment.name)
        .join(PromotionStep, PromotionStep.environment_id == Environment.id)
        .where(PromotionStep.release_id == release.id, _live(PromotionStep), _live(Environment))
        .order_by(PromotionStep.position)
    ).all()
    if not path:
        return ["the release has no promotion path"]
    verified = set(
        s.scalars(
            sa.select(Deployment.environment_id)
            .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
            .where(
                ReleasePackage.release_id == release.id,
                Deployment.status == DeploymentStatus.VERIFIED,
                _live(Deployment),
                _live(ReleasePackage),  # a deleted package's deployments count for nothing
            )
        )
    )
    missing = [name for env_id, name in path if env_id not in verified]
    return [f"no verified deployment in {', '.join(missing)}"] if missing else []


def _closed_gate(s: Session, release: Release) -> list[str]:
    open_items = s.scalars(
        sa.select(HandoverItem.title).where(
            HandoverItem.release_id == release.id,
            HandoverItem.accepted_at.is_(None),
            _live(HandoverItem),
        )
    ).all()
    if open_items:
        shown = ", ".join(open_items[:3]) + (" …" if len(open_items) > 3 else "")
        return [f"{count(len(open_items), 'handover item')} not accepted yet ({shown})"]
    return []


GATES: dict[ReleaseStatus, Callable[[Session, Release], list[str]]] = {
    S.APPROVED: _approval_gate,
    S.IN_PROGRESS: _window_gate,
    S.DEPLOYED: _deployed_gate,
    S.CLOSED: _closed_gate,
}


def refusal_reasons(s: Session, release: Release, target: ReleaseStatus) -> list[str]:
    """Why ``release`` may not move to ``target`` now (empty when it may)."""
    if target == release.status:
        return [f"it is already {LABELS[target]}"]
    if target not in ALLOWED[release.status]:
        return [f"{LABELS[release.status]} releases cannot move to {LABELS[target]}"]
    moving_forward = list(ReleaseStatus).index(target) > list(ReleaseStatus).index(release.status)
    gate = GATES.get(target)
    return gate(s, release) if gate and moving_forward else []
