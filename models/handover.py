"""Knowledge transfer, stakeholder communications and deployment runbooks."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Entity, enum_column, fk
from models.enums import Audience, Channel, CommunicationAudience


class HandoverItem(Entity):
    """Knowledge handed to users, operations or support; done once someone accepts it."""

    __tablename__ = "handover_item"

    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    audience: Mapped[Audience] = enum_column(Audience)
    title: Mapped[str] = mapped_column(sa.String(240))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    owner_id: Mapped[uuid.UUID | None] = fk("person.id")
    accepted_by: Mapped[str | None] = mapped_column(sa.String(120), default=None)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Communication(Entity):
    """A planned (and later sent) message to an audience about a release."""

    __tablename__ = "communication"

    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    audience: Mapped[CommunicationAudience] = enum_column(CommunicationAudience)
    channel: Mapped[Channel] = enum_column(Channel, default=Channel.EMAIL)
    subject: Mapped[str] = mapped_column(sa.String(240))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    planned_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    sent_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Runbook(Entity):
    """Ordered, parameterised deployment steps for one environment."""

    __tablename__ = "runbook"

    release_id: Mapped[uuid.UUID | None] = fk("release.id")
    environment_id: Mapped[uuid.UUID | None] = fk("environment.id")
    name: Mapped[str] = mapped_column(sa.String(160))
    description: Mapped[str] = mapped_column(sa.Text, default="")


class RunbookStep(Entity):
    """One step of a runbook: a command template with ``{parameters}``."""

    __tablename__ = "runbook_step"

    runbook_id: Mapped[uuid.UUID] = fk("runbook.id", nullable=False)
    position: Mapped[int] = mapped_column(sa.Integer)
    name: Mapped[str] = mapped_column(sa.String(160))
    command_template: Mapped[str] = mapped_column(sa.Text, default="")
    expected_result: Mapped[str] = mapped_column(sa.Text, default="")
    timeout_seconds: Mapped[int] = mapped_column(sa.Integer, default=600)
    expected_exit_code: Mapped[int] = mapped_column(sa.Integer, default=0)
    backout_command: Mapped[str] = mapped_column(sa.Text, default="")


class RunbookRun(Entity):
    """One execution (or dry run) of a runbook for a release; never left ``running``."""

    __tablename__ = "runbook_run"

    runbook_id: Mapped[uuid.UUID] = fk("runbook.id", nullable=False)
    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    status: Mapped[str] = mapped_column(sa.String(24), default="running")
    dry_run: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    started_at: Mapped[dt.datetime] = mapped_column()
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    started_by: Mapped[str] = mapped_column(sa.String(120), default="")
    output_dir: Mapped[str] = mapped_column(sa.String(500), default="")


class RunbookStepResult(Entity):
    """What one step (or backout step) of a run did: command, exit code, time, output."""

    __tablename__ = "runbook_step_result"

    run_id: Mapped[uuid.UUID] = fk("runbook_run.id", nullable=False)
    position: Mapped[int] = mapped_column(sa.Integer)
    phase: Mapped[str] = mapped_column(sa.String(12), default="run")
    name: Mapped[str] = mapped_column(sa.String(160), default="")
    command: Mapped[str] = mapped_column(sa.Text, default="")
    outcome: Mapped[str] = mapped_column(sa.String(24), default="")
    exit_code: Mapped[int | None] = mapped_column(sa.Integer, default=None)
    duration_seconds: Mapped[float] = mapped_column(sa.Float, default=0.0)
    output: Mapped[str] = mapped_column(sa.Text, default="")
    output_path: Mapped[str] = mapped_column(sa.String(500), default="")
