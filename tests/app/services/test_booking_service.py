"""Environment bookings: one audited transaction each, validated at the field, version
checked; deleting the environment (or the release) takes its bookings with it."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import ConflictError
from app.services import booking_service as bs
from app.services import cascade, release_service
from app.workspace import Workspace
from models import Environment
from models.enums import EnvironmentStage
from tests.app.services.builders import World, add_environment, audit_count
from tests.app.services.field_refusals import refused_at

START = dt.datetime(2027, 2, 8, 8, 0)
END = dt.datetime(2027, 2, 10, 17, 0)


def test_a_booking_is_listed_in_the_range_it_overlaps(world: World) -> None:
    ws = world.ws
    staging = add_environment(ws, "Staging", EnvironmentStage.STAGING, 40)
    made = bs.create_booking(
        ws,
        staging,
        "Performance test",
        START,
        END,
        domain_id=world.domain_id,
        release_id=world.release_id,
    )
    [row] = bs.list_bookings(ws, END - dt.timedelta(hours=1), END + dt.timedelta(days=3))
    assert (row.id, row.title, row.environment_name, row.domain_id, row.release_id) == (
        made.id,
        "Performance test",
        "Staging",
        world.domain_id,
        world.release_id,
    )
    assert bs.list_bookings(ws, END, END + dt.timedelta(days=3)) == []  # touching: not inside


def test_bad_bookings_are_refused_at_their_field(world: World) -> None:
    ws = world.ws
    staging = add_environment(ws, "Staging", EnvironmentStage.STAGING, 40)
    assert "before it starts" in refused_at(ws, "end", bs.create_booking, staging, "T", END, START)
    refused_at(ws, "title", bs.create_booking, staging, "  ", START, END)
    refused_at(ws, "environment_id", bs.create_booking, None, "T", START, END)
    cascade.soft_delete(ws, Environment, staging)
    message = refused_at(ws, "environment_id", bs.create_booking, staging, "T", START, END)
    assert message == "The chosen environment does not exist (it may have been deleted)."


def test_an_edit_is_version_checked_and_a_stale_one_refused(
    world: World, colleague: Workspace
) -> None:
    ws = world.ws
    staging = add_environment(ws, "Staging", EnvironmentStage.STAGING, 40)
    made = bs.create_booking(ws, staging, "Performance test", START, END)
    refused_at(ws, "end", bs.update_booking, made.id, made.version, start=END)
    moved = bs.update_booking(ws, made.id, made.version, start=START + dt.timedelta(days=1))
    assert bs.get_booking(ws, made.id).start == START + dt.timedelta(days=1)
    bs.update_booking(colleague, made.id, moved.version, title="Soak test")
    before = audit_count(ws)
    with pytest.raises(ConflictError):
        bs.update_booking(ws, made.id, moved.version, title="Load test")
    assert audit_count(ws) == before
    assert bs.get_booking(ws, made.id).title == "Soak test"


def test_deleting_the_release_or_environment_takes_the_bookings(world: World) -> None:
    ws = world.ws
    staging = add_environment(ws, "Staging", EnvironmentStage.STAGING, 40)
    bs.create_booking(ws, staging, "For the release", START, END, release_id=world.release_id)
    bs.create_booking(ws, staging, "For the team", START, END)
    release_service.delete_release(ws, world.release_id)
    assert [r.title for r in bs.list_bookings(ws)] == ["For the team"]
    cascade.soft_delete(ws, Environment, staging)
    assert bs.list_bookings(ws) == []
