"""``releasedesk deployment record`` as a pipeline calls it: exit codes and messages."""

from __future__ import annotations

import pytest

from app.cli import main
from app.services import deployment_service as deployments
from app.services import runbook_service as runbooks
from models.enums import DeploymentStatus as D
from tests.app.delivery.conftest import Delivery


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def on_release(
    capsys: pytest.CaptureFixture[str], d: Delivery, command: str, *rest: str
) -> tuple[int, str, str]:
    """``releasedesk COMMAND --db D --release "Checkout 1.0" REST...``."""
    return run(capsys, *command.split(), "--db", d.db, "--release", "Checkout 1.0", *rest)


def test_pipeline_records_dev_with_its_log_and_times(delivery: Delivery, capsys, tmp_path) -> None:
    log = tmp_path / "deploy.log"
    log.write_text("step 1 ok\nstep 2 ok\n")
    code, out, err = on_release(
        capsys, delivery, "deployment record", "--env", "dev", "--status", "deployed",
        "--package-sha", delivery.manifest_hash, "--started", "2026-03-01T10:00:00+00:00",
        "--finished", "2026-03-01T10:25:00+00:00", "--log", str(log),
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("Recorded Checkout 1.0 in dev: deployed.")
    (row,) = deployments.list_deployments(delivery.ws, delivery.release_id)
    assert row.status == D.DEPLOYED and row.duration is not None
    assert row.duration.total_seconds() == 25 * 60


def test_out_of_order_exits_2_naming_the_missing_stage(delivery: Delivery, capsys) -> None:
    code, out, err = on_release(
        capsys, delivery, "deployment record", "--env", "Staging", "--status", "deploying"
    )
    assert (code, out) == (2, "")
    assert "Staging needs a verified deployment of this package in Test first" in err


def test_deviating_hash_refused_then_allowed(delivery: Delivery, capsys) -> None:
    argv = ("--env", "Dev", "--status", "deployed", "--package-sha", "cd" * 32)
    code, _, err = on_release(capsys, delivery, "deployment record", *argv)
    assert code == 2 and "--allow-deviation" in err
    code, out, _ = on_release(capsys, delivery, "deployment record", *argv, "--allow-deviation")
    assert code == 0 and "warning: Recorded as a deviation" in out


def test_unknown_release_and_bad_status(delivery: Delivery, capsys) -> None:
    code, _, err = run(
        capsys, "deployment", "record", "--db", delivery.db, "--release", "Nope",
        "--env", "Dev", "--status", "deployed",
    )  # fmt: skip
    assert code == 4 and "No release named 'Nope'" in err
    code, _, err = on_release(
        capsys, delivery, "deployment record", "--env", "Dev", "--status", "done"
    )
    assert code == 2 and "'done' is not a valid deployment status" in err


def _dev_runbook(d: Delivery, *steps: tuple[str, str]) -> None:
    book = runbooks.add_runbook(d.ws, None, d.envs["Dev"], "Shared dev runbook").id
    for name, command in steps:
        runbooks.add_step(d.ws, book, name, command, timeout_seconds=20, backout="echo undo")


def test_runbook_dry_run_prints_the_commands_and_exits_0(delivery: Delivery, capsys) -> None:
    _dev_runbook(delivery, ("Deploy", "deploy-tool --version {version} --env {environment}"))
    code, out, err = on_release(capsys, delivery, "runbook run", "--env", "Dev", "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "1. Deploy: deploy-tool --version 1.0 --env Dev",
        "Run of 'Shared dev runbook' for Checkout 1.0 in Dev: succeeded.",
    ]


def test_runbook_run_streams_and_exits_1_on_a_failing_step(delivery: Delivery, capsys) -> None:
    _dev_runbook(delivery, ("Say", "echo deploying {component}"), ("Break", "false"))
    code, out, _ = on_release(capsys, delivery, "runbook run", "--env", "Dev")
    assert code == 1
    assert "deploying checkout-api\n" in out and "Step 2 failed." in out
    assert out.count("undo\n") == 2
    assert out.rstrip().endswith("in Dev: failed.")


def test_runbook_for_unknown_environment_exits_2(delivery: Delivery, capsys) -> None:
    code, _, err = on_release(capsys, delivery, "runbook run", "--env", "Moon")
    assert code == 2 and "Unknown environment 'Moon'" in err
