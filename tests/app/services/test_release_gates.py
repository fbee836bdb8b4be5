"""The Deployed and Closed gates, driven through the editor services."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import TransitionRefused
from app.services import handover_service as hs
from app.services import release_service as rs
from app.services import scope_service as sc
from models.enums import Audience, DeploymentStatus, EnvironmentStage, ReleaseStatus
from tests.app.services.builders import (
    World,
    add_deployment,
    add_environment,
    add_promotion_path,
)


def _to_in_progress(world: World) -> None:
    ws, rel = world.ws, world.release_id
    sc.add_scope_item(ws, rel, "Pay by link")
    rs.update_release(
        ws, rel, None, planned_start=dt.datetime(2026, 1, 1), planned_end=dt.datetime(2026, 2, 1)
    )
    for status in (ReleaseStatus.PLANNED, ReleaseStatus.APPROVED, ReleaseStatus.IN_PROGRESS):
        rs.transition_release(ws, rel, status)


def test_deployed_gate_needs_verified_deployment_on_the_whole_path(world: World) -> None:
    ws, rel = world.ws, world.release_id
    _to_in_progress(world)
    with pytest.raises(TransitionRefused, match="no promotion path"):
        rs.transition_release(ws, rel, ReleaseStatus.DEPLOYED)
    test = add_environment(ws, "Test", EnvironmentStage.TEST, 1)
    prod = add_environment(ws, "Prod", EnvironmentStage.PROD, 3)
    add_promotion_path(ws, rel, [test, prod])
    add_deployment(ws, rel, test, DeploymentStatus.VERIFIED)
    add_deployment(ws, rel, prod, DeploymentStatus.DEPLOYED)  # deployed, not verified
    with pytest.raises(TransitionRefused, match=r"no verified deployment in Prod$"):
        rs.transition_release(ws, rel, ReleaseStatus.DEPLOYED)
    add_deployment(ws, rel, prod, DeploymentStatus.VERIFIED)
    rs.transition_release(ws, rel, ReleaseStatus.DEPLOYED)
    assert rs.get_release(ws, rel).status == ReleaseStatus.DEPLOYED


def test_closed_gate_waits_for_every_handover_acceptance(world: World) -> None:
    ws, rel = world.ws, world.release_id
    _to_in_progress(world)
    env = add_environment(ws, "Prod", EnvironmentStage.PROD, 3)
    add_promotion_path(ws, rel, [env])
    add_deployment(ws, rel, env, DeploymentStatus.VERIFIED)
    rs.transition_release(ws, rel, ReleaseStatus.DEPLOYED)
    training = hs.add_handover_item(ws, rel, Audience.SUPPORT, "Training").id
    faq = hs.add_handover_item(ws, rel, Audience.USERS, "FAQ").id
    hs.accept_handover_item(ws, training, "Sam")
    with pytest.raises(TransitionRefused, match=r"1 handover item not accepted yet \(FAQ\)"):
        rs.transition_release(ws, rel, ReleaseStatus.CLOSED)
    hs.accept_handover_item(ws, faq, "Uma")
    hs.reopen_handover_item(ws, training)
    with pytest.raises(TransitionRefused, match=r"\(Training\)"):
        rs.transition_release(ws, rel, ReleaseStatus.CLOSED)
    hs.delete_handover_item(ws, training)  # no longer part of the handover
    rs.transition_release(ws, rel, ReleaseStatus.CLOSED)
    assert rs.get_release(ws, rel).status == ReleaseStatus.CLOSED
