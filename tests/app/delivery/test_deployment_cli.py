"""``releasedesk deployment record`` as a pipeline calls it: exit codes and messages."""

from __future__ import annotations

import pytest

from app.cli import main
from app.services import deployment_service as deployments
from models.enums import DeploymentStatus as D
from tests.app.delivery.conftest import Delivery


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_pipeline_records_dev_with_its_log_and_times(delivery: Delivery, capsys, tmp_path) -> None:
    log = tmp_path / "deploy.log"
    log.write_text("step 1 ok\nstep 2 ok\n")
    code, out, err = run(
        capsys,
        "deployment",
        "record",
        "--db",
        delivery.db,
        "--release",
        "Checkout 1.0",
        "--env",
        "dev",
        "--status",
        "deployed",
        "--package-sha",
        delivery.manifest_hash,
        "--started",
        "2026-03-01T10:00:00+00:00",
        "--finished",
        "2026-03-01T10:25:00+00:00",
        "--log",
        str(log),
    )
    assert (code, err) == (0, "")
    assert out.startswith("Recorded Checkout 1.0 in dev: deployed.")
    (row,) = deployments.list_deployments(delivery.ws, delivery.release_id)
    assert row.status == D.DEPLOYED and row.duration is not None
    assert row.duration.total_seconds() == 25 * 60


def test_out_of_order_exits_2_naming_the_missing_stage(delivery: Delivery, capsys) -> None:
    code, out, err = run(
        capsys,
        "deployment",
        "record",
        "--db",
        delivery.db,
        "--release",
        "Checkout 1.0",
        "--env",
        "Staging",
        "--status",
        "deploying",
    )
    assert (code, out) == (2, "")
    assert "Cannot deploy to Staging: Test has no verified deployment" in err


def test_deviating_hash_refused_then_allowed(delivery: Delivery, capsys) -> None:
    argv = [
        "deployment",
        "record",
        "--db",
        delivery.db,
        "--release",
        "Checkout 1.0",
        "--env",
        "Dev",
        "--status",
        "deployed",
        "--package-sha",
        "cd" * 32,
    ]
    code, _, err = run(capsys, *argv)
    assert code == 2 and "--allow-deviation" in err
    code, out, _ = run(capsys, *argv, "--allow-deviation")
    assert code == 0 and "warning: Recorded as a deviation" in out


def test_unknown_release_and_bad_status(delivery: Delivery, capsys) -> None:
    code, _, err = run(
        capsys,
        "deployment",
        "record",
        "--db",
        delivery.db,
        "--release",
        "Nope",
        "--env",
        "Dev",
        "--status",
        "deployed",
    )
    assert code == 4 and "No release named 'Nope'" in err
    code, _, err = run(
        capsys,
        "deployment",
        "record",
        "--db",
        delivery.db,
        "--release",
        "Checkout 1.0",
        "--env",
        "Dev",
        "--status",
        "done",
    )
    assert code == 2 and "'done' is not a valid deployment status" in err
