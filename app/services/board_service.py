"""The planning board: one card per live release, and duplicating a release.

:func:`list_board_cards` runs a fixed number of queries however many releases there
are (each figure is aggregated for all releases at once), because the board shows
every release and is refreshed after every change.

The scheduled finishes come apart (:func:`app.services.portfolio_finish.scheduled_finishes`,
added to the cards by :func:`with_schedule`): seconds for a portfolio of 40,000 tasks,
so the window asks for them off the GUI thread and shows the cards first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change
from app.services import _rows
from app.services.release_service import ReleaseRow, row_query, to_row
from app.services.scope_fingerprint import scope_hash
from app.services.signoff_rules import decisions_query, required_signers_query, summarise
from app.workspace import Workspace
from models import (
    HandoverItem,
    Person,
    PromotionStep,
    Release,
    ReleaseStakeholder,
    Risk,
    ScopeItem,
    SignOff,
)
from models.base import Entity
from models.enums import ReleaseStatus, RiskStatus, ScopeStatus

# Probability × impact, each rated 1–5: 15 and above is the red corner of the usual 5×5
# heat map (3×5, 4×4, 5×3 …) — risks a release manager expects to hear about.
HIGH_RISK_SCORE = 15
OPEN_RISK_STATUSES = (RiskStatus.OPEN, RiskStatus.MITIGATING)
COPY_SUFFIX = " (copy)"
COPIED_RELEASE_FIELDS = (
    "domain_id",
    "release_type",
    "owner_id",
    "release_manager_id",
    "description",
)


@dataclass(frozen=True)
class BoardCard:
    """What a board card shows about one release.

    ``readiness``: share (0..1) of live handover items accepted, None without items;
    ``open_high_risks``: open or mitigating risks scoring ≥ ``HIGH_RISK_SCORE``;
    ``scope_count``: live scope items not marked removed; ``signoffs_outdated``:
    required stakeholders whose latest approval is of an earlier scope (as in
    :func:`signoff_service.signoff_status`); ``scheduled_finish``: when its plan
    finishes by the schedule (None without tasks or when the portfolio cannot be
    scheduled); ``mine``: the workspace user owns or manages it; ``conflicts``: the
    sentences of its open calendar conflicts, worst first (added by the board from
    :func:`app.services.conflict_service.conflict_sentences`, found off the GUI thread).
    """

    release: ReleaseRow
    readiness: float | None
    open_high_risks: int
    scope_count: int
    signoffs_outdated: int
    scheduled_finish: dt.datetime | None = None
    mine: bool = False
    conflicts: tuple[str, ...] = ()

    @property
    def misses_planned_end(self) -> bool:
        """The plan finishes on a later day than the planned window ends."""
        return _after(self.scheduled_finish, self.release.planned_end)

    @property
    def misses_deadline(self) -> bool:
        """The plan finishes on a later day than the deadline."""
        return _after(self.scheduled_finish, self.release.deadline)

    @property
    def late(self) -> bool:
        """The plan finishes after the planned end or the deadline."""
        return self.misses_planned_end or self.misses_deadline


def _after(finish: dt.datetime | None, limit: dt.datetime | None) -> bool:
    return finish is not None and limit is not None and finish.date() > limit.date()


def _counts(s: Session, query: sa.Select[Any]) -> dict[Any, Any]:
    """``{raw release id: rest of row}`` from a query grouped by the raw release id."""
    return {r[0]: (r[1] if len(r) == 2 else tuple(r[1:])) for r in s.execute(query).all()}


def _outdated_signoffs(s: Session) -> dict[Any, int]:
    """Per raw release id, required stakeholders whose latest approval is of an older scope."""
    required: dict[Any, list[tuple[Any, str]]] = defaultdict(list)
    for rid, pid, name in s.execute(required_signers_query(_rows.raw_key)).all():
        required[rid].append((pid, name))
    decisions: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for rid, pid, decision, signed in s.execute(decisions_query(_rows.raw_key)).all():
        decisions[rid].append((pid, decision, signed))
    signed_releases = sa.select(SignOff.release_id).where(SignOff.deleted_at.is_(None))
    scope: dict[Any, list[Any]] = defaultdict(list)
    scope_columns = (ScopeItem.key, ScopeItem.title, ScopeItem.description, ScopeItem.kind)
    for row in s.execute(
        sa.select(
            _rows.raw_key(ScopeItem.release_id).label("release_id"),
            *scope_columns,
            ScopeItem.status,
            ScopeItem.deleted_at,
        ).where(ScopeItem.deleted_at.is_(None), ScopeItem.release_id.in_(signed_releases))
    ).all():
        scope[row.release_id].append(row)  # rows carry the attributes scope_hash reads
    return {
        rid: summarise(required[rid], decisions[rid], scope_hash(scope[rid])).outdated
        for rid in required.keys() & decisions.keys()
    }


def _my_people(user: str) -> sa.Select[Any]:
    """People the workspace user is: by login, or by name when no login is recorded."""
    return sa.select(Person.id).where(
        Person.deleted_at.is_(None),
        sa.or_(Person.login == user, sa.func.lower(Person.name) == user.casefold()),
    )


def list_board_cards(ws: Workspace) -> list[BoardCard]:
    """A card for every live release, in :func:`release_service.list_releases` order."""
    live_handover = HandoverItem.deleted_at.is_(None)
    with ws.reading() as s:
        me = set(s.scalars(_my_people(ws.user)).all())
        releases = s.execute(
            row_query()
            .add_columns(_rows.raw_key(Release.id).label("raw_id"))
            .where(Release.deleted_at.is_(None))
            .order_by(Release.planned_start, Release.name)
        ).all()
        handover = _counts(
            s,
            sa.select(
                _rows.raw_key(HandoverItem.release_id),
                sa.func.count(),
                sa.func.count(HandoverItem.accepted_at),
            )
            .where(live_handover)
            .group_by(_rows.raw_key(HandoverItem.release_id)),
        )
        risks = _counts(
            s,
            sa.select(_rows.raw_key(Risk.release_id), sa.func.count())
            .where(
                Risk.deleted_at.is_(None),
                Risk.status.in_(OPEN_RISK_STATUSES),
                Risk.probability * Risk.impact >= HIGH_RISK_SCORE,
            )
            .group_by(_rows.raw_key(Risk.release_id)),
        )
        scope = _counts(
            s,
            sa.select(_rows.raw_key(ScopeItem.release_id), sa.func.count())
            .where(ScopeItem.deleted_at.is_(None), ScopeItem.status != ScopeStatus.REMOVED)
            .group_by(_rows.raw_key(ScopeItem.release_id)),
        )
        outdated = _outdated_signoffs(s)
    cards = []
    for *row, rid in releases:
        total, accepted = handover.get(rid, (0, 0))
        release = to_row(*row)
        cards.append(
            BoardCard(
                release=release,
                readiness=accepted / total if total else None,
                open_high_risks=risks.get(rid, 0),
                scope_count=scope.get(rid, 0),
                signoffs_outdated=outdated.get(rid, 0),
                mine=bool({release.owner_id, release.release_manager_id} & me),
            )
        )
    return cards


def _live_refs(s: Session, model: type[Entity], values: dict[str, Any]) -> dict[str, Any] | None:
    """``values`` of a row to copy, with each reference to a deleted row taken out: an
    optional one becomes None; a required one leaves nothing to copy (None)."""
    out = dict(values)
    for name, value in values.items():
        column = model.__table__.c[name]
        for key in column.foreign_keys if value is not None else ():
            target = next(
                m.class_ for m in Entity.registry.mappers if m.local_table is key.column.table
            )
            row = s.get(target, value)
            if row is None or row.deleted_at is not None:
                if not column.nullable:
                    return None
                out[name] = None
    return out


def with_schedule(
    cards: Iterable[BoardCard], finishes: Mapping[uuid.UUID, dt.datetime]
) -> list[BoardCard]:
    """The cards with their scheduled finishes (from :func:`scheduled_finishes`)."""
    return [
        card
        if card.scheduled_finish == (when := finishes.get(card.release.id))
        else dataclasses.replace(card, scheduled_finish=when)
        for card in cards
    ]


def _copy_children(
    s: Session,
    model: type[Entity],
    source: uuid.UUID,
    target: uuid.UUID,
    names: tuple[str, ...],
    *where: sa.ColumnElement[bool],
    **fixed: Any,
) -> None:
    """Copy the live rows of ``model`` (matching ``where``) from one release to another:
    the ``names`` fields from the original, the ``fixed`` ones as given. A reference to
    a deleted row is not copied (see :func:`_live_refs`)."""
    for old in s.scalars(
        sa.select(model).where(
            model.release_id == source,  # type: ignore[attr-defined]
            model.deleted_at.is_(None),
            *where,
        )
    ).all():
        kept = _live_refs(s, model, {n: getattr(old, n) for n in names})
        if kept is not None:
            s.add(model(release_id=target, **kept, **fixed))


def duplicate_release(ws: Workspace, release_id: uuid.UUID) -> Change:
    """A new Draft release "<name> (copy)" to plan the next one from.

    Copied: domain, type, owner, manager, description; scope items (as proposed; items
    marked removed are left behind), stakeholders, the promotion path, and handover items
    (not accepted). Not copied: dates, version label, sign-offs, deployments, risks, and
    references to deleted people, domains and environments.
    """
    with ws.transaction() as s:
        src = _rows.load_live(s, Release, release_id)
        name = src.name[: 160 - len(COPY_SUFFIX)] + COPY_SUFFIX
        kept = _live_refs(s, Release, {f: getattr(src, f) for f in COPIED_RELEASE_FIELDS}) or {}
        copy = Release(name=name, status=ReleaseStatus.DRAFT, **kept)
        change = _rows.create(s, copy)
        _copy_children(
            s,
            ScopeItem,
            src.id,
            copy.id,
            ("key", "title", "description", "kind", "position"),
            ScopeItem.status != ScopeStatus.REMOVED,
            status=ScopeStatus.PROPOSED,
        )
        stakeholder = ("person_id", "role", "signoff_required")
        _copy_children(s, ReleaseStakeholder, src.id, copy.id, stakeholder)
        _copy_children(s, PromotionStep, src.id, copy.id, ("environment_id", "position"))
        handover = ("audience", "title", "description", "owner_id")
        _copy_children(s, HandoverItem, src.id, copy.id, handover)
        return change
