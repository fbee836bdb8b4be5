"""Runbooks: per environment, ordered steps with command templates, and their dry run.

A step's template is split like a shell would (:func:`shlex.split`) *first*; the
parameters (``{version}``, ``{environment}``, ``{component}``) are then substituted in
each argument. A value with spaces or quotes therefore stays one argument and is never
read by a shell: a step runs as an argument list.
"""

from __future__ import annotations

import shlex
import string
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change
from app.errors import NotFoundError, ValidationError
from app.services import _rows
from app.services.package_manifest import manifest_in, package_id_in
from app.services.promotion import environment_named
from app.workspace import Workspace
from models import Environment, Release, Runbook, RunbookStep

PARAMETERS = ("version", "environment", "component")


@dataclass(frozen=True)
class PlannedStep:
    """One step as it will run: its arguments, expected exit code, timeout and backout."""

    position: int
    name: str
    argv: tuple[str, ...]
    expected_exit_code: int
    timeout_seconds: int
    backout_argv: tuple[str, ...]

    @property
    def command(self) -> str:
        """The arguments as one line a person can read (and paste into a shell)."""
        return shlex.join(self.argv)


@dataclass(frozen=True)
class RunPlan:
    """A runbook's steps for one release in one environment, parameters substituted."""

    runbook_id: uuid.UUID
    release_id: uuid.UUID
    runbook: str
    environment: str
    steps: tuple[PlannedStep, ...]

    @property
    def longest_seconds(self) -> int:
        """How long the whole run can take at most (every step and backout timing out)."""
        return 2 * sum(step.timeout_seconds for step in self.steps)


def argv_of(template: str, params: dict[str, str]) -> tuple[str, ...]:
    """``template`` split into arguments, then each argument's ``{parameters}`` filled in."""
    try:
        parts = shlex.split(template)
    except ValueError as exc:
        raise ValidationError(f"The command '{template}' cannot be read: {exc}.") from None
    return tuple(_fill(part, params) for part in parts)


def _fill(part: str, params: dict[str, str]) -> str:
    out: list[str] = []
    try:
        pieces = list(string.Formatter().parse(part))
    except ValueError as exc:
        raise ValidationError(f"The argument '{part}' cannot be read: {exc}.") from None
    for literal, field, spec, conversion in pieces:
        out.append(literal)
        if field is None:
            continue
        if field not in params or spec or conversion:
            known = ", ".join("{" + p + "}" for p in PARAMETERS)
            raise ValidationError(f"Unknown parameter {{{field}}} in '{part}' (use {known}).")
        out.append(params[field])
    return "".join(out)


def add_runbook(
    ws: Workspace, release_id: uuid.UUID | None, environment_id: uuid.UUID, name: str
) -> Change:
    """A new runbook for an environment (``release_id`` None: shared by every release)."""
    text = _rows.required_text(name, "runbook name", 160)
    with ws.transaction() as s:
        if release_id is not None:
            _rows.require_ref(s, Release, release_id)
        _rows.require_ref(s, Environment, environment_id, "environment")
        return _rows.create(
            s, Runbook(release_id=release_id, environment_id=environment_id, name=text)
        )


def add_step(
    ws: Workspace,
    runbook_id: uuid.UUID,
    name: str,
    command: str,
    *,
    expected_exit_code: int = 0,
    timeout_seconds: int = 600,
    backout: str = "",
) -> Change:
    """Append a step to a runbook; its templates are checked now, not at run time."""
    values = step_values(
        {
            "name": name,
            "command_template": command,
            "expected_exit_code": expected_exit_code,
            "timeout_seconds": timeout_seconds,
            "backout_command": backout,
        }
    )
    with ws.transaction() as s:
        return append_step(s, _rows.load_live(s, Runbook, runbook_id), values)


def step_values(values: dict[str, Any]) -> dict[str, Any]:
    """A step's fields checked and tidied: its name and command are required, the
    templates must split into arguments with known parameters, the timeout is positive."""
    out = dict(values)
    sample = dict.fromkeys(PARAMETERS, "x")
    if "name" in out:
        out["name"] = _rows.required_text(out["name"], "step name", 160)
    if "command_template" in out:
        out["command_template"] = str(out["command_template"] or "").strip()
        if not argv_of(out["command_template"], sample):
            raise ValidationError("A runbook step needs a command.")
    if "backout_command" in out:
        out["backout_command"] = str(out["backout_command"] or "").strip()
        argv_of(out["backout_command"], sample)
    if "timeout_seconds" in out:
        out["timeout_seconds"] = _whole(out["timeout_seconds"], "timeout")
        if out["timeout_seconds"] <= 0:
            raise ValidationError("A step's timeout must be at least one second.")
    if "expected_exit_code" in out:
        out["expected_exit_code"] = _whole(out["expected_exit_code"], "expected exit code")
        if not 0 <= out["expected_exit_code"] <= 255:
            raise ValidationError("An exit code is a whole number from 0 to 255.")
    return out


def _whole(value: Any, what: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValidationError(f"The {what} '{value}' is not a whole number.") from None


def append_step(s: Session, runbook: Runbook, values: dict[str, Any]) -> Change:
    """Add a step with checked ``values`` at the end of ``runbook``."""
    last = s.scalar(
        sa.select(sa.func.max(RunbookStep.position)).where(
            RunbookStep.runbook_id == runbook.id, RunbookStep.deleted_at.is_(None)
        )
    )
    position = (last if last is not None else -1) + 1
    return _rows.create(s, RunbookStep(runbook_id=runbook.id, position=position, **values))


def runbook_for(s: Session, release_id: uuid.UUID, env: Environment) -> Runbook:
    """The release's runbook for ``env``, else the environment's shared one."""
    found = s.scalars(
        sa.select(Runbook)
        .where(
            Runbook.environment_id == env.id,
            Runbook.deleted_at.is_(None),
            sa.or_(Runbook.release_id == release_id, Runbook.release_id.is_(None)),
        )
        .order_by(Runbook.release_id.is_(None), Runbook.created_at)
        .limit(1)
    ).first()
    if found is None:
        raise NotFoundError(f"There is no runbook for {env.name}.")
    return found


def plan_run(ws: Workspace, release_id: uuid.UUID, environment: str) -> RunPlan:
    """The exact commands a run of the release's runbook for ``environment`` executes."""
    with ws.reading() as s:
        release = _rows.require_ref(s, Release, release_id)
        env = environment_named(s, environment)
        assert env is not None
        runbook = runbook_for(s, release_id, env)
        items = manifest_in(s, package_id_in(s, release_id)).items
        params = {
            "version": release.version_label,
            "environment": env.name,
            "component": ",".join(sorted({i.component for i in items})),
        }
        steps = s.scalars(
            sa.select(RunbookStep)
            .where(RunbookStep.runbook_id == runbook.id, RunbookStep.deleted_at.is_(None))
            .order_by(RunbookStep.position)
        ).all()
        planned = tuple(
            PlannedStep(
                position=step.position,
                name=step.name,
                argv=argv_of(step.command_template, params),
                expected_exit_code=step.expected_exit_code,
                timeout_seconds=step.timeout_seconds,
                backout_argv=argv_of(step.backout_command, params),
            )
            for step in steps
        )
        return RunPlan(runbook.id, release_id, runbook.name, env.name, planned)
