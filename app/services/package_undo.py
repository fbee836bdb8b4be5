"""Taking a package import or a baseline back (undo) and bringing it back (redo).

An import's items are soft-deleted and restored as one transaction, keeping their ids
(audit trail and sync stay whole). A baseline step records the package's baseline
fields before and after it, so undo puts back exactly the previous baseline (or none)
and redo exactly the one it made — not a new baseline at a later moment. Every step
expects the versions the previous one left: a colleague's change in between is a
:class:`~app.errors.ConflictError`, nothing written.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from app import clock
from app.changes import Change, ChangeAction
from app.errors import NotFoundError
from app.services import _rows
from app.services.cascade import delete_tree, restore_tree
from app.services.package_service import baseline_in, package_in, warned
from app.workspace import Workspace
from models import ConfigurationItem, ReleasePackage
from models.enums import PackageStatus


def withdraw_items(
    ws: Workspace, ids: Sequence[uuid.UUID], expected: Mapping[uuid.UUID, int] | None = None
) -> Change:
    """Soft-delete the items an import created (``expected``: the versions it left)."""
    return _toggle(ws, ids, expected, withdraw=True)


def reinstate_items(
    ws: Workspace, ids: Sequence[uuid.UUID], expected: Mapping[uuid.UUID, int] | None = None
) -> Change:
    """Bring back the items :func:`withdraw_items` took."""
    return _toggle(ws, ids, expected, withdraw=False)


def _toggle(
    ws: Workspace,
    ids: Sequence[uuid.UUID],
    expected: Mapping[uuid.UUID, int] | None,
    withdraw: bool,
) -> Change:
    when = clock.precise_now()
    with ws.transaction() as s:
        items = []
        for item_id in ids:
            item = s.get(ConfigurationItem, item_id)
            if item is None:
                raise NotFoundError("An imported configuration item no longer exists.")
            _rows.check_version(item, (expected or {}).get(item_id), {})
            if withdraw and item.deleted_at is None:
                delete_tree(s, item, when)
            elif not withdraw:
                restore_tree(s, item)
            items.append(item)
        s.flush()
        action = ChangeAction.DELETED if withdraw else ChangeAction.RESTORED
        change = Change(
            ConfigurationItem.__tablename__,
            action,
            tuple(i.id for i in items),
            tuple(i.version for i in items),
        )
        return warned(s, change, items[0].package_id) if items else change


@dataclass(frozen=True)
class Baseline:
    """A package's baseline fields (all empty: never baselined)."""

    manifest_hash: str | None
    baseline_manifest: str
    baselined_at: dt.datetime | None
    baselined_by: str
    baseline_reason: str
    status: PackageStatus


@dataclass(frozen=True)
class BaselineStep:
    """What baselining did: the package's change, its baseline before and after."""

    change: Change
    package_id: uuid.UUID
    before: Baseline
    after: Baseline


def _baseline_of(package: ReleasePackage) -> Baseline:
    return Baseline(**{f.name: getattr(package, f.name) for f in fields(Baseline)})


def baseline_step(
    ws: Workspace, release_id: uuid.UUID, reason: str = "", expected_version: int | None = None
) -> BaselineStep:
    """Baseline the release's package (as
    :func:`~app.services.package_service.baseline_package` does), remembering the
    baseline it replaced so that undo can put it back."""
    with ws.transaction() as s:
        before = _baseline_of(package_in(s, release_id))
        package = baseline_in(s, ws.user, release_id, reason, expected_version)
        change = warned(s, _rows.changed(s, package, ChangeAction.UPDATED), package.id)
        return BaselineStep(change, package.id, before, _baseline_of(package))


def put_baseline(
    ws: Workspace, package_id: uuid.UUID, baseline: Baseline, expected_version: int | None
) -> Change:
    """Give the package ``baseline`` again (undo: the previous one; redo: its own)."""
    with ws.transaction() as s:
        package = _rows.load_live(s, ReleasePackage, package_id)
        _rows.check_version(package, expected_version, {})
        for f in fields(Baseline):
            setattr(package, f.name, getattr(baseline, f.name))
        return warned(s, _rows.changed(s, package, ChangeAction.UPDATED), package.id)
