"""The demo's environment bookings: shared environments held for tests and rehearsals
over the next weeks, so the calendar shows who holds which environment when; one of
them is held over another domain's planned deployment (the clash the calendar shows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from models import Deployment, Domain, Environment, EnvironmentBooking, Release, ReleasePackage
from models.enums import DeploymentStatus

# (title, environment index, domain index or None, days after the anchor, hour, length h)
BOOKINGS = (
    ("Data migration rehearsal", 2, 0, 17, 18, 14),
    ("Penetration test", 1, None, 24, 9, 80),
    ("Performance test", 3, 1, 9, 8, 56),
    ("Disaster recovery drill", 4, None, 33, 6, 8),
    ("Load test before peak", 3, 2, 45, 8, 32),
)
CLASH = "Contract test run"  # held over the first planned deployment, by another domain


def demo_bookings(
    s: Session,
    anchor: dt.datetime,
    envs: Sequence[Environment],
    domains: Sequence[Domain],
    add: Callable[[object], object],
) -> None:
    """Add :data:`BOOKINGS`, placed relative to the demo's ``anchor`` (Monday 08:00),
    and the :data:`CLASH` booking by another domain over the first planned deployment."""
    day = anchor.replace(hour=0, minute=0)
    for title, env, domain, days, hour, hours in BOOKINGS:
        start = day + dt.timedelta(days=days, hours=hour)
        add(
            EnvironmentBooking(
                environment_id=envs[env].id,
                title=title,
                start=start,
                end=start + dt.timedelta(hours=hours),
                domain_id=domains[domain].id if domain is not None else None,
                notes=f"{envs[env].name} is held for the {title.lower()}.",
            )
        )
    s.flush()
    planned = s.execute(
        sa.select(Deployment.planned_start, Release.domain_id, Deployment.environment_id)
        .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
        .join(Release, Release.id == ReleasePackage.release_id)
        .where(
            Deployment.status == DeploymentStatus.SCHEDULED,
            Deployment.planned_start > anchor,
        )
        .order_by(Deployment.planned_start)
        .limit(1)
    ).first()
    if planned is None:
        return
    when, holder, env = planned
    other = next(d for d in domains if d.id != holder)
    start = when.replace(hour=8, minute=0) - dt.timedelta(days=1)
    add(
        EnvironmentBooking(
            environment_id=env,
            title=CLASH,
            start=start,
            end=start + dt.timedelta(hours=56),
            domain_id=other.id,
            notes=f"Held for {other.name}'s contract tests against the other domains.",
        )
    )
