"""Running a runbook from the command line: each step a subprocess given an argument list.

Steps run in order, their output streamed to ``on_output`` as it comes. The first step
that exits with another code than expected, times out or is cancelled ends the run;
the backout steps of the steps that ran (the failing one included) then run in reverse
order. Every step's result is recorded as soon as it ends (:mod:`runbook_runs`), and
the run always ends recorded: succeeded, failed, cancelled — or crashed, when an error
of ours stopped it.

A step runs in a session of its own, so that stopping it (timeout, cancel) reaches the
programs it started: SIGTERM to the whole group, then SIGKILL after :data:`GRACE`.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.services import runbook_runs as runs
from app.services.runbook_service import PlannedStep, RunPlan
from app.workspace import Workspace

GRACE = 3.0  # seconds a stopped step gets between SIGTERM and SIGKILL
POLL = 0.05
Output = Callable[[str], None]


@dataclass(frozen=True)
class Finished:
    """How one process ended: ok (exited by itself), timed_out or cancelled."""

    outcome: str
    exit_code: int | None
    seconds: float
    output: str


def _stop(proc: subprocess.Popen[str]) -> None:
    """Terminate the step's process group; kill it if it ignores that."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(GRACE)
            return
        except subprocess.TimeoutExpired:
            continue


def run_process(
    argv: tuple[str, ...], timeout: float, cancel: threading.Event, on_output: Output
) -> Finished:
    """Run ``argv`` (no shell) until it exits, times out or ``cancel`` is set."""
    start = time.monotonic()
    try:
        proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,
        )
    except OSError as exc:
        message = f"Cannot start {argv[0]}: {exc.strerror or exc}.\n"
        on_output(message)
        return Finished("failed", None, time.monotonic() - start, message)
    chunks: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        try:
            for line in proc.stdout:
                chunks.append(line)
                on_output(line)
        except (OSError, ValueError):  # closed under us: a grandchild kept the pipe open
            return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    outcome = "ok"
    while proc.poll() is None:
        if cancel.is_set():
            outcome = "cancelled"
        elif time.monotonic() - start > timeout:
            outcome = "timed_out"
        if outcome != "ok":
            _stop(proc)
            break
        cancel.wait(POLL)
    proc.wait()
    reader.join(GRACE)
    assert proc.stdout is not None
    proc.stdout.close()
    code = proc.returncode if outcome == "ok" else None
    return Finished(outcome, code, time.monotonic() - start, "".join(chunks))


def step_result(
    step: PlannedStep, phase: str, argv: tuple[str, ...], done: Finished
) -> runs.StepResult:
    """A finished process as the result of a step (``phase`` run, backout or dry_run)."""
    outcome = done.outcome
    if phase == "run" and outcome == "ok" and done.exit_code != step.expected_exit_code:
        outcome = "failed"
    if phase == "backout" and outcome == "ok" and done.exit_code != 0:
        outcome = "failed"
    return runs.StepResult(
        step.position,
        phase,
        step.name,
        shlex.join(argv),
        outcome,
        done.exit_code,
        done.seconds,
        done.output,
    )


def execute(
    ws: Workspace,
    plan: RunPlan,
    *,
    dry_run: bool = False,
    cancel: threading.Event | None = None,
    on_output: Output = lambda _text: None,
    folder: Path | None = None,
) -> runs.RunRow:
    """Run (or, with ``dry_run``, only show and record) a plan; the run as recorded."""
    cancel = cancel or threading.Event()
    run = runs.start_run(ws, plan, dry_run=dry_run, folder=folder)
    status = runs.SUCCEEDED
    try:
        if dry_run:
            for step in plan.steps:
                on_output(f"{step.position + 1}. {step.name}: {step.command}\n")
                done = Finished("dry_run", None, 0.0, "")
                runs.record_step(ws, run, step, step_result(step, "dry_run", step.argv, done))
        else:
            status = _run_steps(ws, run, plan, cancel, on_output)
    except BaseException:
        runs.finish_run(ws, run.id, runs.CRASHED)
        raise
    runs.finish_run(ws, run.id, status)
    return next(r for r in runs.list_runs(ws, plan.release_id) if r.id == run.id)


def _run_steps(
    ws: Workspace, run: runs.RunRow, plan: RunPlan, cancel: threading.Event, on_output: Output
) -> str:
    ran: list[PlannedStep] = []
    status = runs.SUCCEEDED
    for step in plan.steps:
        on_output(f"$ {step.command}\n")
        result = step_result(
            step, "run", step.argv, run_process(step.argv, step.timeout_seconds, cancel, on_output)
        )
        runs.record_step(ws, run, step, result)
        ran.append(step)
        if result.outcome != "ok":
            on_output(f"Step {step.position + 1} {result.outcome.replace('_', ' ')}.\n")
            status = runs.CANCELLED if result.outcome == "cancelled" else runs.FAILED
            break
    if status == runs.SUCCEEDED:
        return status
    never = threading.Event()  # backout steps run to their end (or their own timeout)
    for step in reversed(ran):
        if not step.backout_argv:
            continue
        on_output(f"$ {shlex.join(step.backout_argv)}  (backout of step {step.position + 1})\n")
        done = run_process(step.backout_argv, step.timeout_seconds, never, on_output)
        runs.record_step(ws, run, step, step_result(step, "backout", step.backout_argv, done))
    return status
