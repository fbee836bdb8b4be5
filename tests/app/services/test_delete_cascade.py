"""Deleting a release takes what it owns with it, and restoring brings exactly that back
(issue 10 §1): schedules, gates, duplicates and the dependency circle check."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from app import clock
from app.errors import NotFoundError, TransitionRefused, ValidationError
from app.services import board_service, cascade, people_service, release_schedule
from app.services import dependency_service as ds
from app.services import handover_service as hs
from app.services import release_service as rs
from app.services import scope_service as sc
from app.services import signoff_service as so
from app.workspace import Workspace
from app.workspace_check import workspace_counts
from models import Domain, Entity, Environment, Person, PromotionStep, ReleasePackage, Task
from models.enums import Audience, Decision, DeploymentStatus, EnvironmentStage, ReleaseStatus
from tests.app.services.builders import (
    World,
    add_deployment,
    add_environment,
    add_promotion_path,
    audit_count,
)
from tests.app.services.test_release_gates import _to_in_progress


def _named(ws: Workspace, name: str) -> uuid.UUID:
    return rs.find_release(ws, name).id


def _own_tasks(ws: Workspace, release_id: uuid.UUID) -> set[str]:
    with ws.reading() as s:
        return {str(i) for i in s.scalars(sa.select(Task.id).where(Task.release_id == release_id))}


def _driven_by(ws: Workspace, release_id: uuid.UUID) -> set[str]:
    """The ids of every task the release's schedule was computed with."""
    return set(release_schedule.schedule_release(ws, release_id).schedule.tasks.keys())


def test_a_deleted_release_no_longer_drives_another_schedule(demo: Workspace) -> None:
    """Payouts API depends on Wallet App; delete Wallet App and its tasks stop counting."""
    wallet, payouts = _named(demo, "Wallet App"), _named(demo, "Payouts API")
    wallet_tasks = _own_tasks(demo, wallet)
    driving = _driven_by(demo, payouts) & wallet_tasks
    assert len(driving) >= 10  # Wallet App's plan drives much of Payouts API's
    counts = workspace_counts(demo)
    deleted = rs.delete_release(demo, wallet)
    assert not _driven_by(demo, payouts) & wallet_tasks
    assert ds.list_dependencies(demo, payouts) == []
    gone = workspace_counts(demo)
    assert (gone["Releases"], gone["Tasks"]) == (
        counts["Releases"] - 1,
        counts["Tasks"] - len(wallet_tasks),
    )
    assert gone["Links"] < counts["Links"]
    rs.restore_release(demo, wallet, deleted.version)
    back = workspace_counts(demo)
    assert {k: back[k] for k in ("Releases", "Tasks", "Links")} == {
        k: counts[k] for k in ("Releases", "Tasks", "Links")
    }
    assert _driven_by(demo, payouts) & wallet_tasks == driving
    assert [d.depends_on_title for d in ds.list_dependencies(demo, payouts)] == ["Wallet App 2.1"]


def test_restore_brings_back_only_what_was_deleted_with_the_release(demo: Workspace) -> None:
    wallet = _named(demo, "Wallet App")
    first, *rest = sc.list_scope(demo, wallet)
    sc.delete_scope_item(demo, first.id)  # deleted on its own, before the release
    handover = hs.list_handover(demo, wallet)
    deleted = rs.delete_release(demo, wallet)
    with pytest.raises(NotFoundError):
        rs.get_release(demo, wallet)
    rs.restore_release(demo, wallet, deleted.version)
    assert [i.id for i in sc.list_scope(demo, wallet)] == [i.id for i in rest]
    assert [h.id for h in hs.list_handover(demo, wallet)] == [h.id for h in handover]


def test_a_link_between_two_deleted_releases_returns_with_the_second(demo: Workspace) -> None:
    """A cross-release link deleted with Wallet App stays deleted while Payouts API is
    deleted too, whichever is restored first, and returns once both are back."""
    wallet, payouts = _named(demo, "Wallet App"), _named(demo, "Payouts API")
    links = workspace_counts(demo)["Links"]
    driven = _driven_by(demo, payouts)
    wallet_gone = rs.delete_release(demo, wallet)
    payouts_gone = rs.delete_release(demo, payouts)
    rs.restore_release(demo, wallet, wallet_gone.version)
    with_wallet = workspace_counts(demo)["Links"]
    rs.restore_release(demo, payouts, payouts_gone.version)
    assert workspace_counts(demo)["Links"] == links > with_wallet
    assert _driven_by(demo, payouts) == driven


def test_restoring_a_release_that_would_close_a_circle_is_refused(world: World) -> None:
    ws = world.ws
    a = rs.create_release(ws, name="Alpha", version_label="1").id
    b = rs.create_release(ws, name="Beta", version_label="1").id
    c = rs.create_release(ws, name="Gamma", version_label="1").id
    ds.add_dependency(ws, b, a)  # Beta needs Alpha
    ds.add_dependency(ws, a, c)  # Alpha needs Gamma
    deleted = rs.delete_release(ws, a)
    ds.add_dependency(ws, c, b)  # no circle while Alpha is deleted
    written = audit_count(ws)
    circle = r"in a circle: Alpha 1 → Gamma 1 → Beta 1 → Alpha 1$"
    with pytest.raises(ValidationError, match=circle):
        rs.restore_release(ws, a, deleted.version)
    assert audit_count(ws) == written
    assert a not in {r.id for r in rs.list_releases(ws)}
    assert [d.depends_on_title for d in ds.list_dependencies(ws, c)] == ["Beta 1"]


