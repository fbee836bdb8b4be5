"""The clashes the demo's coordination calendar shows, whatever the anchor.

In the weeks ahead two releases of different domains book Staging for overlapping
hours, and the Operations Lead deploying one of them is also booked on a User
Acceptance deployment at the same time; a release goes to Production inside the next
year-end change freeze. Only releases not started yet (planned or draft, which have no
deployments of their own) get these slots, so no promotion order is broken on the way.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.conflicts.recurrence import occurrences
from app.services.package_manifest import manifest_in
from models import (
    CalendarException,
    Deployment,
    Domain,
    Environment,
    Person,
    Release,
    ReleasePackage,
)
from models.enums import CalendarExceptionKind, ReleaseStatus

NOT_STARTED = (ReleaseStatus.PLANNED, ReleaseStatus.DRAFT)
LEAD_TIME = dt.timedelta(days=2)  # the Staging slots: this long after the later release starts
FREEZE_SEARCH = dt.timedelta(days=400)


class Builder(Protocol):
    """What the clashes need of the demo builder."""

    s: Session
    anchor: dt.datetime
    envs: list[Environment]
    windows: list[CalendarException]

    def add(self, obj: object, *, parent: bool = False) -> object: ...

    def person(self, role: str, domain: Domain | None = None) -> Person: ...


def add_clashes(builder: Builder, releases: Sequence[Release]) -> None:
    """Staging booked twice, one person on two deployments, a deployment in the freeze."""
    waiting = sorted(
        (r for r in releases if r.status in NOT_STARTED),
        key=lambda r: (r.planned_start, r.name),
    )
    first = waiting[0]
    second = next(r for r in waiting if r.domain_id != first.domain_id)
    third = next(r for r in waiting if r.domain_id not in (first.domain_id, second.domain_id))
    rest = [r for r in waiting if r not in (first, second, third)]
    day = _weekday(max(first.planned_start, second.planned_start).date() + LEAD_TIME)
    staging, acceptance, production = builder.envs[3], builder.envs[2], builder.envs[4]
    ops = builder.person("Operations Lead")
    _deploy(builder, first, staging, day, (10, 0), 120, ops)
    _deploy(builder, second, staging, day, (11, 0), 120, builder.person("QA Lead"))
    _deploy(builder, third, acceptance, day, (11, 30), 60, ops)
    freeze = _next_year_end_freeze(builder)
    if freeze is not None and rest:
        when = _weekday(max(freeze[0], builder.anchor.replace(tzinfo=dt.UTC)).date() + LEAD_TIME)
        late = min(rest, key=lambda r: abs((r.planned_end.date() - when).days))
        _deploy(builder, late, production, when, (18, 0), 120, builder.person("Tech Lead"))


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _next_year_end_freeze(builder: Builder) -> tuple[dt.datetime, dt.datetime] | None:
    """The year-end freeze still ahead of the anchor (or under way at it)."""
    window = next(w for w in builder.windows if w.kind == CalendarExceptionKind.FREEZE)
    soon = builder.anchor + dt.timedelta(days=1)
    found = occurrences(
        window.start,
        window.finish,
        window.rrule,
        range_start=soon,
        range_end=soon + FREEZE_SEARCH,
        zone=dt.UTC,
        name=window.name,
    )
    return found[0] if found else None


def _deploy(
    builder: Builder,
    rel: Release,
    env: Environment,
    day: dt.date,
    at: tuple[int, int],
    minutes: int,
    who: Person,
) -> None:
    package: uuid.UUID | None = builder.s.scalar(
        sa.select(ReleasePackage.id).where(ReleasePackage.release_id == rel.id).limit(1)
    )
    start = dt.datetime.combine(day, dt.time(*at))
    builder.add(
        Deployment(
            package_id=package,
            environment_id=env.id,
            planned_start=start,
            planned_end=start + dt.timedelta(minutes=minutes),
            deployed_by_id=who.id,
            backout_plan="Redeploy the previous package version.",
            manifest_hash=manifest_in(builder.s, package).hash,  # what scheduling records
        )
    )
