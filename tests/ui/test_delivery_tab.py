"""The release editor's Delivery tab: lifecycle actions with undo, runbook runs in
QProcess (live output, backout, Cancel), build notes by component."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services import deployment_service as deployments
from app.services import runbook_runs as runs
from app.services import runbook_service as runbooks
from app.services.deployment_schedule import schedule_deployment
from app.services.deployment_service import PipelineReport
from models.enums import DeploymentStatus as D
from tests.app.delivery.conftest import Delivery, make_delivery, stubborn_script
from tests.ui.conftest import button


@pytest.fixture
def delivery(ctx) -> Delivery:
    return make_delivery(ctx.workspace)


@pytest.fixture
def tab(editor, delivery: Delivery):
    assert editor.load(delivery.release_id)
    editor.tabs.setCurrentWidget(editor.delivery)
    return editor.delivery


def _dev_runbook(d: Delivery, *steps: tuple[str, str, str]) -> None:
    book = runbooks.add_runbook(d.ws, d.release_id, d.envs["Dev"], "Checkout to Dev").id
    for name, command, backout in steps:
        runbooks.add_step(d.ws, book, name, command, timeout_seconds=20, backout=backout)


def test_deployments_model_and_lifecycle_buttons_with_undo(
    tab, delivery: Delivery, ctx, qtmodeltester
) -> None:
    deployments.record_deployment(
        delivery.ws, PipelineReport(delivery.release_id, "Dev", "deploying")
    )
    tab.reload()
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == 1
    tab.table.selectRow(0)
    assert not button(tab, "Start").isEnabled() and button(tab, "Deployed").isEnabled()
    button(tab, "Deployed").click()
    (row,) = deployments.list_deployments(delivery.ws, delivery.release_id)
    assert row.status == D.DEPLOYED
    assert tab.model.row_at(0).status == D.DEPLOYED  # the hub reloaded the tab
    ctx.runner.stack.undo()
    (row,) = deployments.list_deployments(delivery.ws, delivery.release_id)
    assert row.status == D.DEPLOYING and tab.model.row_at(0).status == D.DEPLOYING


def test_out_of_order_refusal_reaches_the_user(tab, delivery: Delivery, presenter) -> None:
    for env in ("Dev", "Test"):
        schedule_deployment(delivery.ws, delivery.release_id, delivery.envs[env])
    tab.reload()
    tab.table.selectRow(1)
    assert not tab.advance(D.DEPLOYING)
    assert "Test needs a verified deployment of this package in Dev first" in str(
        presenter.errors[-1]
    )


def test_dry_run_shows_the_commands(tab, delivery: Delivery) -> None:
    _dev_runbook(delivery, ("Deploy", "deploy-tool {version} {environment}", ""))
    tab.reload()
    tab.environment.setCurrentText("Dev")
    button(tab, "Dry run").click()  # nothing runs: the run is recorded at once
    assert "1. Deploy: deploy-tool 1.0 Dev" in tab.output.toPlainText()
    assert tab.run_status.text() == "Last run: succeeded."


def test_a_real_run_streams_fails_and_backs_out(tab, delivery: Delivery, qtbot) -> None:
    _dev_runbook(
        delivery,
        ("Say", "echo deploying {component}", "echo undo say"),
        ("Break", "false", "echo undo break"),
    )
    tab.reload()
    tab.environment.setCurrentText("Dev")
    button(tab, "Run").click()
    qtbot.waitUntil(lambda: tab.process is None, timeout=20_000)
    text = tab.output.toPlainText()
    assert "deploying checkout-api" in text and "Step 2 failed." in text
    assert text.index("undo break") < text.index("undo say")
    (run,) = runs.list_runs(delivery.ws, delivery.release_id)
    assert run.status == "failed" and tab.run_status.text() == "Last run: failed."


def test_cancel_stops_a_step_that_ignores_sigterm(
    tab, delivery: Delivery, qtbot, tmp_path: Path
) -> None:
    _dev_runbook(delivery, ("Stubborn", stubborn_script(tmp_path), "echo backed out"))
    tab.reload()
    tab.environment.setCurrentText("Dev")
    button(tab, "Run").click()
    qtbot.waitUntil(lambda: "ready" in tab.output.toPlainText(), timeout=10_000)
    assert button(tab, "Cancel").isEnabled()
    button(tab, "Cancel").click()
    qtbot.waitUntil(lambda: tab.process is None, timeout=15_000)
    (run,) = runs.list_runs(delivery.ws, delivery.release_id)
    assert run.status == "cancelled"
    results = runs.list_step_results(delivery.ws, run.id)
    assert [(r.phase, r.outcome) for r in results] == [("run", "cancelled"), ("backout", "ok")]
    assert "backed out" in tab.output.toPlainText()
