"""Delivery metrics from recorded deployments and commits, and ``releasedesk metrics``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app import clock
from app.cli import main
from app.services import build_notes
from app.services.delivery_metrics import delivery_metrics
from app.services.deployment_service import PipelineReport, record_deployment
from app.services.git_log import Commit
from tests.app.delivery.conftest import Delivery

H = dt.timedelta(hours=1)


def _deploy(d: Delivery, env: str, status: str, start: dt.datetime, hours: float) -> None:
    report = PipelineReport(
        d.release_id, env, status, started=start, finished=start + hours * H,
        backout_plan="Redeploy the previous version",
    )  # fmt: skip
    record_deployment(d.ws, report)


@pytest.fixture
def shipped(delivery: Delivery, monkeypatch: pytest.MonkeyPatch) -> Delivery:
    """Committed 10 days ago; Dev, Test, Staging verified; production failed, then fixed."""
    t0 = clock.now() - dt.timedelta(days=10)
    commit = Commit("a" * 40, "Dana", t0, "Pay with cards", ("checkout-api/pay.py",))
    monkeypatch.setattr(build_notes, "commits_between", lambda *_: [commit])
    build_notes.import_from_git(delivery.ws, delivery.release_id, Path("."), "a", "b")
    for day, env in enumerate(("Dev", "Test", "Staging"), start=1):
        _deploy(delivery, env, "verified", t0 + day * 24 * H, 1)
    _deploy(delivery, "Production", "failed", t0 + 4 * 24 * H, 2)
    _deploy(delivery, "Production", "verified", t0 + 4 * 24 * H + 6 * H, 1)
    return delivery


def test_metrics_of_a_release(shipped: Delivery) -> None:
    m = delivery_metrics(shipped.ws).by_release["Checkout 1.0"]
    assert m.deployments == 5 and m.production_deployments == 1
    assert m.change_failure_rate == 0.5
    assert m.time_to_restore == 5 * H  # failed at +2 h, fixed deployment ended at +7 h
    assert m.lead_time == 4 * 24 * H + 7 * H
    assert m.median_duration == H and m.longest_duration == 2 * H
    assert m.on_time_rate is None  # nothing was planned


def test_period_and_domain_filters(shipped: Delivery) -> None:
    since = clock.now() - dt.timedelta(days=7, hours=1)
    late = delivery_metrics(shipped.ws, since=since)
    assert late.overall.deployments == 3  # Staging and both production attempts
    assert delivery_metrics(shipped.ws, domain="payments").overall.deployments == 5
    assert delivery_metrics(shipped.ws, domain="Mobile").overall.deployments == 0


def test_cli_json(shipped: Delivery, capsys) -> None:
    code = main(["metrics", "--db", shipped.db, "--domain", "Payments", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["domains"]["Payments"]["change_failure_rate"] == 0.5
    assert out["releases"]["Checkout 1.0"]["time_to_restore_hours"] == 5.0


def test_cli_table(shipped: Delivery, capsys) -> None:
    assert main(["metrics", "--db", shipped.db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "deploys", "prod", "/week", "lead", "time", "fail", "rate", "restore", "duration",
        "on", "time",
    ]  # fmt: skip
    release = next(line for line in lines if line.startswith("Checkout 1.0"))
    assert release.split()[2:4] == ["5", "1"] and "4 d 7 h" in release
    assert "50%" in release and "5 h 0 min" in release
