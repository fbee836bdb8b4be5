"""Plan times are wall clock of the workspace's zone on the calendar and in its conflicts,
and meet pipeline moments (aware UTC) on the same clock — in Berlin and in Auckland."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from app import clock
from app.cli import main
from app.conflicts.conflict import ConflictKind
from app.conflicts.items import ItemKind, calendar_items
from app.services import freeze_service, release_service
from app.services.conflict_service import conflicts_between, release_conflicts
from app.workspace import Workspace
from tests.app.delivery.conftest import Delivery, make_delivery
from tests.app.services.builders import make_world
from tests.zones import far_zone, local_zone  # noqa: F401  # far_zone: a fixture

MARCH = (dt.datetime(2026, 3, 1, tzinfo=dt.UTC), dt.datetime(2026, 5, 1, tzinfo=dt.UTC))


def plan_window(ws: Workspace, release_id: uuid.UUID, start: dt.datetime, end: dt.datetime):
    """Give the release the planned window ``start``–``end`` as the editor saves it."""
    version = release_service.get_release(ws, release_id).version
    release_service.update_release(ws, release_id, version, planned_start=start, planned_end=end)


def freeze_at(ws: Workspace, start: dt.datetime, finish: dt.datetime) -> None:
    """A freeze typed in local time (as the freeze form stores it: UTC)."""
    freeze_service.create_freeze(
        ws, "Quarter close", clock.from_local(start), clock.from_local(finish)
    )


def window_item(ws: Workspace, release_id: uuid.UUID):
    (item,) = [
        i
        for i in calendar_items(ws, *MARCH)
        if i.kind is ItemKind.RELEASE_WINDOW and i.release_id == release_id
    ]
    return item


@pytest.mark.usefixtures("far_zone")
def test_a_release_window_is_on_the_calendar_at_the_editors_hours(workspace: Workspace) -> None:
    world = make_world(workspace)
    start, end = dt.datetime(2026, 3, 10, 9), dt.datetime(2026, 3, 10, 17)
    plan_window(workspace, world.release_id, start, end)
    item = window_item(workspace, world.release_id)
    assert (clock.to_local(item.start), clock.to_local(item.end)) == (start, end)
    assert release_service.get_release(workspace, world.release_id).planned_start == start


@pytest.mark.parametrize(
    ("freeze", "clash"),
    [
        ((dt.datetime(2026, 3, 10, 5), dt.datetime(2026, 3, 10, 7)), True),  # in the go-live
        ((dt.datetime(2026, 3, 10, 10), dt.datetime(2026, 3, 10, 18)), False),  # just after
    ],
)
@pytest.mark.usefixtures("far_zone")
def test_go_live_meets_a_freeze_on_the_plans_wall_clock(
    workspace: Workspace, freeze: tuple[dt.datetime, dt.datetime], clash: bool
) -> None:
    world = make_world(workspace)
    # No production deployment planned: it goes live in the window's last four hours.
    plan_window(
        workspace, world.release_id, dt.datetime(2026, 3, 10, 6), dt.datetime(2026, 3, 10, 10)
    )
    freeze_at(workspace, *freeze)
    kinds = [c.kind for c in release_conflicts(workspace, world.release_id)]
    assert (ConflictKind.FREEZE in kinds) is clash


@pytest.mark.parametrize(
    ("name", "start", "end", "hours"),
    [
        # Berlin springs forward at 02:00 on 29 March 2026: the night is an hour shorter.
        ("Europe/Berlin", dt.datetime(2026, 3, 28, 22), dt.datetime(2026, 3, 29, 6), 7),
        # Auckland falls back at 03:00 on 5 April 2026: the night is an hour longer.
        ("Pacific/Auckland", dt.datetime(2026, 4, 4, 22), dt.datetime(2026, 4, 5, 6), 9),
    ],
)
def test_a_window_across_the_daylight_saving_change_keeps_its_wall_hours(
    workspace: Workspace, name: str, start: dt.datetime, end: dt.datetime, hours: int
) -> None:
    world = make_world(workspace)
    with local_zone(name):
        plan_window(workspace, world.release_id, start, end)
        item = window_item(workspace, world.release_id)
        assert (clock.to_local(item.start), clock.to_local(item.end)) == (start, end)
        assert item.end - item.start == dt.timedelta(hours=hours)


def record(d: Delivery, capsys: pytest.CaptureFixture[str], env: str, started: str) -> None:
    code = main(
        ["deployment", "record", "--db", d.db, "--release", "Checkout 1.0", "--env", env,
         "--status", "deploying", "--package-sha", d.manifest_hash, "--started", started]
    )  # fmt: skip
    assert (code, capsys.readouterr().err) == (0, "")


@pytest.mark.parametrize(
    ("started", "clash"),
    [("2026-03-10T08:00:00Z", True), ("2026-03-10T06:30:00Z", False)],  # 09:00, 07:30 Berlin
)
def test_a_pipelines_utc_deployment_meets_a_berlin_freeze(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], started: str, clash: bool
) -> None:
    delivery = make_delivery(workspace)
    with local_zone("Europe/Berlin"):  # the coordinator types the freeze in Berlin (UTC+1)
        freeze_at(workspace, dt.datetime(2026, 3, 10, 9), dt.datetime(2026, 3, 10, 18))
    with local_zone("Pacific/Auckland"):  # the pipeline's runner and the reader are far away
        record(delivery, capsys, "Dev", started)  # still running: shown for an hour
        found = conflicts_between(workspace, *MARCH)
        assert [(c.kind, c.items[0].environment_name) for c in found] == (
            [(ConflictKind.FREEZE, "Dev")] if clash else []
        )
        code = main(
            ["calendar", "conflicts", "--db", delivery.db, "--json",
             "--from", "2026-03-09", "--to", "2026-03-12"]
        )  # fmt: skip
        listed = json.loads(capsys.readouterr().out)["conflicts"]
        assert (code, [c["kind"] for c in listed]) == ((1, ["freeze"]) if clash else (0, []))


@pytest.mark.usefixtures("far_zone")
def test_an_aware_window_is_saved_as_the_plans_wall_clock(workspace: Workspace) -> None:
    world = make_world(workspace)
    berlin = dt.timezone(dt.timedelta(hours=1))  # 10 March: Berlin is UTC+1
    start = dt.datetime(2026, 3, 10, 9, tzinfo=berlin)
    plan_window(workspace, world.release_id, start, start + dt.timedelta(hours=8))
    row = release_service.get_release(workspace, world.release_id)
    assert (row.planned_start, row.planned_end) == (
        clock.to_local(start),
        clock.to_local(start + dt.timedelta(hours=8)),
    )
    assert row.planned_start.tzinfo is None
    item = window_item(workspace, world.release_id)
    assert item.start == start  # the same instant on the calendar
