"""Deployments of a release's package to environments, and their lifecycle.

scheduled → deploying → deployed → verified, or (from any of the first three) failed →
backed out. Each step reached is a :class:`~models.DeploymentEvent` (status, when, who);
the deployment keeps its actual start and end, so its duration is known.

Promotion rule: a deployment to a stage is allowed only once the previous stage of the
release's promotion path has a *verified* deployment of the same package manifest; the
refusal names that stage. A production deployment needs a backout plan.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.errors import ValidationError
from app.services import _rows
from app.services.package_manifest import manifest_in, package_id_in
from app.services.promotion import environment_named, previous_stage
from app.workspace import Workspace
from models import Deployment, DeploymentEvent, Environment, Release, ReleasePackage
from models.enums import DeploymentStatus, EnvironmentStage

D = DeploymentStatus
_FORWARD = (D.SCHEDULED, D.DEPLOYING, D.DEPLOYED, D.VERIFIED)
# A deployment only moves forward, so its events in this order are its history (their
# times may tie: a pipeline reports several steps at once).
_RANK = sa.case({status: n for n, status in enumerate(D)}, value=DeploymentEvent.status)
LOG_LIMIT = 64_000  # characters of a pipeline's log kept on the deployment (its tail)


def next_statuses(status: DeploymentStatus) -> tuple[DeploymentStatus, ...]:
    """Where a deployment in ``status`` may go (forward steps may be skipped)."""
    if status in (D.VERIFIED, D.BACKED_OUT):
        return ()
    if status == D.FAILED:
        return (D.BACKED_OUT,)
    later = _FORWARD[_FORWARD.index(status) + 1 :]
    return (*later, D.FAILED)


@dataclass(frozen=True)
class DeploymentRow:
    """One deployment of a release, with its environment and lifecycle times."""

    id: uuid.UUID
    environment_id: uuid.UUID
    environment: str
    stage_order: int
    status: DeploymentStatus
    planned_start: dt.datetime | None
    planned_end: dt.datetime | None
    actual_start: dt.datetime | None
    actual_end: dt.datetime | None
    manifest_hash: str
    deviation: bool
    backout_plan: str
    version: int

    @property
    def duration(self) -> dt.timedelta | None:
        """How long the deployment took (None until it has both ends)."""
        if self.actual_start is None or self.actual_end is None:
            return None
        return self.actual_end - self.actual_start


@dataclass(frozen=True)
class EventRow:
    """One lifecycle step of a deployment."""

    status: DeploymentStatus
    at: dt.datetime
    by_name: str
    note: str


def list_deployments(ws: Workspace, release_id: uuid.UUID) -> list[DeploymentRow]:
    """The release's live deployments, by stage order then planned start."""
    query = (
        _rows.row_select(
            DeploymentRow,
            Deployment,
            environment=Environment.name,
            stage_order=Environment.stage_order,
        )
        .join(Environment, Environment.id == Deployment.environment_id)
        .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
        .where(ReleasePackage.release_id == release_id, Deployment.deleted_at.is_(None))
        .order_by(Environment.stage_order, Deployment.planned_start, Deployment.created_at)
    )
    return _rows.fetch(ws, DeploymentRow, query)


def list_events(ws: Workspace, deployment_id: uuid.UUID) -> list[EventRow]:
    """A deployment's lifecycle steps, oldest first."""
    query = (
        _rows.row_select(EventRow, DeploymentEvent)
        .where(DeploymentEvent.deployment_id == deployment_id, DeploymentEvent.deleted_at.is_(None))
        .order_by(_RANK)
    )
    return _rows.fetch(ws, EventRow, query)


def package_of(s: Session, release_id: uuid.UUID) -> uuid.UUID:
    release = _rows.require_ref(s, Release, release_id)
    package_id = package_id_in(s, release_id)
    if package_id is None:
        raise ValidationError(
            f"{release.title} has no package to deploy; add its configuration items first."
        )
    return package_id


