"""Deployments: the promotion rule, production's backout plan and the lifecycle."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.services import deployment_service as deployments
from app.services import environment_edits, promotion
from app.services.deployment_schedule import schedule_deployment
from app.services.deployment_service import PipelineReport
from models.enums import DeploymentStatus as D
from tests.app.delivery.conftest import Delivery
from tests.app.services.builders import audit_count


def _walk(d: Delivery, env: str, *statuses: str) -> None:
    for status in statuses:
        deployments.record_deployment(d.ws, PipelineReport(d.release_id, env, status))


def test_lifecycle_keeps_each_step_with_who_and_the_duration(delivery: Delivery) -> None:
    change = schedule_deployment(delivery.ws, delivery.release_id, delivery.envs["Dev"])
    dep_id = change.id
    version = change.version
    for status in ("deploying", "deployed", "verified"):
        version = deployments.advance_deployment(delivery.ws, dep_id, version, status).version
    (row,) = deployments.list_deployments(delivery.ws, delivery.release_id)
    assert row.status == D.VERIFIED and row.manifest_hash == delivery.manifest_hash
    assert row.duration is not None and row.duration.total_seconds() >= 0
    events = deployments.list_events(delivery.ws, dep_id)
    assert [e.status for e in events] == [D.SCHEDULED, D.DEPLOYING, D.DEPLOYED, D.VERIFIED]
    assert {e.by_name for e in events} == {delivery.ws.user}


def test_failed_then_backed_out_and_no_way_back(delivery: Delivery) -> None:
    dep = schedule_deployment(delivery.ws, delivery.release_id, delivery.envs["Dev"])
    failed = deployments.advance_deployment(delivery.ws, dep.id, dep.version, "failed")
    with pytest.raises(ValidationError, match="failed deployment cannot become verified"):
        deployments.advance_deployment(delivery.ws, dep.id, failed.version, "verified")
    deployments.advance_deployment(delivery.ws, dep.id, failed.version, "backed_out")
    (row,) = deployments.list_deployments(delivery.ws, delivery.release_id)
    assert row.status == D.BACKED_OUT


def test_a_stage_needs_the_previous_one_verified_and_the_refusal_names_it(
    delivery: Delivery,
) -> None:
    before = audit_count(delivery.ws)
    with pytest.raises(ValidationError, match=r"Test needs a verified deployment .* in Dev first"):
        _walk(delivery, "Test", "deploying")
    assert audit_count(delivery.ws) == before  # nothing half-recorded
    _walk(delivery, "Dev", "deploying", "deployed")
    with pytest.raises(ValidationError, match="in Dev first"):
        _walk(delivery, "Test", "deployed")
    _walk(delivery, "Dev", "verified")
    _walk(delivery, "Test", "deploying", "deployed", "verified")
    statuses = {
        r.environment: r.status
        for r in deployments.list_deployments(delivery.ws, delivery.release_id)
    }
    assert statuses == {"Dev": D.VERIFIED, "Test": D.VERIFIED}


def test_production_needs_a_backout_plan(delivery: Delivery) -> None:
    _walk(delivery, "Dev", "verified")
    _walk(delivery, "Test", "verified")
    _walk(delivery, "Staging", "verified")
    with pytest.raises(ValidationError, match="needs a backout plan"):
        schedule_deployment(delivery.ws, delivery.release_id, delivery.envs["Production"])
    report = PipelineReport(
        delivery.release_id, "production", "deployed", backout_plan="Redeploy 0.9"
    )
    deployments.record_deployment(delivery.ws, report)
    prod = [
        r
        for r in deployments.list_deployments(delivery.ws, delivery.release_id)
        if r.environment == "Production"
    ]
    assert prod[0].status == D.DEPLOYED and prod[0].backout_plan == "Redeploy 0.9"


def test_a_different_manifest_hash_is_refused_or_recorded_as_a_deviation(
    delivery: Delivery,
) -> None:
    other = "ab" * 32
    with pytest.raises(ValidationError, match="differs from the baselined"):
        deployments.record_deployment(
            delivery.ws, PipelineReport(delivery.release_id, "Dev", "deployed", other)
        )
    assert deployments.list_deployments(delivery.ws, delivery.release_id) == []
    change = deployments.record_deployment(
        delivery.ws,
        PipelineReport(delivery.release_id, "Dev", "deployed", other, allow_deviation=True),
    )
    assert "deviation" in change.warnings[0]
    (row,) = deployments.list_deployments(delivery.ws, delivery.release_id)
    assert row.deviation and row.manifest_hash == other


def test_unknown_environment_lists_the_known_ones(delivery: Delivery) -> None:
    with pytest.raises(ValidationError, match=r"Unknown environment 'qa' \(known: Dev, Test"):
        _walk(delivery, "qa", "deployed")


def test_a_new_attempt_after_a_failure_is_a_deployment_of_its_own(delivery: Delivery) -> None:
    _walk(delivery, "Dev", "failed", "verified")
    rows = deployments.list_deployments(delivery.ws, delivery.release_id)
    assert sorted(r.status for r in rows) == [D.FAILED, D.VERIFIED]


def test_the_latest_step_can_be_taken_back(delivery: Delivery) -> None:
    dep = schedule_deployment(delivery.ws, delivery.release_id, delivery.envs["Dev"])
    started = deployments.advance_deployment(delivery.ws, dep.id, dep.version, "deploying")
    done = deployments.advance_deployment(delivery.ws, dep.id, started.version, "deployed")
    back = deployments.revert_last_step(delivery.ws, dep.id, done.version)
    (row,) = deployments.list_deployments(delivery.ws, delivery.release_id)
    assert row.status == D.DEPLOYING and row.actual_start and row.actual_end is None
    deployments.revert_last_step(delivery.ws, dep.id, back.version)
    (row,) = deployments.list_deployments(delivery.ws, delivery.release_id)
    assert row.status == D.SCHEDULED and row.actual_start is None
    assert [e.status for e in deployments.list_events(delivery.ws, dep.id)] == [D.SCHEDULED]
    with pytest.raises(ValidationError, match="no step to take back"):
        deployments.revert_last_step(delivery.ws, dep.id, None)


def test_the_stage_order_is_editable_and_sets_the_default_path(delivery: Delivery) -> None:
    staging = next(e for e in promotion.list_environments(delivery.ws) if e.name == "Staging")
    environment_edits.place_environment(delivery.ws, staging.id, staging.version, 1)
    assert [e.name for e in promotion.list_environments(delivery.ws)] == [
        "Dev", "Staging", "Test", "Production",
    ]  # fmt: skip
    _walk(delivery, "Dev", "verified")
    _walk(delivery, "Staging", "verified")  # now right after Dev
    report = PipelineReport(delivery.release_id, "Production", "deployed", backout_plan="Undo")
    with pytest.raises(ValidationError, match=r"Production needs a verified deployment .* in Test"):
        deployments.record_deployment(delivery.ws, report)


def test_a_new_environment_goes_last_and_names_are_unique(delivery: Delivery) -> None:
    promotion.add_environment(delivery.ws, "DR site", "prod")
    assert promotion.list_environments(delivery.ws)[-1].name == "DR site"
    with pytest.raises(ValidationError, match="already exists"):
        promotion.add_environment(delivery.ws, "dr SITE", "prod")
    with pytest.raises(ValidationError, match="not a valid stage"):
        promotion.add_environment(delivery.ws, "Lab", "lab")
