"""A small calendar to drive: two domains, Staging, a release of Payments with one
deployment planned to Staging, and Cards' booking of Staging two days later."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from app import clock
from app.services import booking_service, release_service
from app.workspace import Workspace
from models import Deployment, ReleasePackage
from models.enums import DeploymentStatus, EnvironmentStage
from tests.app.services.builders import add_domain, add_environment


@dataclass(frozen=True)
class CalendarWorld:
    payments: uuid.UUID
    cards: uuid.UUID
    staging: uuid.UUID
    release: uuid.UUID
    deployment: uuid.UUID
    booking: uuid.UUID
    deploy_at: dt.datetime  # naive UTC


def make_calendar(ws: Workspace) -> CalendarWorld:
    payments = add_domain(ws, "Payments", "#3b6fd8")
    cards = add_domain(ws, "Cards", "#c2410c")
    staging = add_environment(ws, "Staging", EnvironmentStage.STAGING, 40)
    day = clock.now().replace(hour=10, minute=0, second=0) + dt.timedelta(days=10)
    release = release_service.create_release(
        ws,
        name="Checkout",
        version_label="1.0",
        domain_id=payments,
        planned_start=day - dt.timedelta(days=5),
        planned_end=day + dt.timedelta(days=5),
    ).id
    with ws.transaction() as s:
        package = ReleasePackage(release_id=release, name="pkg")
        s.add(package)
        s.flush()
        deployment = Deployment(
            package_id=package.id,
            environment_id=staging,
            status=DeploymentStatus.SCHEDULED,
            planned_start=day,
            planned_end=day + dt.timedelta(hours=2),
        )
        s.add(deployment)
        s.flush()
        deployment_id = deployment.id
    held = day.replace(hour=8) + dt.timedelta(days=2)
    booking = booking_service.create_booking(
        ws, staging, "Performance test", held, held + dt.timedelta(hours=33), domain_id=cards
    ).id
    return CalendarWorld(payments, cards, staging, release, deployment_id, booking, day)


def open_calendar(qtbot, ctx, width: int = 1400, height: int = 800):
    """A calendar view on ``ctx``, shown at ``width`` x ``height``."""
    from ui.calendar.calendar_view import CalendarView

    view = CalendarView(ctx)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    return view
