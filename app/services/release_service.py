"""Releases: list, create, edit, transition and (soft) delete.

Every function is one transaction on the workspace and returns frozen rows or a
:class:`Change`; no ORM object leaves this module.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, fields, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app import clock
from app.changes import Change, ChangeAction
from app.dates_text import day
from app.errors import NotFoundError, TransitionRefused, ValidationError
from app.services._rows import (
    changed,
    check_fields,
    check_version,
    create,
    live_ref,
    load_live,
    update,
)
from app.services.cascade import delete_and_restore
from app.services.dependency_service import refuse_circle_through
from app.services.release_lifecycle import LABELS, refusal_reasons
from app.services.release_warnings import planning_warnings
from app.wall_time import plan_time
from app.workspace import Workspace
from models import Calendar, Domain, Person, Release
from models.enums import ReleaseStatus, ReleaseType
from models.release import release_title

EDITABLE = (
    "name",
    "version_label",
    "domain_id",
    "release_type",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "deadline",
    "owner_id",
    "release_manager_id",
    "calendar_id",
    "description",
)


@dataclass(frozen=True)
class ReleaseRow:
    """A release as views and reports see it (names resolved, no ORM)."""

    id: uuid.UUID
    name: str
    version_label: str
    release_type: ReleaseType
    status: ReleaseStatus
    domain_id: uuid.UUID | None
    domain_name: str
    domain_colour: str
    domain_code: str  # short form for tight spaces ("PAY" for Payments)
    planned_start: dt.datetime | None
    planned_end: dt.datetime | None
    actual_start: dt.datetime | None
    actual_end: dt.datetime | None
    deadline: dt.datetime | None
    owner_id: uuid.UUID | None
    owner_name: str
    release_manager_id: uuid.UUID | None
    release_manager_name: str
    calendar_id: uuid.UUID | None
    description: str
    version: int

    @property
    def title(self) -> str:
        """Name and version label, as shown on cards and in reports."""
        return release_title(self.name, self.version_label)


def row_query() -> sa.Select[Any]:
    """The select behind :class:`ReleaseRow`: release plus domain, owner and manager names.

    A deleted domain, owner, manager or calendar reads as none (see :mod:`cascade`).
    """
    owner = aliased(Person)
    manager = aliased(Person)
    return (
        sa.select(
            Release,
            Domain.id,
            sa.func.coalesce(Domain.name, "").label("domain_name"),
            sa.func.coalesce(Domain.colour, "#8a8f98").label("domain_colour"),
            sa.func.coalesce(Domain.code, "").label("domain_code"),
            owner.id,
            sa.func.coalesce(owner.name, "").label("owner_name"),
            manager.id,
            sa.func.coalesce(manager.name, "").label("manager_name"),
            Calendar.id,
        )
        .outerjoin(Domain, live_ref(Domain, Release.domain_id))
        .outerjoin(owner, live_ref(owner, Release.owner_id))
        .outerjoin(manager, live_ref(manager, Release.release_manager_id))
        .outerjoin(Calendar, live_ref(Calendar, Release.calendar_id))
    )


def to_row(
    rel: Release,
    domain_id: uuid.UUID | None,
    domain_name: str,
    colour: str,
    code: str,
    owner_id: uuid.UUID | None,
    owner: str,
    manager_id: uuid.UUID | None,
    manager: str,
    calendar_id: uuid.UUID | None,
) -> ReleaseRow:
    """A :class:`ReleaseRow` from one result row of :func:`row_query`."""
    return ReleaseRow(
        id=rel.id,
        name=rel.name,
        version_label=rel.version_label,
        release_type=rel.release_type,
        status=rel.status,
        domain_id=domain_id,
        domain_name=domain_name,
        domain_colour=colour,
        domain_code=code,
        planned_start=rel.planned_start,
        planned_end=rel.planned_end,
        actual_start=rel.actual_start,
        actual_end=rel.actual_end,
        deadline=rel.deadline,
        owner_id=owner_id,
        owner_name=owner,
        release_manager_id=manager_id,
        release_manager_name=manager,
        calendar_id=calendar_id,
        description=rel.description,
        version=rel.version,
    )


def list_releases(ws: Workspace, *, include_deleted: bool = False) -> list[ReleaseRow]:
    """Every release, ordered by planned start then name."""
    query = row_query().order_by(Release.planned_start, Release.name)
    if not include_deleted:
        query = query.where(Release.deleted_at.is_(None))
    with ws.reading() as s:
        return [to_row(*r) for r in s.execute(query).all()]


def get_release(ws: Workspace, release_id: uuid.UUID) -> ReleaseRow:
    """One live release; :class:`NotFoundError` when it does not exist or was deleted."""
    with ws.reading() as s:
        row = s.execute(
            row_query().where(Release.id == release_id, Release.deleted_at.is_(None))
        ).first()
        if row is None:
            raise NotFoundError("That release no longer exists (it may have been deleted).")
        return to_row(*row)


def find_release(ws: Workspace, name: str) -> ReleaseRow:
    """A live release by name, or by "name version"; clear error when none or several match."""
    with ws.reading() as s:
        rows = s.execute(
            row_query().where(
                Release.deleted_at.is_(None), sa.or_(Release.name == name, Release.title == name)
            )
        ).all()
    if not rows:
        raise NotFoundError(f"No release named '{name}'.")
    if len(rows) > 1:
        raise ValidationError(
            f"Several releases are named '{name}'; add the version, e.g. '{rows[0][0].title}'."
        )
    return to_row(*rows[0])


_PLAN_TIMES = ("planned_start", "planned_end", "deadline")


def _as_wall_clock(values: dict[str, Any]) -> None:
    """An aware window or deadline (an instant) becomes the plan's wall clock, as stored."""
    for key in _PLAN_TIMES:
        value = values.get(key)
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            values[key] = plan_time(value)


