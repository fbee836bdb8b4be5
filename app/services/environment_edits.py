"""Editing the workspace's environments: rename, change stage, reorder, remove.

The stage order is each environment's ``stage_order``; placing one at another position
renumbers them all 1…n in one transaction, so the order stays gap-free and a later
move is one call. Removing an environment takes its promotion steps and bookings with
it (restorable), but an environment with deployments is refused: deployments are the
record of what ran where (metrics, audit, the calendar), and removing the environment
would take them all with it.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.errors import ValidationError
from app.services import _rows, cascade
from app.services.promotion import environment_named
from app.words import count
from app.workspace import Workspace
from models import Deployment, Environment
from models.enums import EnvironmentStage


def _prepare(s: Session, env: Any, values: dict[str, Any]) -> dict[str, Any]:
    if "name" in values:
        values["name"] = _rows.required_text(values["name"], "environment name", 80)
        other = environment_named(s, values["name"], required=False)
        if other is not None and other.id != env.id:
            raise ValidationError(f"An environment named '{values['name']}' already exists.")
    if "stage" in values:
        values["stage"] = _rows.choice(EnvironmentStage, values["stage"], "stage")
    return values


update_environment = _rows.updater(Environment, ("name", "stage"), _prepare)


def _live(s: Session) -> list[Environment]:
    return list(
        s.scalars(
            sa.select(Environment)
            .where(Environment.deleted_at.is_(None))
            .order_by(Environment.stage_order, Environment.name)
        ).all()
    )


def place_environment(
    ws: Workspace, env_id: uuid.UUID, expected_version: int | None, position: int
) -> Change:
    """Put an environment at ``position`` (0 = first stage) of the stage order; the
    change lists every environment renumbered, the moved one first."""
    with ws.transaction() as s:
        env = _rows.load_live(s, Environment, env_id)
        envs = [e for e in _live(s) if e.id != env.id]
        at = max(0, min(int(position), len(envs)))
        envs.insert(at, env)
        _rows.check_version(env, expected_version, {"stage_order": at + 1})
        moved = [env]
        for n, other in enumerate(envs, start=1):
            if other.stage_order != n:
                other.stage_order = n
                if other is not env:
                    moved.append(other)
        s.flush()
        return Change(
            "environment",
            ChangeAction.UPDATED,
            tuple(e.id for e in moved),
            tuple(e.version for e in moved),
        )


def position_of(ws: Workspace, env_id: uuid.UUID) -> int:
    """Where an environment stands in the stage order (0 = first)."""
    with ws.reading() as s:
        return [e.id for e in _live(s)].index(_rows.load_live(s, Environment, env_id).id)


def delete_environment(
    ws: Workspace, env_id: uuid.UUID, expected_version: int | None = None
) -> Change:
    """Remove an environment (soft, with its promotion steps and bookings); refused
    while it has deployments (they are the record of what ran there)."""
    with ws.transaction() as s:
        env = _rows.load_live(s, Environment, env_id)
        _rows.check_version(env, expected_version, {})
        deployments = s.scalar(
            sa.select(sa.func.count())
            .select_from(Deployment)
            .where(Deployment.environment_id == env.id, Deployment.deleted_at.is_(None))
        )
        if deployments:
            raise ValidationError(
                f"{env.name} has {count(deployments, 'deployment')} on record and cannot be "
                "removed: they are the history of what ran there. Rename it instead, "
                "or delete those releases' deployments first."
            )
        cascade.delete_tree(s, env, clock.precise_now())
        return _rows.changed(s, env, ChangeAction.DELETED)


def _name_free(s: Session, env: Environment) -> None:
    taken = [e for e in _live(s) if e.id != env.id and e.name.casefold() == env.name.casefold()]
    if taken:
        raise ValidationError(
            f"Another environment is now called '{env.name}'; rename it before bringing "
            "this one back."
        )


def restore_environment(
    ws: Workspace, env_id: uuid.UUID, expected_version: int | None = None
) -> Change:
    """Bring a removed environment back, with the steps and bookings removed with it."""
    return cascade.restore(ws, Environment, env_id, expected_version, check=_name_free)