def check_promotion(
    s: Session, release_id: uuid.UUID, env: Environment, manifest_hash: str
) -> None:
    """Refuse a deployment to ``env`` when the previous stage has no verified deployment
    of the same manifest (the message names that stage)."""
    before = previous_stage(s, release_id, env)
    if before is None:
        return
    verified = s.scalar(
        sa.select(Deployment.id)
        .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
        .where(
            ReleasePackage.release_id == release_id,
            Deployment.environment_id == before.id,
            Deployment.status == D.VERIFIED,
            Deployment.manifest_hash == manifest_hash,
            Deployment.deleted_at.is_(None),
        )
        .limit(1)
    )
    if verified is None:
        raise ValidationError(
            f"{env.name} needs a verified deployment of this package in {before.name} "
            f"first (manifest {manifest_hash[:12]})."
        )


def check_backout(env: Environment, backout_plan: str) -> None:
    if env.stage == EnvironmentStage.PROD and not backout_plan.strip():
        raise ValidationError(f"A deployment to {env.name} (production) needs a backout plan.")


def add_event(s: Session, dep: Deployment, status: D, at: dt.datetime, who: str, note: str) -> None:
    s.add(DeploymentEvent(deployment_id=dep.id, status=status, at=at, by_name=who, note=note))


def _move(s: Session, dep: Deployment, status: D, at: dt.datetime, who: str, note: str) -> None:
    """Take ``dep`` to ``status`` at ``at``: the event, and its start or end time."""
    if status not in next_statuses(dep.status):
        raise ValidationError(
            f"A {dep.status.value.replace('_', ' ')} deployment cannot become "
            f"{status.value.replace('_', ' ')}."
        )
    if status in (D.DEPLOYING, D.DEPLOYED, D.VERIFIED) and dep.actual_start is None:
        dep.actual_start = at
    if status in (D.DEPLOYED, D.FAILED) and dep.actual_end is None:
        dep.actual_end = at
    if status == D.VERIFIED and dep.actual_end is None:
        dep.actual_end = at
    dep.status = status
    add_event(s, dep, status, at, who, note)


def advance_deployment(
    ws: Workspace,
    deployment_id: uuid.UUID,
    expected_version: int | None,
    status: str,
    note: str = "",
) -> Change:
    """Take a deployment one lifecycle step on (now, by the workspace's user).

    Starting it (deploying or later) checks the promotion rule again: the previous stage
    may have been backed out since it was scheduled.
    """
    target = _rows.choice(D, status, "deployment status")
    with ws.transaction() as s:
        dep = _rows.load_live(s, Deployment, deployment_id)
        _rows.check_version(dep, expected_version, {"status": target})
        env = s.get(Environment, dep.environment_id)
        package = s.get(ReleasePackage, dep.package_id)
        assert env is not None and package is not None
        if target in (D.DEPLOYING, D.DEPLOYED, D.VERIFIED):
            check_promotion(s, package.release_id, env, dep.manifest_hash)
        _move(s, dep, target, clock.now(), ws.user, note.strip())
        return _rows.changed(s, dep, ChangeAction.UPDATED)


@dataclass(frozen=True)
class PipelineReport:
    """What a pipeline reports: ``releasedesk deployment record``'s options."""

    release_id: uuid.UUID
    environment: str
    status: str
    package_sha: str | None = None
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    log: str = ""
    backout_plan: str = ""
    allow_deviation: bool = False


def _open_deployment(s: Session, package_id: uuid.UUID, env: Environment) -> Deployment | None:
    """The latest live deployment of the package to ``env`` that can still move on."""
    return s.scalars(
        sa.select(Deployment)
        .where(
            Deployment.package_id == package_id,
            Deployment.environment_id == env.id,
            Deployment.deleted_at.is_(None),
            Deployment.status.not_in((D.VERIFIED, D.BACKED_OUT)),
        )
        .order_by(Deployment.created_at.desc())
        .limit(1)
    ).first()


