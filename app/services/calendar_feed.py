"""The events of the coordination calendar, as rows for an ``.ics`` export.

Release windows, deployments, release deadlines and task milestones, and the freeze,
blackout and holiday windows; optionally only one domain's, one release's or one kind's.
Read with Core selects, one query per kind, and handed out as they are read, so that an
export of thousands of events never holds them all.

UIDs are the rows' ids (``<uuid>@releasedesk``; a window imported from a file keeps that
file's UID), and SEQUENCE is the row's optimistic ``version`` less one, so it grows with
every saved change; an event that also shows its release's status (a deployment, a
milestone) adds the release's version, which grows when the status changes.

Plan times (release windows, deadlines, milestone dates) are wall clock of the
workspace's zone and become moments here (:mod:`app.wall_time`), like the deployments
and windows stored as moments, so every event carries naive UTC.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.calendar_kinds import EXPORT_KINDS, WINDOW_KINDS
from app.interchange.ics_export import IcsEvent, is_whole_days, row_uid
from app.services.release_lifecycle import LABELS
from app.wall_time import plan_moment
from models import (
    CalendarException,
    Deployment,
    Domain,
    Environment,
    Release,
    ReleasePackage,
    Task,
)
from models.enums import CalendarExceptionKind


@dataclass(frozen=True)
class FeedFilter:
    """Which events to export: all of them when every field is empty.

    ``domain_id`` keeps that domain's releases and the windows that apply to it
    (workspace-wide ones too); ``release_id`` that release's own events and the windows
    that apply to its domain.
    """

    domain_id: uuid.UUID | None = None
    release_id: uuid.UUID | None = None
    kinds: frozenset[str] = frozenset(EXPORT_KINDS)


def calendar_events(s: Session, chosen: FeedFilter) -> Iterator[IcsEvent]:
    """Every event ``chosen`` keeps, kind after kind."""
    if "release" in chosen.kinds:
        yield from _releases(s, chosen)
    if "deployment" in chosen.kinds:
        yield from _deployments(s, chosen)
    if "milestone" in chosen.kinds:
        yield from _deadlines(s, chosen)
        yield from _task_milestones(s, chosen)
    if chosen.kinds & set(WINDOW_KINDS):
        yield from _windows(s, chosen)


def _release_scope(query: sa.Select, chosen: FeedFilter) -> sa.Select:
    query = query.where(Release.deleted_at.is_(None))
    if chosen.domain_id is not None:
        query = query.where(Release.domain_id == chosen.domain_id)
    if chosen.release_id is not None:
        query = query.where(Release.id == chosen.release_id)
    return query.outerjoin(
        Domain, sa.and_(Domain.id == Release.domain_id, Domain.deleted_at.is_(None))
    )


_RELEASE_COLUMNS = (Release.id, Release.title, Release.status, Release.version, Domain.name)


def _describe(title: str, status: str, domain: str | None, *more: str) -> str:
    lines = [f"Release: {title}", f"Status: {LABELS[status]}"]
    if domain:
        lines.append(f"Domain: {domain}")
    return "\n".join([*lines, *more])


def _categories(domain: str | None, kind: str) -> tuple[str, ...]:
    return (domain, kind.title()) if domain else (kind.title(),)


def _releases(s: Session, chosen: FeedFilter) -> Iterator[IcsEvent]:
    query = _release_scope(
        sa.select(
            *_RELEASE_COLUMNS, Release.planned_start, Release.planned_end, Release.updated_at
        ).where(Release.planned_start.is_not(None), Release.planned_end.is_not(None)),
        chosen,
    ).order_by(Release.planned_start, Release.id)
    for rid, title, status, version, domain, wall_start, wall_finish, modified in s.execute(query):
        start, finish = plan_moment(wall_start), plan_moment(max(wall_finish, wall_start))
        yield IcsEvent(
            uid=row_uid(rid),
            sequence=version - 1,
            kind="release",
            summary=title,
            start=start,
            finish=finish,
            all_day=is_whole_days(start, finish),
            description=_describe(title, status, domain),
            categories=_categories(domain, "release"),
            domain=domain or "",
            modified=modified,
        )


def _deployments(s: Session, chosen: FeedFilter) -> Iterator[IcsEvent]:
    query = _release_scope(
        sa.select(
            *_RELEASE_COLUMNS,
            Deployment.id,
            Deployment.version,
            Deployment.status,
            Deployment.planned_start,
            Deployment.planned_end,
            Deployment.updated_at,
            Environment.name,
        )
        .join(ReleasePackage, ReleasePackage.release_id == Release.id)
        .join(Deployment, Deployment.package_id == ReleasePackage.id)
        .join(Environment, Environment.id == Deployment.environment_id)
        .where(
            ReleasePackage.deleted_at.is_(None),
            Deployment.deleted_at.is_(None),
            Deployment.planned_start.is_not(None),
            Deployment.planned_end.is_not(None),
        ),
        chosen,
    ).order_by(Deployment.planned_start, Deployment.id)
    for (
        _rid,
        title,
        status,
        version,
        domain,
        did,
        dversion,
        dstatus,
        start,
        finish,
        modified,
        env,
    ) in s.execute(query):
        yield IcsEvent(
            uid=row_uid(did),
            sequence=version + dversion - 2,
            kind="deployment",
            summary=f"Deploy {title} to {env}",
            start=start,
            finish=max(finish, start),
            all_day=False,
            description=_describe(
                title,
                status,
                domain,
                f"Environment: {env}",
                f"Deployment: {dstatus.replace('_', ' ')}",
            ),
            categories=_categories(domain, "deployment"),
            domain=domain or "",
            environment=env,
            modified=modified,
        )


def _deadlines(s: Session, chosen: FeedFilter) -> Iterator[IcsEvent]:
    query = _release_scope(
        sa.select(*_RELEASE_COLUMNS, Release.deadline).where(Release.deadline.is_not(None)),
        chosen,
    ).order_by(Release.deadline, Release.id)
    for rid, title, status, version, domain, deadline in s.execute(query):
        yield IcsEvent(
            uid=row_uid(rid, "-deadline"),
            sequence=version - 1,
            kind="milestone",
            summary=f"Deadline: {title}",
            start=plan_moment(deadline),
            finish=plan_moment(deadline),
            all_day=True,
            description=_describe(title, status, domain),
            categories=_categories(domain, "milestone"),
            domain=domain or "",
        )


def _task_milestones(s: Session, chosen: FeedFilter) -> Iterator[IcsEvent]:
    when = sa.func.coalesce(Task.constraint_date, Task.deadline)
    query = _release_scope(
        sa.select(*_RELEASE_COLUMNS, Task.id, Task.version, Task.name, when)
        .join(Task, Task.release_id == Release.id)
        .where(Task.milestone.is_(True), Task.deleted_at.is_(None), when.is_not(None)),
        chosen,
    ).order_by(when, Task.id)
    for _rid, title, status, version, domain, tid, tversion, name, moment in s.execute(query):
        yield IcsEvent(
            uid=row_uid(tid),
            sequence=version + tversion - 2,
            kind="milestone",
            summary=f"{name} ({title})",
            start=plan_moment(moment),
            finish=plan_moment(moment),
            all_day=True,
            description=_describe(title, status, domain, f"Milestone: {name}"),
            categories=_categories(domain, "milestone"),
            domain=domain or "",
        )


def _windows(s: Session, chosen: FeedFilter) -> Iterator[IcsEvent]:
    kinds = [CalendarExceptionKind(k) for k in WINDOW_KINDS if k in chosen.kinds]
    w = CalendarException
    query = (
        sa.select(
            w.id,
            w.ical_uid,
            w.version,
            w.name,
            w.kind,
            w.start,
            w.finish,
            w.rrule,
            w.updated_at,
            Domain.name,
            Environment.name,
        )
        .outerjoin(Domain, sa.and_(Domain.id == w.domain_id, Domain.deleted_at.is_(None)))
        .outerjoin(
            Environment,
            sa.and_(Environment.id == w.environment_id, Environment.deleted_at.is_(None)),
        )
        .where(w.deleted_at.is_(None), w.kind.in_(kinds))
        .order_by(w.start, w.id)
    )
    domain_id = chosen.domain_id
    if chosen.release_id is not None:
        domain_id = s.scalar(sa.select(Release.domain_id).where(Release.id == chosen.release_id))
    if chosen.domain_id is not None or chosen.release_id is not None:
        query = query.where(sa.or_(w.domain_id.is_(None), w.domain_id == domain_id))
    for wid, uid, version, name, kind, start, finish, rule, modified, domain, env in s.execute(
        query
    ):
        described = [f"{kind.value.title()} window"]
        if env:
            described.append(f"Environment: {env}")
        if domain:
            described.append(f"Domain: {domain}")
        yield IcsEvent(
            uid=uid or row_uid(wid),
            sequence=version - 1,
            kind=kind.value,
            summary=name,
            start=start,
            finish=max(finish, start),
            all_day=is_whole_days(start, finish),
            description="\n".join(described),
            categories=_categories(domain, kind.value),
            rrule=rule,
            domain=domain or "",
            environment=env or "",
            modified=modified,
        )
