"""Running a runbook in the window: each step a QProcess given an argument list.

The same rules as the command line (:mod:`app.services.runbook_exec`): steps in order,
output streamed, the first failure (other exit code, timeout, cancel) stops the run,
then the backout steps of the steps that ran, in reverse. Each result is recorded as
the step ends; the run always ends recorded (an error of ours: crashed).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from app.errors import ReleaseDeskError
from app.services import runbook_runs as runs
from app.services.runbook_exec import GRACE, Finished, step_result
from app.services.runbook_service import PlannedStep, RunPlan
from app.workspace import Workspace


class RunbookProcess(QObject):
    """One run of a plan; ``output`` streams text, ``ended`` gives the run's status."""

    output = Signal(str)
    ended = Signal(str)

    def __init__(self, ws: Workspace, plan: RunPlan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws, self.plan = ws, plan
        self.run: runs.RunRow | None = None
        self.status = runs.SUCCEEDED
        self._todo: list[PlannedStep] = []
        self._ran: list[PlannedStep] = []
        self._backouts: list[PlannedStep] = []
        self._proc: QProcess | None = None
        self._step: PlannedStep | None = None
        self._phase = "run"
        self._outcome = "ok"
        self._chunks: list[str] = []
        self._started = 0.0
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(lambda: self._stop("timed_out"))

    def start(self, dry_run: bool = False) -> None:
        """Record the run and start its first step (a dry run records and ends at once)."""
        self.run = runs.start_run(self.ws, self.plan, dry_run=dry_run, folder=None)
        if dry_run:
            for step in self.plan.steps:
                self.output.emit(f"{step.position + 1}. {step.name}: {step.command}\n")
                done = Finished("dry_run", None, 0.0, "")
                runs.record_step(
                    self.ws, self.run, step, step_result(step, "dry_run", step.argv, done)
                )
            self._end(runs.SUCCEEDED)
            return
        self._todo = list(self.plan.steps)
        self._next()

    def cancel(self) -> None:
        """Stop the running step; its backouts and the earlier ones' then run."""
        if self._proc is not None and self._phase == "run":
            self._stop("cancelled")

    # -- steps ---------------------------------------------------------------------------
    def _next(self) -> None:
        if self._phase == "run" and self._todo:
            step = self._todo.pop(0)
            self._launch(step, step.argv, "run")
        elif self._backouts:
            step = self._backouts.pop(0)
            self._launch(step, step.backout_argv, "backout")
        else:
            self._end(self.status)

    def _launch(self, step: PlannedStep, argv: tuple[str, ...], phase: str) -> None:
        self._step, self._phase, self._outcome, self._chunks = step, phase, "ok", []
        self.output.emit(f"$ {' '.join(argv)}\n")
        proc = QProcess(self)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        proc.readyReadStandardOutput.connect(self._read)
        proc.finished.connect(self._finished)
        proc.errorOccurred.connect(self._error)
        self._proc = proc
        self._started = time.monotonic()
        self._timer.start(step.timeout_seconds * 1000)
        proc.start(argv[0], list(argv[1:]))

    def _read(self) -> None:
        if self._proc is None:
            return
        text = bytes(self._proc.readAllStandardOutput().data()).decode(errors="replace")
        self._chunks.append(text)
        self.output.emit(text)

    def _stop(self, outcome: str) -> None:
        proc = self._proc
        if proc is None:
            return
        self._outcome = outcome
        proc.terminate()
        QTimer.singleShot(int(GRACE * 1000), lambda: self._kill(proc))

    def _kill(self, proc: QProcess) -> None:
        if self._proc is proc and proc.state() != QProcess.ProcessState.NotRunning:
            proc.kill()

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._proc is not None:
            self._chunks.append(f"Cannot start: {self._proc.errorString()}\n")
            self.output.emit(self._chunks[-1])
            self._outcome = "failed"
            self._finished(-1, QProcess.ExitStatus.CrashExit)

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        proc, step = self._proc, self._step
        if proc is None or step is None:
            return
        self._read()
        self._timer.stop()
        self._proc = None
        proc.deleteLater()
        crashed = status == QProcess.ExitStatus.CrashExit and self._outcome == "ok"
        outcome = "failed" if crashed else self._outcome
        argv = step.argv if self._phase == "run" else step.backout_argv
        exit_code = code if outcome == "ok" else None
        done = Finished(outcome, exit_code, time.monotonic() - self._started, "".join(self._chunks))
        result = step_result(step, self._phase, argv, done)
        try:
            assert self.run is not None
            runs.record_step(self.ws, self.run, step, result)
        except (ReleaseDeskError, OSError) as exc:
            self.output.emit(f"Cannot record the step: {exc}\n")
            self._end(runs.CRASHED)
            return
        if self._phase == "run":
            self._ran.append(step)
            if result.outcome != "ok":
                self.output.emit(f"Step {step.position + 1} {result.outcome.replace('_', ' ')}.\n")
                self.status = runs.CANCELLED if result.outcome == "cancelled" else runs.FAILED
                self._phase = "backout"
                self._backouts = [s for s in reversed(self._ran) if s.backout_argv]
        self._next()

    def _end(self, status: str) -> None:
        self.status = status
        if self.run is not None:
            try:
                runs.finish_run(self.ws, self.run.id, status)
            except ReleaseDeskError as exc:
                self.output.emit(f"Cannot record the end of the run: {exc}\n")
        self.output.emit(f"Run {status}.\n")
        self.ended.emit(status)