def test_a_restored_dependency_is_not_its_own_twin(world: World) -> None:
    ws = world.ws
    other = rs.create_release(ws, name="Ledger", version_label="2").id
    dep = ds.add_dependency(ws, world.release_id, other)
    removed = ds.remove_dependency(ws, dep.id)
    ds.restore_dependency(ws, dep.id, removed.version)
    assert [d.id for d in ds.list_dependencies(ws, world.release_id)] == [dep.id]


def _stamp_deleted(ws: Workspace, model: type[Entity], row_id: uuid.UUID) -> None:
    """Mark one row deleted without what it owns, as workspaces written before the
    cascade hold deletions: reads must not count such a row either."""
    with ws.transaction() as s:
        s.get(model, row_id).deleted_at = clock.now()


def test_a_duplicate_copies_no_reference_to_deleted_rows(world: World) -> None:
    ws, rel = world.ws, world.release_id
    test = add_environment(ws, "Test", EnvironmentStage.TEST, 1)
    prod = add_environment(ws, "Prod", EnvironmentStage.PROD, 3)
    add_promotion_path(ws, rel, [test, prod])
    so.add_stakeholder(ws, rel, world.alice, "Owner", signoff_required=True)
    so.add_stakeholder(ws, rel, world.bob, "Ops")
    hs.add_handover_item(ws, rel, Audience.OPERATIONS, "Runbook", owner_id=world.bob)
    cascade.soft_delete(ws, Person, world.alice)  # the owner, with her stakeholder role
    _stamp_deleted(ws, Person, world.bob)
    _stamp_deleted(ws, Environment, prod)
    _stamp_deleted(ws, Domain, world.domain_id)
    copy = board_service.duplicate_release(ws, rel).id
    row = rs.get_release(ws, copy)
    assert (row.owner_id, row.owner_name, row.domain_id, row.domain_name) == (None, "", None, "")
    assert so.list_stakeholders(ws, copy) == []
    assert [(h.title, h.owner_id) for h in hs.list_handover(ws, copy)] == [("Runbook", None)]
    with ws.reading() as s:
        path = s.scalars(
            sa.select(PromotionStep.environment_id).where(PromotionStep.release_id == copy)
        )
        assert list(path) == [test]


def _package_of(ws: Workspace, release_id: uuid.UUID) -> uuid.UUID:
    with ws.reading() as s:
        return s.scalars(
            sa.select(ReleasePackage.id).where(ReleasePackage.release_id == release_id)
        ).one()


@pytest.mark.parametrize("how", ["service", "stamp"])
def test_a_deleted_package_verifies_no_deployment(world: World, how: str) -> None:
    ws, rel = world.ws, world.release_id
    _to_in_progress(world)
    test = add_environment(ws, "Test", EnvironmentStage.TEST, 1)
    add_promotion_path(ws, rel, [test])
    add_deployment(ws, rel, test, DeploymentStatus.VERIFIED)
    package = _package_of(ws, rel)
    if how == "service":
        cascade.soft_delete(ws, ReleasePackage, package)
    else:
        _stamp_deleted(ws, ReleasePackage, package)
    with pytest.raises(TransitionRefused) as refused:
        rs.transition_release(ws, rel, ReleaseStatus.DEPLOYED)
    assert refused.value.reasons == ("no verified deployment in Test",)


@pytest.mark.parametrize("how", ["service", "stamp"])
def test_a_deleted_environment_is_off_the_promotion_path(world: World, how: str) -> None:
    ws, rel = world.ws, world.release_id
    _to_in_progress(world)
    test = add_environment(ws, "Test", EnvironmentStage.TEST, 1)
    prod = add_environment(ws, "Prod", EnvironmentStage.PROD, 3)
    add_promotion_path(ws, rel, [test, prod])
    add_deployment(ws, rel, test, DeploymentStatus.VERIFIED)
    if how == "service":
        cascade.soft_delete(ws, Environment, prod)
    else:
        _stamp_deleted(ws, Environment, prod)
    rs.transition_release(ws, rel, ReleaseStatus.DEPLOYED)
    assert rs.get_release(ws, rel).status == ReleaseStatus.DEPLOYED


@pytest.mark.parametrize("how", ["service", "stamp"])
def test_a_deleted_person_is_no_required_signer(world: World, how: str) -> None:
    ws, rel = world.ws, world.release_id
    sc.add_scope_item(ws, rel, "Pay by link")
    so.add_stakeholder(ws, rel, world.alice, "Owner", signoff_required=True)
    so.add_stakeholder(ws, rel, world.bob, "QA", signoff_required=True)
    rs.transition_release(ws, rel, ReleaseStatus.PLANNED)
    so.record_signoff(ws, rel, world.bob, Decision.APPROVED)
    assert so.signoff_status(ws, rel).missing == ("Alice Archer",)
    if how == "service":
        cascade.soft_delete(ws, Person, world.alice)
    else:
        _stamp_deleted(ws, Person, world.alice)
    assert so.signoff_status(ws, rel).required == 1
    assert [p.name for p in people_service.list_people(ws)] == ["Bob Baker"]
    rs.transition_release(ws, rel, ReleaseStatus.APPROVED)
