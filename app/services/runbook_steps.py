"""Editing the runbook a release runs in an environment, step by step.

A release runs its own runbook for an environment when it has one, else the
environment's shared runbook (:func:`~app.services.runbook_service.runbook_for`). The
steps listed and edited here are those of that runbook; the first step added where
there is none creates the environment's shared runbook, so every release can run it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change
from app.errors import NotFoundError
from app.services import _rows, cascade
from app.services.promotion import environment_named
from app.services.runbook_service import append_step, runbook_for, step_values
from app.workspace import Workspace
from models import Environment, Release, Runbook, RunbookStep

EDITABLE = ("name", "command_template", "expected_exit_code", "timeout_seconds", "backout_command")


@dataclass(frozen=True)
class StepRow:
    """One step as the runbook editor shows it (``position`` counts from 0)."""

    id: uuid.UUID
    version: int
    position: int
    name: str
    command_template: str
    expected_exit_code: int
    timeout_seconds: int
    backout_command: str


@dataclass(frozen=True)
class RunbookSteps:
    """The runbook a release runs in an environment (None: there is none yet)."""

    environment: str
    runbook: str | None
    shared: bool
    steps: tuple[StepRow, ...]


def _environment(s: Session, name: str) -> Environment:
    env = environment_named(s, name)
    assert env is not None  # environment_named raises for an unknown name
    return env


def _runbook(s: Session, release_id: uuid.UUID, env: Environment) -> Runbook | None:
    try:
        return runbook_for(s, release_id, env)
    except NotFoundError:
        return None


def _live_steps(s: Session, runbook_id: uuid.UUID) -> list[RunbookStep]:
    return list(
        s.scalars(
            sa.select(RunbookStep)
            .where(RunbookStep.runbook_id == runbook_id, RunbookStep.deleted_at.is_(None))
            .order_by(RunbookStep.position, RunbookStep.created_at)
        )
    )


def runbook_steps(ws: Workspace, release_id: uuid.UUID, environment: str) -> RunbookSteps:
    """The steps the release's run in ``environment`` executes, in order."""
    with ws.reading() as s:
        _rows.require_ref(s, Release, release_id)
        env = _environment(s, environment)
        runbook = _runbook(s, release_id, env)
        if runbook is None:
            return RunbookSteps(env.name, None, False, ())
        steps = tuple(
            StepRow(
                id=step.id,
                version=step.version,
                position=step.position,
                name=step.name,
                command_template=step.command_template,
                expected_exit_code=step.expected_exit_code,
                timeout_seconds=step.timeout_seconds,
                backout_command=step.backout_command,
            )
            for step in _live_steps(s, runbook.id)
        )
        return RunbookSteps(env.name, runbook.name, runbook.release_id is None, steps)


def add_release_step(
    ws: Workspace, release_id: uuid.UUID, *, environment: str, **values: Any
) -> Change:
    """Append a step to the runbook the release runs in ``environment``; where there is
    none, the environment's shared runbook is created with it (one transaction)."""
    checked = step_values({key: values.get(key, "") for key in EDITABLE} | _defaults(values))
    with ws.transaction() as s:
        _rows.require_ref(s, Release, release_id)
        env = _environment(s, environment)
        runbook = _runbook(s, release_id, env)
        if runbook is None:
            runbook = Runbook(release_id=None, environment_id=env.id, name=f"{env.name} runbook")
            _rows.create(s, runbook)
        return append_step(s, runbook, checked)


def _defaults(values: dict[str, Any]) -> dict[str, Any]:
    """An exit code and a timeout left out (or empty) are 0 and 10 minutes."""
    given = {"expected_exit_code": 0, "timeout_seconds": 600}
    return {
        key: default if values.get(key) in (None, "") else values[key]
        for key, default in given.items()
    }


update_step = _rows.updater(RunbookStep, EDITABLE, lambda _s, _o, vals: step_values(vals))
delete_step, restore_step = cascade.delete_and_restore(RunbookStep)


def move_step(
    ws: Workspace, step_id: uuid.UUID, new_position: int, expected_version: int | None = None
) -> Change:
    """Move a step to index ``new_position`` of its runbook (clamped); the runbook's
    steps are renumbered in one transaction. A step a colleague changed since it was
    read (``expected_version``) is not moved."""
    with ws.transaction() as s:
        step = _rows.load_live(s, RunbookStep, step_id)
        _rows.check_version(step, expected_version, {"position": new_position})
        return _rows.reorder(s, step, _live_steps(s, step.runbook_id), new_position)


def step_at(ws: Workspace, release_id: uuid.UUID, environment: str, number: int) -> StepRow:
    """The step numbered ``number`` (from 1, as lists show it) of the release's runbook."""
    steps = runbook_steps(ws, release_id, environment).steps
    if not 1 <= number <= len(steps):
        raise NotFoundError(
            f"The runbook for {environment} has no step {number} (it has {len(steps)})."
        )
    return steps[number - 1]
