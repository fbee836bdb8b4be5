"""Environments in stage order and each release's promotion path through them.

The stage order (dev → test → staging → production by default) is editable: each
environment's ``stage_order``. A release's promotion path is its promotion steps, in
``position`` order; a release without steps follows every environment in stage order.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change, ChangeAction
from app.errors import ValidationError
from app.services import _rows
from app.workspace import Workspace
from models import Environment, PromotionStep
from models.enums import EnvironmentStage


@dataclass(frozen=True)
class EnvironmentRow:
    """One live environment and its place in the stage order."""

    id: uuid.UUID
    name: str
    stage: EnvironmentStage
    stage_order: int
    version: int


def list_environments(ws: Workspace) -> list[EnvironmentRow]:
    """Every live environment in stage order."""
    query = (
        _rows.row_select(EnvironmentRow, Environment)
        .where(Environment.deleted_at.is_(None))
        .order_by(Environment.stage_order, Environment.name)
    )
    return _rows.fetch(ws, EnvironmentRow, query)


def add_environment(ws: Workspace, name: str, stage: str, stage_order: int | None = None) -> Change:
    """A new environment; without ``stage_order`` it comes after the last one."""
    text = _rows.required_text(name, "environment name", 80)
    kind = _rows.choice(EnvironmentStage, stage, "stage")
    with ws.transaction() as s:
        if environment_named(s, text, required=False) is not None:
            raise ValidationError(f"An environment named '{text}' already exists.")
        if stage_order is None:
            last = s.scalar(
                sa.select(sa.func.max(Environment.stage_order)).where(
                    Environment.deleted_at.is_(None)
                )
            )
            stage_order = (last or 0) + 1
        return _rows.create(s, Environment(name=text, stage=kind, stage_order=stage_order))


def move_environment(
    ws: Workspace, env_id: uuid.UUID, expected_version: int | None, stage_order: int
) -> Change:
    """Give an environment another place in the stage order."""
    with ws.transaction() as s:
        env = _rows.load_live(s, Environment, env_id)
        _rows.check_version(env, expected_version, {"stage_order": stage_order})
        env.stage_order = int(stage_order)
        return _rows.changed(s, env, ChangeAction.UPDATED)


def environment_named(s: Session, name: str, *, required: bool = True) -> Environment | None:
    """The live environment called ``name`` (any case); unknown: an error listing them."""
    envs = s.scalars(
        sa.select(Environment)
        .where(Environment.deleted_at.is_(None))
        .order_by(Environment.stage_order, Environment.name)
    ).all()
    for env in envs:
        if env.name.casefold() == name.strip().casefold():
            return env
    if not required:
        return None
    known = ", ".join(e.name for e in envs) or "none yet"
    raise ValidationError(f"Unknown environment '{name}' (known: {known}).")


def promotion_path(s: Session, release_id: uuid.UUID) -> list[Environment]:
    """The environments a release is promoted through, first stage first."""
    steps = s.scalars(
        sa.select(Environment)
        .join(PromotionStep, PromotionStep.environment_id == Environment.id)
        .where(
            PromotionStep.release_id == release_id,
            PromotionStep.deleted_at.is_(None),
            Environment.deleted_at.is_(None),
        )
        .order_by(PromotionStep.position)
    ).all()
    if steps:
        return list(steps)
    return list(
        s.scalars(
            sa.select(Environment)
            .where(Environment.deleted_at.is_(None))
            .order_by(Environment.stage_order, Environment.name)
        ).all()
    )


def previous_stage(s: Session, release_id: uuid.UUID, env: Environment) -> Environment | None:
    """The stage before ``env`` on the release's path (None: the first stage).

    An environment off the release's path is refused, naming the path.
    """
    path = promotion_path(s, release_id)
    ids = [e.id for e in path]
    if env.id not in ids:
        names = " → ".join(e.name for e in path) or "no environments"
        raise ValidationError(f"{env.name} is not on this release's promotion path ({names}).")
    at = ids.index(env.id)
    return path[at - 1] if at else None
