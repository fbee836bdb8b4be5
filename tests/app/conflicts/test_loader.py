"""Calendar items and conflicts read from a real workspace (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from app.conflicts.conflict import ConflictKind
from app.conflicts.items import CONFLICT_KINDS, ItemKind, calendar_items
from app.errors import ValidationError
from app.services.conflict_service import (
    conflicts_between,
    conflicts_by_release,
    release_conflicts,
)
from app.workspace import Workspace
from tests.app.conflicts.calendar_world import CalendarWorld, build

DECEMBER = (dt.datetime(2026, 12, 1, tzinfo=dt.UTC), dt.datetime(2027, 1, 1, tzinfo=dt.UTC))


@pytest.fixture
def world(workspace: Workspace) -> CalendarWorld:
    return build(workspace)


def test_items_of_december(workspace: Workspace, world: CalendarWorld) -> None:
    items = calendar_items(workspace, *DECEMBER)
    assert items == sorted(items, key=lambda i: (i.start, i.end, i.id))
    assert all(i.start.tzinfo is dt.UTC and i.start <= i.end for i in items)
    by_kind: dict[ItemKind, list[str]] = {}
    for i in items:
        by_kind.setdefault(i.kind, []).append(i.title)
    assert by_kind[ItemKind.DEPLOYMENT] == [
        "Quiet 0.9 to Test",
        "Checkout 2.0 to Staging",
        "Ledger 1.8 to Staging",
        "Checkout 2.0 to Production",
    ]  # not the cancelled release's, nor the deleted one
    assert sorted(by_kind[ItemKind.RELEASE_WINDOW]) == ["Checkout 2.0", "Ledger 1.8", "Quiet 0.9"]
    assert "Ledger 1.8 goes live" in by_kind[ItemKind.PRODUCTION_WINDOW]
    assert "Checkout 2.0 goes live" not in by_kind[ItemKind.PRODUCTION_WINDOW]
    assert by_kind[ItemKind.FREEZE] == ["Year-end change freeze"]
    assert by_kind[ItemKind.BLACKOUT] == ["Ledger close"]  # 31 Dec, from a monthly rule
    assert "Payments offsite" in by_kind[ItemKind.HOLIDAY]
    assert {"Christmas Day (DE)", "Second Day of Christmas (DE)"} <= set(by_kind[ItemKind.HOLIDAY])
    assert by_kind[ItemKind.MILESTONE] == ["Checkout 2.0: Go/No-Go"]
    assert by_kind[ItemKind.DEADLINE] == ["Checkout 2.0 deadline"]


def test_a_deployment_item_carries_its_people_stage_and_release(
    workspace: Workspace, world: CalendarWorld
) -> None:
    items = {i.id: i for i in calendar_items(workspace, *DECEMBER)}
    prod = items[f"deployment:{world.checkout_prod}"]
    assert (prod.start, prod.end) == (
        dt.datetime(2026, 12, 16, 9, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 16, 10, tzinfo=dt.UTC),
    )
    assert (prod.environment_name, prod.stage, prod.stage_order) == ("Production", "prod", 3)
    assert (prod.release_id, prod.domain_name, prod.people_names) == (
        world.checkout,
        "Payments",
        ("Ben Okafor",),
    )
    assert (prod.status, prod.done, prod.table, prod.row_id) == (
        "scheduled",
        False,
        "deployment",
        world.checkout_prod,
    )
    window = items[f"release:{world.checkout}"]
    assert window.depends_on == (world.ledger_release,)


def test_recurring_and_scoped_windows(workspace: Workspace, world: CalendarWorld) -> None:
    two_years = (dt.datetime(2026, 1, 1), dt.datetime(2028, 1, 1))
    items = calendar_items(
        workspace, *two_years, kinds=frozenset({ItemKind.FREEZE, ItemKind.BLACKOUT})
    )
    freezes = [i for i in items if i.kind is ItemKind.FREEZE]
    assert [i.start.date() for i in freezes] == [
        dt.date(2025, 12, 15),
        dt.date(2026, 12, 15),
        dt.date(2027, 12, 15),
    ]
    assert all(i.recurring and i.domain_id is None and i.environment_id is None for i in freezes)
    blackouts = [i for i in items if i.kind is ItemKind.BLACKOUT]
    assert len(blackouts) == 15  # the last day of each month from October 2026
    assert {(i.domain_id, i.environment_id) for i in blackouts} == {
        (world.ledger, world.production)
    }


def test_a_holiday_of_a_calendar_belongs_to_the_domains_using_it(
    workspace: Workspace, world: CalendarWorld
) -> None:
    [offsite] = [i for i in calendar_items(workspace, *DECEMBER) if i.title == "Payments offsite"]
    assert offsite.domain_id == world.payments
    assert offsite.end - offsite.start == dt.timedelta(days=1)


def test_the_conflicts_of_december(workspace: Workspace, world: CalendarWorld) -> None:
    found = conflicts_between(workspace, *DECEMBER)
    kinds = sorted(c.kind.value for c in found)
    assert kinds == sorted(
        ["environment_overlap", "double_booking", "freeze", "dependency", "freeze"]
    )
    freezes = [c for c in found if c.kind is ConflictKind.FREEZE]
    # Ledger goes live on 31 Dec in its production close and in the year-end freeze
    assert {c.items[0].title for c in freezes} == {
        "Checkout 2.0 to Production",
        "Ledger 1.8 goes live",
    }
    overlap = next(c for c in found if c.kind is ConflictKind.ENVIRONMENT_OVERLAP)
    assert overlap.fix is not None and overlap.fix.start >= dt.datetime(
        2026, 12, 8, 12, tzinfo=dt.UTC
    )


def test_one_releases_conflicts(workspace: Workspace, world: CalendarWorld) -> None:
    mine = release_conflicts(workspace, world.checkout)
    assert {c.kind for c in mine} == {
        ConflictKind.ENVIRONMENT_OVERLAP,
        ConflictKind.DOUBLE_BOOKING,
        ConflictKind.FREEZE,
        ConflictKind.DEPENDENCY,
    }
    assert all(world.checkout in c.release_ids for c in mine)
    assert release_conflicts(workspace, world.quiet) == []
    with time_machine.travel(dt.datetime(2026, 11, 25, tzinfo=dt.UTC), tick=True):
        by_release = conflicts_by_release(workspace)  # a quarter back, three years ahead
    assert world.quiet not in by_release
    assert {c.key for c in by_release[world.checkout]} == {c.key for c in mine}


def test_a_reversed_range_is_refused(workspace: Workspace, world: CalendarWorld) -> None:
    with pytest.raises(ValidationError, match="ends before it starts"):
        conflicts_between(workspace, DECEMBER[1], DECEMBER[0])


def test_the_engine_does_not_read_milestones(workspace: Workspace, world: CalendarWorld) -> None:
    kinds = {i.kind for i in calendar_items(workspace, *DECEMBER, kinds=CONFLICT_KINDS)}
    assert ItemKind.MILESTONE not in kinds and ItemKind.DEPLOYMENT in kinds
