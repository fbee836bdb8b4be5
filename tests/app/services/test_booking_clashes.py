"""Deployments into an environment someone else has booked: found with a sentence and a
fix after the booking; touching is no clash, nor a booking of one's own domain or
release. And the versions a calendar reads for its drags."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa

from app.conflicts.conflict import ConflictKind
from app.conflicts.items import CalendarItem, ItemKind
from app.errors import ConflictError
from app.services import booking_service, deployment_schedule
from app.services.booking_clashes import booking_clashes
from app.services.calendar_checks import FieldError
from app.services.calendar_versions import row_versions
from app.workspace import Workspace
from models import Deployment
from models.enums import DeploymentStatus, EnvironmentStage
from tests.app.services.builders import (
    World,
    add_deployment,
    add_domain,
    add_environment,
    audit_count,
)

DAY = dt.datetime(2027, 2, 8, 8, 0)
UTC = dt.UTC


def _deployment(
    env: uuid.UUID,
    domain: uuid.UUID,
    start: dt.datetime,
    hours: int = 2,
    release: uuid.UUID | None = None,
) -> CalendarItem:
    return CalendarItem(
        id=f"deployment:{start.isoformat()}",
        kind=ItemKind.DEPLOYMENT,
        title="Checkout to Staging",
        start=start.replace(tzinfo=UTC),
        end=(start + dt.timedelta(hours=hours)).replace(tzinfo=UTC),
        row_id=uuid.uuid4(),
        table="deployment",
        domain_id=domain,
        environment_id=env,
        release_id=release,
        release_title="Checkout 1.0",
    )


def test_a_deployment_in_another_domains_booking_clashes_with_a_fix_after_it(
    world: World,
) -> None:
    ws = world.ws
    staging = add_environment(ws, "Staging", EnvironmentStage.STAGING, 40)
    other = add_domain(ws, "Cards")
    booking_service.create_booking(
        ws, staging, "Performance test", DAY, DAY + dt.timedelta(hours=8), domain_id=other
    )
    bookings = booking_service.list_bookings(ws)
    inside = _deployment(staging, world.domain_id, DAY + dt.timedelta(hours=3))
    touching = _deployment(staging, world.domain_id, DAY + dt.timedelta(hours=8))
    before = _deployment(staging, world.domain_id, DAY - dt.timedelta(hours=2))
    [clash] = booking_clashes([inside, touching, before], bookings)
    assert clash.kind is ConflictKind.ENVIRONMENT_OVERLAP
    assert clash.items[0] is inside
    assert (
        "deploys to Staging" in clash.sentence and "booked for Performance test" in clash.sentence
    )
    assert clash.fix is not None
    assert clash.fix.start == (DAY + dt.timedelta(hours=8)).replace(tzinfo=UTC)
    assert clash.fix.end - clash.fix.start == dt.timedelta(hours=2)


def test_ones_own_booking_is_no_clash(world: World) -> None:
    ws = world.ws
    staging = add_environment(ws, "Staging", EnvironmentStage.STAGING, 40)
    booking_service.create_booking(
        ws, staging, "Ours", DAY, DAY + dt.timedelta(hours=8), domain_id=world.domain_id
    )
    booking_service.create_booking(
        ws,
        staging,
        "For the release",
        DAY,
        DAY + dt.timedelta(hours=8),
        release_id=world.release_id,
    )
    item = _deployment(
        staging, world.domain_id, DAY + dt.timedelta(hours=1), release=world.release_id
    )
    assert booking_clashes([item], booking_service.list_bookings(ws)) == []


def test_versions_are_read_for_live_rows_only(world: World) -> None:
    ws = world.ws
    staging = add_environment(ws, "Staging", EnvironmentStage.STAGING, 40)
    made = booking_service.create_booking(ws, staging, "T", DAY, DAY + dt.timedelta(hours=1))
    moved = booking_service.update_booking(ws, made.id, made.version, title="T2")
    gone = booking_service.create_booking(ws, staging, "G", DAY, DAY + dt.timedelta(hours=1))
    booking_service.delete_booking(ws, gone.id)
    found = row_versions(ws, {"environment_booking": [made.id, gone.id], "nonsense": [made.id]})
    assert found == {made.id: moved.version}


def test_moving_a_deployment_is_version_checked_and_refuses_a_reversed_window(
    world: World, colleague: Workspace
) -> None:
    ws = world.ws
    staging = add_environment(ws, "Staging", EnvironmentStage.STAGING, 40)
    add_deployment(ws, world.release_id, staging, DeploymentStatus.SCHEDULED)
    with ws.reading() as s:
        dep = s.scalar(sa.select(Deployment.id))
    _s, _e, version = deployment_schedule.deployment_window(ws, dep)
    moved = deployment_schedule.move_deployment(ws, dep, version, DAY, DAY + dt.timedelta(hours=2))
    assert deployment_schedule.deployment_window(ws, dep)[:2] == (DAY, DAY + dt.timedelta(hours=2))
    before = audit_count(ws)
    with pytest.raises(FieldError):
        deployment_schedule.move_deployment(ws, dep, moved.version, DAY, DAY)
    deployment_schedule.move_deployment(
        colleague, dep, moved.version, DAY, DAY + dt.timedelta(hours=3)
    )
    with pytest.raises(ConflictError):
        deployment_schedule.move_deployment(
            ws, dep, moved.version, DAY, DAY + dt.timedelta(hours=1)
        )
    assert audit_count(ws) == before + 1  # only the colleague's move was written
