"""Loading :class:`~app.conflicts.items.CalendarItem` rows from a workspace.

A fixed number of queries, whatever the size of the workspace; the rows are turned into
items in Python. Stored moments are naive UTC and become aware UTC here; plan times (a
release's window and deadline, a task's milestone date and deadline) are wall clock of
the workspace's zone and become instants by :mod:`app.wall_time`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.conflicts.calendar_item import PRODUCTION_WINDOW_LENGTH, CalendarItem, ItemKind
from app.conflicts.exception_items import exception_items, package_holiday_items
from app.conflicts.lookup import Names, utc
from app.wall_time import plan_instant, plan_time
from app.workspace import Workspace
from models import (
    Calendar,
    CalendarException,
    Deployment,
    Domain,
    Environment,
    Person,
    PromotionStep,
    Release,
    ReleaseDependency,
    ReleasePackage,
    Task,
)
from models.enums import DeploymentStatus, ReleaseStatus
from models.release import release_title

DEFAULT_DEPLOYMENT_LENGTH = dt.timedelta(hours=1)  # a deployment planned without an end
SETTLED_DEPLOYMENTS = frozenset(
    {
        DeploymentStatus.DEPLOYED,
        DeploymentStatus.VERIFIED,
        DeploymentStatus.FAILED,
        DeploymentStatus.BACKED_OUT,
    }
)
SETTLED_RELEASES = frozenset({ReleaseStatus.DEPLOYED, ReleaseStatus.CLOSED})
PRODUCTION = "prod"
_MARKS = frozenset({ItemKind.MILESTONE, ItemKind.DEADLINE})  # read from the tasks


def load_items(
    ws: Workspace, start: dt.datetime, end: dt.datetime, kinds: frozenset[ItemKind] | None
) -> list[CalendarItem]:
    """See :func:`app.conflicts.items.calendar_items`."""
    wanted = frozenset(ItemKind) if kinds is None else kinds
    lo, hi = utc(start), utc(end)
    zone = clock.zone()
    with ws.reading() as s:
        names = _names(s)
        releases = {r.id: r for r in s.execute(_releases()).all()}
        deployments = s.execute(_deployments()).all()
        depends = _pairs(s, ReleaseDependency.release_id, ReleaseDependency.depends_on_id)
        promotion = _promotion(s)
        exceptions = s.execute(_exceptions()).all()
        marks = s.execute(_task_marks(lo, hi)).all() if _MARKS & wanted else []
    by_release: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for d in deployments:
        if d.release_id in releases:
            by_release[d.release_id].append(d)
    chosen = _chosen(releases, by_release, depends, lo, hi)
    items: list[CalendarItem] = []
    for rid in chosen:
        rel = releases[rid]
        dom = _domain(names, rel.domain_id)
        title = release_title(rel.name, rel.version_label)
        own = [_deployment(d, rel, title, dom, names) for d in by_release[rid]]
        items.extend(i for i in own if i is not None)
        items.extend(_release_items(rel, title, dom, depends[rid], promotion[rid], own))
    items.extend(_marks(marks, releases, names, lo, hi))
    items.extend(exception_items(exceptions, names, lo, hi, zone))
    countries = {d: c for d, (_n, c) in names.domains.items() if c}
    items.extend(package_holiday_items(countries, names, lo, hi, zone))
    items = [i for i in items if i.kind in wanted]
    items.sort(key=lambda i: (i.start, i.end, i.id))
    return items


def _names(s: Session) -> Names:
    names = Names()
    for did, name, own, cal_id, cal in s.execute(
        sa.select(
            Domain.id, Domain.name, Domain.holiday_country, Calendar.id, Calendar.holiday_country
        )
        .outerjoin(
            Calendar, sa.and_(Calendar.id == Domain.calendar_id, Calendar.deleted_at.is_(None))
        )
        .where(Domain.deleted_at.is_(None))
    ).all():
        names.domains[did] = (name, own or cal or None)
        if cal_id is not None:
            names.calendars.setdefault(cal_id, []).append(did)
    for eid, name, stage, order in s.execute(
        sa.select(
            Environment.id, Environment.name, Environment.stage, Environment.stage_order
        ).where(Environment.deleted_at.is_(None))
    ).all():
        names.environments[eid] = (name, str(stage), order)
    names.people = dict(
        s.execute(sa.select(Person.id, Person.name).where(Person.deleted_at.is_(None))).all()
    )
    return names


def _releases() -> sa.Select[Any]:
    return sa.select(
        Release.id,
        Release.name,
        Release.version_label,
        Release.domain_id,
        Release.status,
        Release.planned_start,
        Release.planned_end,
        Release.deadline,
    ).where(Release.deleted_at.is_(None), Release.status != ReleaseStatus.CANCELLED)


def _deployments() -> sa.Select[Any]:
    return (
        sa.select(
            Deployment.id,
            ReleasePackage.release_id,
            ReleasePackage.name.label("package"),
            Deployment.environment_id,
            Deployment.status,
            Deployment.planned_start,
            Deployment.planned_end,
            Deployment.actual_start,
            Deployment.actual_end,
            Deployment.deployed_by_id,
        )
        .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
        .where(Deployment.deleted_at.is_(None), ReleasePackage.deleted_at.is_(None))
    )


def _pairs(s: Session, left: Any, right: Any) -> dict[uuid.UUID, list[uuid.UUID]]:
    out: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for a, b in s.execute(
        sa.select(left, right).where(ReleaseDependency.deleted_at.is_(None))
    ).all():
        out[a].append(b)
    return out


def _promotion(s: Session) -> dict[uuid.UUID, list[uuid.UUID]]:
    out: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for rid, eid in s.execute(
        sa.select(PromotionStep.release_id, PromotionStep.environment_id)
        .where(PromotionStep.deleted_at.is_(None))
        .order_by(PromotionStep.release_id, PromotionStep.position)
    ).all():
        out[rid].append(eid)
    return out


def _exceptions() -> sa.Select[Any]:
    return sa.select(
        CalendarException.id,
        CalendarException.calendar_id,
        CalendarException.domain_id,
        CalendarException.environment_id,
        CalendarException.name,
        CalendarException.kind,
        CalendarException.start,
        CalendarException.finish,
        CalendarException.rrule,
    ).where(CalendarException.deleted_at.is_(None))


def _task_marks(lo: dt.datetime, hi: dt.datetime) -> sa.Select[Any]:
    naive_lo, naive_hi = plan_time(lo), plan_time(hi)  # the columns hold wall clock
    milestone = sa.and_(
        Task.milestone.is_(True),
        Task.constraint_date >= naive_lo,
        Task.constraint_date < naive_hi,
    )
    deadline = sa.and_(Task.deadline >= naive_lo, Task.deadline < naive_hi)
    return sa.select(
        Task.id,
        Task.release_id,
        Task.name,
        Task.milestone,
        Task.constraint_date,
        Task.deadline,
    ).where(Task.deleted_at.is_(None), sa.or_(milestone, deadline))


def _chosen(
    releases: dict[uuid.UUID, Any],
    deployments: dict[uuid.UUID, list[Any]],
    depends: dict[uuid.UUID, list[uuid.UUID]],
    lo: dt.datetime,
    hi: dt.datetime,
) -> list[uuid.UUID]:
    """Releases with a window or deployment in range, and the releases they wait for."""

    def spans(rid: uuid.UUID) -> Iterable[tuple[dt.datetime | None, dt.datetime | None]]:
        rel = releases[rid]
        yield _plan(rel.planned_start), _plan(rel.planned_end)
        for d in deployments[rid]:
            yield d.actual_start or d.planned_start, d.actual_end or d.planned_end

    inside = [
        rid
        for rid in releases
        if any(a is not None and utc(a) < hi and utc(b or a) >= lo for a, b in spans(rid))
    ]
    chosen = dict.fromkeys(inside)
    for rid in inside:
        chosen.update(dict.fromkeys(d for d in depends[rid] if d in releases))
    return list(chosen)


def _plan(wall: dt.datetime | None) -> dt.datetime | None:
    return None if wall is None else plan_instant(wall)


def _domain(names: Names, domain_id: uuid.UUID | None) -> str:
    return names.domains.get(domain_id, ("", None))[0] if domain_id else ""


def _deployment(d: Any, rel: Any, title: str, domain: str, names: Names) -> CalendarItem | None:
    done = d.status in SETTLED_DEPLOYMENTS
    start = (d.actual_start if done else None) or d.planned_start or d.actual_start
    if start is None or d.environment_id not in names.environments:
        return None  # not scheduled yet, or to an environment since deleted
    finish = (d.actual_end if done else None) or d.planned_end
    a = utc(start)
    b = utc(finish) if finish is not None and utc(finish) > a else a + DEFAULT_DEPLOYMENT_LENGTH
    env, stage, order = names.environments[d.environment_id]
    people = (d.deployed_by_id,) if d.deployed_by_id in names.people else ()
    return CalendarItem(
        id=f"deployment:{d.id}",
        kind=ItemKind.DEPLOYMENT,
        start=a,
        end=b,
        title=f"{title} to {env}",
        row_id=d.id,
        table="deployment",
        domain_id=rel.domain_id,
        domain_name=domain,
        environment_id=d.environment_id,
        environment_name=env,
        stage=stage,
        stage_order=order,
        release_id=rel.id,
        release_title=title,
        people=people,
        people_names=tuple(names.people[p] for p in people),
        status=str(d.status),
        done=done,
    )


def _release_items(
    rel: Any,
    title: str,
    domain: str,
    depends: list[uuid.UUID],
    promotion: list[uuid.UUID],
    deployments: list[CalendarItem | None],
) -> Iterable[CalendarItem]:
    common: dict[str, Any] = {
        "row_id": rel.id,
        "table": "release",
        "domain_id": rel.domain_id,
        "domain_name": domain,
        "release_id": rel.id,
        "release_title": title,
        "status": str(rel.status),
        "done": rel.status in SETTLED_RELEASES,
    }
    if rel.planned_start is not None and rel.planned_end is not None:
        a, b = plan_instant(rel.planned_start), plan_instant(rel.planned_end)
        yield CalendarItem(
            id=f"release:{rel.id}",
            kind=ItemKind.RELEASE_WINDOW,
            start=a,
            end=max(a, b),
            title=title,
            depends_on=tuple(depends),
            promotion=tuple(promotion),
            **common,
        )
        if not any(d is not None and d.stage == PRODUCTION for d in deployments):
            go_live = max(a, b - PRODUCTION_WINDOW_LENGTH)
            yield CalendarItem(
                id=f"production:{rel.id}",
                kind=ItemKind.PRODUCTION_WINDOW,
                start=go_live,
                end=max(a, b),
                title=f"{title} goes live",
                stage=PRODUCTION,
                **common,
            )
    if rel.deadline is not None:
        yield CalendarItem(
            id=f"deadline:{rel.id}",
            kind=ItemKind.DEADLINE,
            start=plan_instant(rel.deadline),
            end=plan_instant(rel.deadline),
            title=f"{title} deadline",
            **common,
        )


def _marks(
    rows: list[Any],
    releases: dict[uuid.UUID, Any],
    names: Names,
    lo: dt.datetime,
    hi: dt.datetime,
) -> list[CalendarItem]:
    out = []
    for row in rows:
        rel = releases.get(row.release_id)
        if rel is None:
            continue
        title = release_title(rel.name, rel.version_label)
        common: dict[str, Any] = {
            "row_id": row.id,
            "table": "task",
            "domain_id": rel.domain_id,
            "domain_name": _domain(names, rel.domain_id),
            "release_id": rel.id,
            "release_title": title,
        }
        fixed = row.constraint_date
        if row.milestone and fixed is not None and lo <= plan_instant(fixed) < hi:
            when = plan_instant(fixed)
            out.append(
                CalendarItem(
                    id=f"milestone:{row.id}",
                    kind=ItemKind.MILESTONE,
                    start=when,
                    end=when,
                    title=f"{title}: {row.name}",
                    **common,
                )
            )
        if row.deadline is not None and lo <= plan_instant(row.deadline) < hi:
            when = plan_instant(row.deadline)
            out.append(
                CalendarItem(
                    id=f"deadline:{row.id}",
                    kind=ItemKind.DEADLINE,
                    start=when,
                    end=when,
                    title=f"{title}: {row.name} (deadline)",
                    **common,
                )
            )
    return out
