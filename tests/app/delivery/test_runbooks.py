"""Runbooks with real commands: argument lists, failures, backout, timeout and cancel."""

from __future__ import annotations

import datetime as dt
import sys
import threading
import time
from pathlib import Path

import pytest

from app import clock
from app.errors import NotFoundError, ValidationError
from app.services import runbook_runs as runs
from app.services import runbook_service as runbooks
from app.services.runbook_exec import execute
from models import RunbookRun
from tests.app.delivery.conftest import Delivery, stubborn_script


def _runbook(d: Delivery, *steps: tuple[str, str, str], timeout: int = 20) -> None:
    book = runbooks.add_runbook(d.ws, d.release_id, d.envs["Dev"], "Checkout to Dev").id
    for name, command, backout in steps:
        runbooks.add_step(d.ws, book, name, command, timeout_seconds=timeout, backout=backout)


def _run(d: Delivery, tmp_path: Path, **kwargs) -> tuple[runs.RunRow, list[runs.StepResult]]:
    plan = runbooks.plan_run(d.ws, d.release_id, "Dev")
    run = execute(d.ws, plan, folder=tmp_path, **kwargs)
    return run, runs.list_step_results(d.ws, run.id)


def test_arguments_are_split_before_substitution_never_by_a_shell(delivery: Delivery) -> None:
    argv = runbooks.argv_of(
        "deploy --version {version} --to '{environment} zone' {component}",
        {"version": "1.0; rm -rf /", "environment": "Dev", "component": "api"},
    )
    assert argv == ("deploy", "--version", "1.0; rm -rf /", "--to", "Dev zone", "api")
    with pytest.raises(ValidationError, match=r"Unknown parameter \{host\}"):
        runbooks.argv_of("ping {host}", {"version": "1"})
    with pytest.raises(ValidationError, match="Unknown parameter"):
        runbooks.argv_of("x {version.__class__}", {"version": "1"})


def test_dry_run_shows_the_exact_commands_and_runs_nothing(
    delivery: Delivery, tmp_path: Path
) -> None:
    marker = tmp_path / "touched"
    _runbook(delivery, ("Touch", f"touch {marker}", ""), ("Echo", "echo {version} {component}", ""))
    shown: list[str] = []
    run, results = _run(delivery, tmp_path, dry_run=True, on_output=shown.append)
    assert not marker.exists()
    assert shown == [f"1. Touch: touch {marker}\n", "2. Echo: echo 1.0 checkout-api\n"]
    assert run.status == "succeeded" and run.dry_run
    assert [r.outcome for r in results] == ["dry_run", "dry_run"]


def test_a_successful_run_records_each_step_and_keeps_the_output(
    delivery: Delivery, tmp_path: Path
) -> None:
    script = tmp_path / "talk.py"
    script.write_text("import sys\nfor i in range(3000): print('line', i)\n")
    _runbook(delivery, ("Ok", "true", ""), ("Talk", f"{sys.executable} {script}", ""))
    streamed: list[str] = []
    run, results = _run(delivery, tmp_path, on_output=streamed.append)
    assert run.status == "succeeded" and run.finished_at is not None
    assert [(r.name, r.outcome, r.exit_code) for r in results] == [
        ("Ok", "ok", 0),
        ("Talk", "ok", 0),
    ]
    assert "line 2999\n" in streamed
    talk = results[1]
    assert "characters left out" in talk.output and talk.output.endswith("line 2999\n")
    whole = Path(run.output_dir, "002-run.log").read_text()
    assert whole.count("\n") == 3000


def test_first_failure_stops_and_backouts_run_in_reverse(
    delivery: Delivery, tmp_path: Path
) -> None:
    marker = tmp_path / "never"
    _runbook(
        delivery,
        ("One", "true", "echo undo one"),
        ("Two", "false", "echo undo two"),
        ("Three", f"touch {marker}", "echo undo three"),
    )
    run, results = _run(delivery, tmp_path)
    assert run.status == "failed" and not marker.exists()
    assert [(r.phase, r.name, r.outcome) for r in results] == [
        ("run", "One", "ok"),
        ("run", "Two", "failed"),
        ("backout", "Two", "ok"),
        ("backout", "One", "ok"),
    ]
    assert results[1].exit_code == 1 and results[2].output == "undo two\n"


def test_a_step_past_its_timeout_is_stopped(delivery: Delivery, tmp_path: Path) -> None:
    _runbook(delivery, ("Sleep", "sleep 30", ""), timeout=1)
    started = time.monotonic()
    run, results = _run(delivery, tmp_path)
    assert time.monotonic() - started < 10
    assert run.status == "failed" and results[0].outcome == "timed_out"
    assert results[0].exit_code is None and results[0].duration_seconds >= 1


def test_cancel_stops_a_step_that_ignores_sigterm_and_records_cancelled(
    delivery: Delivery, tmp_path: Path
) -> None:
    _runbook(delivery, ("Stubborn", stubborn_script(tmp_path), "echo backed out"))
    cancel = threading.Event()

    def on_output(text: str) -> None:
        if text == "ready\n":
            cancel.set()

    started = time.monotonic()
    run, results = _run(delivery, tmp_path, cancel=cancel, on_output=on_output)
    assert time.monotonic() - started < 20
    assert run.status == "cancelled"
    assert [(r.phase, r.outcome) for r in results] == [("run", "cancelled"), ("backout", "ok")]


def test_a_crashed_run_is_never_left_running(delivery: Delivery, tmp_path: Path) -> None:
    _runbook(delivery, ("Ok", "true", ""))

    def crash(_text: str) -> None:
        raise RuntimeError("the window went away")

    plan = runbooks.plan_run(delivery.ws, delivery.release_id, "Dev")
    with pytest.raises(RuntimeError):
        execute(delivery.ws, plan, folder=tmp_path, on_output=crash)
    assert [r.status for r in runs.list_runs(delivery.ws, delivery.release_id)] == ["crashed"]


def test_a_stale_running_run_is_marked_crashed_on_next_open(
    delivery: Delivery, tmp_path: Path
) -> None:
    _runbook(delivery, ("Ok", "true", ""), timeout=60)
    plan = runbooks.plan_run(delivery.ws, delivery.release_id, "Dev")
    fresh = runs.start_run(delivery.ws, plan, dry_run=False, folder=tmp_path)
    old = runs.start_run(delivery.ws, plan, dry_run=False, folder=tmp_path)
    with delivery.ws.transaction() as s:  # a process that died a day ago
        run = s.get(RunbookRun, old.id)
        assert run is not None
        run.started_at = clock.now() - dt.timedelta(days=1)
    assert runs.mark_stale_runs(delivery.ws) == 1
    status = {r.id: r.status for r in runs.list_runs(delivery.ws, delivery.release_id)}
    assert status == {fresh.id: "running", old.id: "crashed"}


def test_no_runbook_for_the_environment(delivery: Delivery) -> None:
    with pytest.raises(NotFoundError, match="There is no runbook for Test"):
        runbooks.plan_run(delivery.ws, delivery.release_id, "Test")
