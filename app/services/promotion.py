"""Environments in stage order and each release's promotion path through them.

The stage order (dev → test → staging → production by default) is editable: each
environment's ``stage_order``. A release's promotion path is its promotion steps, in
``position`` order; a release without steps follows every environment in stage order.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.errors import Conflict, ConflictError, ValidationError
from app.services import _rows
from app.workspace import Workspace
from models import Environment, PromotionStep, Release
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


@dataclass(frozen=True)
class PathRow:
    """A release's promotion path as a coordinator sees it: its environments in order,
    and whether it was chosen (``custom``) or is every environment in stage order."""

    release_id: uuid.UUID
    environments: tuple[EnvironmentRow, ...]
    custom: bool

    @property
    def ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(e.id for e in self.environments)

    @property
    def text(self) -> str:
        return " → ".join(e.name for e in self.environments) or "no environments"


def _row(env: Environment) -> EnvironmentRow:
    return EnvironmentRow(env.id, env.name, env.stage, env.stage_order, env.version)


def _live_steps(s: Session, release_id: uuid.UUID) -> list[PromotionStep]:
    return list(
        s.scalars(
            sa.select(PromotionStep).where(
                PromotionStep.release_id == release_id, PromotionStep.deleted_at.is_(None)
            )
        ).all()
    )


def _path_in(s: Session, release_id: uuid.UUID) -> PathRow:
    envs = tuple(_row(e) for e in promotion_path(s, release_id))
    return PathRow(release_id, envs, bool(_live_steps(s, release_id)))


def release_path(ws: Workspace, release_id: uuid.UUID) -> PathRow:
    """The release's promotion path (every environment in stage order until one is set)."""
    with ws.reading() as s:
        _rows.require_ref(s, Release, release_id)
        return _path_in(s, release_id)


def set_promotion_path(
    ws: Workspace,
    release_id: uuid.UUID,
    environment_ids: Sequence[uuid.UUID] | None,
    expected: Sequence[uuid.UUID] | None = None,
) -> Change:
    """Make ``environment_ids`` (in order) the release's promotion path; None: follow
    every environment in stage order again.

    ``expected`` is the path the caller read (its environment ids): a path a colleague
    changed since is not overwritten (:class:`ConflictError`). Steps of environments
    kept are reused, those left out are deleted (soft), new ones added.
    """
    with ws.transaction() as s:
        release = _rows.require_ref(s, Release, release_id)
        current = _path_in(s, release_id)
        wanted = None if environment_ids is None else _chosen(s, environment_ids)
        if expected is not None and tuple(expected) != current.ids:
            mine = " → ".join(e.name for e in wanted) if wanted else "every environment"
            conflict = Conflict("promotion path", current.text, mine, current.ids, wanted)
            raise ConflictError(
                f"promotion path of {release.title}",
                str(release_id),
                (conflict,),
                table="promotion_step",
            )
        steps = {step.environment_id: step for step in _live_steps(s, release_id)}
        when = clock.precise_now()
        keep = {e.id: n for n, e in enumerate(wanted or ())}
        touched: list[PromotionStep] = []
        for env_id, step in steps.items():
            if env_id not in keep:
                step.deleted_at = when
            elif step.position != keep[env_id]:
                step.position = keep[env_id]
            else:
                continue
            touched.append(step)
        for env_id, position in keep.items():
            if env_id not in steps:
                step = PromotionStep(
                    release_id=release_id, environment_id=env_id, position=position
                )
                s.add(step)
                touched.append(step)
        s.flush()
        return Change("promotion_step", ChangeAction.UPDATED, tuple(x.id for x in touched))


def _chosen(s: Session, environment_ids: Sequence[uuid.UUID]) -> list[Environment]:
    """The live environments named, in order; none, a repeat or a deleted one: refused."""
    if not environment_ids:
        raise ValidationError("A promotion path needs at least one environment.")
    if len(set(environment_ids)) != len(environment_ids):
        raise ValidationError("An environment can be on a promotion path only once.")
    return [_rows.require_ref(s, Environment, i, "environment") for i in environment_ids]


def path_from_names(ws: Workspace, names: Sequence[str]) -> list[uuid.UUID]:
    """The environments ``names`` name (any case), in that order; an unknown one is
    refused with the list of known names."""
    with ws.reading() as s:
        found = [environment_named(s, name) for name in names if name.strip()]
        return [e.id for e in found if e is not None]
