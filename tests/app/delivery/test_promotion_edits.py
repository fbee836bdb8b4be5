"""Environments edited (rename, stage, order, remove), a release's promotion path, and
scheduling deployments along it: the rules and the refusals a coordinator reads."""

from __future__ import annotations

import datetime as dt

import pytest

from app import clock
from app.conflicts.items import calendar_items
from app.errors import ConflictError, ValidationError
from app.services import environment_edits as edits
from app.services import promotion
from app.services.calendar_checks import FieldError
from app.services.deployment_schedule import (
    delete_scheduled,
    restore_scheduled,
    schedule_deployment,
)
from app.services.deployment_service import PipelineReport, list_deployments, record_deployment
from tests.app.delivery.conftest import Delivery
from tests.app.services.builders import audit_count


def _names(d: Delivery) -> list[str]:
    return [e.name for e in promotion.list_environments(d.ws)]


def _env(d: Delivery, name: str) -> promotion.EnvironmentRow:
    return next(e for e in promotion.list_environments(d.ws) if e.name == name)


def _soon(hours: float) -> dt.datetime:
    return clock.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=hours)


def test_rename_restage_and_place_keep_the_order_gap_free(delivery: Delivery) -> None:
    prod = _env(delivery, "Production")
    edits.update_environment(delivery.ws, prod.id, prod.version, name="Live", stage="prod")
    with pytest.raises(ValidationError, match="named 'dev' already exists"):
        edits.update_environment(delivery.ws, prod.id, None, name="dev")
    live = _env(delivery, "Live")
    change = edits.place_environment(delivery.ws, live.id, live.version, 0)
    assert change.ids[0] == live.id and len(change.ids) == 4
    assert _names(delivery) == ["Live", "Dev", "Test", "Staging"]
    assert [e.stage_order for e in promotion.list_environments(delivery.ws)] == [1, 2, 3, 4]
    with pytest.raises(ConflictError):
        edits.place_environment(delivery.ws, live.id, live.version, 3)  # stale version
    assert edits.position_of(delivery.ws, live.id) == 0


def test_removal_is_refused_while_deployments_exist_and_restores_what_it_took(
    delivery: Delivery,
) -> None:
    record_deployment(delivery.ws, PipelineReport(delivery.release_id, "Dev", "deployed"))
    dev = _env(delivery, "Dev")
    before = audit_count(delivery.ws)
    with pytest.raises(ValidationError, match="Dev has 1 deployment on record"):
        edits.delete_environment(delivery.ws, dev.id, dev.version)
    assert audit_count(delivery.ws) == before
    staging = _env(delivery, "Staging")
    promotion.set_promotion_path(
        delivery.ws, delivery.release_id, [dev.id, staging.id, _env(delivery, "Production").id]
    )
    gone = edits.delete_environment(delivery.ws, staging.id, staging.version)
    assert "Staging" not in _names(delivery)
    assert promotion.release_path(delivery.ws, delivery.release_id).text == "Dev → Production"
    promotion.add_environment(delivery.ws, "staging", "staging")
    with pytest.raises(ValidationError, match="Another environment is now called 'Staging'"):
        edits.restore_environment(delivery.ws, staging.id, gone.version)
    edits.delete_environment(delivery.ws, _env(delivery, "staging").id)
    edits.restore_environment(delivery.ws, staging.id, gone.version)
    path = promotion.release_path(delivery.ws, delivery.release_id)
    assert path.text == "Dev → Staging → Production"


