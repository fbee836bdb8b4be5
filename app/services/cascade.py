"""Deleting and restoring: the one rule for what a deletion takes with it.

The rule (the README says it in words, "Deleted means gone"):

- A row *owns* the rows listed for its kind in :data:`OWNED`: a release its tasks,
  scope, stakeholders, sign-offs, dependencies (either side), promotion path, packages,
  builds, handover items, communications, runbooks, risks, issues, change requests and
  environment bookings;
  a task its sub-tasks, every link touching it (links from other releases' tasks too)
  and the risk and issue links naming it; a risk its score history and task links; an
  issue its task and deployment links; a package its items and deployments (a
  deployment the issue links naming it); a person their stakeholder roles and
  sign-offs; an environment its promotion steps, deployments and bookings; and so on.
- Deleting a row soft-deletes it and, in the same audited transaction, every live row it
  owns, transitively, all stamped with the same ``deleted_at`` moment (to the
  microsecond, so it marks this deletion). Rows deleted earlier on their own keep
  their own moment.
- Restoring a row brings back exactly the rows stamped with its moment. A row with a
  second owner that is still deleted (a link into another deleted release) stays
  deleted and takes that owner's moment, so restoring that owner brings it back.
- Any other reference to a deleted row (a release's owner, domain or calendar) reads
  as empty: no service read, gate, count or schedule sees a deleted row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.errors import NotFoundError
from app.services._rows import changed, check_version, label, load_live
from app.workspace import Workspace
from models import (
    Build,
    BuildNote,
    Calendar,
    CalendarException,
    ChangeDecision,
    ChangeItem,
    ChangeRequest,
    Communication,
    ConfigurationItem,
    Deployment,
    DeploymentEvent,
    Environment,
    EnvironmentBooking,
    HandoverItem,
    Issue,
    IssueLink,
    Person,
    PromotionStep,
    Release,
    ReleaseDependency,
    ReleasePackage,
    ReleaseStakeholder,
    Risk,
    RiskScore,
    RiskTask,
    Runbook,
    RunbookRun,
    RunbookStep,
    RunbookStepResult,
    ScopeItem,
    SignOff,
    Task,
    TaskLink,
)
from models.base import Entity

E = TypeVar("E", bound=Entity)
Owned = tuple[tuple[type[Entity], str], ...]

OWNED: dict[type[Entity], Owned] = {
    Release: (
        (Task, "release_id"),
        (ReleaseDependency, "release_id"),
        (ReleaseDependency, "depends_on_id"),
        (PromotionStep, "release_id"),
        (RunbookRun, "release_id"),
        (ReleaseStakeholder, "release_id"),
        (ScopeItem, "release_id"),
        (SignOff, "release_id"),
        (ChangeRequest, "release_id"),
        (ReleasePackage, "release_id"),
        (Build, "release_id"),
        (HandoverItem, "release_id"),
        (Communication, "release_id"),
        (Runbook, "release_id"),
        (Risk, "release_id"),
        (Issue, "release_id"),
        (EnvironmentBooking, "release_id"),
    ),
    Task: (
        (Task, "parent_id"),
        (TaskLink, "predecessor_id"),
        (TaskLink, "successor_id"),
        (RiskTask, "task_id"),
        (IssueLink, "task_id"),
    ),
    ReleasePackage: ((ConfigurationItem, "package_id"), (Deployment, "package_id")),
    Risk: ((RiskScore, "risk_id"), (RiskTask, "risk_id")),
    ChangeRequest: ((ChangeItem, "change_request_id"), (ChangeDecision, "change_request_id")),
    Issue: ((IssueLink, "issue_id"),),
    Deployment: ((IssueLink, "deployment_id"), (DeploymentEvent, "deployment_id")),
    Build: ((BuildNote, "build_id"),),
    Runbook: ((RunbookStep, "runbook_id"), (RunbookRun, "runbook_id")),
    RunbookRun: ((RunbookStepResult, "run_id"),),
    Person: ((ReleaseStakeholder, "person_id"), (SignOff, "person_id")),
    Environment: (
        (PromotionStep, "environment_id"),
        (Deployment, "environment_id"),
        (EnvironmentBooking, "environment_id"),
    ),
    Calendar: ((CalendarException, "calendar_id"),),
}
"""Parent kind → (child kind, the child's column naming the parent)."""


def _owners() -> dict[type[Entity], Owned]:
    out: dict[type[Entity], list[tuple[type[Entity], str]]] = defaultdict(list)
    for parent, children in OWNED.items():
        for child, column in children:
            out[child].append((parent, column))
    return {child: tuple(pairs) for child, pairs in out.items()}


OWNERS = _owners()
"""Child kind → (owner kind, the child's column naming the owner)."""
_IN_CHUNK = 900  # a statement takes at most so many parameters


def _children(
    s: Session, rows: Sequence[Entity], condition: Callable[[Any], sa.ColumnElement[bool]]
) -> list[Entity]:
    """The rows owned by ``rows`` (one select per owned kind and chunk) meeting
    ``condition(model)``, each once."""
    by_kind: dict[type[Entity], list[uuid.UUID]] = defaultdict(list)
    for row in rows:
        by_kind[type(row)].append(row.id)
    found: dict[uuid.UUID, Entity] = {}
    for parent, ids in by_kind.items():
        for child, column in OWNED.get(parent, ()):
            for start in range(0, len(ids), _IN_CHUNK):
                query = sa.select(child).where(
                    getattr(child, column).in_(ids[start : start + _IN_CHUNK]), condition(child)
                )
                found.update((c.id, c) for c in s.scalars(query))
    return list(found.values())


def owned_live(s: Session, root: Entity) -> dict[type[Entity], set[uuid.UUID]]:
    """The ids of the live rows a deletion of ``root`` takes with it (what
    :func:`delete_tree` stamps, ``root`` aside), by kind: the kinds ``root`` owns first,
    in the order of :data:`OWNED`, then what those own. Reads ids only."""
    found: dict[type[Entity], set[uuid.UUID]] = {}
    level: dict[type[Entity], list[uuid.UUID]] = {type(root): [root.id]}
    while level:
        below: dict[type[Entity], list[uuid.UUID]] = defaultdict(list)
        for parent, ids in level.items():
            for child, column in OWNED.get(parent, ()):
                for start in range(0, len(ids), _IN_CHUNK):
                    query = sa.select(child.id).where(
                        getattr(child, column).in_(ids[start : start + _IN_CHUNK]),
                        child.deleted_at.is_(None),
                    )
                    seen = found.setdefault(child, set())
                    for row_id in s.scalars(query):
                        if row_id not in seen:
                            seen.add(row_id)
                            below[child].append(row_id)
        level = below
    return {kind: ids for kind, ids in found.items() if ids}


def delete_tree(s: Session, root: Entity, when: dt.datetime) -> int:
    """Stamp ``root`` and every live row it owns, transitively, deleted at ``when``;
    returns how many rows were deleted."""
    root.deleted_at = when
    level: list[Entity] = [root]
    total = 1
    while level:
        level = _children(s, level, lambda m: m.deleted_at.is_(None))
        for row in level:
            row.deleted_at = when
        total += len(level)
    return total


def restore_tree(s: Session, root: Entity) -> int:
    """Bring back ``root`` and the rows deleted with it (stamped with its moment);
    returns how many rows came back. A row whose other owner is still deleted takes
    that owner's moment instead, so that owner's restore brings it back."""
    when = root.deleted_at
    if when is None:
        return 0
    tree: dict[uuid.UUID, Entity] = {root.id: root}
    level: list[Entity] = [root]
    while level:
        level = [c for c in _children(s, level, lambda m: m.deleted_at == when) if c.id not in tree]
        tree.update((c.id, c) for c in level)
    for row in tree.values():
        row.deleted_at = None
    blocked = True
    while blocked:  # a row held back may hold back what it owns
        blocked = False
        for row in list(tree.values()):
            stamp = _deleted_owner(s, row)
            if stamp is not None:
                row.deleted_at = stamp
                del tree[row.id]
                blocked = True
    return len(tree)


def _deleted_owner(s: Session, row: Entity) -> dt.datetime | None:
    """The deletion moment of an owner of ``row`` that is deleted, if any."""
    for owner, column in OWNERS.get(type(row), ()):
        ref = getattr(row, column)
        parent = s.get(owner, ref) if ref is not None else None
        if parent is not None and parent.deleted_at is not None:
            return parent.deleted_at
    return None


def soft_delete(
    ws: Workspace, model: type[Entity], row_id: uuid.UUID, expected_version: int | None = None
) -> Change:
    """Delete a live row and what it owns (restorable; a sync carries the deletion).

    With ``expected_version`` a row a colleague changed since it was read is not
    deleted (:class:`ConflictError`).
    """
    with ws.transaction() as s:
        obj = load_live(s, model, row_id)
        check_version(obj, expected_version, {})
        delete_tree(s, obj, clock.precise_now())
        return changed(s, obj, ChangeAction.DELETED)


def restore(
    ws: Workspace,
    model: type[E],
    row_id: uuid.UUID,
    expected_version: int | None = None,
    *,
    check: Callable[[Session, E], None] | None = None,
) -> Change:
    """Undo a soft delete with the rows deleted with it (a no-op on a live row).

    ``check`` sees the workspace as the restore leaves it and may refuse it (nothing is
    written). With ``expected_version`` (the version the delete left) a row someone
    changed since is not touched (:class:`ConflictError`).
    """
    with ws.transaction() as s:
        obj = s.get(model, row_id)
        if obj is None:
            raise NotFoundError(f"That {label(model)} does not exist.")
        check_version(obj, expected_version, {})
        if obj.deleted_at is None:
            return changed(s, obj, ChangeAction.RESTORED)
        restore_tree(s, obj)
        if check is not None:
            s.flush()
            check(s, obj)
        return changed(s, obj, ChangeAction.RESTORED)


RowAction = Callable[..., Change]


def delete_and_restore(
    model: type[E], *, check: Callable[[Session, E], None] | None = None
) -> tuple[RowAction, RowAction]:
    """The ``(delete, restore)`` pair of service functions for one kind of row.

    ``delete(ws, row_id, expected_version=None)`` soft-deletes a live row and what it
    owns; ``restore(ws, row_id, expected_version=None)`` undoes it (``check`` may refuse
    the restore). Each returns its :class:`Change`; a stale version raises ConflictError.
    """
    what = label(model)

    def delete_row(ws: Workspace, row_id: uuid.UUID, expected_version: int | None = None) -> Change:
        return soft_delete(ws, model, row_id, expected_version)

    def restore_row(
        ws: Workspace, row_id: uuid.UUID, expected_version: int | None = None
    ) -> Change:
        return restore(ws, model, row_id, expected_version, check=check)

    delete_row.__doc__ = f"Delete a {what} and what it owns (soft: restorable)."
    restore_row.__doc__ = f"Bring a deleted {what} back exactly as it was, with what it owned."
    return delete_row, restore_row
