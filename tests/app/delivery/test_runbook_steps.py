"""Keeping a runbook's steps: the service on SQLite and PostgreSQL, and the
``runbook steps|add-step|remove-step`` commands as a shell calls them."""

from __future__ import annotations

import json

import pytest

from app.errors import ConflictError, NotFoundError, ValidationError
from app.services import runbook_service as runbooks
from app.services import runbook_steps as steps
from tests.app.delivery.conftest import Delivery
from tests.app.delivery.test_deployment_cli import on_release


def _add(d: Delivery, name: str, command: str = "deploy {version}", env: str = "Dev", **kw):
    return steps.add_release_step(
        d.ws, d.release_id, environment=env, name=name, command_template=command, **kw
    )


def test_the_first_step_creates_the_environments_shared_runbook(delivery: Delivery) -> None:
    assert steps.runbook_steps(delivery.ws, delivery.release_id, "dev").runbook is None
    _add(delivery, "Deploy", timeout_seconds=120, backout_command="rollback {version}")
    _add(delivery, "Smoke test", "smoke {environment}", expected_exit_code=3)
    book = steps.runbook_steps(delivery.ws, delivery.release_id, "Dev")
    assert (book.runbook, book.shared) == ("Dev runbook", True)
    assert [(s.position, s.name, s.timeout_seconds) for s in book.steps] == [
        (0, "Deploy", 120),
        (1, "Smoke test", 600),
    ]
    plan = runbooks.plan_run(delivery.ws, delivery.release_id, "Dev")
    assert [s.argv for s in plan.steps] == [("deploy", "1.0"), ("smoke", "Dev")]
    assert plan.steps[0].backout_argv == ("rollback", "1.0")
    assert plan.steps[1].expected_exit_code == 3


def test_a_release_with_its_own_runbook_edits_that_one(delivery: Delivery) -> None:
    _add(delivery, "Shared step")
    own = runbooks.add_runbook(delivery.ws, delivery.release_id, delivery.envs["Dev"], "Mine").id
    _add(delivery, "Own step")
    book = steps.runbook_steps(delivery.ws, delivery.release_id, "Dev")
    assert (book.runbook, book.shared, [s.name for s in book.steps]) == (
        "Mine",
        False,
        ["Own step"],
    )
    assert runbooks.plan_run(delivery.ws, delivery.release_id, "Dev").runbook_id == own


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": " ", "command_template": "x"}, "step name"),
        ({"name": "a", "command_template": "  "}, "needs a command"),
        ({"name": "a", "command_template": "deploy {versoin}"}, "Unknown parameter {versoin}"),
        ({"name": "a", "command_template": "echo 'open"}, "cannot be read"),
        ({"name": "a", "command_template": "x", "timeout_seconds": 0}, "at least one second"),
        ({"name": "a", "command_template": "x", "expected_exit_code": 300}, "0 to 255"),
        ({"name": "a", "command_template": "x", "backout_command": "undo {who}"}, "{who}"),
    ],
)
def test_bad_steps_are_refused_and_nothing_is_written(
    delivery: Delivery, values: dict, message: str
) -> None:
    with pytest.raises(ValidationError, match=message.replace("{", r"\{").replace("}", r"\}")):
        steps.add_release_step(delivery.ws, delivery.release_id, environment="Dev", **values)
    assert steps.runbook_steps(delivery.ws, delivery.release_id, "Dev").runbook is None


def test_unknown_environment_names_the_known_ones(delivery: Delivery) -> None:
    with pytest.raises(ValidationError, match=r"Unknown environment 'Prod' .*Production"):
        steps.runbook_steps(delivery.ws, delivery.release_id, "Prod")


def test_edit_move_remove_and_a_stale_version(delivery: Delivery) -> None:
    for name in ("One", "Two", "Three"):
        _add(delivery, name)
    one, two, three = steps.runbook_steps(delivery.ws, delivery.release_id, "Dev").steps
    steps.update_step(delivery.ws, two.id, two.version, command_template="check {component}")
    with pytest.raises(ValidationError, match="Unknown parameter"):
        steps.update_step(delivery.ws, two.id, two.version + 1, command_template="x {nope}")
    steps.move_step(delivery.ws, three.id, 0, three.version)
    book = steps.runbook_steps(delivery.ws, delivery.release_id, "Dev")
    assert [(s.position, s.name) for s in book.steps] == [(0, "Three"), (1, "One"), (2, "Two")]
    assert book.steps[2].command_template == "check {component}"
    with pytest.raises(ConflictError):
        steps.move_step(delivery.ws, one.id, 2, one.version)  # renumbered since read
    steps.delete_step(delivery.ws, book.steps[0].id, book.steps[0].version)
    assert [s.name for s in steps.runbook_steps(delivery.ws, delivery.release_id, "Dev").steps] == [
        "One",
        "Two",
    ]
    with pytest.raises(NotFoundError, match="has no step 3 \\(it has 2\\)"):
        steps.step_at(delivery.ws, delivery.release_id, "Dev", 3)


def test_cli_adds_lists_and_removes_steps(delivery: Delivery, capsys) -> None:
    code, out, err = on_release(
        capsys, delivery, "runbook add-step", "--env", "dev", "--name", "Deploy",
        "--command", "deploy.sh --version {version}", "--timeout", "90",
        "--backout", "rollback.sh {version}",
    )  # fmt: skip
    assert (code, err) == (0, "") and "Added step 'Deploy'" in out
    on_release(capsys, delivery, "runbook add-step", "--env", "Dev", "--name", "Smoke",
               "--command", "smoke {environment}", "--expect", "1")  # fmt: skip
    code, out, _ = on_release(capsys, delivery, "runbook steps", "--env", "Dev")
    assert code == 0
    assert "Dev runbook (shared by every release without its own)" in out
    assert "1. Deploy: deploy.sh --version {version}" in out
    assert "backout: rollback.sh {version}" in out and "expects exit 1" in out
    code, out, _ = on_release(capsys, delivery, "runbook steps", "--env", "Dev", "--json")
    data = json.loads(out)
    assert [s["name"] for s in data["steps"]] == ["Deploy", "Smoke"]
    assert data["steps"][0]["timeout_seconds"] == 90 and data["steps"][1]["backout"] is None
    code, out, _ = on_release(
        capsys, delivery, "runbook remove-step", "--env", "Dev", "--step", "1"
    )
    assert code == 0 and "Removed step 1 'Deploy'" in out
    names = [s.name for s in steps.runbook_steps(delivery.ws, delivery.release_id, "Dev").steps]
    assert names == ["Smoke"]


def test_cli_refusals_exit_non_zero_and_write_nothing(delivery: Delivery, capsys) -> None:
    code, out, err = on_release(
        capsys, delivery, "runbook add-step", "--env", "Dev", "--name", "Bad",
        "--command", "deploy {release}",
    )  # fmt: skip
    assert (code, out) == (2, "") and "Unknown parameter {release}" in err
    code, _, err = on_release(
        capsys, delivery, "runbook remove-step", "--env", "Dev", "--step", "1"
    )
    assert code != 0 and "has no step 1" in err
    code, _, err = on_release(capsys, delivery, "runbook steps", "--env", "Nowhere")
    assert code == 2 and "Unknown environment 'Nowhere'" in err
    assert steps.runbook_steps(delivery.ws, delivery.release_id, "Dev").runbook is None
