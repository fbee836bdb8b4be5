"""Delivery metrics from recorded deployments and commits, and ``releasedesk metrics``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import time_machine

from app import clock
from app.cli import main
from app.errors import NotFoundError
from app.services import (
    build_notes,
    deployment_schedule,
    package_service,
    release_service,
)
from app.services.delivery_metrics import delivery_metrics
from app.services.deployment_service import PipelineReport, record_deployment
from app.services.git_log import Commit
from tests.app.delivery.conftest import Delivery
from tests.app.services.builders import add_domain

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


@pytest.fixture
def hand_counted(delivery: Delivery, monkeypatch: pytest.MonkeyPatch) -> Delivery:
    """Four weeks of one release, each figure countable by hand:

    - a commit at t0; Dev and Test verified on days 1 and 2 (1 h each);
    - Staging failed on day 3 (10:00-10:30), fixed by 14:00 (restored in 3 h 30, but not
      in production, so no restore counts it);
    - production planned 10:00-12:00 on day 7: failed at 11:30, backed out; planned again
      on day 8 10:00-12:00, verified at 13:00 (late);
    - a production deployment scheduled 60 days ahead (it must not dilute the frequency).
    """
    t0 = clock.now() - dt.timedelta(days=28)
    day = dt.timedelta(days=1)
    commit = Commit("b" * 40, "Dana", t0, "Pay with cards", ("checkout-api/pay.py",))
    monkeypatch.setattr(build_notes, "commits_between", lambda *_: [commit])
    build_notes.import_from_git(delivery.ws, delivery.release_id, Path("."), "a", "b")
    _deploy(delivery, "Dev", "verified", t0 + day, 1)
    _deploy(delivery, "Test", "verified", t0 + 2 * day, 1)
    _deploy(delivery, "Staging", "failed", t0 + 3 * day + 10 * H, 0.5)
    _deploy(delivery, "Staging", "verified", t0 + 3 * day + 11 * H, 3)
    prod = delivery.envs["Production"]
    for n, (status, hours) in enumerate((("failed", 1.5), ("verified", 3))):
        planned = t0 + (7 + n) * day + 10 * H
        # scheduled the day before, as the coordinator did (a past start is refused)
        with time_machine.travel((planned - day).replace(tzinfo=dt.UTC), tick=False):
            deployment_schedule.schedule_deployment(
                delivery.ws, delivery.release_id, prod, planned, planned + 2 * H, "Redeploy"
            )
        _deploy(delivery, "Production", status, planned, hours)
    record_deployment(delivery.ws, PipelineReport(delivery.release_id, "Production", "backed_out"))
    ahead = clock.now() + dt.timedelta(days=60)
    deployment_schedule.schedule_deployment(
        delivery.ws, delivery.release_id, prod, ahead, ahead + 2 * H, "Redeploy"
    )
    return delivery


def test_every_figure_counted_by_hand(hand_counted: Delivery) -> None:
    m = delivery_metrics(hand_counted.ws).overall
    assert (m.deployments, m.production_deployments) == (7, 1)
    # one production deployment from day 1 to now (27 days), not to 60 days ahead
    assert m.per_week == round(1 / (27 / 7), 2) == 0.26
    assert m.lead_time == dt.timedelta(days=8, hours=13)  # commit → day 8 13:00
    assert m.change_failure_rate == 0.5  # one of the two finished production attempts
    assert m.time_to_restore == dt.timedelta(hours=25, minutes=30)  # day 7 11:30 → 8 13:00
    # durations 1, 1, 0.5, 3, 1.5, 3 h: the median of six is the mean of 1 and 1.5
    assert m.median_duration == dt.timedelta(hours=1, minutes=15)
    assert m.longest_duration == 3 * H
    assert m.on_time_rate == 0.5  # day 7 ended 11:30 of 12:00; day 8 at 13:00 of 12:00


def test_a_period_ahead_counts_only_the_weeks_gone_by(hand_counted: Delivery) -> None:
    since = clock.now() - dt.timedelta(days=21)  # day 7 on: both production attempts
    m = delivery_metrics(hand_counted.ws, since=since, until=since + dt.timedelta(days=90)).overall
    assert m.per_week == round(1 / 3, 2)  # three weeks up to now, not thirteen


def test_a_domain_asked_alone_reads_as_in_the_full_table(hand_counted: Delivery) -> None:
    ws = hand_counted.ws
    mobile = add_domain(ws, "Mobile")
    app_id = release_service.create_release(ws, name="App", domain_id=mobile).id
    package_service.add_item(ws, app_id, "app", "1.0.0")
    package_service.baseline_package(ws, app_id)
    early = clock.now() - dt.timedelta(days=56)  # four weeks before Payments' first
    record_deployment(ws, PipelineReport(app_id, "Dev", "verified", started=early))
    alone = delivery_metrics(ws, domain="Payments").overall
    assert alone == delivery_metrics(ws).by_domain["Payments"]
    assert alone.per_week == round(1 / 8, 2)  # over the workspace's eight weeks


def test_an_unknown_domain_is_named(hand_counted: Delivery, capsys) -> None:
    with pytest.raises(NotFoundError, match=r"No domain named 'Mobile' \(domains: Payments\)"):
        delivery_metrics(hand_counted.ws, domain="Mobile")
    assert delivery_metrics(hand_counted.ws, domain="pay").overall.deployments == 7  # its code
    assert main(["metrics", "--db", hand_counted.db, "--domain", "Mobile"]) != 0
    assert "No domain named 'Mobile'" in capsys.readouterr().err
