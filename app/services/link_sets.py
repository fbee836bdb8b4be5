"""Linking one row (a risk, an issue) to several others (tasks, deployments) in one step.

A coordinator ticks the tasks a risk threatens and presses OK: the links to add are
created and the links to drop are soft-deleted in one audited transaction.
:func:`flip_links` then takes such a step back or does it again on the very same link
rows (same ids), each expecting the version the previous step left, so a colleague's
change of a link in between is a :class:`ConflictError`, never silently overwritten.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.errors import NotFoundError
from app.services import _rows, cascade
from app.workspace import Workspace
from models.base import Entity

# (link row id, True: the link must be live afterwards / False: deleted)
Step = tuple[uuid.UUID, bool]
# Refuses a target that does not belong with the owner (another release's task …).
TargetCheck = Callable[[Session, Any, Any], None]


@dataclass(frozen=True)
class LinkKind:
    """A kind of link row: ``model`` names its owner in ``owner`` and the row it points
    at (a ``target_model``) in ``target``."""

    model: type[Entity]
    owner: str
    target: str
    target_model: type[Entity]


def live_links(s: Session, kind: LinkKind, owner_id: uuid.UUID) -> dict[uuid.UUID, Entity]:
    """The owner's live links of this kind, by target id."""
    query = sa.select(kind.model).where(
        getattr(kind.model, kind.owner) == owner_id,
        getattr(kind.model, kind.target).is_not(None),
        kind.model.deleted_at.is_(None),
    )
    return {getattr(row, kind.target): row for row in s.scalars(query)}


def change_links(
    s: Session,
    kind: LinkKind,
    owner: Entity,
    link: Iterable[uuid.UUID],
    unlink: Mapping[uuid.UUID, int | None],
    check: TargetCheck | None = None,
) -> list[Change]:
    """Link ``owner`` to the targets in ``link`` (a target already linked stays as it
    is) and delete the link rows in ``unlink`` (link id → the version the user saw;
    None skips the check). Returns one change per link row written."""
    current = live_links(s, kind, owner.id)
    changes: list[Change] = []
    for target_id in dict.fromkeys(link):
        target = _rows.require_ref(s, kind.target_model, target_id)
        if check is not None:
            check(s, owner, target)
        if target_id in current:
            continue  # a colleague linked it meanwhile: the same end
        row = kind.model(**{kind.owner: owner.id, kind.target: target_id})
        current[target_id] = row
        changes.append(_rows.create(s, row))
    when = clock.precise_now()
    for link_id, expected in unlink.items():
        row = s.get(kind.model, link_id)
        if row is None or getattr(row, kind.owner) != owner.id:
            raise NotFoundError(f"That {_rows.label(kind.model)} does not exist.")
        _rows.check_version(row, expected, {})
        if row.deleted_at is None:
            cascade.delete_tree(s, row, when)
            changes.append(_rows.changed(s, row, ChangeAction.DELETED))
    return changes


def flip_links(
    ws: Workspace,
    model: type[Entity],
    steps: Sequence[Step],
    expected: Mapping[uuid.UUID, int | None] | None,
) -> tuple[Change, ...]:
    """Bring link rows back or delete them again, in one transaction (undo and redo of
    a :func:`change_links` step). ``expected`` maps each row to the version it must be
    at (None: a forced step). A link whose risk, issue, task or deployment is gone is
    refused: the user hears which, nothing is written."""
    when = clock.precise_now()
    changes: list[Change] = []
    with ws.transaction() as s:
        for row_id, live in steps:
            row = s.get(model, row_id)
            if row is None:
                raise NotFoundError(f"That {_rows.label(model)} does not exist.")
            _rows.check_version(row, None if expected is None else expected.get(row_id), {})
            if live and row.deleted_at is not None:
                _require_ends(s, row)
                row.deleted_at = None
                changes.append(_rows.changed(s, row, ChangeAction.RESTORED))
            elif not live and row.deleted_at is None:
                cascade.delete_tree(s, row, when)
                changes.append(_rows.changed(s, row, ChangeAction.DELETED))
    return tuple(changes)


def _require_ends(s: Session, row: Entity) -> None:
    for owner, column in cascade.OWNERS.get(type(row), ()):
        ref = getattr(row, column)
        parent = s.get(owner, ref) if ref is not None else None
        if ref is not None and (parent is None or parent.deleted_at is not None):
            raise NotFoundError(
                f"The {_rows.label(owner)} of that link no longer exists (it may have been "
                "deleted), so the link cannot come back."
            )