def _reported_hash(s: Session, package_id: uuid.UUID, report: PipelineReport) -> tuple[str, bool]:
    """The manifest hash deployed and whether it deviates from the baselined one."""
    package = s.get(ReleasePackage, package_id)
    assert package is not None
    expected = package.manifest_hash or manifest_in(s, package_id).hash
    given = (report.package_sha or "").strip().lower() or expected
    if given == expected:
        return given, False
    if not report.allow_deviation:
        raise ValidationError(
            f"The package's manifest hash {given[:12]} differs from the baselined "
            f"{expected[:12]}; nothing recorded (use --allow-deviation to record it as a "
            "deviation)."
        )
    return given, True


def record_deployment(ws: Workspace, report: PipelineReport) -> Change:
    """Record what a pipeline reports: moves the open deployment of the package to that
    environment on to ``status`` (or starts a new one), checking the promotion rule, the
    manifest hash against the baseline and production's backout plan. One transaction."""
    target = _rows.choice(D, report.status, "deployment status")
    started = _rows.past_moment(report.started, "start") if report.started else None
    finished = _rows.past_moment(report.finished, "finish") if report.finished else None
    if started and finished and finished < started:
        raise ValidationError("The deployment cannot finish before it started.")
    with ws.transaction() as s:
        package_id = package_of(s, report.release_id)
        env = environment_named(s, report.environment)
        assert env is not None
        sha, deviation = _reported_hash(s, package_id, report)
        dep = _open_deployment(s, package_id, env)
        if dep is not None and (
            dep.manifest_hash != sha or (dep.status == D.FAILED and target != D.BACKED_OUT)
        ):
            dep = None  # another manifest, or a new attempt after a failure: a new deployment
        change_kind = ChangeAction.UPDATED
        if dep is None:
            dep = Deployment(
                package_id=package_id,
                environment_id=env.id,
                status=D.SCHEDULED,
                backout_plan=report.backout_plan.strip(),
                manifest_hash=sha,
            )
            s.add(dep)
            s.flush()
            add_event(s, dep, D.SCHEDULED, started or clock.now(), ws.user, "")
            change_kind = ChangeAction.CREATED
        elif report.backout_plan.strip():
            dep.backout_plan = report.backout_plan.strip()
        check_backout(env, dep.backout_plan)
        if target in (D.DEPLOYING, D.DEPLOYED, D.VERIFIED):
            check_promotion(s, report.release_id, env, sha)
        dep.deviation = dep.deviation or deviation
        if started is not None:
            dep.actual_start = started
        if target != dep.status:
            _move(s, dep, target, finished or started or clock.now(), ws.user, "pipeline")
        if finished is not None:
            dep.actual_end = finished
        if report.log:
            dep.log_text = report.log[-LOG_LIMIT:]
        change = _rows.changed(s, dep, change_kind)
        if deviation:
            return Change(
                change.entity,
                change.action,
                change.ids,
                change.versions,
                (f"Recorded as a deviation: manifest {sha[:12]} is not the baselined one.",),
            )
        return change


def revert_last_step(
    ws: Workspace, deployment_id: uuid.UUID, expected_version: int | None
) -> Change:
    """Take back a deployment's latest lifecycle step (the undo of :func:`advance_deployment`).

    The step's event is removed (soft, so the audit trail keeps it) and the deployment
    returns to the status before it, with the start or end that step set cleared.
    """
    with ws.transaction() as s:
        dep = _rows.load_live(s, Deployment, deployment_id)
        _rows.check_version(dep, expected_version, {"status": dep.status})
        events = s.scalars(
            sa.select(DeploymentEvent)
            .where(DeploymentEvent.deployment_id == dep.id, DeploymentEvent.deleted_at.is_(None))
            .order_by(_RANK.desc())
            .limit(2)
        ).all()
        if len(events) < 2:
            raise ValidationError("A scheduled deployment has no step to take back.")
        last, before = events
        last.deleted_at = clock.precise_now()
        dep.status = before.status
        if before.status == D.SCHEDULED:
            dep.actual_start = None
        if before.status in (D.SCHEDULED, D.DEPLOYING):
            dep.actual_end = None
        return _rows.changed(s, dep, ChangeAction.UPDATED)
