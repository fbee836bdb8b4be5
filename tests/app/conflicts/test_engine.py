"""The conflict engine, kind by kind, on items made by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator

import pytest

from app.conflicts.conflict import ConflictKind, Severity
from app.conflicts.engine import find_conflicts
from app.conflicts.items import CalendarItem, ItemKind
from tests.app.conflicts.factory import (
    ANA,
    BEN,
    DOMAIN_A,
    DOMAIN_B,
    ENV_PROD,
    ENV_STAGING,
    ENV_TEST,
    at,
    deployment,
    release_window,
    window,
)

WIDE = {"start": at(-24 * 400), "end": at(24 * 400)}


def found(*items: CalendarItem, **limits: dt.datetime) -> list[tuple[ConflictKind, str, str]]:
    """``(kind, moving title, other title)`` of every conflict."""
    return [
        (c.kind, c.items[0].title, c.items[1].title)
        for c in find_conflicts(items, **(limits or WIDE))
    ]


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's clock in Berlin (UTC+2 in summer)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# -- two deployments in one environment ------------------------------------------------
def test_overlapping_deployments_in_one_environment_clash() -> None:
    a = deployment("Payments 4.2", 9, 11)
    b = deployment("Ledger 1.8", 10, 12, domain=DOMAIN_B)
    [conflict] = find_conflicts([a, b], **WIDE)
    assert conflict.kind is ConflictKind.ENVIRONMENT_OVERLAP
    assert conflict.severity is Severity.HIGH
    assert conflict.items == (b, a)  # the later one is the one to move
    assert "Payments 4.2 and Ledger 1.8 both deploy to Staging" in conflict.sentence


def test_touching_deployments_do_not_clash() -> None:
    assert found(deployment("A 1", 9, 10), deployment("B 1", 10, 11)) == []


def test_other_environments_and_the_same_release_do_not_clash() -> None:
    a = deployment("A 1", 9, 11)
    assert found(a, deployment("B 1", 9, 11, env=ENV_PROD)) == []
    sibling = deployment("A 1 (db)", 9, 11, release=a.release_id)
    assert found(a, sibling) == []


def test_deployments_done_on_both_sides_are_history() -> None:
    a = deployment("A 1", 9, 11, status="verified", done=True)
    b = deployment("B 1", 10, 12, status="deployed", done=True)
    assert found(a, b) == []
    [conflict] = find_conflicts([a, dataclasses.replace(b, done=False)], **WIDE)
    assert conflict.items[0].title == "B 1 to Staging"  # the open one is the one to move


def test_the_fix_is_the_next_free_slot_in_the_environment() -> None:
    a = deployment("A 1", 9, 11)
    b = deployment("B 1", 10, 12)
    c = deployment("C 1", 11, 13)  # starts when A ends: B cannot go there
    freeze = window("Maintenance", at(13), at(14.5), env=ENV_STAGING)
    conflicts = find_conflicts([a, b, c, freeze], **WIDE)
    fixes = {c.items[0].title: c.fix for c in conflicts if c.fix}
    fix = fixes["B 1 to Staging"]
    assert (fix.table, fix.row_id) == ("deployment", b.row_id)
    assert (fix.start, fix.end) == (at(14.5), at(16.5))  # after C and the window, same length
    assert fix.sentence.startswith("Move B 1 to Staging to ")


def test_the_fix_keeps_to_quarter_hours_and_skips_the_domain_holiday() -> None:
    a = deployment("A 1", 22, 23.5)
    b = deployment("B 1", 23, 24)
    holiday = window("Whit Monday", at(24), at(48), kind=ItemKind.HOLIDAY, domain=DOMAIN_A)
    fix = next(c.fix for c in find_conflicts([a, b, holiday], **WIDE) if c.fix)
    assert fix.start == at(48)  # not on the holiday of its own domain


# -- freezes and blackouts ---------------------------------------------------------------
def test_a_deployment_in_a_freeze_is_a_conflict_even_partly() -> None:
    freeze = window("Year-end change freeze", at(12), at(24 * 20))
    early = deployment("A 1", 11, 13)
    [conflict] = find_conflicts([freeze, early], **WIDE)
    assert conflict.kind is ConflictKind.FREEZE and conflict.severity is Severity.HIGH
    assert "falls in the freeze 'Year-end change freeze'" in conflict.sentence
    assert conflict.fix is not None and conflict.fix.start == at(24 * 20)


def test_a_deployment_touching_a_freeze_is_not_in_it() -> None:
    freeze = window("Freeze", at(12), at(20))
    assert found(freeze, deployment("A 1", 10, 12), deployment("B 1", 20, 21)) == []


def test_a_freeze_that_starts_during_a_long_deployment_is_found() -> None:
    long = deployment("A 1", 0, 30)  # arrives in the sweep before the window
    assert found(long, window("Blackout", at(12), at(13), kind=ItemKind.BLACKOUT)) == [
        (ConflictKind.FREEZE, "A 1 to Staging", "Blackout")
    ]


def test_a_domain_freeze_concerns_that_domain_only() -> None:
    freeze = window("Ledger close", at(0), at(24), domain=DOMAIN_B)
    mine = deployment("Ledger 1.8", 9, 10, domain=DOMAIN_B)
    theirs = deployment("Payments 4.2", 9, 10, env=ENV_TEST)
    assert found(freeze, mine, theirs) == [
        (ConflictKind.FREEZE, "Ledger 1.8 to Staging", "Ledger close")
    ]
    [conflict] = find_conflicts([freeze, mine], **WIDE)
    assert "(Ledger only)" in conflict.sentence


def test_an_environment_blackout_concerns_that_environment_only() -> None:
    blackout = window("Prod close", at(0), at(24), kind=ItemKind.BLACKOUT, env=ENV_PROD)
    prod = deployment("A 1", 9, 10, env=ENV_PROD)
    staging = deployment("B 1", 9, 10)
    assert found(blackout, prod, staging) == [
        (ConflictKind.FREEZE, "A 1 to Production", "Prod close")
    ]


def test_a_production_window_meets_production_blackouts() -> None:
    go_live = dataclasses.replace(
        release_window("A 1", at(9), at(12)),
        id="production:a",
        kind=ItemKind.PRODUCTION_WINDOW,
        stage="prod",
        title="A 1 goes live",
    )
    blackout = window("Prod close", at(0), at(24), kind=ItemKind.BLACKOUT, env=ENV_PROD)
    staging_only = window("Staging rebuild", at(0), at(24), env=ENV_STAGING)
    [conflict] = find_conflicts([go_live, blackout, staging_only], **WIDE)
    assert conflict.items == (go_live, blackout)
    assert conflict.sentence.startswith("A 1 going live")
    assert conflict.fix is None  # a release window is moved in its editor, not here


def test_a_settled_deployment_in_a_freeze_is_history() -> None:
    done = deployment("A 1", 9, 10, status="verified", done=True)
    assert found(window("Freeze", at(0), at(24)), done) == []


# -- public holidays ---------------------------------------------------------------------
def test_a_deployment_on_its_domains_holiday(berlin: None) -> None:
    holiday = window("Whit Monday (DE)", at(-2), at(22), kind=ItemKind.HOLIDAY, domain=DOMAIN_A)
    mine = deployment("A 1", 7, 8)
    theirs = deployment("B 1", 7, 8, domain=DOMAIN_B, env=ENV_TEST)
    [conflict] = find_conflicts([holiday, mine, theirs], **WIDE)
    assert conflict.kind is ConflictKind.HOLIDAY and conflict.severity is Severity.LOW
    assert conflict.sentence == (
        "A 1 to Staging is planned on 1 Jun 2026, Whit Monday (DE), a public holiday in Payments."
    )


def test_a_production_window_on_a_holiday_is_no_conflict() -> None:
    go_live = dataclasses.replace(
        release_window("A 1", at(9), at(12)), kind=ItemKind.PRODUCTION_WINDOW, stage="prod"
    )
    assert found(go_live, window("Holiday", at(0), at(24), kind=ItemKind.HOLIDAY)) == []


# -- one person on two deployments --------------------------------------------------------
def test_one_person_on_two_deployments_at_once() -> None:
    a = deployment("A 1", 9, 11, people=(ANA,))
    b = deployment("B 1", 10, 12, people=(ANA, BEN), env=ENV_PROD)
    c = deployment("C 1", 11, 12, people=(ANA,), env=ENV_TEST)  # touches A, overlaps B
    result = found(a, b, c)
    assert result == [
        (ConflictKind.DOUBLE_BOOKING, "B 1 to Production", "A 1 to Staging"),
        (ConflictKind.DOUBLE_BOOKING, "C 1 to Test", "B 1 to Production"),
    ]
    first = find_conflicts([a, b], **WIDE)[0]
    assert first.severity is Severity.MEDIUM
    assert first.sentence.startswith("Ana Ruiz is assigned to two deployments at once")


# -- dependencies ---------------------------------------------------------------------------
def test_deploying_before_a_dependency_has_deployed(berlin: None) -> None:
    needed = release_window("Ledger 1.8", at(0), at(24 * 5), domain=DOMAIN_B)
    needed_prod = deployment("Ledger 1.8", 24 * 4, 24 * 4 + 2, env=ENV_PROD, domain=DOMAIN_B)
    mine = release_window("Payments 4.2", at(0), at(24 * 5), depends_on=(needed.release_id,))
    mine_prod = deployment("Payments 4.2", 24 * 3, 24 * 3 + 1, env=ENV_PROD)
    [conflict] = find_conflicts([needed, needed_prod, mine, mine_prod], **WIDE)
    assert conflict.kind is ConflictKind.DEPENDENCY
    assert conflict.items == (mine_prod, needed_prod)
    assert conflict.sentence == (
        "Payments 4.2 goes to production at 4 Jun 2026 02:00, before Ledger 1.8, which it "
        "depends on, has deployed (planned to finish 5 Jun 2026 04:00)."
    )
    assert conflict.fix is not None and conflict.fix.start == needed_prod.end


def test_a_dependency_deployed_or_deployed_first_is_fine() -> None:
    needed = release_window("Ledger 1.8", at(0), at(24 * 5), domain=DOMAIN_B)
    needed_prod = deployment("Ledger 1.8", 10, 12, env=ENV_PROD, domain=DOMAIN_B)
    mine = release_window("Payments 4.2", at(0), at(24 * 5), depends_on=(needed.release_id,))
    assert found(needed, needed_prod, mine, deployment("Payments 4.2", 12, 13, env=ENV_PROD)) == []
    early = deployment("Payments 4.2", 8, 9, env=ENV_PROD)
    settled = dataclasses.replace(needed, status="deployed", done=True)
    assert found(settled, needed_prod, mine, early) == []
    assert [k for k, *_ in found(needed, needed_prod, mine, early)] == [ConflictKind.DEPENDENCY]


def test_a_production_window_counts_when_there_is_no_production_deployment() -> None:
    needed = release_window("Ledger 1.8", at(0), at(30), domain=DOMAIN_B)
    needed_live = dataclasses.replace(
        needed, id="production:l", kind=ItemKind.PRODUCTION_WINDOW, start=at(26), stage="prod"
    )
    mine = release_window("Payments 4.2", at(0), at(30), depends_on=(needed.release_id,))
    mine_live = dataclasses.replace(
        mine,
        id="production:p",
        kind=ItemKind.PRODUCTION_WINDOW,
        start=at(20),
        end=at(24),
        stage="prod",
        depends_on=(),
    )
    assert [k for k, *_ in found(needed, needed_live, mine, mine_live)] == [ConflictKind.DEPENDENCY]


# -- promotion order --------------------------------------------------------------------------
def test_production_before_staging_has_finished(berlin: None) -> None:
    rel = release_window("A 1", at(0), at(48))
    staging = deployment("A 1", 10, 14, release=rel.release_id)
    prod = deployment("A 1", 12, 13, env=ENV_PROD, release=rel.release_id)
    [conflict] = find_conflicts([rel, staging, prod], **WIDE)
    assert conflict.kind is ConflictKind.PROMOTION_ORDER and conflict.severity is Severity.HIGH
    assert conflict.sentence == (
        "A 1 is planned on Production (1 Jun 2026 14:00) before its Staging deployment has "
        "finished and is verified (1 Jun 2026 16:00)."
    )
    assert conflict.fix is not None and conflict.fix.start == staging.end


def test_promotion_follows_the_release_path_and_skips_verified_stages() -> None:
    rel = release_window("A 1", at(0), at(48), promotion=(ENV_STAGING, ENV_TEST, ENV_PROD))
    staging = deployment("A 1", 9, 10, release=rel.release_id)
    test = deployment("A 1", 8, 9, env=ENV_TEST, release=rel.release_id)
    # By the path, test comes after staging: planned before staging ends is out of order.
    assert found(rel, staging, test) == [
        (ConflictKind.PROMOTION_ORDER, "A 1 to Test", "A 1 to Staging")
    ]
    verified = dataclasses.replace(staging, status="verified", done=True)
    assert found(rel, verified, test) == []


def test_a_failed_earlier_stage_blocks_the_next() -> None:
    rel = release_window("A 1", at(0), at(48))
    failed = deployment("A 1", 9, 10, release=rel.release_id, status="failed", done=True)
    prod = deployment("A 1", 30, 31, env=ENV_PROD, release=rel.release_id)
    [conflict] = find_conflicts([rel, failed, prod], **WIDE)
    assert "although its Staging deployment failed" in conflict.sentence
    assert conflict.fix is None


# -- the range, and the order of the list --------------------------------------------------------
def test_only_conflicts_in_the_range_are_listed() -> None:
    a, b = deployment("A 1", 9, 11), deployment("B 1", 10, 12)
    assert found(a, b, start=at(10.5), end=at(20))
    assert not found(a, b, start=at(11), end=at(20))  # shared time is 10:00-11:00
    assert not found(a, b, start=at(0), end=at(10))


def test_worst_first_then_earliest() -> None:
    holiday = window("Holiday", at(0), at(24), kind=ItemKind.HOLIDAY)
    items = [
        holiday,
        deployment("A 1", 1, 2, people=(ANA,)),
        deployment("B 1", 1.5, 3, env=ENV_TEST, people=(ANA,)),
        deployment("C 1", 5, 7),
        deployment("D 1", 6, 8),
    ]
    severities = [c.severity for c in find_conflicts(items, **WIDE)]
    assert severities == sorted(severities, key=lambda s: s.rank)
    assert severities[0] is Severity.HIGH and severities[-1] is Severity.LOW
