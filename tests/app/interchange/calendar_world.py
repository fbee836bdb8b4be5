"""A small coordination calendar for the iCalendar tests, and how to read windows back."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from app import clock
from app.workspace import Workspace
from models import (
    CalendarException,
    Deployment,
    Domain,
    Environment,
    Release,
    ReleasePackage,
    Task,
)
from models.enums import (
    CalendarExceptionKind,
    DeploymentStatus,
    EnvironmentStage,
    ReleaseStatus,
)


def local_day(year: int, month: int, day: int) -> dt.datetime:
    """Local midnight of a day, as stored (naive UTC): how whole-day windows are kept."""
    return clock.from_local(dt.datetime(year, month, day))


@dataclass(frozen=True)
class CalendarWorld:
    """Ids of the rows :func:`make_calendar` made."""

    payments: uuid.UUID
    mobile: uuid.UUID
    prod: uuid.UUID
    checkout: uuid.UUID
    app_release: uuid.UUID
    deployment: uuid.UUID
    milestone: uuid.UUID
    year_end: uuid.UUID
    blackout: uuid.UUID
    holiday: uuid.UUID


def make_calendar(ws: Workspace) -> CalendarWorld:
    """Two domains, a release of each, a deployment, a milestone task and three windows:
    a recurring all-day freeze with an excluded year, a timed weekly blackout of the
    production environment (Payments only), a one-day holiday."""
    with ws.transaction() as s:
        payments = Domain(name="Payments", code="PAY")
        mobile = Domain(name="Mobile Apps", code="MOB")
        prod = Environment(name="Production", stage=EnvironmentStage.PROD, stage_order=3)
        s.add_all([payments, mobile, prod])
        s.flush()
        checkout = Release(
            name="Checkout",
            version_label="2.0",
            domain_id=payments.id,
            status=ReleaseStatus.PLANNED,
            planned_start=dt.datetime(2027, 3, 1, 8),
            planned_end=dt.datetime(2027, 3, 26, 17),
            deadline=dt.datetime(2027, 3, 31, 12),
        )
        app_release = Release(
            name="App",
            version_label="7.1",
            domain_id=mobile.id,
            status=ReleaseStatus.APPROVED,
            planned_start=dt.datetime(2027, 4, 5, 9),
            planned_end=dt.datetime(2027, 4, 9, 18),
        )
        s.add_all([checkout, app_release])
        s.flush()
        package = ReleasePackage(release_id=checkout.id, name="checkout-2.0")
        s.add(package)
        s.flush()
        deployment = Deployment(
            package_id=package.id,
            environment_id=prod.id,
            status=DeploymentStatus.SCHEDULED,
            planned_start=dt.datetime(2027, 3, 24, 20),
            planned_end=dt.datetime(2027, 3, 24, 22),
        )
        milestone = Task(
            release_id=checkout.id,
            name="Go/no-go",
            milestone=True,
            constraint_date=dt.datetime(2027, 3, 22, 10),
        )
        year_end = CalendarException(
            name="Year-end freeze",
            kind=CalendarExceptionKind.FREEZE,
            start=local_day(2026, 12, 15),
            finish=local_day(2027, 1, 6),
            rrule="RRULE:FREQ=YEARLY;UNTIL=20301215\nEXDATE;VALUE=DATE:20281215",
        )
        blackout = CalendarException(
            name="Friday batch run",
            kind=CalendarExceptionKind.BLACKOUT,
            domain_id=payments.id,
            environment_id=prod.id,
            start=dt.datetime(2027, 1, 1, 18),
            finish=dt.datetime(2027, 1, 1, 23, 30),
            rrule="FREQ=WEEKLY;BYDAY=FR;COUNT=20",
        )
        holiday = CalendarException(
            name="Founders' day",
            kind=CalendarExceptionKind.HOLIDAY,
            domain_id=mobile.id,
            start=local_day(2027, 5, 3),
            finish=local_day(2027, 5, 3) + dt.timedelta(hours=23, minutes=59),
        )
        s.add_all([deployment, milestone, year_end, blackout, holiday])
        s.flush()
        return CalendarWorld(
            payments.id,
            mobile.id,
            prod.id,
            checkout.id,
            app_release.id,
            deployment.id,
            milestone.id,
            year_end.id,
            blackout.id,
            holiday.id,
        )


def windows_of(ws: Workspace) -> dict[str, CalendarException]:
    """The live windows by name (detached copies of their values)."""
    with ws.reading() as s:
        rows = s.scalars(
            sa.select(CalendarException).where(CalendarException.deleted_at.is_(None))
        ).all()
        s.expunge_all()
    return {r.name: r for r in rows}


def window_count(ws: Workspace) -> int:
    """How many calendar exception rows exist, deleted ones included."""
    with ws.reading() as s:
        return s.scalar(sa.select(sa.func.count()).select_from(CalendarException)) or 0


def names_of(ws: Workspace, model: type[Domain] | type[Environment]) -> dict[uuid.UUID, str]:
    """Row id → name of every domain or environment."""
    with ws.reading() as s:
        return {row_id: name for row_id, name in s.execute(sa.select(model.id, model.name))}
