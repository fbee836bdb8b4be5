"""A small coordination calendar in a real workspace (December 2026), with conflicts.

Checkout 2.0 (Payments, Germany) deploys to Staging on 8 Dec 10-12 with Ana, and to
Production on 16 Dec 09-10 with Ben: inside the year-end freeze, and before Ledger 1.8,
which it depends on, goes live (31 Dec). Ledger 1.8 deploys to Staging on 8 Dec 11-13
with Ana too: an environment clash and a double booking.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from app.workspace import Workspace
from models import (
    Calendar,
    CalendarException,
    Deployment,
    Domain,
    Environment,
    Person,
    Release,
    ReleaseDependency,
    ReleasePackage,
    Task,
)
from models.enums import CalendarExceptionKind, EnvironmentStage, ReleaseStatus


@dataclass(frozen=True)
class CalendarWorld:
    payments: uuid.UUID
    ledger: uuid.UUID
    checkout: uuid.UUID
    ledger_release: uuid.UUID
    staging: uuid.UUID
    production: uuid.UUID
    checkout_prod: uuid.UUID
    quiet: uuid.UUID  # a release without conflicts


def build(ws: Workspace) -> CalendarWorld:
    with ws.transaction() as s:

        def add(obj):
            s.add(obj)
            s.flush()
            return obj

        cal = add(Calendar(name="Payments (DE)", holiday_country="DE"))
        payments = add(Domain(name="Payments", code="PAY", calendar_id=cal.id))
        ledger = add(Domain(name="Ledger", code="LED"))
        ana = add(Person(name="Ana Ruiz"))
        ben = add(Person(name="Ben Okafor"))
        test = add(Environment(name="Test", stage=EnvironmentStage.TEST, stage_order=1))
        staging = add(Environment(name="Staging", stage=EnvironmentStage.STAGING, stage_order=2))
        prod = add(Environment(name="Production", stage=EnvironmentStage.PROD, stage_order=3))

        def release(name: str, domain: Domain, start: int, end: int, **more) -> Release:
            return add(
                Release(
                    name=name,
                    version_label=more.pop("version", "1.0"),
                    domain_id=domain.id,
                    planned_start=dt.datetime(2026, 12, start),
                    planned_end=dt.datetime(2026, 12, end),
                    status=more.pop("status", ReleaseStatus.PLANNED),
                    **more,
                )
            )

        def deploy(
            rel: Release, env: Environment, day: int, hours: tuple[int, int], who=None, **more
        ):
            package = add(ReleasePackage(release_id=rel.id, name=f"{rel.name} package"))
            return add(
                Deployment(
                    package_id=package.id,
                    environment_id=env.id,
                    planned_start=dt.datetime(2026, 12, day, hours[0]),
                    planned_end=dt.datetime(2026, 12, day, hours[1]),
                    deployed_by_id=who.id if who else None,
                    **more,
                )
            )

        checkout = release(
            "Checkout", payments, 1, 20, version="2.0", deadline=dt.datetime(2026, 12, 22)
        )
        ledger_rel = release("Ledger", ledger, 1, 31, version="1.8")
        quiet = release("Quiet", ledger, 2, 4, version="0.9")
        gone = release("Shelved", ledger, 2, 9, status=ReleaseStatus.CANCELLED)
        deploy(checkout, staging, 8, (10, 12), ana)
        checkout_prod = deploy(checkout, prod, 16, (9, 10), ben)
        deploy(ledger_rel, staging, 8, (11, 13), ana)
        deploy(quiet, test, 3, (9, 10))
        deploy(gone, staging, 8, (10, 12))
        deploy(quiet, staging, 8, (9, 12), deleted_at=dt.datetime(2026, 11, 1))
        add(ReleaseDependency(release_id=checkout.id, depends_on_id=ledger_rel.id))
        add(
            Task(
                release_id=checkout.id,
                name="Go/No-Go",
                milestone=True,
                constraint_date=dt.datetime(2026, 12, 14, 15),
            )
        )
        add(
            CalendarException(
                name="Year-end change freeze",
                kind=CalendarExceptionKind.FREEZE,
                start=dt.datetime(2025, 12, 15),
                finish=dt.datetime(2026, 1, 5, 23, 59),
                rrule="FREQ=YEARLY",
            )
        )
        add(
            CalendarException(
                name="Ledger close",
                kind=CalendarExceptionKind.BLACKOUT,
                domain_id=ledger.id,
                environment_id=prod.id,
                start=dt.datetime(2026, 10, 31),
                finish=dt.datetime(2026, 11, 1),
                rrule="FREQ=MONTHLY;BYMONTHDAY=-1",
            )
        )
        add(
            CalendarException(
                name="Payments offsite",
                kind=CalendarExceptionKind.HOLIDAY,
                calendar_id=cal.id,
                start=dt.datetime(2026, 12, 10),
                finish=dt.datetime(2026, 12, 10),
            )
        )
        return CalendarWorld(
            payments.id,
            ledger.id,
            checkout.id,
            ledger_rel.id,
            staging.id,
            prod.id,
            checkout_prod.id,
            quiet.id,
        )