def _validate(values: dict[str, Any]) -> None:
    if "name" in values and not str(values["name"]).strip():
        raise ValidationError("A release needs a name.")
    start, end = values.get("planned_start"), values.get("planned_end")
    if start and end and end < start:
        raise ValidationError(
            f"The planned window ends ({day(end)}) before it starts ({day(start)})."
        )


def _prepare(_s: Session, rel: Release, values: dict[str, Any]) -> dict[str, Any]:
    """The edit checked on its own and with the window it leaves the release in."""
    _as_wall_clock(values)
    _validate(values)
    _validate({k: values.get(k, getattr(rel, k)) for k in ("planned_start", "planned_end")})
    return values


def create_release(ws: Workspace, *, name: str, **values: Any) -> Change:
    """Create a Draft release; returns the change with its new id."""
    values["name"] = name.strip()
    check_fields(Release, values, EDITABLE)
    _as_wall_clock(values)
    _validate(values)
    with ws.transaction() as s:
        return create(s, Release(status=ReleaseStatus.DRAFT, **values))


def update_release(
    ws: Workspace, release_id: uuid.UUID, expected_version: int | None, **values: Any
) -> Change:
    """Change fields of a release that was read at ``expected_version``.

    If a colleague saved a newer version meanwhile, :class:`ConflictError` lists their
    values next to ours and nothing is written. The change carries the
    :func:`~app.services.release_warnings.planning_warnings` of the saved release (a
    planned end after the deadline is saved, and said).
    """
    change = update(
        ws, Release, release_id, expected_version, values, editable=EDITABLE, prepare=_prepare
    )
    return replace(change, warnings=planning_warnings(ws, release_id))


def transition_release(
    ws: Workspace,
    release_id: uuid.UUID,
    target: ReleaseStatus,
    expected_version: int | None = None,
) -> Change:
    """Move a release to ``target`` if the lifecycle and its gates allow it.

    Refusals raise :class:`TransitionRefused` whose ``reasons`` say what is missing.
    Entering In progress stamps the actual start, Deployed the actual end (when unset).
    """
    with ws.transaction() as s:
        rel = load_live(s, Release, release_id)
        check_version(rel, expected_version, {"status": target})
        reasons = refusal_reasons(s, rel, target)
        if reasons:
            raise TransitionRefused(
                f"'{rel.name}' cannot move to {LABELS[target]}", tuple(reasons)
            )
        rel.status = target
        now = clock.now()
        if target == ReleaseStatus.IN_PROGRESS and rel.actual_start is None:
            rel.actual_start = now
        if target == ReleaseStatus.DEPLOYED and rel.actual_end is None:
            rel.actual_end = now
        return changed(s, rel, ChangeAction.UPDATED)


# A restored release brings its dependencies back: refused if they would close a circle.
delete_release, restore_release = delete_and_restore(Release, check=refuse_circle_through)


def release_fields() -> tuple[str, ...]:
    """The field names of :class:`ReleaseRow` (for table views and exports)."""
    return tuple(f.name for f in fields(ReleaseRow))
