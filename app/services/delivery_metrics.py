"""Delivery metrics per release and per domain, from the recorded deployments.

- deployment frequency: production deployments (deployed or verified) per week of the
  period up to now (weeks still ahead had no chance to deploy: a deployment scheduled
  for next quarter must not dilute the rate); without a period, from the first
  deployment to now;
- lead time for changes: from a release's first recorded commit to the end of its first
  successful production deployment (median over releases);
- change failure rate: failed or backed-out production deployments among all finished
  production deployments;
- time to restore: from a failed production deployment's end to the end of the next
  successful deployment of the same release to production (median; a failure in an
  earlier stage never impaired the service, so it has nothing to restore);
- deployment durations: actual end minus actual start (median and longest);
- on-time rate: finished deployments with a planned end that ended by it.

A deployment belongs to the period when it started (or, not started yet, was planned to
start) within it. Qt-free: the reports draw these, ``releasedesk metrics`` prints them.
"""

from __future__ import annotations

import datetime as dt
import statistics
import uuid
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa

from app import clock
from app.services.calendar_exchange import domain_id_named
from app.workspace import Workspace
from models import Build, BuildNote, Deployment, Domain, Environment, Release, ReleasePackage
from models.enums import DeploymentStatus, EnvironmentStage
from models.release import release_title

D = DeploymentStatus
SUCCESS = (D.DEPLOYED, D.VERIFIED)
BROKEN = (D.FAILED, D.BACKED_OUT)


@dataclass(frozen=True)
class Metrics:
    """The metrics of one group of deployments (a release, a domain, everything)."""

    deployments: int
    production_deployments: int
    per_week: float | None
    lead_time: dt.timedelta | None
    change_failure_rate: float | None
    time_to_restore: dt.timedelta | None
    median_duration: dt.timedelta | None
    longest_duration: dt.timedelta | None
    on_time_rate: float | None


@dataclass(frozen=True)
class MetricsReport:
    """Metrics over everything, by domain and by release, for a period."""

    since: dt.datetime | None
    until: dt.datetime | None
    overall: Metrics
    by_domain: dict[str, Metrics]
    by_release: dict[str, Metrics]


@dataclass(frozen=True)
class _Dep:
    release_id: uuid.UUID
    release: str
    domain: str
    env_id: uuid.UUID
    production: bool
    status: DeploymentStatus
    planned_start: dt.datetime | None
    planned_end: dt.datetime | None
    actual_start: dt.datetime | None
    actual_end: dt.datetime | None

    @property
    def when(self) -> dt.datetime | None:
        return self.actual_start or self.planned_start


def _median(values: list[dt.timedelta]) -> dt.timedelta | None:
    return statistics.median(values) if values else None


def _rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _restores(deps: list[_Dep]) -> list[dt.timedelta]:
    """Production failure end → next successful end in the same release and environment."""
    out = []
    for failed in deps:
        if not failed.production or failed.status not in BROKEN or failed.actual_end is None:
            continue
        later = [
            d.actual_end
            for d in deps
            if d.release_id == failed.release_id
            and d.env_id == failed.env_id
            and d.status in SUCCESS
            and d.actual_end is not None
            and d.actual_end > failed.actual_end
        ]
        if later:
            out.append(min(later) - failed.actual_end)
    return out


def _lead_times(
    deps: list[_Dep], first_commits: dict[uuid.UUID, dt.datetime]
) -> list[dt.timedelta]:
    ends: dict[uuid.UUID, dt.datetime] = {}
    for d in deps:
        if d.production and d.status in SUCCESS and d.actual_end is not None:
            ends[d.release_id] = min(ends.get(d.release_id, d.actual_end), d.actual_end)
    return [end - first_commits[r] for r, end in ends.items() if r in first_commits]


