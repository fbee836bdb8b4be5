"""What ships: packages of configuration items, builds, and deployments of packages."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Entity, enum_column, fk
from models.enums import BuildStatus, DeploymentStatus, PackageStatus


class ReleasePackage(Entity):
    """Related, compatible components released together.

    Once baselined, ``manifest_hash`` fingerprints its configuration items; a later
    change to them no longer matches and is flagged.
    """

    __tablename__ = "release_package"

    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    name: Mapped[str] = mapped_column(sa.String(160))
    status: Mapped[PackageStatus] = enum_column(PackageStatus, default=PackageStatus.DRAFT)
    baselined_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    manifest_hash: Mapped[str | None] = mapped_column(sa.String(64), default=None)
    # The baselined manifest itself (canonical JSON), so a deviation can say what changed.
    baseline_manifest: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    baselined_by: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    baseline_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")


class ConfigurationItem(Entity):
    """A component at a version with its artifact and the artifact's SHA-256."""

    __tablename__ = "configuration_item"

    package_id: Mapped[uuid.UUID] = fk("release_package.id", nullable=False)
    component: Mapped[str] = mapped_column(sa.String(160), index=True)
    version_label: Mapped[str] = mapped_column(sa.String(60))
    kind: Mapped[str] = mapped_column(sa.String(40), default="service")
    artifact_uri: Mapped[str] = mapped_column(sa.String(500), default="")
    sha256: Mapped[str] = mapped_column(sa.String(64), default="")
    size_bytes: Mapped[int | None] = mapped_column(sa.BigInteger, default=None)
    domain: Mapped[str] = mapped_column(sa.String(80), default="", server_default="")


class CompatibilityRule(Entity):
    """``component`` requires ``requires_component`` at a version matching ``specifier``.

    ``specifier`` is a PEP 440 specifier set (``>=3.0,<4.0``); rules written before it
    existed had ``[min_version, max_version)``, which migration 0011 turned into one.
    """

    __tablename__ = "compatibility_rule"

    component: Mapped[str] = mapped_column(sa.String(160), index=True)
    requires_component: Mapped[str] = mapped_column(sa.String(160))
    min_version: Mapped[str | None] = mapped_column(sa.String(60), default=None)
    max_version: Mapped[str | None] = mapped_column(sa.String(60), default=None)
    specifier: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")


class Build(Entity):
    """A build of a release, linked to the package it produced."""

    __tablename__ = "build"

    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    package_id: Mapped[uuid.UUID | None] = fk("release_package.id")
    number: Mapped[str] = mapped_column(sa.String(60))
    vcs_ref: Mapped[str] = mapped_column(sa.String(120), default="")
    status: Mapped[BuildStatus] = enum_column(BuildStatus, default=BuildStatus.SUCCEEDED)
    built_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class BuildNote(Entity):
    """One note gathered for a build (a commit message, a ticket, a manual remark)."""

    __tablename__ = "build_note"

    build_id: Mapped[uuid.UUID] = fk("build.id", nullable=False)
    kind: Mapped[str] = mapped_column(sa.String(24), default="commit")
    reference: Mapped[str] = mapped_column(sa.String(120), default="")
    author: Mapped[str] = mapped_column(sa.String(120), default="")
    text: Mapped[str] = mapped_column(sa.Text, default="")
    component: Mapped[str] = mapped_column(sa.String(160), default="")
    paths: Mapped[str] = mapped_column(sa.Text, default="")  # changed paths, one a line
    committed_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Deployment(Entity):
    """A package deployed to an environment, with its lifecycle and backout plan."""

    __tablename__ = "deployment"

    package_id: Mapped[uuid.UUID] = fk("release_package.id", nullable=False)
    environment_id: Mapped[uuid.UUID] = fk("environment.id", nullable=False)
    build_id: Mapped[uuid.UUID | None] = fk("build.id")
    status: Mapped[DeploymentStatus] = enum_column(
        DeploymentStatus, default=DeploymentStatus.SCHEDULED
    )
    planned_start: Mapped[dt.datetime | None] = mapped_column(default=None)
    planned_end: Mapped[dt.datetime | None] = mapped_column(default=None)
    actual_start: Mapped[dt.datetime | None] = mapped_column(default=None)
    actual_end: Mapped[dt.datetime | None] = mapped_column(default=None)
    deployed_by_id: Mapped[uuid.UUID | None] = fk("person.id")
    backout_plan: Mapped[str] = mapped_column(sa.Text, default="")
    verification_result: Mapped[str] = mapped_column(sa.Text, default="")
    manifest_hash: Mapped[str] = mapped_column(sa.String(64), default="")
    deviation: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    log_text: Mapped[str] = mapped_column(sa.Text, default="")


class DeploymentEvent(Entity):
    """One lifecycle step of a deployment: the status it reached, when and by whom."""

    __tablename__ = "deployment_event"

    deployment_id: Mapped[uuid.UUID] = fk("deployment.id", nullable=False)
    status: Mapped[DeploymentStatus] = enum_column(DeploymentStatus)
    at: Mapped[dt.datetime] = mapped_column()
    by_name: Mapped[str] = mapped_column(sa.String(120), default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")