def test_a_path_is_chosen_checked_and_can_follow_every_environment_again(
    delivery: Delivery,
) -> None:
    default = promotion.release_path(delivery.ws, delivery.release_id)
    assert not default.custom and default.text == "Dev → Test → Staging → Production"
    ids = promotion.path_from_names(delivery.ws, ["test", "Production"])
    promotion.set_promotion_path(delivery.ws, delivery.release_id, ids, default.ids)
    path = promotion.release_path(delivery.ws, delivery.release_id)
    assert path.custom and path.text == "Test → Production"
    with pytest.raises(ConflictError) as stale:
        promotion.set_promotion_path(delivery.ws, delivery.release_id, None, default.ids)
    (conflict,) = stale.value.conflicts
    assert (conflict.theirs, conflict.mine) == ("Test → Production", "every environment")
    with pytest.raises(ValidationError, match="Unknown environment 'QA'"):
        promotion.path_from_names(delivery.ws, ["Dev", "QA"])
    with pytest.raises(ValidationError, match="only once"):
        promotion.set_promotion_path(delivery.ws, delivery.release_id, [ids[0], ids[0]])
    with pytest.raises(ValidationError, match="at least one"):
        promotion.set_promotion_path(delivery.ws, delivery.release_id, [])
    promotion.set_promotion_path(delivery.ws, delivery.release_id, None, path.ids)
    assert promotion.release_path(delivery.ws, delivery.release_id) == default


def test_scheduling_follows_the_path_in_time_and_refuses_in_the_coordinators_words(
    delivery: Delivery,
) -> None:
    d, envs = delivery, delivery.envs
    with pytest.raises(ValidationError) as refused:
        schedule_deployment(d.ws, d.release_id, envs["Test"], _soon(2), _soon(3))
    assert str(refused.value) == (
        "Test needs a deployment of this package in Dev first "
        "(verified, or scheduled to end before this one starts)."
    )
    schedule_deployment(d.ws, d.release_id, envs["Dev"], _soon(2), _soon(4), note="Night run")
    with pytest.raises(FieldError, match="before the deployment in Dev ends") as early:
        schedule_deployment(d.ws, d.release_id, envs["Test"], _soon(3), _soon(5))
    assert early.value.field == "planned_start"
    schedule_deployment(d.ws, d.release_id, envs["Test"], _soon(4), _soon(5))
    rows = list_deployments(d.ws, d.release_id)
    assert [(r.environment, r.planned_start) for r in rows] == [
        ("Dev", _soon(2)), ("Test", _soon(4)),
    ]  # fmt: skip
    shown = calendar_items(d.ws, _soon(0), _soon(24), kinds=frozenset({"deployment"}))
    assert {i.row_id for i in shown} == {r.id for r in rows}


@pytest.mark.parametrize(
    ("start", "end", "backout", "field", "message"),
    [
        (-3, 1, "Roll back", "planned_start", "lies in the past"),
        (5, 4, "Roll back", "planned_end", "ends"),
        (2, 3, "  ", "backout_plan", "needs a backout plan"),
    ],
)
def test_bad_plans_are_refused_at_their_field_and_nothing_is_saved(
    delivery: Delivery, start: int, end: int, backout: str, field: str, message: str
) -> None:
    d = delivery
    prod = promotion.path_from_names(d.ws, ["Production"])
    promotion.set_promotion_path(d.ws, d.release_id, prod)
    before = audit_count(d.ws)
    with pytest.raises(FieldError, match=message) as refused:
        schedule_deployment(d.ws, d.release_id, prod[0], _soon(start), _soon(end), backout)
    assert refused.value.field == field and audit_count(d.ws) == before


def test_a_scheduled_deployment_can_be_taken_back_until_it_starts(delivery: Delivery) -> None:
    d = delivery
    made = schedule_deployment(d.ws, d.release_id, d.envs["Dev"], _soon(1), _soon(2))
    gone = delete_scheduled(d.ws, made.id, made.version)
    assert list_deployments(d.ws, d.release_id) == []
    back = restore_scheduled(d.ws, made.id, gone.version)
    record_deployment(d.ws, PipelineReport(d.release_id, "Dev", "deploying"))
    with pytest.raises(ValidationError, match="has already started"):
        delete_scheduled(d.ws, made.id, None)
    assert back.id == made.id