def _metrics(
    deps: list[_Dep], first_commits: dict[uuid.UUID, dt.datetime], weeks: float
) -> Metrics:
    prod = [d for d in deps if d.production]
    shipped = [d for d in prod if d.status in SUCCESS]
    finished_prod = [d for d in prod if d.status in SUCCESS + BROKEN]
    durations = [
        d.actual_end - d.actual_start
        for d in deps
        if d.actual_start is not None and d.actual_end is not None
    ]
    planned = [d for d in deps if d.planned_end is not None and d.actual_end is not None]
    on_time = [d for d in planned if d.actual_end <= d.planned_end]  # type: ignore[operator]
    return Metrics(
        deployments=len(deps),
        production_deployments=len(shipped),
        per_week=round(len(shipped) / weeks, 2) if weeks > 0 else None,
        lead_time=_median(_lead_times(deps, first_commits)),
        change_failure_rate=_rate(
            sum(d.status in BROKEN for d in finished_prod), len(finished_prod)
        ),
        time_to_restore=_median(_restores(deps)),
        median_duration=_median(durations),
        longest_duration=max(durations) if durations else None,
        on_time_rate=_rate(len(on_time), len(planned)),
    )


def _load(
    ws: Workspace, domain: str | None
) -> tuple[list[_Dep], dict[uuid.UUID, dt.datetime], dt.datetime | None]:
    """The deployments (of ``domain``), each release's first commit, and when the
    workspace's first deployment began: a domain's frequency is counted over the same
    weeks as everyone's, so asking with ``--domain`` gives the figure of the full table."""
    query = (
        sa.select(
            Release.id,
            Release.name,
            Release.version_label,
            sa.func.coalesce(Domain.name, ""),
            Environment.id,
            Environment.stage == EnvironmentStage.PROD,
            Deployment.status,
            Deployment.planned_start,
            Deployment.planned_end,
            Deployment.actual_start,
            Deployment.actual_end,
        )
        .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
        .join(Release, Release.id == ReleasePackage.release_id)
        .join(Environment, Environment.id == Deployment.environment_id)
        .outerjoin(Domain, sa.and_(Domain.id == Release.domain_id, Domain.deleted_at.is_(None)))
        .where(
            Deployment.deleted_at.is_(None),
            Release.deleted_at.is_(None),
            ReleasePackage.deleted_at.is_(None),
        )
    )
    everyone = query.subquery()
    earliest = sa.select(
        sa.func.min(sa.func.coalesce(everyone.c.actual_start, everyone.c.planned_start))
    )
    if domain:  # by name or code; an unknown one is an error naming the known ones
        query = query.where(Release.domain_id == domain_id_named(ws, domain))
    commits = (
        sa.select(Build.release_id, sa.func.min(BuildNote.committed_at))
        .join(BuildNote, BuildNote.build_id == Build.id)
        .where(Build.deleted_at.is_(None), BuildNote.deleted_at.is_(None))
        .group_by(Build.release_id)
    )
    with ws.reading() as s:
        rows = s.execute(query).all()
        first = {r: at for r, at in s.execute(commits).all() if at is not None}
        began = s.scalar(earliest)
    deps = [_Dep(r[0], release_title(r[1], r[2]), r[3], r[4], bool(r[5]), *r[6:]) for r in rows]
    return deps, first, began


def delivery_metrics(
    ws: Workspace,
    *,
    domain: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> MetricsReport:
    """The metrics of the deployments that started in ``[since, until)`` (naive UTC).

    ``domain``: a domain's name or code (any case); unknown: :class:`NotFoundError`.
    """
    deps, first, began = _load(ws, domain)
    deps = [
        d
        for d in deps
        if d.when is None
        or ((since is None or d.when >= since) and (until is None or d.when < until))
    ]
    start = since or began
    end = min(until or clock.now(), clock.now())
    weeks = max((end - start) / dt.timedelta(weeks=1), 1.0) if start else 0.0
    by_domain: dict[str, list[_Dep]] = defaultdict(list)
    by_release: dict[str, list[_Dep]] = defaultdict(list)
    for d in deps:
        by_domain[d.domain].append(d)
        by_release[d.release].append(d)
    return MetricsReport(
        since,
        until,
        _metrics(deps, first, weeks),
        {k: _metrics(v, first, weeks) for k, v in sorted(by_domain.items())},
        {k: _metrics(v, first, weeks) for k, v in sorted(by_release.items())},
    )
