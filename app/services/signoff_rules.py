"""Counting sign-offs: whose approval of the current scope a release still lacks.

Pure and query-building parts only, so that :mod:`signoff_service` (one release) and
:mod:`board_service` (every release at once, in a fixed number of queries) agree.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from models import Person, ReleaseStakeholder, SignOff
from models.enums import Decision


@dataclass(frozen=True)
class SignOffStatus:
    """Where the required sign-offs of a release stand, counted per required person.

    Each person's *latest* decision counts. ``approved_current``: approved the scope as it
    is now; ``outdated``: approved, but an earlier scope; ``missing``: names of everyone
    not in ``approved_current`` (no decision, rejected, or outdated), by name;
    ``missing_ids``: their person ids, in the same order.
    """

    required: int
    approved_current: int
    outdated: int
    missing: tuple[str, ...]
    missing_ids: tuple[uuid.UUID, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every required stakeholder approved the current scope."""
        return not self.missing


def summarise(
    required: Iterable[tuple[uuid.UUID, str]],
    decisions: Iterable[tuple[uuid.UUID, Decision, str]],
    current_hash: str,
) -> SignOffStatus:
    """Pure core of :func:`signoff_status` (also used by the board for many releases).

    ``required``: (person id, name) of required stakeholders; ``decisions``: (person id,
    decision, scope hash) oldest first, so the last one per person wins.
    """
    latest = {pid: (decision, h) for pid, decision, h in decisions}
    names = dict(required)
    approved = outdated = 0
    missing: list[tuple[uuid.UUID, str]] = []
    for pid, name in sorted(names.items(), key=lambda item: item[1]):
        decision, signed_hash = latest.get(pid, (None, None))
        if decision == Decision.APPROVED and signed_hash == current_hash:
            approved += 1
            continue
        if decision == Decision.APPROVED:
            outdated += 1
        missing.append((pid, name))
    return SignOffStatus(
        len(names),
        approved,
        outdated,
        tuple(name for _pid, name in missing),
        tuple(pid for pid, _name in missing),
    )


def _same(column: Any) -> Any:
    return column


def required_signers_query(key: Callable[[Any], Any] = _same) -> sa.Select[Any]:
    """(release id, person id, name) of live required stakeholders who are live people;
    filter further.

    ``key`` wraps the id columns (the board passes ``_rows.raw_key``).
    """
    return (
        sa.select(
            key(ReleaseStakeholder.release_id), key(ReleaseStakeholder.person_id), Person.name
        )
        .join(Person, Person.id == ReleaseStakeholder.person_id)
        .where(
            ReleaseStakeholder.signoff_required.is_(True),
            ReleaseStakeholder.deleted_at.is_(None),
            Person.deleted_at.is_(None),  # a deleted person signs nothing
        )
    )


def decisions_query(key: Callable[[Any], Any] = _same) -> sa.Select[Any]:
    """(release id, person id, decision, scope hash) of live sign-offs, oldest first."""
    return (
        sa.select(
            key(SignOff.release_id), key(SignOff.person_id), SignOff.decision, SignOff.scope_hash
        )
        .where(SignOff.deleted_at.is_(None))
        .order_by(SignOff.decided_at, SignOff.created_at)
    )
