"""Builders for the editor-service tests: small, explicit records in a real workspace."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from app.services import people_service, release_service
from app.workspace import Workspace
from models import (
    AuditLog,
    Deployment,
    Domain,
    Environment,
    HandoverItem,
    PromotionStep,
    Release,
    ReleasePackage,
    Risk,
    ScopeItem,
)
from models.bulk_audit import insert_audited
from models.enums import DeploymentStatus, EnvironmentStage


@dataclass(frozen=True)
class World:
    """One domain, two people and one release to edit."""

    ws: Workspace
    domain_id: uuid.UUID
    alice: uuid.UUID
    bob: uuid.UUID
    release_id: uuid.UUID


def add_domain(ws: Workspace, name: str, colour: str = "#112233") -> uuid.UUID:
    """A delivery domain (no service creates domains yet)."""
    with ws.transaction() as s:
        domain = Domain(name=name, code=name[:3].upper(), colour=colour)
        s.add(domain)
        s.flush()
        return domain.id


def add_environment(ws: Workspace, name: str, stage: EnvironmentStage, order: int) -> uuid.UUID:
    """An environment at a stage of the promotion path."""
    with ws.transaction() as s:
        env = Environment(name=name, stage=stage, stage_order=order)
        s.add(env)
        s.flush()
        return env.id


def audit_count(ws: Workspace) -> int:
    """How many audit rows exist: proves whether a refused call wrote anything."""
    with ws.transaction() as s:
        return s.scalar(sa.select(sa.func.count()).select_from(AuditLog)) or 0


def make_world(ws: Workspace) -> World:
    """Payments domain; Alice (owner) and Bob; release "Checkout 1.0"."""
    domain = add_domain(ws, "Payments", "#AA0000")
    alice = people_service.add_person(ws, "Alice Archer", "alice@example.com").id
    bob = people_service.add_person(ws, "Bob Baker", domain_id=domain).id
    release = release_service.create_release(
        ws, name="Checkout", version_label="1.0", domain_id=domain, owner_id=alice
    ).id
    return World(ws, domain, alice, bob, release)


def add_promotion_path(ws: Workspace, release_id: uuid.UUID, envs: list[uuid.UUID]) -> None:
    """Put ``envs`` on the release's promotion path, in this order."""
    with ws.transaction() as s:
        for position, env in enumerate(envs):
            s.add(PromotionStep(release_id=release_id, environment_id=env, position=position))


def add_deployment(
    ws: Workspace, release_id: uuid.UUID, env: uuid.UUID, status: DeploymentStatus
) -> None:
    """A deployment of a (new) package of the release to ``env``."""
    with ws.transaction() as s:
        package = ReleasePackage(release_id=release_id, name="pkg")
        s.add(package)
        s.flush()
        s.add(Deployment(package_id=package.id, environment_id=env, status=status))


def populate_board(ws: Workspace, releases: int, handover: int, risks: int, scope: int) -> None:
    """Bulk rows for the board through the audited bulk path (fast): releases R0.., and
    handover items, risks and scope items dealt round them; every third handover item
    accepted."""
    ids = [uuid.uuid4() for _ in range(releases)]
    accepted = dt.datetime(2026, 1, 1)
    with ws.transaction() as s:
        insert_audited(s, Release, [{"id": r, "name": f"R{n}"} for n, r in enumerate(ids)])
        insert_audited(
            s,
            HandoverItem,
            [
                {
                    "release_id": ids[n % releases],
                    "audience": "users",
                    "title": f"H{n}",
                    "accepted_at": None if n % 3 else accepted,
                }
                for n in range(handover)
            ],
        )
        insert_audited(
            s,
            Risk,
            [
                {
                    "release_id": ids[n % releases],
                    "title": f"K{n}",
                    "probability": 1 + n % 5,
                    "impact": 1 + (n // 5) % 5,
                }
                for n in range(risks)
            ],
        )
        insert_audited(
            s,
            ScopeItem,
            [{"release_id": ids[n % releases], "title": f"S{n}"} for n in range(scope)],
        )
