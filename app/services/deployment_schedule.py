"""Planning deployments: scheduling one on the release's promotion path, taking a
scheduled one back, and moving its planned window (the calendar's drag, a conflict's
suggested fix).

Scheduling looks ahead, so the promotion rule reads as a *schedule*: a stage can be
planned once the previous stage of the path has a deployment of the same package
manifest that is verified, or still on its way (scheduled, deploying, deployed) and
planned to end before this one starts. Starting it later still needs the previous
stage verified (:func:`app.services.deployment_service.check_promotion`).
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.dates_text import moment
from app.errors import ValidationError
from app.services import _rows, calendar_checks, cascade
from app.services.calendar_checks import FieldError
from app.services.deployment_service import add_event, check_backout, package_of
from app.services.package_manifest import manifest_in
from app.services.promotion import previous_stage
from app.workspace import Workspace
from models import Deployment, Environment, ReleasePackage
from models.enums import DeploymentStatus as D

NOTE_LIMIT = 2000  # characters of a scheduling note


def schedule_deployment(
    ws: Workspace,
    release_id: uuid.UUID,
    environment_id: uuid.UUID,
    planned_start: dt.datetime | None = None,
    planned_end: dt.datetime | None = None,
    backout_plan: str = "",
    note: str = "",
) -> Change:
    """Schedule the release's current package manifest for an environment of its
    promotion path, from ``planned_start`` to ``planned_end`` (UTC; both or neither).

    Refused (a :class:`FieldError` naming the field where one is to blame): a start in
    the past, an end before the start, production without a backout plan, a stage whose
    previous stage has no deployment of this manifest verified or planned to end first.
    """
    start, end = _planned(planned_start, planned_end)
    text = _rows.limited_text(note, "note", NOTE_LIMIT)
    with ws.transaction() as s:
        package_id = package_of(s, release_id)
        env = _rows.require_ref(s, Environment, environment_id, "environment")
        try:
            check_backout(env, backout_plan)
        except ValidationError as exc:
            raise FieldError("backout_plan", str(exc)) from None
        manifest = manifest_in(s, package_id)
        check_schedule(s, release_id, env, manifest.hash, start)
        dep = Deployment(
            package_id=package_id,
            environment_id=env.id,
            status=D.SCHEDULED,
            planned_start=start,
            planned_end=end,
            backout_plan=backout_plan.strip(),
            manifest_hash=manifest.hash,
        )
        change = _rows.create(s, dep)
        add_event(s, dep, D.SCHEDULED, clock.now(), ws.user, text)
        return change


def _planned(
    start: dt.datetime | None, end: dt.datetime | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The planned window as naive UTC: both ends or none, not starting in the past."""
    if start is None and end is None:
        return None, None
    start, end = calendar_checks.window(start, end, end_field="planned_end")
    if start < clock.now() - _rows.CLOCK_SKEW:
        raise FieldError("planned_start", f"The planned start ({moment(start)}) lies in the past.")
    return start, end


def check_schedule(
    s: Session,
    release_id: uuid.UUID,
    env: Environment,
    manifest_hash: str,
    start: dt.datetime | None,
) -> None:
    """Refuse to plan ``env`` before the previous stage of the path: it needs a
    deployment of the same manifest, verified or planned to end by ``start``."""
    before = previous_stage(s, release_id, env)
    if before is None:
        return
    earlier = s.execute(
        sa.select(Deployment.status, Deployment.planned_end)
        .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
        .where(
            ReleasePackage.release_id == release_id,
            Deployment.environment_id == before.id,
            Deployment.manifest_hash == manifest_hash,
            Deployment.deleted_at.is_(None),
            Deployment.status.not_in((D.FAILED, D.BACKED_OUT)),
        )
    ).all()
    if any(status == D.VERIFIED for status, _end in earlier):
        return
    ends = [end for _status, end in earlier]
    if earlier and (start is None or any(end is None or end <= start for end in ends)):
        return
    if earlier:
        first = min(e for e in ends if e is not None)
        raise FieldError(
            "planned_start",
            f"{env.name} is planned to start ({moment(start)}) before the deployment in "
            f"{before.name} ends ({moment(first)}); start it after that.",
        )
    raise ValidationError(
        f"{env.name} needs a deployment of this package in {before.name} first "
        f"(verified, or scheduled to end before this one starts)."
    )


def delete_scheduled(
    ws: Workspace, deployment_id: uuid.UUID, expected_version: int | None = None
) -> Change:
    """Take back a deployment that is still only scheduled (the undo of scheduling it);
    one that has started is part of the record and stays."""
    with ws.transaction() as s:
        dep = _rows.load_live(s, Deployment, deployment_id)
        _rows.check_version(dep, expected_version, {})
        if dep.status != D.SCHEDULED:
            env = s.get(Environment, dep.environment_id)
            name = env.name if env is not None else "this"
            raise ValidationError(f"The {name} deployment has already started; it stays on record.")
        cascade.delete_tree(s, dep, clock.precise_now())
        return _rows.changed(s, dep, ChangeAction.DELETED)


def restore_scheduled(
    ws: Workspace, deployment_id: uuid.UUID, expected_version: int | None = None
) -> Change:
    """Bring back a scheduled deployment taken back by :func:`delete_scheduled`."""
    return cascade.restore(ws, Deployment, deployment_id, expected_version)


def move_deployment(
    ws: Workspace,
    deployment_id: uuid.UUID,
    expected_version: int | None,
    start: dt.datetime,
    end: dt.datetime,
) -> Change:
    """Plan a deployment from ``start`` to ``end`` (naive UTC) in one audited
    transaction; a deployment a colleague changed since ``expected_version`` is not
    moved (ConflictError), a window ending before it starts is refused."""
    start, end = calendar_checks.window(start, end)
    with ws.transaction() as s:
        row = _rows.load_live(s, Deployment, deployment_id)
        _rows.check_version(row, expected_version, {"planned_start": start, "planned_end": end})
        row.planned_start, row.planned_end = start, end
        return _rows.changed(s, row, ChangeAction.UPDATED)


def deployment_window(
    ws: Workspace, deployment_id: uuid.UUID
) -> tuple[dt.datetime | None, dt.datetime | None, int]:
    """A live deployment's planned ``(start, end, version)``."""
    with ws.reading() as s:
        row = _rows.load_live(s, Deployment, deployment_id)
        return row.planned_start, row.planned_end, row.version
