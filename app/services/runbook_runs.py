"""Runs of runbooks as the workspace records them: never left ``running``.

A run is recorded when it starts, each step's result as soon as the step ends (so a
crash loses nothing already done) and its end status: succeeded, failed, cancelled
or crashed. A run still ``running`` long after it could possibly have ended (every
step and backout step timing out) is marked crashed by :func:`mark_stale_runs`, which
the CLI and the window call when they start.

A step's output is kept whole in a file beside the workspace (in the user's data folder
for a shared workspace) and truncated in the workspace: its head and its tail.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import sqlalchemy as sa

from app import clock
from app.changes import ChangeAction
from app.services import _rows
from app.services.runbook_service import PlannedStep, RunPlan
from app.workspace import Workspace
from models import RunbookRun, RunbookStep, RunbookStepResult

RUNNING, SUCCEEDED, FAILED, CANCELLED, CRASHED = (
    "running",
    "succeeded",
    "failed",
    "cancelled",
    "crashed",
)
HEAD, TAIL = 2_000, 6_000  # characters of a step's output kept in the workspace
STALE_MARGIN = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class StepResult:
    """What one step (``phase`` "run") or backout step ("backout") did."""

    position: int
    phase: str
    name: str
    command: str
    outcome: str  # ok, failed, timed_out, cancelled, not_started
    exit_code: int | None
    duration_seconds: float
    output: str


@dataclass(frozen=True)
class RunRow:
    """One recorded run of a runbook."""

    id: uuid.UUID
    release_id: uuid.UUID
    status: str
    dry_run: bool
    started_at: dt.datetime
    finished_at: dt.datetime | None
    started_by: str
    output_dir: str


def truncated(text: str) -> str:
    """``text`` with its middle left out when it is long (the file keeps it whole)."""
    if len(text) <= HEAD + TAIL:
        return text
    left = len(text) - HEAD - TAIL
    return (
        f"{text[:HEAD]}\n… {left} characters left out (whole output in the file) …\n{text[-TAIL:]}"
    )


def runs_folder(ws: Workspace) -> Path:
    """Where the whole outputs of this workspace's runs are kept."""
    if ws.file is not None:
        return ws.file.parent / f"{ws.file.stem}-runbook-runs"
    data = Path(platformdirs.user_data_dir("ReleaseDesk", appauthor=False))
    return data / "runbook-runs" / ws.name


def start_run(ws: Workspace, plan: RunPlan, *, dry_run: bool, folder: Path | None) -> RunRow:
    """Record a run as started (now, by the workspace's user)."""
    run_id = uuid.uuid4()
    out = (folder or runs_folder(ws)) / str(run_id)
    with ws.transaction() as s:
        run = RunbookRun(
            id=run_id,
            runbook_id=plan.runbook_id,
            release_id=plan.release_id,
            status=RUNNING,
            dry_run=dry_run,
            started_at=clock.now(),
            started_by=ws.user,
            output_dir=str(out),
        )
        _rows.create(s, run)
        return _row(run)


def _row(run: RunbookRun) -> RunRow:
    return RunRow(
        run.id,
        run.release_id,
        run.status,
        run.dry_run,
        run.started_at,
        run.finished_at,
        run.started_by,
        run.output_dir,
    )


def output_file(run: RunRow, step: PlannedStep, phase: str) -> Path:
    """The file keeping a step's whole output."""
    return Path(run.output_dir) / f"{step.position + 1:03d}-{phase}.log"


def record_step(ws: Workspace, run: RunRow, step: PlannedStep, result: StepResult) -> None:
    """Keep one step's result: whole output in its file, truncated in the workspace."""
    path = output_file(run, step, result.phase)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(result.output, encoding="utf-8")
    with ws.transaction() as s:
        _rows.create(
            s,
            RunbookStepResult(
                run_id=run.id,
                position=result.position,
                phase=result.phase,
                name=result.name,
                command=result.command,
                outcome=result.outcome,
                exit_code=result.exit_code,
                duration_seconds=round(result.duration_seconds, 3),
                output=truncated(result.output),
                output_path=str(path),
            ),
        )


def finish_run(ws: Workspace, run_id: uuid.UUID, status: str) -> None:
    """Record how a run ended (now)."""
    with ws.transaction() as s:
        run = _rows.load_live(s, RunbookRun, run_id)
        run.status = status
        run.finished_at = clock.now()
        _rows.changed(s, run, ChangeAction.UPDATED)


def mark_stale_runs(ws: Workspace) -> int:
    """Mark crashed every run still ``running`` past the longest it could take; how many."""
    with ws.transaction() as s:
        longest = (
            sa.select(RunbookStep.runbook_id, sa.func.sum(RunbookStep.timeout_seconds).label("t"))
            .where(RunbookStep.deleted_at.is_(None))
            .group_by(RunbookStep.runbook_id)
            .subquery()
        )
        rows = s.execute(
            sa.select(RunbookRun, sa.func.coalesce(longest.c.t, 0))
            .outerjoin(longest, longest.c.runbook_id == RunbookRun.runbook_id)
            .where(RunbookRun.status == RUNNING, RunbookRun.deleted_at.is_(None))
        ).all()
        now = clock.now()
        stale = [
            run
            for run, seconds in rows
            if run.started_at + dt.timedelta(seconds=2 * int(seconds)) + STALE_MARGIN < now
        ]
        for run in stale:
            run.status = CRASHED
            run.finished_at = now
        s.flush()
        return len(stale)


def list_runs(ws: Workspace, release_id: uuid.UUID) -> list[RunRow]:
    """The release's runs, newest first."""
    query = (
        _rows.row_select(RunRow, RunbookRun)
        .where(RunbookRun.release_id == release_id, RunbookRun.deleted_at.is_(None))
        .order_by(RunbookRun.started_at.desc(), RunbookRun.created_at.desc())
    )
    return _rows.fetch(ws, RunRow, query)


def list_step_results(ws: Workspace, run_id: uuid.UUID) -> list[StepResult]:
    """What each step of a run did, in the order they ran."""
    query = (
        _rows.row_select(StepResult, RunbookStepResult)
        .where(RunbookStepResult.run_id == run_id, RunbookStepResult.deleted_at.is_(None))
        .order_by(
            RunbookStepResult.phase == "backout",  # steps first, then their backouts
            sa.case(
                (RunbookStepResult.phase == "backout", -RunbookStepResult.position),
                else_=RunbookStepResult.position,
            ),
        )
    )
    return _rows.fetch(ws, StepResult, query)
